"""The open data: the tables of /data/, derived once per build from the index.

The case table (communiques.csv) has one row per listed case, with the pages' rules: a minor's
age is "minor"; a case whose status is acquitted or no-offence has no person details. Withdrawn
cases are not in it: withdrawn.csv keeps only their id, dates and the reason, so that
researchers see that something was withdrawn without any fact of it. The registries (cities,
offences, issuers, platforms, seized items) are tables too, so that every key has its names.

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

from . import schema

LIST_SEPARATOR = "|"
REGISTRIES = ("offences", "issuers", "platforms", "seized")  # a key and its names each


@dataclass(frozen=True)
class Table:
    name: str  # of the resource in datapackage.json (and of the spreadsheet's sheet)
    path: str  # under /data/
    schema: str  # a key of schema.SCHEMAS
    rows: list  # {column: text}
    description: dict  # en, fr, ar

    @property
    def columns(self):
        return schema.columns(self.schema)


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


def case_row(case, siteurl, registries):
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
        "city_ar": city.name["ar"],
        "city_fr": city.name["fr"],
        "region_fr": city.region["fr"],
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
        "title_ar": case.texts["ar"].title,
        "title_fr": case.texts["fr"].title,
        "url_ar": siteurl + routes.communique("ar", case.id),
        "url_fr": siteurl + routes.communique("fr", case.id),
        "region_ar": city.region["ar"],
        "persons_details_removed": str(removed),
    }


def withdrawn_row(case):
    """Only what says that a communiqué existed and why it went: no fact of the case."""
    return {
        "id": case.id,
        "published": _utc(case.published),
        "withdrawn_at": _utc(case.withdrawn.at),
        "reason_ar": case.withdrawn.reason["ar"],
        "reason_fr": case.withdrawn.reason["fr"],
    }


def offence_rows(case):
    return [
        {"id": case.id, "offence": offence, "rank": str(rank)}
        for rank, offence in enumerate(case.offences, start=1)
    ]


def city_row(entry):
    return {
        "key": entry.key,
        "name_ar": entry.name["ar"],
        "name_fr": entry.name["fr"],
        "region_ar": entry.region["ar"],
        "region_fr": entry.region["fr"],
        "latitude": f"{entry.lat:.4f}",
        "longitude": f"{entry.lon:.4f}",
    }


def registry_row(entry):
    return {"key": entry.key, "name_ar": entry.name["ar"], "name_fr": entry.name["fr"]}


def _chronological(cases):
    """Oldest first: a stable order for diffs between releases."""
    return sorted(cases, key=lambda c: (c.published, c.id))


# The full tables: resource name, file under /data/, schema, description (en, fr, ar).
FILES = (
    (
        "communiques",
        "communiques.csv",
        "communiques",
        (
            "Every listed communiqué, one row per case.",
            "Tous les communiqués en ligne, une ligne par affaire.",
            "كل البلاغات المنشورة، سطر لكل قضية.",
        ),
    ),
    (
        "communiques-json",
        "communiques.json",
        "communiques",
        (
            "The same rows as JSON objects.",
            "Les mêmes lignes en objets JSON.",
            "نفس الأسطر بصيغة JSON.",
        ),
    ),
    (
        "case-offences",
        "case_offences.csv",
        "case_offences",
        (
            "One row per offence of each case: the offences column in long format.",
            "Une ligne par infraction de chaque affaire : la colonne offences en format long.",
            "سطر لكل جريمة في كل قضية: عمود offences في صيغة طويلة.",
        ),
    ),
    (
        "withdrawn",
        "withdrawn.csv",
        "withdrawn",
        (
            "Withdrawn communiqués: id, dates and reason only.",
            "Communiqués retirés : identifiant, dates et motif seulement.",
            "البلاغات المسحوبة: المعرف والتواريخ والسبب فقط.",
        ),
    ),
    (
        "cities",
        "cities.csv",
        "cities",
        (
            "Cities: names and regions in both languages, coordinates.",
            "Villes : noms et régions dans les deux langues, coordonnées.",
            "المدن: الأسماء والجهات باللغتين والإحداثيات.",
        ),
    ),
    (
        "offences",
        "offences.csv",
        "registry",
        (
            "Offences: legal wording in Arabic and French.",
            "Infractions : libellé juridique en arabe et en français.",
            "الجرائم: الصيغة القانونية بالعربية والفرنسية.",
        ),
    ),
    (
        "issuers",
        "issuers.csv",
        "registry",
        (
            "Issuing units of the communiqués.",
            "Services émetteurs des communiqués.",
            "الجهات المصدرة للبلاغات.",
        ),
    ),
    (
        "platforms",
        "platforms.csv",
        "registry",
        (
            "Platforms where the videos circulated.",
            "Plateformes de diffusion des vidéos.",
            "منصات نشر الفيديوهات.",
        ),
    ),
    (
        "seized",
        "seized.csv",
        "registry",
        (
            "Items that can be seized (keys of the seized column).",
            "Objets saisis possibles (clés de la colonne seized).",
            "المحجوزات (مفاتيح عمود seized).",
        ),
    ),
)


def _by_key(entries):
    return [entries[key] for key in sorted(entries)]


def tables(index, siteurl):
    """(full, per_city): the tables of /data/ and the case table cut by city."""
    registries = index.registries
    listed = _chronological(index.listed)
    cases = [case_row(case, siteurl, registries) for case in listed]
    rows = {
        "communiques": cases,
        "communiques-json": cases,
        "case-offences": [row for case in listed for row in offence_rows(case)],
        "withdrawn": [withdrawn_row(case) for case in _chronological(index.withdrawn)],
        "cities": [city_row(entry) for entry in _by_key(registries["cities"])],
        **{kind: [registry_row(e) for e in _by_key(registries[kind])] for kind in REGISTRIES},
    }
    full = [
        Table(name, path, schema_, rows[name], dict(zip(("en", "fr", "ar"), texts, strict=True)))
        for name, path, schema_, texts in FILES
    ]
    return full, _per_city(cases, registries["cities"])


def _per_city(cases, cities):
    """The case table cut by city: every city of the registry, even one without a case yet."""
    by_city = {key: [] for key in cities}
    for row in cases:
        by_city[row["city"]].append(row)
    return [
        Table(
            f"city-{key}",
            f"cities/{key}.csv",
            "communiques",
            rows,
            {
                "en": f"The communiqués about {cities[key].name['fr']}.",
                "fr": f"Les communiqués sur {cities[key].name['fr']}.",
                "ar": f"البلاغات المتعلقة بـ{cities[key].name['ar']}.",
            },
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
    kinds = schema.types(table.schema)
    return [{name: _typed(row[name], kinds[name]) for name in table.columns} for row in table.rows]


def to_json(table):
    text = json.dumps(typed_rows(table), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
