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
"""

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import UTC

from core import routes
from core.labels import N_

from .schema import Text

LIST_SEPARATOR = "|"
REGISTRIES = ("offences", "issuers", "platforms", "seized")  # a key and its names each


@dataclass(frozen=True)
class Table:
    name: str  # of the resource in datapackage.json (and of the spreadsheet's sheet)
    path: str  # under /data/
    schema: str  # a key of schema.SCHEMAS
    fields: list  # of that schema, for this build's languages
    rows: list  # {column: text}
    description: Text

    @property
    def columns(self):
        """The columns in the order of the schema (which is the CSV's order)."""
        return [field["name"] for field in self.fields]

    @property
    def types(self):
        return {field["name"]: field["type"] for field in self.fields}


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _hours(value):
    """Hours to one decimal; a negative time stays negative (an arrest two minutes before the
    video circulated is -0.1, not -0.0), so that "before circulation" can be read from it."""
    if value is None:
        return ""
    if value < 0:
        return f"{math.floor(value * 10) / 10:.1f}"
    return f"{value:.1f}"


def _persons(case):
    """adults, minors and persons_details_removed: their sum is always persons_arrested, so the
    three stay integers (never empty) while a scrubbed case tells nothing of its persons."""
    if case.scrubbed:
        return 0, 0, len(case.suspects)
    minors = sum(suspect.minor for suspect in case.suspects)
    return len(case.suspects) - minors, minors, 0


def _in_each(languages, column, text):
    """{<column>_<code>: text(code)} for every language of the site."""
    return {f"{column}_{language.code}": text(language.code) for language in languages}


def case_row(case, siteurl, registries, languages):
    """The row of one listed case."""
    city = registries["cities"][case.city]
    suspects = case.suspects
    shown = () if case.scrubbed else suspects
    adults, minors, removed = _persons(case)
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
        "response_hours": _hours(case.response_hours),
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
    }


def withdrawn_row(case, languages):
    """Only what says that a communiqué existed and why it went: no fact of the case."""
    return {
        "id": case.id,
        "published": _utc(case.published),
        "withdrawn_at": _utc(case.withdrawn.at),
        **_in_each(languages, "reason", lambda code: case.withdrawn.reason[code]),
    }


def offence_rows(case):
    return [
        {"id": case.id, "offence": offence, "rank": str(rank)}
        for rank, offence in enumerate(case.offences, start=1)
    ]


def city_row(entry, languages):
    return {
        **registry_row(entry, languages),
        **_in_each(languages, "region", lambda code: entry.region[code]),
        "latitude": f"{entry.lat:.4f}",
        "longitude": f"{entry.lon:.4f}",
    }


def registry_row(entry, languages):
    return {"key": entry.key, **_in_each(languages, "name", lambda code: entry.name[code])}


def _chronological(cases):
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


def _by_key(entries):
    return [entries[key] for key in sorted(entries)]


def tables(index, siteurl, languages, schemas):
    """(full, per_city): the tables of /data/ and the case table cut by city, with the fields
    of this build's `schemas` (schema.schemas of its `languages`)."""
    registries = index.registries
    listed = _chronological(index.listed)
    cases = [case_row(case, siteurl, registries, languages) for case in listed]
    rows = {
        "communiques": cases,
        "communiques-json": cases,
        "case-offences": [row for case in listed for row in offence_rows(case)],
        "withdrawn": [withdrawn_row(c, languages) for c in _chronological(index.withdrawn)],
        "cities": [city_row(entry, languages) for entry in _by_key(registries["cities"])],
        **{
            kind: [registry_row(entry, languages) for entry in _by_key(registries[kind])]
            for kind in REGISTRIES
        },
    }
    full = [
        Table(name, path, kind, schemas[kind]["fields"], rows[name], Text(description))
        for name, path, kind, description in FILES
    ]
    return full, _per_city(cases, registries["cities"], schemas["communiques"]["fields"])


def _per_city(cases, cities, fields):
    """The case table cut by city: every city of the registry, even one without a case yet."""
    by_city = {key: [] for key in cities}
    for row in cases:
        by_city[row["city"]].append(row)
    about = N_("The communiqués about %(city)s.")
    return [
        Table(
            f"city-{key}",
            f"cities/{key}.csv",
            "communiques",
            fields,
            rows,
            Text(about, {"city": cities[key].name}),
        )
        for key, rows in by_city.items()
    ]


def last_change(cases):
    """The newest publication, update or withdrawal: the date the data as a whole carry."""
    moments = [case.updated for case in cases if case.listed]
    moments += [case.published for case in cases]
    moments += [case.withdrawn.at for case in cases if case.withdrawn]
    return max(moments, default=None)


def to_csv(table):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=table.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def _typed(value, kind):
    if value == "":
        return None
    if kind == "boolean":
        return value == "true"
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value


def typed_rows(table):
    """The rows with the values their schema declares: numbers, booleans, None for ""."""
    kinds = table.types
    return [{name: _typed(row[name], kinds[name]) for name in table.columns} for row in table.rows]


def to_json(table):
    text = json.dumps(typed_rows(table), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
