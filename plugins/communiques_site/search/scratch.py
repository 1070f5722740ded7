"""The sites of documents Pagefind reads (search.documents), one per language and quarter, kept
in the cache folder between builds: a publication that indexes a quarter again writes the
documents that changed and removes those that left, where writing the whole quarter's documents
into a temporary folder, and deleting them after, cost more than a second at 750 communiqués.

Each site records the digest of every document it holds (STATE), written once its documents
are: a site without it (a first build, a run that stopped half-way) is emptied and written
whole."""

import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from communiques_site.core import routes

from .documents import first
from .records import SORT

FOLDER = "search-documents"  # in the cache folder
STATE = ".documents.json"


def prepare(
    cache: str | Path, lang: str, period: str, wanted: Mapping[str, str], make: Callable[[str], str]
) -> Path:
    """The site of a quarter's documents, made up to date: `wanted` is {path: digest} of each
    document, `make(path)` its text. Only the documents whose digest changed are written."""
    site = Path(cache) / FOLDER / lang / period
    state = site / STATE
    try:
        held: dict[str, str] = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        held = {}
        shutil.rmtree(site, ignore_errors=True)
    state.unlink(missing_ok=True)  # until the documents below are all written
    for path in held.keys() - wanted.keys():
        (site / path).unlink(missing_ok=True)
    page = site / routes.output_file(routes.search(lang))
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(first(lang, SORT), encoding="utf-8")
    for path, digest in wanted.items():
        if held.get(path) == digest:
            continue
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(make(path), encoding="utf-8")
    state.write_text(json.dumps(dict(wanted), sort_keys=True), encoding="utf-8")
    return site
