"""A case as the site uses it: its facts once, its text in each language, derived figures."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .facts import FactChange, Facts

MINOR_AGE = 18
# Statuses after which a person's details leave every page, feed and data file.
SCRUBBING_STATUSES = ("acquitted", "no-offence")


@dataclass(frozen=True)
class Suspect:
    age: int
    sex: str
    prior_record: str
    custody: str
    initials: dict[str, str]  # language -> initials, adults only

    @property
    def minor(self) -> bool:
        return self.age < MINOR_AGE


@dataclass(frozen=True)
class Update:
    at: datetime
    kind: str
    status: str | None
    note: dict[str, str]  # language -> change note
    # The other facts it changes (schema.UPDATE_FACTS): suspects a tuple of Suspect, released
    # a tuple of persons' numbers (from 1, in the order listed).
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Withdrawal:
    at: datetime
    reason: dict[str, str]  # language -> reason


@dataclass(frozen=True)
class Video:
    platform: str
    circulated_at: datetime
    filmed_at: datetime | None
    verification: str


@dataclass(frozen=True)
class Text:
    """What one language's file says of the case."""

    lang: str
    path: str
    title: str
    summary: str
    district: str | None
    body_html: str
    digest: str = ""  # of the file it comes from: what its pages depend on


@dataclass(frozen=True)
class Case:
    id: str
    type: str
    original_lang: str
    published: datetime
    city: str
    issuer: str
    offences: tuple[str, ...]
    video: Video
    arrested_at: datetime | None
    suspects: tuple[Suspect, ...]
    sought: int
    initial_status: str
    seized: tuple[tuple[str, int | None], ...]  # (item key, quantity or None)
    updates: tuple[Update, ...]
    withdrawn: Withdrawal | None
    texts: dict[str, Text] = field(default_factory=dict)  # language -> Text, complete when made
    draft: bool = False  # from the drafts folder: built only in preview
    embargoed: bool = False  # shown before its time: only in a preview
    # Once its published updates are applied (facts.current): the facts as the communiqué
    # wrote them (facts.Facts), and every change since (facts.FactChange), oldest first. The
    # fields above are then the facts as they stand.
    written: "Facts | None" = None
    changes: "tuple[FactChange, ...]" = ()

    @property
    def status(self) -> str:
        """The current status: the last update that set one, or the initial one."""
        for update in reversed(self.updates):
            if update.status:
                return update.status
        return self.initial_status

    @property
    def scrubbed(self) -> bool:
        """The suspects' details are removed once nobody stands accused."""
        return self.status in SCRUBBING_STATUSES

    def changes_at(self, at: datetime) -> "tuple[FactChange, ...]":
        """The changes of facts the update of `at` made."""
        return tuple(change for change in self.changes if change.at == at)

    @property
    def major_updates(self) -> tuple[Update, ...]:
        return tuple(u for u in self.updates if u.kind == "major")

    @property
    def updated(self) -> datetime:
        """When the case last changed: its last update, a correction (minor) included, so that
        a feed reader sees every change to what it already has."""
        return self.updates[-1].at if self.updates else self.published

    @property
    def response_hours(self) -> float | None:
        """Hours from the video's circulation to the first arrest (negative: arrested before)."""
        if self.arrested_at is None:
            return None
        return (self.arrested_at - self.video.circulated_at).total_seconds() / 3600

    @property
    def publication_hours(self) -> float:
        return (self.published - self.video.circulated_at).total_seconds() / 3600

    @cached_property  # asked for each page, feed and data file the case is on
    def digest(self) -> str:
        """Changes whenever a file of the case changes (or its draft state)."""
        parts = [text.digest for _, text in sorted(self.texts.items())] + [str(self.draft)]
        # An update or a withdrawal dated in the future appears when its time comes, with no
        # file changed: what is out now is part of the page's inputs.
        parts += [str(len(self.updates)), str(self.withdrawn is not None), str(self.embargoed)]
        return "-".join(parts)

    @property
    def listed(self) -> bool:
        return self.withdrawn is None
