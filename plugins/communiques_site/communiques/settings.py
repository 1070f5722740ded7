"""The content model's settings: COMMUNIQUES = {...} in pelicanconf.py."""

import os
from dataclasses import dataclass
from datetime import date, datetime

from communiques_site.core.settings import Schema, at_least_one, option


def _moment(value: object) -> list[str]:
    if value is None or isinstance(value, datetime):
        return []
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return [f"{value!r} is not a date and time; write e.g. '2026-11-28T12:00+01:00'"]
    return []


def _day(value: object) -> list[str]:
    if isinstance(value, date):
        return []
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return [f"{value!r} is not a day; write it as '2025-01-01'"]
    return []


def _as_moment(value: str | datetime | None) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _as_day(value: str | date) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class CommuniquesOptions:
    folder: str = option("communiques", "under PATH: the communiqués, a folder per year")
    drafts_folder: str = option("drafts", "under PATH: drafts, built only in preview")
    drafts: bool = option(False, "build the drafts too; never when publishing")
    preview: bool = option(
        False,
        "show embargoed cases and changes, marked, and the press office's page; never "
        "when publishing",
    )
    data: str = option("data", "under PATH: the registries")
    first_published: date = option(
        date(2025, 1, 1),
        "the day of the service's first communiqué: none is published before it",
        check=_day,
        accepts=(str, date),
        parse=_as_day,
    )
    # Text in a settings file (ISO 8601); without an offset, Morocco's time (loading.build_now).
    now: datetime | None = option(
        None,
        "the build's now for embargoes",
        check=_moment,
        accepts=(str, datetime, type(None)),
        parse=_as_moment,
    )
    workers: int = option(
        min(2, os.cpu_count() or 1), "processes that read the files", check=at_least_one
    )
    parallel_from: int = option(400, "fewer files than this are read in one process")


SCHEMA = Schema("COMMUNIQUES", CommuniquesOptions, plugin="communiques")
