"""The site's pages' settings: BILINGUAL = {...} in pelicanconf.py."""

import os

from communiques_site.core.settings import Option, Schema, at_least_one

SCHEMA = Schema(
    "BILINGUAL",
    (
        Option("page_size", int, 20, "communiqués per page of a listing", check=at_least_one),
        Option("pages", str, "pages", "under PATH: the site's own pages"),
        Option(
            "required_pages",
            (list, tuple),
            ("about",),
            "pages linked from every page: the build needs them",
        ),
        Option(
            "workers",
            int,
            min(2, os.cpu_count() or 1),
            "processes that render pages",
            check=at_least_one,
        ),
        Option("parallel_from", int, 400, "fewer pages than this render in one process"),
    ),
    plugin="bilingual",
)
