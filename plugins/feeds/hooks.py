"""The feeds' part in each stage: entries and the feeds page derived from the index, the
files written in the render stage."""

from collections.abc import Iterable, Iterator, Mapping
from typing import cast

from markupsafe import Markup

from communiques.index import CaseIndex
from communiques.model import Case
from core import routes
from core.i18n import load_translations, plain_gettext
from core.labels import N_
from core.languages import Languages
from core.outputs import Outputs
from core.settings import Schema
from core.stages import Build, Page

from .beats import BEATS, BY_KIND, Feed, feeds_of, members
from .entries import record
from .settings import SCHEMA
from .writing import FeedWriter

RIGHTS = N_(
    "Official communiqués of the Direction générale de la Sûreté nationale: quote or republish "
    "them in full, naming the DGSN and linking to the communiqué's permanent address."
)
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}

FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


def declare(pelican: object) -> Schema:
    return SCHEMA


def derive(build: Build) -> None:
    # core.stages.Build types what the plugins put there as `object`.
    index = cast(CaseIndex, build.index)
    languages = cast(Languages, build.languages)
    theme = build.settings["THEME"]
    gettext = {
        language.code: plain_gettext(load_translations(theme, language.code))
        for language in languages
    }
    feeds = {
        language.code: list(feeds_of(language.code, index.registries, gettext[language.code]))
        for language in languages
    }
    build.state["feeds"] = (feeds, gettext)
    build.head_links.append(HeadLinks(build.settings["SITEURL"], feeds))
    build.nav.append((40, N_("Feeds"), routes.feeds))
    conf = build.options["FEEDS"]
    example = index.listed[0] if index.listed else None
    empty = sorted(_empty(index.cases, feeds), key=str)
    registries = index.registries
    for language in languages:
        lang = language.code
        build.add_page(
            Page(
                lang,
                "feeds.html",
                routes.feeds(lang),
                build.each(routes.feeds),
                {
                    "listed": feeds[lang],
                    "feed_types": MEDIA_TYPES,
                    "feed_size": conf["size"],
                    "feed_rights": RIGHTS,
                    "example": example,
                    "beats": [(beat.kind, beat.heading) for beat in BEATS],
                    # The beats of one feed (all, updates, changes) share the first section.
                    "single": [b.kind for b in BEATS if len(list(b.keys(registries))) == 1],
                    "empty": set(empty),
                    "format_names": FORMAT_NAMES,
                    "homes": {
                        (f.kind, f.key): BY_KIND[f.kind].home(lang, f.key) for f in feeds[lang]
                    },
                },
                # Of the cases, the page shows only the example's id and which feeds are empty.
                cast(Outputs, build.outputs).digest(
                    "feeds page", routes.feeds(lang), example and example.id, *map(str, empty)
                ),
                subjects=(("updates", None),),
            )
        )


def _empty(
    cases: Iterable[Case], feeds: Mapping[str, list[Feed]]
) -> Iterator[tuple[str, str | None]]:
    """(kind, key) of the feeds with no entry yet: the page says so, rather than leave a
    subscriber waiting for a feed that has never had one."""
    listed = members(cases)
    kinds = {kind for _, kind, _, _ in record(cases)}
    for feed in {(f.kind, f.key) for by_lang in feeds.values() for f in by_lang}:
        beat = BY_KIND[feed[0]]
        if beat.of_case is not None:
            found = feed in listed
        elif beat.entries == "updates":
            found = bool(kinds & {"update", "withdrawn"})
        else:
            found = bool(kinds)
        if not found:
            yield feed


class HeadLinks:
    """The autodiscovery links of a page: its language's whole feed, and the feeds of what the
    page is about (its city, offences, type)."""

    def __init__(self, siteurl: str, feeds: Mapping[str, list[Feed]]) -> None:
        siteurl = siteurl.rstrip("/")
        self.links = {
            (feed.lang, feed.kind, feed.key): Markup("").join(
                Markup('<link rel="alternate" type="{}" href="{}" title="{} ({})">\n').format(
                    media_type, siteurl + feed.url(fmt), feed.title, fmt.upper()
                )
                for fmt, media_type in sorted(MEDIA_TYPES.items())
            )
            for by_lang in feeds.values()
            for feed in by_lang
        }

    def __call__(self, lang: str, subjects: Iterable[tuple[str, str | None]]) -> list[Markup]:
        keys = [(lang, "all", None), *((lang, kind, key) for kind, key in subjects)]
        return [self.links[key] for key in keys if key in self.links]


def render(build: Build) -> None:
    feeds, gettext = build.state["feeds"]
    FeedWriter(build, feeds, gettext, MEDIA_TYPES, RIGHTS).write()
