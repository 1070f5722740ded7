"""The open data: the tables of /data/, derived once per build from the index.

The case table (communiques.csv) has one row per listed case, with the pages' rules: a minor's
age is "minor"; a case whose status is acquitted or no-offence has no person details. Withdrawn
cases are not in it: withdrawn.csv keeps only their id, dates and the reason, so that
researchers see that something was withdrawn without any fact of it. The registries (cities,
offences, issuers, platforms, seized items) are tables too, so that every key has its names.
A text has one column per site language (title_<code>…), named from the languages of the
build: no language is written here.

Every cell is a string here, "" where a value does not apply: the CSV is written as is, the
JSON and the spreadsheet type the values by the schema of their table.

A listed case's rows are serialised once for every file that holds them (Serialised); the files
that hold every case are assembled from monthly parts kept in the cache folder (parts.py):
writing them again for one new case serialises and compresses its month, not 10,000 cases.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from communiques_site.core import routes
from communiques_site.core.labels import N_
from communiques_site.core.languages import Language, Languages

from . import xlsx
from .schema import JSONObject, Text

if TYPE_CHECKING:
    from communiques_site.communiques.index import CaseIndex
    from communiques_site.communiques.model import Case
    from communiques_site.communiques.registry import City, Entry, Kind, Registries

E = TypeVar("E", bound="Entry")
Row = dict[str, str]  # column -> its text, "" where it does not apply

LIST_SEPARATOR = "|"
REGISTRIES: tuple[Kind, ...] = (
    "offences",
    "issuers",
    "platforms",
    "seized",
)  # a key and its names each


@dataclass(frozen=True)
class Table:
    name: str  # of the resource in datapackage.json (and of the spreadsheet's sheet)
    path: str  # under /data/
    schema: str  # a key of schema.SCHEMAS
    fields: list[JSONObject]  # of that schema, for this build's languages
    rows: list[Row]  # none for the case tables, assembled from parts (parts.py)
    description: Text
    part: str = ""  # the case tables: which rows of a case they hold ("case" or "offences")

    @property
    def columns(self) -> list[str]:
        """The columns in the order of the schema (which is the CSV's order)."""
        return [field["name"] for field in self.fields]

    @property
    def types(self) -> dict[str, str]:
        return {field["name"]: field["type"] for field in self.fields}


def _utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _hours(value: float | None) -> str:
    """Hours to one decimal, as the figures take them."""
    return "" if value is None else f"{value:.1f}"


def _response(case: Case) -> tuple[str, str]:
    """(response_hours, arrested_before_video): an arrest before the video circulated is no
    time of response (the figures count it apart), so that the column's median is the
    published median; it is flagged in a column of its own."""
    hours = case.response_hours
    if hours is not None and hours < 0:
        return "", "true"
    return _hours(hours), "false"


def _persons(case: Case) -> tuple[int, int, int]:
    """adults, minors and persons_details_removed: their sum is always persons_arrested, so the
    three stay integers (never empty) while a scrubbed case tells nothing of its persons."""
    if case.scrubbed:
        return 0, 0, len(case.suspects)
    minors = sum(suspect.minor for suspect in case.suspects)
    return len(case.suspects) - minors, minors, 0


def _in_each(languages: Iterable[Language], column: str, text: Callable[[str], str]) -> Row:
    """{<column>_<code>: text(code)} for every language of the site."""
    return {f"{column}_{language.code}": text(language.code) for language in languages}


def case_row(
    case: Case, siteurl: str, registries: Registries, languages: Languages, code: str = ""
) -> Row:
    """The row of one listed case; `code`: its verification code (communiques_site/tlog), if any."""
    city = registries["cities"][case.city]
    suspects = case.suspects
    shown = () if case.scrubbed else suspects
    adults, minors, removed = _persons(case)
    response_hours, before = _response(case)
    return {
        "id": case.id,
        "withdrawn": "false",
        "type": case.type,
        "published": _utc(case.published),
        "updated": _utc(case.updated),
        "city": case.city,
        **_in_each(languages, "city", lambda code: city.name[code]),
        **_in_each(languages, "region", lambda code: city.region[code]),
        "latitude": f"{city.lat:.4f}",
        "longitude": f"{city.lon:.4f}",
        "issuer": case.issuer,
        "offences": LIST_SEPARATOR.join(case.offences),
        "platform": case.video.platform,
        "circulated_at": _utc(case.video.circulated_at),
        "filmed_at": _utc(case.video.filmed_at),
        "verification": case.video.verification,
        "arrested_at": _utc(case.arrested_at),
        "response_hours": response_hours,
        "publication_hours": _hours(case.publication_hours),
        "persons_arrested": str(len(suspects)),
        "adults": str(adults),
        "minors": str(minors),
        "details_removed": "true" if case.scrubbed else "false",
        "ages": LIST_SEPARATOR.join("minor" if s.minor else str(s.age) for s in shown),
        "sexes": LIST_SEPARATOR.join(s.sex for s in shown),
        "prior_records": LIST_SEPARATOR.join("" if s.minor else s.prior_record for s in shown),
        "sought": str(case.sought),
        "status": case.status,
        "seized": LIST_SEPARATOR.join(
            item if quantity is None else f"{item}:{quantity}" for item, quantity in case.seized
        ),
        **_in_each(languages, "title", lambda code: case.texts[code].title),
        **_in_each(languages, "url", lambda code: siteurl + routes.communique(code, case.id)),
        "persons_details_removed": str(removed),
        "arrested_before_video": before,
        "verification_code": code,
    }


def withdrawn_row(case: Case, languages: Languages) -> Row:
    """Only what says that a communiqué existed and why it went: no fact of the case."""
    withdrawal = case.withdrawn
    if withdrawal is None:
        raise ValueError(f"{case.id} is not withdrawn")
    return {
        "id": case.id,
        "published": _utc(case.published),
        "withdrawn_at": _utc(withdrawal.at),
        **_in_each(languages, "reason", lambda code: withdrawal.reason[code]),
    }


def _change_value(value: object) -> str:
    if value is None:
        return ""
    return _utc(value) if isinstance(value, datetime) else str(value)


def fact_change_rows(case: Case) -> list[Row]:
    """What each published update changed of the case's facts: its row says the facts as they
    stand; these say how they came to be (counts of persons, never their details)."""
    return [
        {
            "id": case.id,
            "date": _utc(change.at),
            "field": change.field,
            "old": _change_value(change.old),
            "new": _change_value(change.new),
        }
        for change in case.changes
    ]


def offence_rows(case: Case) -> list[Row]:
    return [
        {"id": case.id, "offence": offence, "rank": str(rank)}
        for rank, offence in enumerate(case.offences, start=1)
    ]


def city_row(entry: City, languages: Languages) -> Row:
    return {
        **registry_row(entry, languages),
        **_in_each(languages, "region", lambda code: entry.region[code]),
        "latitude": f"{entry.lat:.4f}",
        "longitude": f"{entry.lon:.4f}",
    }


def registry_row(entry: Entry, languages: Languages) -> Row:
    return {"key": entry.key, **_in_each(languages, "name", lambda code: entry.name[code])}


def chronological(cases: Iterable[Case]) -> list[Case]:
    """Oldest first: a stable order for diffs between releases."""
    return sorted(cases, key=lambda c: (c.published, c.id))


# The full tables: resource name, file under /data/, schema, description (an English msgid).
FILES = (
    (
        "communiques",
        "communiques.csv",
        "communiques",
        N_("Every listed communiqué, one row per case."),
    ),
    ("communiques-json", "communiques.json", "communiques", N_("The same rows as JSON objects.")),
    (
        "case-offences",
        "case_offences.csv",
        "case_offences",
        N_("One row per offence of each case: the offences column in long format."),
    ),
    (
        "fact-changes",
        "fact_changes.csv",
        "fact_changes",
        N_(
            "What the updates changed of each listed case's facts: one row per fact changed, "
            "with its date, the value before and after."
        ),
    ),
    (
        "withdrawn",
        "withdrawn.csv",
        "withdrawn",
        N_("Withdrawn communiqués: id, dates and reason only."),
    ),
    (
        "cities",
        "cities.csv",
        "cities",
        N_("Cities: names and regions in each language of the site, coordinates."),
    ),
    (
        "offences",
        "offences.csv",
        "registry",
        N_("Offences: legal wording in each language of the site."),
    ),
    ("issuers", "issuers.csv", "registry", N_("Issuing units of the communiqués.")),
    ("platforms", "platforms.csv", "registry", N_("Platforms where the videos circulated.")),
    (
        "seized",
        "seized.csv",
        "registry",
        N_("Items that can be seized (keys of the seized column)."),
    ),
)
# The full tables made from the cases (the others are the registries').
OF_CASES = (
    "communiques.csv",
    "communiques.json",
    "case_offences.csv",
    "fact_changes.csv",
    "withdrawn.csv",
)


def _by_key(entries: Mapping[str, E]) -> list[E]:
    return [entries[key] for key in sorted(entries)]


def tables(
    index: CaseIndex, languages: Languages, schemas: Mapping[str, JSONObject]
) -> tuple[list[Table], list[Table]]:
    """(full, per_city): the tables of /data/ and the case table cut by city, with the fields
    of this build's `schemas` (schema.schemas of its `languages`); the case tables' rows are
    their parts' (parts.py)."""
    registries = index.registries
    listed = chronological(index.listed)
    rows: dict[str, list[Row]] = {
        "fact-changes": [row for case in listed for row in fact_change_rows(case)],
        "withdrawn": [withdrawn_row(c, languages) for c in chronological(index.withdrawn)],
        "cities": [city_row(entry, languages) for entry in _by_key(registries["cities"])],
        **{
            kind: [registry_row(entry, languages) for entry in _by_key(registries[kind])]
            for kind in REGISTRIES
        },
    }
    parts = {"communiques": "case", "communiques-json": "case", "case-offences": "offences"}
    full = [
        Table(
            name,
            path,
            kind,
            schemas[kind]["fields"],
            rows.get(name, []),
            Text(description),
            parts.get(name, ""),
        )
        for name, path, kind, description in FILES
    ]
    return full, _per_city(registries["cities"], schemas["communiques"]["fields"])


def _per_city(cities: Mapping[str, City], fields: list[JSONObject]) -> list[Table]:
    """The case table cut by city: every city of the registry, even one without a case yet."""
    about = N_("The communiqués about %(city)s.")
    return [
        Table(
            f"city-{key}",
            f"cities/{key}.csv",
            "communiques",
            fields,
            [],
            Text(about, {"city": city.name}),
            "case",
        )
        for key, city in cities.items()
    ]


def last_change(cases: Iterable[Case]) -> datetime | None:
    """The newest publication, update or withdrawal: the date the data as a whole carry."""
    moments = [case.updated for case in cases if case.listed]
    moments += [case.published for case in cases]
    moments += [case.withdrawn.at for case in cases if case.withdrawn]
    return max(moments, default=None)


class Serialised(NamedTuple):
    """A listed case in every file that has rows of it."""

    csv: str  # its line of communiques.csv (and of its city's file)
    json: str  # its object in communiques.json, indented as an item of the list
    xlsx: str  # its row of the workbook's case sheet (xlsx.row)
    offences_csv: str  # its lines of case_offences.csv
    offences_xlsx: tuple[str, ...]  # its rows of the workbook's offence sheet


def line(values: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _json_item(row: Row, kinds: Mapping[str, str]) -> str:
    """The object of `row`, its columns in the order of `kinds` (the schema's), as
    json.dumps(indent=1) writes it inside a list: a JSON text has no line break but between
    its tokens, so indenting every line shifts it one level."""
    typed = {name: _typed(row[name], kind) for name, kind in kinds.items()}
    return " " + json.dumps(typed, ensure_ascii=False, indent=1).replace("\n", "\n ")


def serialise(
    case: Case,
    siteurl: str,
    registries: Registries,
    languages: Languages,
    schemas: Mapping[str, JSONObject],
    code: Callable[[str], str] = lambda case_id: "",
) -> Serialised:
    """The Serialised rows of a listed case, with the fields of this build's `schemas`."""
    fields = schemas["communiques"]["fields"]
    row = case_row(case, siteurl, registries, languages, code(case.id))
    values = [row[field["name"]] for field in fields]
    kinds = [field["type"] for field in fields]
    offence_kinds = [field["type"] for field in schemas["case_offences"]["fields"]]
    offences = [list(offence.values()) for offence in offence_rows(case)]
    return Serialised(
        line(values),
        _json_item(row, {field["name"]: field["type"] for field in fields}),
        xlsx.row(values, kinds),
        "".join(line(values) for values in offences),
        tuple(xlsx.row(values, offence_kinds) for values in offences),
    )


def to_csv(table: Table) -> bytes:
    """A table's CSV, but the case tables' (parts.py)."""
    lines = [line(row[name] for name in table.columns) for row in table.rows]
    return (line(table.columns) + "".join(lines)).encode("utf-8")


def sheet_rows(table: Table) -> list[str]:
    """A table's rows in the workbook, its header first, but the case tables' (parts.py)."""
    kinds = [field["type"] for field in table.fields]
    rows = [xlsx.row([row[name] for name in table.columns], kinds) for row in table.rows]
    return [xlsx.header(table.columns), *rows]


def _typed(value: str, kind: str) -> str | bool | int | float | None:
    if value == "":
        return None
    if kind == "boolean":
        return value == "true"
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value
