"""Writes every feed of every language from the one index of cases."""

import logging
from datetime import datetime
from pathlib import Path

from pelican.generators import Generator

from bilingual.i18n import load_translations, plain_gettext
from bilingual.labels import N_
from communiques.forking import fork_map
from communiques.settings import merged

from . import writers
from .catalog import FORMATS, all_feeds, beat_members, describe
from .entries import EntryMaker

logger = logging.getLogger(__name__)

DEFAULTS = {
    "size": 50,  # newest entries per feed; the complete history is in the open data
    "hubs": (),  # WebSub hubs named in every feed (publishconf.py)
    "authority": "dgsn.gov.ma,2026",  # of the tag: URIs; fixed forever, like the ids it makes
    "epoch": "2025-01-01T00:00:00+00:00",  # the `updated` of a feed that has no entry yet
    "author": {
        "ar": "المديرية العامة للأمن الوطني",
        "fr": "Direction générale de la Sûreté nationale",
    },
    "workers": 2,
    "parallel_from": 50,  # feeds (three files each) worth a fork
}
RIGHTS = N_(
    "Official communiqués of the Direction générale de la Sûreté nationale: quote or republish "
    "them in full, naming the DGSN and linking to the communiqué's permanent address."
)
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


def config(settings):
    """The plugin's settings merged with their defaults."""
    return merged(settings, "FEEDS", DEFAULTS)


class FeedsGenerator(Generator):
    def generate_context(self):
        self.conf = config(self.settings)
        index = self.context["communiques"]
        languages = self.settings.get("BILINGUAL", {}).get("languages", ("ar", "fr"))
        self.gettext = {
            lang: plain_gettext(load_translations(self.theme, lang)) for lang in languages
        }
        # Every feed with its title and description: written into the feeds, and what the pages
        # need for the feeds page and autodiscovery.
        self.feeds = {
            lang: [
                (feed, *describe(feed, self.gettext[lang], index.registries))
                for feed in all_feeds(lang, index.registries)
            ]
            for lang in languages
        }
        self.context["feeds"] = self.feeds
        self.context["feed_types"] = MEDIA_TYPES
        self.context["feed_size"] = self.conf["size"]
        self.context["feed_rights"] = RIGHTS

    def generate_output(self, writer):
        index = self.context["communiques"]
        members = beat_members(index.cases)
        jobs = []
        for lang, feeds in self.feeds.items():
            maker = EntryMaker(
                lang, index, self.settings["SITEURL"], self.conf["authority"], self.gettext[lang]
            )
            # Withdrawn cases included: a feed that listed one shows its withdrawal there.
            cases = {case.id: maker.case(case) for case in index.cases}
            updates = sorted(
                (entry for case in index.cases for entry in maker.updates(case, cases[case.id])),
                key=lambda e: (e.updated, e.id),
                reverse=True,
            )
            for feed, title, description in feeds:
                entries = self._entries(feed, members, cases, updates)
                jobs.append((feed, title, description, entries))
        fork_map(
            self._write,
            jobs,
            self.conf["workers"] if len(jobs) >= self.conf["parallel_from"] else 1,
        )
        logger.info("feeds: wrote %d feeds in %d formats", len(jobs), len(FORMATS))

    def _entries(self, feed, members, cases, updates):
        """The newest entries of a feed; a withdrawn case keeps its place among them for as
        long as its entry would have stayed in the feed."""
        size = self.conf["size"]
        if feed.kind == "updates":
            return updates[:size]
        return [cases[case.id] for case in members.get((feed.kind, feed.key), [])[:size]]

    def _write(self, job):
        feed, title, description, entries = job
        siteurl = self.settings["SITEURL"].rstrip("/")
        updated = max((e.updated for e in entries), default=None)
        meta = {
            "id": f"tag:{self.conf['authority']}:feed/{feed.lang}/{feed.slug}",
            "title": f"{title} · {self.gettext[feed.lang]('National Police communiqués')}",
            "description": description,
            "lang": feed.lang,
            "author": self.conf["author"][feed.lang],
            "rights": self.gettext[feed.lang](RIGHTS),
            "self": siteurl + feed.path,
            "home": siteurl + self._home(feed),
            "hubs": list(self.conf["hubs"]),
            "updated": updated or datetime.fromisoformat(self.conf["epoch"]),
            "types": MEDIA_TYPES,
        }
        for fmt, write in (
            ("atom", writers.atom),
            ("rss", writers.rss),
            ("json", writers.json_feed),
        ):
            path = Path(self.output_path) / feed.url(fmt).lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(write(meta, entries))

    def _home(self, feed):
        from bilingual import urls

        if feed.kind == "cities":
            return urls.city(feed.lang, feed.key)
        if feed.kind == "offences":
            return urls.offence(feed.lang, feed.key)
        return urls.home(feed.lang)


def get_generators(pelican):
    return FeedsGenerator
