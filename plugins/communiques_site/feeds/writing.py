"""Writes every feed of every language from the one index of cases."""

import heapq
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from communiques_site.communiques import history, loading
from communiques_site.communiques.index import CaseIndex
from communiques_site.communiques.model import Case
from communiques_site.communiques.settings import CommuniquesOptions
from communiques_site.core import routes
from communiques_site.core.forking import fork_map
from communiques_site.core.labels import N_
from communiques_site.core.stages import Build

from . import writers
from .beats import FORMATS, Feed, by_kind, members
from .entries import Entry, EntryMaker, Event, RecordItem, record
from .settings import FeedsOptions

Pick = Case | Event  # a feed's entry before it is made: a case, or an event of the record
Gettext = Callable[..., str]
# (feed, the formats to write, the maker of its language, its picks)
Plan = tuple[Feed, list[str], EntryMaker, Sequence[Pick]]
Job = tuple[Feed, list[str], list[Entry]]

logger = logging.getLogger(__name__)
AUTHOR = N_("Directorate General of National Security")  # of every feed; entries: the issuer
TITLE = N_("National Police communiqués")
WRITERS = {"atom": writers.atom, "rss": writers.rss, "json": writers.json_feed}


def _case(pick: Pick) -> Case:
    """A feed's pick is a case, or an event of a case's record (the logs)."""
    return pick.case if isinstance(pick, Event) else pick


def registry_times(
    settings: Mapping[str, Any], conf: CommuniquesOptions
) -> dict[str | None, datetime]:
    """{kind: when its registry file last changed (its last commit)}: the date of a feed with
    no entry yet, whose title and description are all it holds. A made-up date would tell
    subscribers something happened; none would make the Atom feed invalid."""
    places = loading.Places(Path(settings["PATH"]).resolve(), conf)
    paths = {kind: str(places.data / f"{kind}.yaml") for kind in ("cities", "offences")}
    changed = history.last_changes(list(paths.values()), places.root, settings.get("CACHE_PATH"))
    times: dict[str | None, datetime] = {
        kind: datetime.fromtimestamp(changed[path], UTC) for kind, path in paths.items()
    }
    # The beats of every site (all, types, updates, changes) came with its registries.
    return {**times, None: max(times.values())}


def _newest(events: Sequence[RecordItem], size: int, maker: EntryMaker) -> Sequence[Pick]:
    """The newest `size` events of the record, in the order of their entries (date, then id);
    ids are made only for the events as new as the `size`-th."""
    if len(events) > size:
        edge = heapq.nlargest(size, (at for at, *_ in events))[-1]
        events = [event for event in events if event[0] >= edge]
    made = [maker.event(*event) for event in events]
    return sorted(made, key=lambda e: (e.at, e.id), reverse=True)[:size]


class FeedWriter:
    """Each feed's files are taken from the published site when the feed holds the same
    entries from the same cases; the others are written, and only their entries are made."""

    def __init__(
        self,
        build: Build,
        feeds: Mapping[str, list[Feed]],
        gettext: Mapping[str, Gettext],
        media_types: dict[str, str],
        rights: str,
    ) -> None:
        self.build = build
        self.conf = build.options[FeedsOptions]
        self.feeds = feeds
        self.gettext = gettext
        self.media_types = media_types
        self.rights = rights
        self.siteurl = build.settings["SITEURL"].rstrip("/")
        # (language, case id) -> the case's entry, made once for all its feeds
        self.made: dict[tuple[str, str], Entry] = {}
        self.since = registry_times(build.settings, build.options[CommuniquesOptions])

    def write(self) -> None:
        # core.stages.Build holds the index untyped (core cannot name the content model).
        index, outputs = cast(CaseIndex, self.build.index), self.build.outputs
        by_beat = members(index.cases)
        events = list(record(index.cases))
        logs = {
            "changes": events,
            # Major updates and withdrawals: what the updates feed announces.
            "updates": [e for e in events if e[1] in ("update", "withdrawn")],
        }
        plans: list[Plan] = []
        reusable: dict[str, tuple[Plan, str]] = {}
        # A verification code per case, when the log (communiques_site/tlog) is part of the build.
        code = self.build.context.get("verification_code", lambda case_id: "")
        for language in self.build.languages:
            lang = language.code
            maker = EntryMaker(
                language, index, self.siteurl, self.conf.authority, self.gettext[lang], code
            )
            for feed in self.feeds[lang]:
                picks = self._picks(feed, by_beat, logs, maker)
                # Everything else in the feed's bytes (its updated date, each entry's text,
                # tombstones, the translations' links) is made from these cases or is in the
                # build's digest.
                digest = outputs.digest(
                    "feed",
                    feed.path,
                    *(f"{pick.id} {_case(pick).digest} {code(_case(pick).id)}" for pick in picks),
                    "" if picks else self._empty_since(feed).isoformat(),
                )
                plan: Plan = (feed, [], maker, picks)
                for fmt in FORMATS:
                    name = routes.output_file(feed.url(fmt))
                    if outputs.expect(name, digest):
                        reusable[name] = (plan, fmt)
                    else:
                        plan[1].append(fmt)
                plans.append(plan)
        # A file that could not be linked (removed from the published site by hand) is written.
        for name in outputs.link_all(reusable):
            plan, fmt = reusable[name]
            plan[1].append(fmt)
        jobs = [
            (feed, formats, self._entries(maker, picks))
            for feed, formats, maker, picks in plans
            if formats
        ]
        workers = self.conf.workers if len(jobs) >= self.conf.parallel_from else 1
        fork_map(self._write, jobs, workers)
        logger.info("feeds: %d feeds, %d written", len(plans), len(jobs))

    def _picks(
        self,
        feed: Feed,
        by_beat: Mapping[tuple[str, str | None], list[Case]],
        logs: Mapping[str, Sequence[RecordItem]],
        maker: EntryMaker,
    ) -> Sequence[Pick]:
        """The cases (or events) of a feed's newest entries; a withdrawn case keeps its place
        among them for as long as its entry would have stayed in the feed."""
        size = self.conf.size
        beat = by_kind(feed.kind)
        if beat.of_case is None:
            return _newest(logs[beat.entries], size, maker)
        return by_beat.get((feed.kind, feed.key), [])[:size]

    def _empty_since(self, feed: Feed) -> datetime:
        return self.since.get(feed.kind, self.since[None])

    def _entries(self, maker: EntryMaker, picks: Sequence[Pick]) -> list[Entry]:
        entries = []
        for pick in picks:
            case = _case(pick)
            key = (maker.lang, case.id)
            if key not in self.made:
                self.made[key] = maker.case(case)
            text = self.made[key]
            entries.append(maker.change(pick, text) if isinstance(pick, Event) else text)
        return entries

    def _write(self, job: Job) -> None:
        feed, formats, entries = job
        translate = self.gettext[feed.lang]
        updated = max((e.updated for e in entries), default=None)
        meta: writers.Meta = {
            "id": f"tag:{self.conf.authority}:feed/{feed.lang}/{feed.slug}",
            "title": f"{feed.title} · {translate(TITLE)}",
            "description": feed.description,
            "lang": feed.lang,
            "author": translate(AUTHOR),
            "rights": translate(self.rights),
            "self": self.siteurl + feed.path,
            "home": self.siteurl + by_kind(feed.kind).home(feed.lang, feed.key),
            "hubs": list(self.conf.hubs),
            "updated": updated or self._empty_since(feed),
            "types": self.media_types,
        }
        for fmt in formats:
            write = WRITERS[fmt]
            path = Path(self.build.output_path) / routes.output_file(feed.url(fmt))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(write(meta, entries))
