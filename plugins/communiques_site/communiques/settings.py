"""The content model's settings: COMMUNIQUES = {...} in pelicanconf.py."""

import os

from communiques_site.core.settings import Option, Schema, at_least_one


def _moment(value):
    from datetime import datetime

    if value is None or isinstance(value, datetime):
        return []
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return [f"{value!r} is not a date and time; write e.g. '2026-11-28T12:00+01:00'"]
    return []


def _day(value):
    from datetime import date

    try:
        date.fromisoformat(str(value))
    except ValueError:
        return [f"{value!r} is not a day; write it as '2025-01-01'"]
    return []


SCHEMA = Schema(
    "COMMUNIQUES",
    (
        Option("folder", str, "communiques", "under PATH: the communiqués, a folder per year"),
        Option("drafts_folder", str, "drafts", "under PATH: drafts, built only in preview"),
        Option("drafts", bool, False, "build the drafts too; never when publishing"),
        Option(
            "preview",
            bool,
            False,
            "show embargoed cases and changes, marked, and the press office's page; never "
            "when publishing",
        ),
        Option("data", str, "data", "under PATH: the registries"),
        Option(
            "first_published",
            str,
            "2025-01-01",
            "the day of the service's first communiqué: none is published before it",
            check=_day,
        ),
        Option("now", (str, object), None, "the build's now for embargoes", check=_moment),
        Option(
            "workers",
            int,
            min(2, os.cpu_count() or 1),
            "processes that read the files",
            check=at_least_one,
        ),
        Option("parallel_from", int, 400, "fewer files than this are read in one process"),
    ),
    plugin="communiques",
)
