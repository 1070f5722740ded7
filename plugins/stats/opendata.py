"""The open data: one row per case, language-independent facts, both titles and permalinks.

Rows follow the pages' rules exactly: a minor's age is "minor"; a case whose status is acquitted
or no-offence has no person details; a withdrawn case keeps only its id, its publication date
and the withdrawn flag, so that researchers see that something was withdrawn.
"""

import csv
import io
import json
from datetime import UTC

from bilingual import urls

COLUMNS = (
    "id", "withdrawn", "type", "published", "updated", "city", "city_ar", "city_fr", "region_fr",
    "latitude", "longitude", "issuer", "offences", "platform", "circulated_at", "filmed_at",
    "verification", "arrested_at", "response_hours", "publication_hours", "persons_arrested",
    "adults", "minors", "details_removed", "ages", "sexes", "prior_records", "sought", "status",
    "seized", "title_ar", "title_fr", "url_ar", "url_fr",
)  # fmt: skip
LIST_SEPARATOR = "|"


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _hours(value):
    return "" if value is None else f"{value:.1f}"


def row(case, siteurl, registries):
    """The row of one case: strings only, "" where a value does not apply."""
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        id=case.id, withdrawn="true" if case.withdrawn else "false", published=_utc(case.published)
    )
    if case.withdrawn:
        return base
    city = registries["cities"][case.city]
    suspects = case.suspects
    shown = () if case.scrubbed else suspects
    base.update(
        type=case.type,
        updated=_utc(case.updated),
        city=case.city,
        city_ar=city.name["ar"],
        city_fr=city.name["fr"],
        region_fr=city.region["fr"],
        latitude=f"{city.lat:.4f}",
        longitude=f"{city.lon:.4f}",
        issuer=case.issuer,
        offences=LIST_SEPARATOR.join(case.offences),
        platform=case.video.platform,
        circulated_at=_utc(case.video.circulated_at),
        filmed_at=_utc(case.video.filmed_at),
        verification=case.video.verification,
        arrested_at=_utc(case.arrested_at),
        response_hours=_hours(case.response_hours),
        publication_hours=_hours(case.publication_hours),
        persons_arrested=str(len(suspects)),
        adults="" if case.scrubbed else str(sum(not s.minor for s in suspects)),
        minors="" if case.scrubbed else str(sum(s.minor for s in suspects)),
        details_removed="true" if case.scrubbed else "false",
        ages=LIST_SEPARATOR.join("minor" if s.minor else str(s.age) for s in shown),
        sexes=LIST_SEPARATOR.join(s.sex for s in shown),
        prior_records=LIST_SEPARATOR.join("" if s.minor else s.prior_record for s in shown),
        sought=str(case.sought),
        status=case.status,
        seized=LIST_SEPARATOR.join(
            item if quantity is None else f"{item}:{quantity}" for item, quantity in case.seized
        ),
        title_ar=case.texts["ar"].title,
        title_fr=case.texts["fr"].title,
        url_ar=siteurl + urls.communique("ar", case.id),
        url_fr=siteurl + urls.communique("fr", case.id),
    )
    return base


def rows(cases, siteurl, registries):
    """Every published case, oldest first (a stable order for diffs between releases)."""
    ordered = sorted(cases, key=lambda c: (c.published, c.id))
    return [row(case, siteurl, registries) for case in ordered]


def to_csv(table):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def to_json(table):
    """The same rows as JSON: typed values (numbers, booleans, null where the CSV is empty)."""
    from .schema import FIELDS

    types = {field["name"]: field["type"] for field in FIELDS}
    typed = []
    for values in table:
        item = {}
        for name in COLUMNS:
            value = values[name]
            if value == "":
                item[name] = None
            elif types[name] == "boolean":
                item[name] = value == "true"
            elif types[name] == "integer":
                item[name] = int(value)
            elif types[name] == "number":
                item[name] = float(value)
            else:
                item[name] = value
        typed.append(item)
    return (json.dumps(typed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
