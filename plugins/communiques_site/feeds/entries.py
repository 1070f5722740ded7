"""Feed entries built from the index of cases: one per case, one per major update, one per
withdrawal."""

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from communiques_site.communiques.index import CaseIndex
from communiques_site.communiques.model import Case, Update
from communiques_site.communiques.model import Withdrawal as CaseWithdrawal
from communiques_site.communiques.registry import Kind
from communiques_site.core import routes
from communiques_site.core.i18n import Formats
from communiques_site.core.labels import LABELS
from communiques_site.core.languages import Language

ROOT_LINK = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class Withdrawal:
    """When and why a communiqué was withdrawn: its entry stays in every format, marked, for a
    withdrawal is not a deletion (the page stays, with the notice)."""

    when: datetime
    reason: str


@dataclass(frozen=True)
class Event:
    """One change of a case's record: its entry's date and id, before the entry is made."""

    at: datetime
    id: str
    kind: str  # published, update (major), correction (minor), withdrawn
    case: Case
    what: Update | CaseWithdrawal | None  # None for the publication


@dataclass(frozen=True)
class Entry:
    id: str  # a tag: URI from the case id and language, never from a URL or title
    title: str
    url: str  # the page in the feed's language: the entry's one alternate link
    translations: dict[str, str]  # other language -> absolute URL of the same communiqué
    author: str  # the issuing authority, in the feed's language
    published: datetime
    updated: datetime
    summary: str
    content_html: str
    categories: tuple[tuple[str, str, str], ...] = ()  # (scheme, term, label)
    point: tuple[float, float] | None = None  # (lat, lon)
    withdrawn: Withdrawal | None = None


# One event of a case's record: (when, kind, case, what), as Event has them.
RecordItem = tuple[datetime, str, Case, Update | CaseWithdrawal | None]


def record(cases: Iterable[Case]) -> Iterator[RecordItem]:
    """Every case's whole record, for the logs, as (when, kind, case, what): its publication,
    every update (corrections included) and its withdrawal. The same in every language, and
    cheap: a feed picks its newest events before any entry is made."""
    for case in cases:
        yield case.published, "published", case, None
        for update in case.updates:
            yield update.at, "update" if update.kind == "major" else "correction", case, update
        if case.withdrawn:
            yield case.withdrawn.at, "withdrawn", case, case.withdrawn


class EntryMaker:
    """Makes the entries of one language: only those of the feeds a build writes."""

    def __init__(
        self,
        language: Language,
        index: CaseIndex,
        siteurl: str,
        authority: str,
        gettext: Callable[..., str],
        code: Callable[[str], str] = lambda case_id: "",
    ) -> None:
        self.language = language
        self.lang = language.code
        self.index = index
        self.siteurl = siteurl.rstrip("/")
        self.authority = authority
        self._ = gettext
        self.registries = index.registries
        self.formats = Formats(language)
        self.code = code  # case id -> its verification code ("" without the log)

    def tag(self, *parts: str) -> str:
        return f"tag:{self.authority}:" + "/".join(parts)

    def absolute(self, path: str) -> str:
        return self.siteurl + path

    def _html(self, html: str) -> str:
        html = ROOT_LINK.sub(rf'\1="{self.siteurl}/', html)
        return f'<div lang="{self.lang}" dir="{self.language.direction}">{html}</div>'

    def name(self, kind: Kind, key: str) -> str:
        return self.registries[kind][key].name[self.lang]

    def case(self, case: Case) -> Entry:
        """The case's entry; a withdrawn case's entry carries the withdrawal notice instead of
        its text."""
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
            content_html=self._html(text.body_html + self._verification(case)),
            categories=tuple(categories),
            point=(city.lat, city.lon),
        )
        if case.withdrawn:
            return self._withdrawn(case, entry)
        return entry

    def _verification(self, case: Case) -> str:
        """The code a reader can check the entry by, on the site's verify page."""
        code = self.code(case.id)
        if not code:
            return ""
        words = html.escape(self._("Verification code:"), quote=False)
        url = self.absolute(routes.code(code.replace("-", "")))
        return f'<p class="verification-code">{words} <a href="{url}">{code}</a></p>'

    def _withdrawn(self, case: Case, entry: Entry) -> Entry:
        withdrawal = case.withdrawn
        if withdrawal is None:
            raise ValueError(f"{case.id} is not withdrawn")
        reason = withdrawal.reason[self.lang]
        notice = self._(
            "This communiqué was withdrawn on %(date)s.", date=self.formats.date(withdrawal.at)
        )
        body = (
            f"<p><strong>{html.escape(notice, quote=False)}</strong></p>"
            f"<p>{html.escape(self._('Reason:'), quote=False)} "
            f"{html.escape(reason, quote=False)}</p>" + self._verification(case)
        )
        return Entry(
            **{
                **entry.__dict__,
                "title": self._("Withdrawn: %(title)s", title=entry.title),
                "updated": withdrawal.at,
                "summary": reason,
                "content_html": self._html(body),
                # Its facts leave the feeds as they leave the open data: no city, offence,
                # type or place on the entry, only that it was withdrawn and why.
                "categories": (),
                "point": None,
                "withdrawn": Withdrawal(withdrawal.at, reason),
            }
        )

    def event(
        self, at: datetime, kind: str, case: Case, what: Update | CaseWithdrawal | None
    ) -> Event:
        """One event of the record (see `record`), with its entry's id in this language."""
        stamp = at.strftime("%Y%m%dT%H%M%S%z")
        return Event(at, self.tag(kind, case.id, self.lang, stamp), kind, case, what)

    def change(self, event: Event, text: Entry) -> Entry:
        """The entry of one event of the record; `text`: the case's own entry."""
        lang, kind, what = self.lang, event.kind, event.what
        title = event.case.texts[lang].title
        if kind == "published":
            heading, note = self._("Published: %(title)s", title=title), text.summary
        elif kind == "withdrawn" and isinstance(what, CaseWithdrawal):
            heading, note = self._("Withdrawn: %(title)s", title=title), what.reason[lang]
        elif isinstance(what, Update):
            status = self._(LABELS["status"][what.status]) if what.status else None
            note = what.note[lang] + (f" ({status})" if status else "")
            if kind == "update":  # each message written out whole: `invoke catalogs` finds it
                heading = self._("Update: %(title)s", title=title)
            else:
                heading = self._("Correction: %(title)s", title=title)
        else:
            raise ValueError(f"{event.case.id}: a {kind} event without its update or withdrawal")
        return Entry(
            id=event.id,
            title=str(heading),
            url=text.url,
            translations=text.translations,
            author=text.author,
            published=event.at,
            updated=event.at,
            summary=note,
            content_html=self._html(
                f"<p>{html.escape(note, quote=False)}</p>" + self._verification(event.case)
            ),
            categories=text.categories,
            point=text.point,
        )
