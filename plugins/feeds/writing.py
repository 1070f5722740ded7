"""Writes every feed of every language from the one index of cases."""

import logging
from datetime import datetime
from pathlib import Path

from core import routes
from core.forking import fork_map
from core.labels import N_

from . import writers
from .beats import BY_KIND, FORMATS, members
from .entries import EntryMaker

logger = logging.getLogger(__name__)
AUTHOR = N_("Directorate General of National Security")  # of every feed; entries: the issuer
TITLE = N_("National Police communiqués")


def _newest(entries):
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)


class FeedWriter:
    def __init__(self, build, feeds, gettext, media_types, rights):
        self.build = build
        self.conf = build.options["FEEDS"]
        self.feeds = feeds
        self.gettext = gettext
        self.media_types = media_types
        self.rights = rights
        self.siteurl = build.settings["SITEURL"].rstrip("/")

    def write(self):
        index = self.build.index
        by_beat = members(index.cases)
        jobs = []
        for language in self.build.languages:
            lang = language.code
            maker = EntryMaker(
                language, index, self.siteurl, self.conf["authority"], self.gettext[lang]
            )
            # Withdrawn cases included: a feed that listed one shows its withdrawal there.
            cases = {case.id: maker.case(case) for case in index.cases}
            record = [
                kind_entry for c in index.cases for kind_entry in maker.changes(c, cases[c.id])
            ]
            logs = {
                "changes": _newest(entry for _, entry in record),
                # Major updates and withdrawals: what the updates feed announces.
                "updates": _newest(e for kind, e in record if kind in ("update", "withdrawn")),
            }
            for feed in self.feeds[lang]:
                jobs.append((feed, self._entries(feed, by_beat, cases, logs)))
        workers = self.conf["workers"] if len(jobs) >= self.conf["parallel_from"] else 1
        fork_map(self._write, jobs, workers)
        logger.info("feeds: wrote %d feeds in %d formats", len(jobs), len(FORMATS))

    def _entries(self, feed, by_beat, cases, logs):
        """The newest entries of a feed; a withdrawn case keeps its place among them for as
        long as its entry would have stayed in the feed."""
        size = self.conf["size"]
        beat = BY_KIND[feed.kind]
        if beat.of_case is None:
            return logs[beat.entries][:size]
        return [cases[case.id] for case in by_beat.get((feed.kind, feed.key), [])[:size]]

    def _write(self, job):
        feed, entries = job
        translate = self.gettext[feed.lang]
        updated = max((e.updated for e in entries), default=None)
        meta = {
            "id": f"tag:{self.conf['authority']}:feed/{feed.lang}/{feed.slug}",
            "title": f"{feed.title} · {translate(TITLE)}",
            "description": feed.description,
            "lang": feed.lang,
            "author": translate(AUTHOR),
            "rights": translate(self.rights),
            "self": self.siteurl + feed.path,
            "home": self.siteurl + BY_KIND[feed.kind].home(feed.lang, feed.key),
            "hubs": list(self.conf["hubs"]),
            "updated": updated or datetime.fromisoformat(self.conf["epoch"]),
            "types": self.media_types,
            "stylesheet": routes.theme("feeds/feed.xsl"),
        }
        for fmt, write in (
            ("atom", writers.atom),
            ("rss", writers.rss),
            ("json", writers.json_feed),
        ):
            path = Path(self.build.output_path) / routes.output_file(feed.url(fmt))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(write(meta, entries))
