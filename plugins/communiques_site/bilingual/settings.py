"""The site's pages' settings: BILINGUAL = {...} in pelicanconf.py."""

import os
from dataclasses import dataclass

from communiques_site.core.settings import Schema, at_least_one, option


@dataclass(frozen=True)
class BilingualOptions:
    page_size: int = option(20, "communiqués per page of a listing", check=at_least_one)
    pages: str = option("pages", "under PATH: the site's own pages")
    required_pages: tuple[str, ...] = option(
        ("about",), "pages linked from every page: the build needs them"
    )
    workers: int = option(
        min(2, os.cpu_count() or 1), "processes that render pages", check=at_least_one
    )
    parallel_from: int = option(400, "fewer pages than this render in one process")


SCHEMA = Schema("BILINGUAL", BilingualOptions, plugin="bilingual")
