"""Feed entries built from the index of cases: one per case, one per major update, one per
withdrawal."""

import html
import re
from dataclasses import dataclass

from core import routes
from core.i18n import Formats
from core.labels import LABELS

ROOT_LINK = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class Tombstone:
    """What an Atom feed says in place of a withdrawn entry (RFC 6721 `at:deleted-entry`)."""

    when: object
    comment: str


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: URI from the case id and language, never from a URL or title
    title: str
    url: str  # the page in the feed's language: the entry's one alternate link
    translations: dict  # other language -> absolute URL of the same communiqué
    author: str  # the issuing authority, in the feed's language
    published: object
    updated: object
    summary: str
    content_html: str
    categories: tuple = ()  # (scheme, term, label)
    point: tuple | None = None  # (lat, lon)
    tombstone: Tombstone | None = None  # a withdrawn case: Atom writes this instead


class EntryMaker:
    """Builds the entries of one language, once per build; feeds pick from them."""

    def __init__(self, language, index, siteurl, authority, gettext):
        self.language = language
        self.lang = language.code
        self.index = index
        self.siteurl = siteurl.rstrip("/")
        self.authority = authority
        self._ = gettext
        self.registries = index.registries
        self.formats = Formats(language)

    def tag(self, *parts):
        return f"tag:{self.authority}:" + "/".join(parts)

    def absolute(self, path):
        return self.siteurl + path

    def _html(self, html):
        html = ROOT_LINK.sub(rf'\1="{self.siteurl}/', html)
        return f'<div lang="{self.lang}" dir="{self.language.direction}">{html}</div>'

    def name(self, kind, key):
        return self.registries[kind][key].name[self.lang]

    def case(self, case):
        """The case's entry; a withdrawn case's entry carries the withdrawal notice instead of
        its text, and a tombstone for Atom."""
        lang, text = self.lang, case.texts[self.lang]
        city = self.registries["cities"][case.city]
        categories = [
            (self.absolute(routes.cities(lang)), case.city, city.name[lang]),
            *(
                (self.absolute(routes.offences(lang)), key, self.name("offences", key))
                for key in case.offences
            ),
            (
                self.absolute(routes.feeds(lang, "types")),
                case.type,
                self._(LABELS["type"][case.type]),
            ),
        ]
        entry = Entry(
            id=self.tag("communique", case.id, lang),
            title=text.title,
            url=self.absolute(routes.communique(lang, case.id)),
            translations={
                other: self.absolute(routes.communique(other, case.id))
                for other in sorted(case.texts)
                if other != lang
            },
            author=self.name("issuers", case.issuer),
            published=case.published,
            updated=case.updated,
            summary=text.summary,
            content_html=self._html(text.body_html),
            categories=tuple(categories),
            point=(city.lat, city.lon),
        )
        if case.withdrawn:
            return self._withdrawn(case, entry)
        return entry

    def _withdrawn(self, case, entry):
        reason = case.withdrawn.reason[self.lang]
        notice = self._(
            "This communiqué was withdrawn on %(date)s.", date=self.formats.date(case.withdrawn.at)
        )
        body = (
            f"<p><strong>{html.escape(notice, quote=False)}</strong></p>"
            f"<p>{html.escape(self._('Reason:'), quote=False)} "
            f"{html.escape(reason, quote=False)}</p>"
        )
        return Entry(
            **{
                **entry.__dict__,
                "title": self._("Withdrawn: %(title)s", title=entry.title),
                "updated": case.withdrawn.at,
                "summary": reason,
                "content_html": self._html(body),
                # Its facts leave the feeds as they leave the open data: no city, offence,
                # type or place on the entry, only that it was withdrawn and why.
                "categories": (),
                "point": None,
                "tombstone": Tombstone(case.withdrawn.at, reason),
            }
        )

    def changes(self, case, entry=None):
        """The case's whole record, for the log of changes, as (kind, entry): its publication,
        every update (corrections included) and its withdrawal. `entry`: the case's own entry,
        when already made."""
        lang, text = self.lang, entry or self.case(case)
        title = case.texts[lang].title
        heading = self._("Published: %(title)s", title=title)
        yield (
            "published",
            self._update(case, text, "published", case.published, heading, text.summary),
        )
        for update in case.updates:
            status = self._(LABELS["status"][update.status]) if update.status else None
            note = update.note[lang] + (f" ({status})" if status else "")
            kind = "update" if update.kind == "major" else "correction"
            label = "Update: %(title)s" if kind == "update" else "Correction: %(title)s"
            yield kind, self._update(case, text, kind, update.at, self._(label, title=title), note)
        if case.withdrawn:
            heading = self._("Withdrawn: %(title)s", title=title)
            note = case.withdrawn.reason[lang]
            yield (
                "withdrawn",
                self._update(case, text, "withdrawn", case.withdrawn.at, heading, note),
            )

    def _update(self, case, text, kind, at, title, note):
        stamp = at.strftime("%Y%m%dT%H%M%S%z")
        return Entry(
            id=self.tag(kind, case.id, self.lang, stamp),
            title=str(title),
            url=text.url,
            translations=text.translations,
            author=text.author,
            published=at,
            updated=at,
            summary=note,
            content_html=self._html(f"<p>{html.escape(note, quote=False)}</p>"),
            categories=text.categories,
            point=text.point,
        )
