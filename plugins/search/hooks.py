"""The search's part in each stage: its pages and menu entry derived, its index written
before the swap."""

import logging
from pathlib import Path

from core import routes
from core.i18n import load_translations, plain_gettext
from core.labels import N_
from core.problems import ContentError, Problems
from core.stages import Page

from .indexing import IndexingError, write_bundles
from .records import SORT, records_of

logger = logging.getLogger(__name__)


def derive(build):
    theme = build.settings["THEME"]
    gettexts = {
        language.code: plain_gettext(load_translations(theme, language.code))
        for language in build.languages
    }
    records = records_of(build.index, build.languages, gettexts)
    build.state["search"] = records
    for language in build.languages:
        lang = language.code
        build.add_page(
            Page(
                lang,
                "search.html",
                routes.search(lang),
                build.each(routes.search),
                # Pagefind makes no index of nothing: a site with no communiqué yet has a
                # search page without the search, only the links to browse.
                {"search_sort": SORT, "searchable": bool(records[lang])},
            )
        )
    build.nav.append((5, N_("Search"), routes.search))


def before_swap(build):
    """Index the staging folder's communiqués; if Pagefind fails, so does the build, and the
    published site (search included) stays as it was."""
    output = Path(build.output_path)
    work = {
        lang: (records, output / routes.search_bundle(lang).strip("/"))
        for lang, records in build.state["search"].items()
        if records
    }
    try:
        bundles = write_bundles(work)
    except (IndexingError, OSError, ValueError) as error:
        problems = Problems()
        message = f"the search index could not be made: {error}"
        problems.add("search index", 0, "pagefind", message)
        raise ContentError(problems) from error
    for bundle in bundles:
        logger.info("search: %d %s pages in %.2f s", bundle.pages, bundle.lang, bundle.seconds)
