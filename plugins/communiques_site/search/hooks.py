"""The search's part in each stage: its pages and menu entry derived, its index written
before the swap: a bundle per language and period, each taken from the published site when
its documents are the same, made again by Pagefind when they changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from communiques_site.core import routes
from communiques_site.core.i18n import plain_gettext
from communiques_site.core.labels import N_
from communiques_site.core.outputs import Outputs
from communiques_site.core.problems import ContentError, Problems
from communiques_site.core.stages import Build, NavEntry, Page

from . import scratch
from .documents import document
from .indexing import IndexingError, Job, write_bundles
from .records import FILTERS, SORT, Records, period_of

if TYPE_CHECKING:
    from communiques_site.communiques.model import Case

logger = logging.getLogger(__name__)
ENTRY = "pagefind-entry.json"  # in every bundle; rewritten whenever the bundle is


def by_period(cases: Iterable[Case]) -> dict[str, list[Case]]:
    """{period: cases}, the newest period first: the search page searches them in this
    order, and Pagefind has them newest first within each."""
    periods: dict[str, list[Case]] = {}
    for case in cases:
        periods.setdefault(period_of(case), []).append(case)
    return dict(sorted(periods.items(), reverse=True))


def weights(periods: dict) -> list[int]:
    """The weight of each period's bundle, newest first, for a search sorted newest first (the
    order a reader may choose instead of relevance, where every bundle weighs 1).
    Pagefind orders the results of merged bundles by score, and a sorted search scores a
    result by its place in its own bundle (0 for the first page, documents.first, then 1 to n
    oldest to newest), times its bundle's weight. With a base above every n, a period's places
    1 and on weigh more than any place of an older period: newest first over all bundles, as
    in one index."""
    base = max((len(records) for records in periods.values()), default=0) + 1
    return [base**rank for rank in reversed(range(len(periods)))]


def derive(build: Build) -> None:
    gettexts = {
        language.code: plain_gettext(build.catalogs[language.code]) for language in build.languages
    }
    periods = by_period(build.index.listed)
    build.state["search"] = (periods, Records(build.index, build.languages, gettexts))
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
                {
                    "search_sort": SORT,
                    "search_filters": FILTERS,
                    "search_bundles": [routes.search_period(lang, period) for period in periods],
                    "search_weights": weights(periods),
                },
            )
        )
    build.nav.append(NavEntry(5, N_("Search"), routes.search))


def _files(folder: str | Path) -> list[str]:
    """Every file Pagefind wrote under folder, relative to it ('/'-separated). The compressed
    copies beside its scripts are communiques_site/compress's, which takes them over itself."""
    found = []
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names if not name.endswith((".gz", ".br"))]
    return found


def _reused(outputs: Outputs, folder: str, digest: str) -> bool:
    """Take the published bundle when every file of it was made from the same documents.
    Its entry file is asked first: a changed bundle records no name it will not write."""
    if not outputs.expect(f"{folder}/{ENTRY}", digest):
        return False
    assert outputs.published is not None  # expect() is False without a published site
    names = [f"{folder}/{name}" for name in _files(Path(outputs.published) / folder)]
    if all([outputs.expect(name, digest) for name in names]) and not outputs.link_all(names):
        return True
    shutil.rmtree(Path(outputs.staging) / folder, ignore_errors=True)
    return False


def _name_metadata(folder: Path, lang: str, digest: str) -> None:
    """Name the bundle's metadata by its documents' digest. Pagefind names it by a hash of its
    bytes, in which the order of the filters' names changes from run to run (a Rust HashMap's):
    the same documents would get another name at each run, and the manifest with them. The
    content is the same but for that order, so a cached copy under this name is still right."""
    path = folder / ENTRY
    entry = json.loads(path.read_text(encoding="utf-8"))
    language = entry["languages"][lang]
    name = f"{lang}_{digest[:10]}"
    (folder / f"pagefind.{language['hash']}.pf_meta").rename(folder / f"pagefind.{name}.pf_meta")
    language["hash"] = name
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _document_text(records: Records, by_path: dict[str, Case], lang: str, path: str) -> str:
    return document(records(by_path[path], lang))


def _document_digest(records: Records, case: Case, lang: str) -> str:
    text = document(records(case, lang))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def before_swap(build: Build) -> None:
    """Index the staging folder's communiqués, the changed periods only; if Pagefind fails, so
    does the build, and the published site (search included) stays as it was."""
    start = time.monotonic()
    outputs = build.outputs
    periods, records = build.state["search"]
    # What Pagefind is given of a case (its document and path) is made from the case as it
    # stands (its digest) and the language; the rest is in the build's digest.
    memo = build.memo("search-documents")
    work, digests, reused = {}, {}, 0
    for language in build.languages:
        lang = language.code
        for period, cases in periods.items():
            folder = routes.search_period(lang, period).strip("/")
            wanted = {
                routes.output_file(routes.communique(lang, case.id)): memo.get(
                    (case.id, case.digest, lang), partial(_document_digest, records, case, lang)
                )
                for case in cases
            }
            digest = outputs.digest(*(part for item in wanted.items() for part in item))
            if _reused(outputs, folder, digest):
                reused += 1
                continue
            by_path = dict(zip(wanted, cases, strict=True))
            site = scratch.prepare(
                build.settings["CACHE_PATH"],
                lang,
                period,
                wanted,
                partial(_document_text, records, by_path, lang),
            )
            work[lang, period] = Job(site, len(wanted), Path(build.output_path) / folder)
            digests[folder] = digest
    try:
        bundles = write_bundles(work)
    except (IndexingError, OSError, ValueError) as error:
        problems = Problems()
        message = f"the search index could not be made: {error}"
        problems.add("search index", 0, "pagefind", message)
        raise ContentError(problems) from error
    for made in bundles:
        folder = routes.search_period(made.lang, made.period).strip("/")
        _name_metadata(made.folder, made.lang, digests[folder])
        for name in _files(made.folder):
            outputs.expect(f"{folder}/{name}", digests[folder])
        logger.info(
            "search: %s %s indexed, %d pages in %.2f s, %.0f MiB",
            made.lang,
            made.period,
            made.pages,
            made.seconds,
            made.peak,
        )
    logger.info(
        "search: %d bundles indexed, %d reused, in %.2f s",
        len(bundles),
        reused,
        time.monotonic() - start,
    )
