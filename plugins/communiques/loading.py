"""Read and check all the content of a site, once, into a CaseIndex."""

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from core.forking import fork_map
from core.problems import Problems
from core.settings import check_all

from . import documents, record, registry
from .cases import assemble
from .document_cache import DocumentCache
from .history import last_changes
from .index import CaseIndex, StaleTranslation
from .markdown_cache import MarkdownCache
from .schema import ZONE
from .settings import SCHEMA
from .wording import wording

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


@dataclass(frozen=True)
class Places:
    """Where the content is, and how a path is shown in messages (relative to the project)."""

    content: Path
    conf: dict

    @property
    def root(self):
        return self.content.parent

    @property
    def data(self):
        return self.content / self.conf["data"]

    @property
    def drafts_prefix(self):
        return self.display(self.content / self.conf["drafts_folder"]) + "/"

    def display(self, path):
        path = Path(path)
        if not path.is_relative_to(self.root):  # the files found under PATH already are
            path = path.resolve()
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


def load(settings, only=None, drafts=None, published=None):
    """(CaseIndex or None, Problems). `only`: report problems of these files alone;
    `drafts`: read the drafts folder too (default: the setting); `published`: the folder of
    the site this content will replace, whose record it must keep (record.py)."""
    conf = config(settings)
    places = Places(Path(settings["PATH"]).resolve(), conf)
    words = wording(settings)
    problems = Problems()
    registries = registry.load(places.data, places.display, problems, words.languages)
    reading = Reading(settings, places, registries, words)
    docs = reading.read_all(content_files(places.content, conf, drafts), conf, problems)
    cases = assemble(docs, problems, reading.markdown.render, words.languages, places.drafts_prefix)
    now = build_now(conf)
    written = record.entries((c for c in cases if c.published <= now), docs)
    record.check(record.load(published), written, docs, problems)
    if only is not None:
        wanted = {places.display(p) for p in only}
        problems.items = [p for p in problems.items if p.path in wanted]
    if problems:
        return None, problems
    reading.save()
    index = make_index(cases, registries, now, docs, places.root, conf["preview"])
    index.record = written
    _log_stale(index)
    return index, problems


class Reading:
    """Reads and checks files, each once: unchanged files come from the document cache, bodies
    are rendered once (cache by text); many files are read by forked workers."""

    def __init__(self, settings, places, registries, words):
        cache = settings.get("CACHE_PATH", "cache")
        self.places, self.registries, self.words = places, registries, words
        self.markdown = MarkdownCache(cache)
        catalogs = Path(settings["THEME"]) / "translations"
        self.known = DocumentCache(cache, places.data, catalogs)

    def read_one(self, path):
        shown = self.places.display(path)
        raw = path.read_bytes()
        key = self.known.key(path, shown, raw)
        known = self.known.get(key)
        if known is None:
            found = Problems()
            document = documents.read(path, shown, self.registries, found, self.words, raw=raw)
            known = document, found.items
        document = known[0]
        rendered = self.markdown.render_new(document.body) if document and document.valid else None
        return key, known, rendered

    def read_all(self, files, conf, problems):
        workers = conf["workers"] if len(files) >= conf["parallel_from"] else 1
        docs = []
        for key, (document, found), rendered in fork_map(self.read_one, files, workers):
            self.known.keep(key, document, found)
            problems.items.extend(found)
            if document is not None:
                docs.append(document)
            if rendered is not None:
                self.markdown.store(*rendered)
        return docs

    def save(self):
        self.markdown.save()
        self.known.save()


def make_index(cases, registries, now, docs, root, preview=False):
    """The index of what is published now; the rest waits for its embargo to end: a case, an
    update or a withdrawal dated in the future is not published before its time. A preview
    shows everything, the embargoed cases marked."""
    if preview:
        published = [replace(c, embargoed=c.published > now) for c in cases]
    else:
        published = [as_of(c, now) for c in cases if c.published <= now]
    embargoed = sorted((c for c in cases if c.published > now), key=lambda c: c.published)
    index = CaseIndex(published, registries, embargoed=embargoed)
    index.embargoed_changes = sorted(
        (change.at, case.id, kind)
        for case in cases
        if case.published <= now
        for kind, change in _changes(case)
        if change.at > now
    )
    index.stale = _stale_translations(index, docs, root)
    index.exceptions = sorted(
        (d.shown, line, what, reason) for d in docs for line, what, reason in d.exceptions
    )
    return index


def _changes(case):
    yield from (("update", update) for update in case.updates)
    if case.withdrawn:
        yield "withdrawal", case.withdrawn


def as_of(case, now):
    """The case as it stands at `now`: its later updates and withdrawal are not out yet."""
    later = [u for u in case.updates if u.at > now]
    withdrawn = case.withdrawn if case.withdrawn and case.withdrawn.at <= now else None
    if not later and withdrawn is case.withdrawn:
        return case
    kept = tuple(u for u in case.updates if u.at <= now)
    return replace(case, updates=kept, withdrawn=withdrawn)


def _log_stale(index):
    for stale in index.stale:
        logger.warning(
            "%s: translation: last changed before its original %s; review it against the "
            "original and commit it",
            stale.path,
            stale.original,
        )


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
