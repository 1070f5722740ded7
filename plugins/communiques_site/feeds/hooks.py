"""The feeds' part in each stage: entries and the feeds page derived from the index, the
files written in the render stage."""

from collections.abc import Iterable, Iterator, Mapping

from markupsafe import Markup

from communiques_site.communiques.model import Case
from communiques_site.core import routes
from communiques_site.core.i18n import plain_gettext
from communiques_site.core.labels import N_
from communiques_site.core.settings import Schema
from communiques_site.core.stages import Build, NavEntry, Page

from . import beats
from .beats import Feed, by_kind, feeds_of, members
from .entries import record
from .settings import SCHEMA, FeedsOptions
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
    gettext = {
        language.code: plain_gettext(build.catalogs[language.code]) for language in build.languages
    }
    feeds = {
        language.code: list(feeds_of(language.code, build.index.registries, gettext[language.code]))
        for language in build.languages
    }
    build.state["feeds"] = (feeds, gettext)
    build.head_links.append(HeadLinks(build.settings["SITEURL"], feeds, build.index.by_id))
    build.nav.append(NavEntry(40, N_("Feeds"), routes.feeds))
    conf = build.options[FeedsOptions]
    example = build.index.listed[0] if build.index.listed else None
    empty = sorted(_empty(build.index.cases, feeds), key=str)
    registries = build.index.registries
    for language in build.languages:
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
                    "feed_size": conf.size,
                    "feed_rights": RIGHTS,
                    "example": example,
                    "beats": [(beat.kind, beat.heading) for beat in beats.BEATS],
                    # The beats of one feed (all, updates, changes) share the first section.
                    "single": [b.kind for b in beats.BEATS if len(list(b.keys(registries))) == 1],
                    "empty": set(empty),
                    "format_names": FORMAT_NAMES,
                    "homes": {
                        (f.kind, f.key): by_kind(f.kind).home(lang, f.key) for f in feeds[lang]
                    },
                },
                # Of the cases, the page shows only the example's id and which feeds are empty.
                build.outputs.digest(
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
        beat = by_kind(feed[0])
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
    page is about: a city's page its city's; a communiqué's page those of every beat that lists
    it (its city, type, offences: beats.of_case), so that a new beat is announced there too."""

    def __init__(
        self, siteurl: str, feeds: Mapping[str, list[Feed]], cases: Mapping[str, Case]
    ) -> None:
        self.cases = cases  # {id: case}
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
        about = [subject for pair in subjects for subject in self._feeds_of(*pair)]
        keys = dict.fromkeys([(lang, "all", None), *((lang, kind, key) for kind, key in about)])
        return [self.links[key] for key in keys if key in self.links]

    def _feeds_of(self, kind, key):
        """(kind, key) of the feeds of a page's subject: a communiqué's are its beats'."""
        if kind != "communiques":
            return [(kind, key)]
        return beats.of_case(self.cases[key]) if key in self.cases else []


def render(build: Build) -> None:
    feeds, gettext = build.state["feeds"]
    FeedWriter(build, feeds, gettext, MEDIA_TYPES, RIGHTS).write()
