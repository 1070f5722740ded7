"""Feed entries built from the index of cases: one per case, one per major update."""

import html
import re
from dataclasses import dataclass, field

from bilingual import urls
from bilingual.labels import LABELS

DIRECTIONS = {"ar": "rtl", "fr": "ltr"}
ROOT_LINK = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: URI from the case id and language, never from a URL or title
    title: str
    url: str
    alternates: dict  # other language -> absolute URL
    published: object
    updated: object
    summary: str
    content_html: str
    categories: tuple = ()  # (scheme, term, label)
    point: tuple | None = None  # (lat, lon)
    extra: dict = field(default_factory=dict)


class EntryMaker:
    """Builds the entries of one language, once per build; feeds pick from them."""

    def __init__(self, lang, index, siteurl, authority, gettext):
        self.lang = lang
        self.index = index
        self.siteurl = siteurl.rstrip("/")
        self.authority = authority
        self._ = gettext
        self.registries = index.registries

    def tag(self, *parts):
        return f"tag:{self.authority}:" + "/".join(parts)

    def absolute(self, path):
        return self.siteurl + path

    def _html(self, html):
        html = ROOT_LINK.sub(rf'\1="{self.siteurl}/', html)
        return f'<div lang="{self.lang}" dir="{DIRECTIONS[self.lang]}">{html}</div>'

    def name(self, kind, key):
        return self.registries[kind][key].name[self.lang]

    def case(self, case):
        lang, text = self.lang, case.texts[self.lang]
        city = self.registries["cities"][case.city]
        categories = [
            (self.absolute(urls.cities(lang)), case.city, city.name[lang]),
            *(
                (self.absolute(urls.offences(lang)), key, self.name("offences", key))
                for key in case.offences
            ),
            (self.absolute(f"/{lang}/feeds/types/"), case.type, self._(LABELS["type"][case.type])),
        ]
        return Entry(
            id=self.tag("communique", case.id, lang),
            title=text.title,
            url=self.absolute(urls.communique(lang, case.id)),
            alternates={
                other: self.absolute(urls.communique(other, case.id))
                for other in case.texts
                if other != lang
            },
            published=case.published,
            updated=case.updated,
            summary=text.summary,
            content_html=self._html(text.body_html),
            categories=tuple(categories),
            point=(city.lat, city.lon),
        )

    def updates(self, case, entry=None):
        """Major updates of a listed case; a withdrawn case has only its withdrawal.
        `entry`: the case's own entry, when already made."""
        lang, text = self.lang, entry or self.case(case)
        if case.withdrawn:
            note = case.withdrawn.reason[lang]
            title = self._("Withdrawn: %(title)s", title=text.title)
            yield self._update(case, text, "withdrawn", case.withdrawn.at, title, note)
            return
        for update in case.major_updates:
            status = self._(LABELS["status"][update.status]) if update.status else None
            title = self._("Update: %(title)s", title=text.title)
            note = update.note[lang] + (f" ({status})" if status else "")
            yield self._update(case, text, "update", update.at, title, note)

    def _update(self, case, text, kind, at, title, note):
        stamp = at.strftime("%Y%m%dT%H%M%S%z")
        return Entry(
            id=self.tag(kind, case.id, self.lang, stamp),
            title=str(title),
            url=text.url,
            alternates=text.alternates,
            published=at,
            updated=at,
            summary=note,
            content_html=self._html(f"<p>{html.escape(note, quote=False)}</p>"),
            categories=text.categories,
            point=text.point,
        )
