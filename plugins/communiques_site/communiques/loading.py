"""Read and check all the content of a site, once, into a CaseIndex."""

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from communiques_site.core.forking import fork_map
from communiques_site.core.i18n import Catalogs
from communiques_site.core.languages import Languages, from_settings
from communiques_site.core.problems import Problem, Problems
from communiques_site.core.settings import read_all

from . import documents, record, registry
from .cases import assemble_one
from .documents import Document
from .facts import current
from .history import last_changes
from .index import CaseIndex, StaleTranslation
from .markdown_cache import MarkdownCache
from .model import Case, Update, Withdrawal
from .placement import Found, content_files
from .read_cache import FileFacts, ReadCache
from .registry import Registries
from .schema import ZONE
from .settings import SCHEMA, CommuniquesOptions
from .wording import Wording, words_of

logger = logging.getLogger(__name__)

# Files saved within these seconds of each other count as changed together.
STALE_MARGIN = 2


def config(settings: Mapping[str, Any]) -> CommuniquesOptions:
    """The plugin's options, checked, for the tasks that read the content outside a build (a
    build reads every plugin's once: `build.options[CommuniquesOptions]`)."""
    return read_all(settings, [SCHEMA])[CommuniquesOptions]


def build_now(conf: CommuniquesOptions) -> datetime:
    """The moment embargoes are judged against: the setting (for tests and previews), or now."""
    moment = conf.now
    if moment is None:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


@dataclass(frozen=True)
class Places:
    """Where the content is, and how a path is shown in messages (relative to the project)."""

    content: Path
    conf: CommuniquesOptions

    @property
    def root(self) -> Path:
        return self.content.parent

    @property
    def data(self) -> Path:
        return self.content / self.conf.data

    @cached_property  # asked of every file: resolving the folder each time cost 0.1 ms a file
    def drafts_prefix(self) -> str:
        return self.display(self.content / self.conf.drafts_folder) + "/"

    def display(self, path: str | Path) -> str:
        prefix = f"{self.root}/"
        if isinstance(path, str) and path.startswith(prefix):  # every content file: no pathlib
            return path[len(prefix) :]
        path = Path(path)
        if not path.is_relative_to(self.root):  # the files found under PATH already are
            path = path.resolve()
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


@dataclass(frozen=True)
class Given:
    """What a build has already read of the settings: its options, languages and catalogs."""

    conf: CommuniquesOptions
    languages: Languages
    catalogs: Catalogs


def load(
    settings: Mapping[str, Any],
    only: Iterable[str | Path] | None = None,
    drafts: bool | None = None,
    published: str | Path | None = None,
    given: Given | None = None,
) -> tuple[CaseIndex | None, Problems]:
    """(CaseIndex or None, Problems). `only`: report problems of these files alone;
    `drafts`: read the drafts folder too (default: the setting); `published`: the folder of
    the site this content will replace, whose record it must keep (record.py); `given`: the
    build's settings as it read them (the tasks, outside a build, leave it out)."""
    if given is None:
        given = Given(config(settings), from_settings(settings), Catalogs(settings["THEME"]))
    conf = given.conf
    places = Places(Path(settings["PATH"]).resolve(), conf)
    words = words_of(given.languages, given.catalogs)
    problems = Problems()
    registries = registry.load(places.data, places.display, problems, words.languages)
    reading = Reading(settings, places, registries, words)
    found = content_files(str(places.content), conf, problems, places.display, drafts)
    files = reading.read_all(found, conf, problems)
    cases = reading.assemble(files, problems)
    _too_early(cases, conf.first_published, files, problems)
    now = build_now(conf)
    every = record.entries(cases, files)
    embargoed = {c.id for c in cases if c.published > now}
    # A draft is not published: a published case moved into the drafts is a deleted one, for
    # `invoke validate` (which reads the drafts) as for the build (which does not).
    drafts_prefix = places.drafts_prefix
    public = [f for f in files if not f.shown.startswith(drafts_prefix)]
    previous = record.read(published)
    record.check(record.upgraded(previous), every, embargoed, public, problems)
    written = {case_id: entry for case_id, entry in every.items() if case_id not in embargoed}
    if only is not None:
        wanted = {places.display(p) for p in only}
        problems.items = [p for p in problems.items if p.path in wanted]
    if problems:
        return None, problems
    reading.save()
    cache = settings.get("CACHE_PATH", "cache")
    index = make_index(cases, registries, now, files, places.root, conf.preview, cache)
    index.record = written
    index.record_published = bool(previous) and written == previous  # read, and the same
    _log_stale(index)
    return index, problems


class Reading:
    """Reads and checks what changed: a file whose stat is unchanged is not opened, a case whose
    files are unchanged is not assembled again (read_cache.py); bodies are rendered once (cache
    by text); many changed files are read by forked workers."""

    def __init__(
        self, settings: Mapping[str, Any], places: Places, registries: Registries, words: Wording
    ) -> None:
        cache = settings.get("CACHE_PATH", "cache")
        self.places, self.registries, self.words = places, registries, words
        self.markdown = MarkdownCache()
        catalogs = Path(settings["THEME"]) / "translations"
        self.cache = ReadCache(cache, places.data, catalogs, places.drafts_prefix)
        # path -> Document, of the files read by this build
        self.documents: dict[str, Document] = {}

    def read_one(self, path: str) -> tuple[Document | None, list[Problem], tuple[str, str] | None]:
        found = Problems()
        document = documents.read(
            Path(path), self.places.display(path), self.registries, found, self.words
        )
        rendered = self.markdown.render_new(document.body) if document and document.valid else None
        return document, found.items, rendered

    def read_all(
        self, files: Iterable[Found], conf: CommuniquesOptions, problems: Problems
    ) -> list[FileFacts]:
        """The facts of every file; only the files whose stat changed are read."""
        facts, changed = [], []
        display = self.places.display
        for path, stat in files:
            known = self.cache.file(path, display(path), stat)
            if known is None:
                changed.append((path, stat))
                continue
            problems.items.extend(known[1])
            if known[0] is not None:
                facts.append(known[0])
        workers = conf.workers if len(changed) >= conf.parallel_from else 1
        results = fork_map(self.read_one, [path for path, _ in changed], workers)
        for (path, stat), (document, found, rendered) in zip(changed, results, strict=True):
            fact = FileFacts.of(document) if document is not None else None
            self.cache.keep_file(display(path), stat, fact, found)
            problems.items.extend(found)
            if document is not None and fact is not None:  # both, or neither
                facts.append(fact)
                self.documents[path] = document
            if rendered is not None:
                self.markdown.store(*rendered)
        return facts

    def _document(self, fact: FileFacts) -> Document:
        """The Document of a file: read again when its case must be assembled again (its own
        problems were reported from the cache already)."""
        if fact.path not in self.documents:
            document = documents.read(
                Path(fact.path), fact.shown, self.registries, Problems(), self.words
            )
            if document is None:  # its name, read before, said which case and language it is
                raise ValueError(f"{fact.shown} can no longer be read as a communiqué")
            self.documents[fact.path] = document
        return self.documents[fact.path]

    def assemble(self, facts: Iterable[FileFacts], problems: Problems) -> list[Case]:
        """The cases whose files are all valid, in no particular order."""
        by_id = defaultdict(list)
        for fact in facts:
            by_id[fact.name_id].append(fact)
        cases = []
        for case_id, group in by_id.items():
            key = self.cache.case_key(group)
            known = self.cache.case(key)
            if known is None:
                found = Problems()
                case = assemble_one(
                    case_id,
                    [self._document(fact) for fact in group],
                    found,
                    self.markdown.render,
                    self.words.languages,
                    self.places.drafts_prefix,
                )
                known = (case, found.items)
                self.cache.keep_case(key, *known)
            problems.items.extend(known[1])
            if known[0] is not None:
                cases.append(known[0])
        return cases

    def save(self) -> None:
        self.cache.save()


def make_index(
    cases: Sequence[Case],
    registries: Registries,
    now: datetime,
    files: Sequence[FileFacts],
    root: str | Path,
    preview: bool = False,
    cache: str | Path | None = None,
) -> CaseIndex:
    """The index of what is published now; the rest waits for its embargo to end: a case, an
    update or a withdrawal dated in the future is not published before its time. A preview
    shows everything, the embargoed cases marked."""
    if preview:
        published = [replace(current(c), embargoed=c.published > now) for c in cases]
    else:
        published = [current(as_of(c, now)) for c in cases if c.published <= now]
    embargoed = sorted((c for c in cases if c.published > now), key=lambda c: c.published)
    index = CaseIndex(published, registries, embargoed=embargoed)
    index.embargoed_changes = sorted(
        (change.at, case.id, kind)
        for case in cases
        if case.published <= now
        for kind, change in _changes(case)
        if change.at > now
    )
    index.stale = _stale_translations(index, files, root, cache)
    index.exceptions = sorted(
        (f.shown, line, what, reason) for f in files for line, what, reason in f.exceptions
    )
    return index


def _too_early(
    cases: Iterable[Case], first: date, files: Iterable[FileFacts], problems: Problems
) -> None:
    """A case dated before the service's first communiqué is a typing error (1970, 2062…):
    it would open an archive of its own."""
    lines = {fact.shown: fact.line("published") for fact in files}
    for case in cases:
        day = case.published.astimezone(ZONE).date()
        if day < first:
            path = case.texts[case.original_lang].path
            problems.add(
                path,
                lines.get(path, 1),
                "published",
                f"{day.isoformat()} is before the first communiqué of the service "
                f"({first.isoformat()}, COMMUNIQUES['first_published']); check the year",
            )


def _changes(case: Case) -> Iterator[tuple[str, Update | Withdrawal]]:
    yield from (("update", update) for update in case.updates)
    if case.withdrawn:
        yield "withdrawal", case.withdrawn


def as_of(case: Case, now: datetime) -> Case:
    """The case as it stands at `now`: its later updates and withdrawal are not out yet."""
    later = [u for u in case.updates if u.at > now]
    withdrawn = case.withdrawn if case.withdrawn and case.withdrawn.at <= now else None
    if not later and withdrawn is case.withdrawn:
        return case
    kept = tuple(u for u in case.updates if u.at <= now)
    return replace(case, updates=kept, withdrawn=withdrawn)


def _log_stale(index: CaseIndex) -> None:
    for stale in index.stale:
        logger.warning(
            "%s: translation: last changed before its original %s; review it against the "
            "original and commit it",
            stale.path,
            stale.original,
        )


def _stale_translations(
    index: CaseIndex, files: Iterable[FileFacts], root: str | Path, cache: str | Path | None
) -> list[StaleTranslation]:
    paths = {f.shown: f.path for f in files}
    reviewed = {f.shown: f.reviewed for f in files if f.reviewed is not None}
    times = last_changes(list(paths.values()), root, cache)
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
