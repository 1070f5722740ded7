"""The feeds' part in each stage: entries and the feeds page derived from the index, the
files written in the render stage."""

from markupsafe import Markup

from core import routes
from core.i18n import load_translations, plain_gettext
from core.labels import N_
from core.stages import Page

from .beats import BEATS, feeds_of
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


def declare(pelican):
    return SCHEMA


def derive(build):
    theme = build.settings["THEME"]
    gettext = {
        language.code: plain_gettext(load_translations(theme, language.code))
        for language in build.languages
    }
    feeds = {
        language.code: list(feeds_of(language.code, build.index.registries, gettext[language.code]))
        for language in build.languages
    }
    build.state["feeds"] = (feeds, gettext)
    build.head_links.append(HeadLinks(build.settings["SITEURL"], feeds))
    build.nav.append((40, N_("Feeds"), routes.feeds))
    conf = build.options["FEEDS"]
    example = build.index.listed[0] if build.index.listed else None
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
                    "feed_size": conf["size"],
                    "feed_rights": RIGHTS,
                    "example": example,
                    "beats": [(beat.kind, beat.heading) for beat in BEATS],
                },
                # Of the cases, the page shows only the example's id.
                build.outputs.digest("feeds page", routes.feeds(lang), example and example.id),
                subjects=(("updates", None),),
            )
        )


class HeadLinks:
    """The autodiscovery links of a page: its language's whole feed, and the feeds of what the
    page is about (its city, offences, type)."""

    def __init__(self, siteurl, feeds):
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

    def __call__(self, lang, subjects):
        keys = [(lang, "all", None), *((lang, kind, key) for kind, key in subjects)]
        return [self.links[key] for key in keys if key in self.links]


def render(build):
    feeds, gettext = build.state["feeds"]
    FeedWriter(build, feeds, gettext, MEDIA_TYPES, RIGHTS).write()
