"""Read and check all the content of a site, once, into a CaseIndex."""

import logging
from datetime import UTC, datetime
from pathlib import Path

from core.forking import fork_map
from core.problems import Problems
from core.settings import check_all

from . import documents, registry
from .cases import assemble
from .document_cache import DocumentCache
from .history import last_changes
from .index import CaseIndex, StaleTranslation
from .markdown_cache import MarkdownCache
from .schema import ZONE
from .settings import SCHEMA

logger = logging.getLogger(__name__)

# Files saved within these seconds of each other count as changed together.
STALE_MARGIN = 2


def config(settings):
    """The plugin's settings merged with their defaults (checked: tasks call this directly)."""
    check_all(settings, [SCHEMA])
    return SCHEMA.read(settings)


def build_now(conf):
    """The moment embargoes are judged against: the setting (for tests and previews), or now."""
    value = conf["now"]
    if value is None:
        return datetime.now(UTC)
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def content_files(content_path, conf, drafts=None):
    files = sorted((Path(content_path) / conf["folder"]).rglob("*.md"))
    if conf["drafts"] if drafts is None else drafts:
        files += sorted((Path(content_path) / conf["drafts_folder"]).rglob("*.md"))
    return files


def load(settings, only=None, drafts=None):
    """(CaseIndex or None, Problems). `only`: report problems of these files alone;
    `drafts`: read the drafts folder too (default: the setting)."""
    conf = config(settings)
    content_path = Path(settings["PATH"]).resolve()
    root = content_path.parent

    def display(path):
        path = Path(path)
        if not path.is_relative_to(root):  # the files found under PATH already are
            path = path.resolve()
        return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)

    problems = Problems()
    registries = registry.load(content_path / conf["data"], display, problems)
    files = content_files(content_path, conf, drafts)
    cache = MarkdownCache(settings.get("CACHE_PATH", "cache"))
    read_before = DocumentCache(settings.get("CACHE_PATH", "cache"), content_path / conf["data"])

    def read(path):
        shown = display(path)
        raw = path.read_bytes()
        key = read_before.key(path, shown, raw)
        known = read_before.get(key)
        if known is None:
            found = Problems()
            known = documents.read(path, shown, registries, found, raw=raw), found.items
        document = known[0]
        rendered = cache.render_new(document.body) if document and document.valid else None
        return key, known, rendered

    workers = conf["workers"] if len(files) >= conf["parallel_from"] else 1
    docs = []
    for key, (document, found), rendered in fork_map(read, files, workers):
        read_before.keep(key, document, found)
        problems.items.extend(found)
        if document is not None:
            docs.append(document)
        if rendered is not None:
            cache.store(*rendered)
    cases = assemble(docs, problems, cache.render)
    drafts_prefix = display(content_path / conf["drafts_folder"]) + "/"
    for case in cases:
        case.draft = next(iter(case.texts.values())).path.startswith(drafts_prefix)
    if only is not None:
        wanted = {display(p) for p in only}
        problems.items = [p for p in problems.items if p.path in wanted]
    if problems:
        return None, problems
    cache.save()
    read_before.save()
    now = build_now(conf)
    published = [c for c in cases if c.published <= now]
    embargoed = sorted((c for c in cases if c.published > now), key=lambda c: c.published)
    index = CaseIndex(published, registries, embargoed=embargoed)
    index.stale = _stale_translations(index, docs, root)
    index.exceptions = sorted(
        (d.shown, line, what, reason) for d in docs for line, what, reason in d.exceptions
    )
    for stale in index.stale:
        logger.warning(
            "%s: translation: last changed before its original %s; review it against the "
            "original and commit it",
            stale.path,
            stale.original,
        )
    return index, problems


def _stale_translations(index, docs, root):
    paths = {d.shown: d.path for d in docs}
    reviewed = {d.shown: d.values["reviewed"].timestamp() for d in docs if "reviewed" in d.values}
    times = last_changes(list(paths.values()), root)
    stale = []
    for case in index.cases:
        original = case.texts[case.original_lang].path
        for lang, text in sorted(case.texts.items()):
            if lang == case.original_lang:
                continue
            mine = max(times[paths[text.path]], reviewed.get(text.path, 0))
            theirs = times[paths[original]]
            if mine < theirs - STALE_MARGIN:
                stale.append(StaleTranslation(text.path, original, mine, theirs))
    return stale
