"""The beats a journalist can follow, declared once: each is a kind of feed (its URL folder),
its keys, which cases it holds, its title and description, and the page it belongs to.

A new beat is one more entry in BEATS, anywhere in this file (after the tuple too: what depends
on BEATS reads it when asked, never at import); the feeds, their URLs, their page, the head
links of the pages about a subject and of a communiqué's page all follow from it.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from communiques_site.core import routes
from communiques_site.core.labels import LABELS, N_, TYPES

if TYPE_CHECKING:
    from communiques_site.communiques.model import Case
    from communiques_site.communiques.registry import Kind, Registries

FORMATS = routes.FEED_FORMATS


@dataclass(frozen=True)
class Beat:
    kind: str  # the URL folder: /{lang}/feeds/{kind}/{key}.atom (no key: /{lang}/feeds/{kind}.atom)
    heading: str  # the feeds page's section
    keys: "Callable[[Registries], Iterable[str | None]]"  # registries -> the keys of its feeds
    of_case: (
        "Callable[[Case], Iterable[str | None]] | None"  # a case -> the keys it is listed under
    )
    # A beat with keys takes a key (str), one without None: one Callable type cannot say which,
    # hence the `...` of the four below.
    title: Callable[..., str]  # (gettext, name) -> the feed's title
    description: Callable[..., str]  # (gettext, name) -> one line saying what it holds
    home: Callable[..., str]  # (lang, key) -> the page the feed belongs to
    name: Callable[..., str | None] = lambda registries, lang, key: ""
    # Without `of_case`, the entries are not the cases: "updates" (major updates and
    # withdrawals) or "changes" (the whole record: publications, every update, withdrawals).
    entries: str = "cases"


def _registry_name(kind: "Kind") -> "Callable[[Registries, str, str], str]":
    return lambda registries, lang, key: registries[kind][key].name[lang]


BEATS = (
    Beat(
        "all",
        N_("Everything"),
        keys=lambda registries: [None],
        of_case=lambda case: [None],
        title=lambda _, name: _("All communiqués"),
        description=lambda _, name: _("Every communiqué, newest first."),
        home=lambda lang, key: routes.home(lang),
    ),
    Beat(
        "updates",  # its entries are the updates of every case, not the cases
        N_("Corrections"),
        keys=lambda registries: [None],
        of_case=None,
        title=lambda _, name: _("Updates and corrections"),
        description=lambda _, name: _(
            "Major updates, corrections and withdrawals of communiqués already published."
        ),
        home=lambda lang, key: routes.home(lang),
        entries="updates",
    ),
    Beat(
        "changes",
        N_("Log of changes"),
        keys=lambda registries: [None],
        of_case=None,
        title=lambda _, name: _("Log of changes"),
        description=lambda _, name: _(
            "Every publication, update, correction and withdrawal, newest first."
        ),
        home=lambda lang, key: routes.changes(lang),
        entries="changes",
    ),
    Beat(
        "types",
        N_("By type"),
        keys=lambda registries: TYPES,
        of_case=lambda case: [case.type],
        title=lambda _, name: name,
        description=lambda _, name: _("Communiqués of this type: %(type)s.", type=name),
        home=lambda lang, key: routes.home(lang),
        name=lambda registries, lang, key: key,  # translated by LABELS, below
    ),
    Beat(
        "cities",
        N_("By city"),
        keys=lambda registries: registries["cities"],
        of_case=lambda case: [case.city],
        title=lambda _, name: name,
        description=lambda _, name: _("Communiqués about videos from %(city)s.", city=name),
        home=routes.city,
        name=_registry_name("cities"),
    ),
    Beat(
        "offences",
        N_("By offence"),
        keys=lambda registries: registries["offences"],
        of_case=lambda case: case.offences,
        title=lambda _, name: name,
        description=lambda _, name: _(
            "Communiqués naming this offence: %(offence)s.", offence=name
        ),
        home=routes.offence,
        name=_registry_name("offences"),
    ),
)


def by_kind(kind):
    """The beat of a kind (`cities`), looked up when asked: an entry added below BEATS counts."""
    for beat in BEATS:
        if beat.kind == kind:
            return beat
    raise KeyError(f"no beat of kind {kind!r}; the beats are {', '.join(b.kind for b in BEATS)}")


@dataclass(frozen=True)
class Feed:
    """One beat's feed in one language; its three files share the same entries."""

    lang: str
    kind: str
    key: str | None = None
    title: str = ""
    description: str = ""

    @property
    def path(self) -> str:
        """The URL path without the extension, e.g. /ar/feeds/cities/tanger."""
        return routes.feed(self.lang, self.kind, self.key)

    def url(self, fmt: str) -> str:
        return routes.feed(self.lang, self.kind, self.key, fmt)

    @property
    def slug(self) -> str:
        """Stable part of the feed's id: never derived from a title."""
        return self.kind if self.key is None else f"{self.kind}/{self.key}"


def feeds_of(lang: str, registries: "Registries", gettext: Callable[..., str]) -> Iterator[Feed]:
    """Every feed of a language, with its title and description in that language."""
    for beat in BEATS:
        for key in beat.keys(registries):
            name = beat.name(registries, lang, key)
            if beat.kind == "types":
                name = gettext(LABELS["type"][key])  # type: ignore[index]  # keys: TYPES
            yield Feed(
                lang, beat.kind, key, beat.title(gettext, name), beat.description(gettext, name)
            )


def of_case(case: "Case") -> list[tuple[str, str | None]]:
    """(kind, key) of every feed that lists `case`, in the order of BEATS: what a communiqué's
    page announces."""
    return [
        (beat.kind, key) for beat in BEATS if beat.of_case is not None for key in beat.of_case(case)
    ]


def members(cases: Iterable["Case"]) -> dict[tuple[str, str | None], list["Case"]]:
    """{(kind, key): cases newest first} for every beat listed by case, withdrawn cases
    included (the feeds show where they were)."""
    found: dict[tuple[str, str | None], list[Case]] = {}
    for case in cases:
        for beat in BEATS:
            if beat.of_case is None:
                continue
            for key in beat.of_case(case):
                found.setdefault((beat.kind, key), []).append(case)
    return found
