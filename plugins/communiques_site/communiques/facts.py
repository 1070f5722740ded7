"""A case's facts as they stand: the communiqué's, then each of its published updates'.

An update may change the type, the status, the first arrest, the persons arrested (added) or
released, how many are still sought and the verification of the video (schema.UPDATE_FACTS).
From its date on, these are the case's facts: pages, feeds, figures, search records and open
data all read the case's fields, which `current` sets to them. What changed and when is kept as
FactChange entries, named and counted as the open data's columns are, so that the history of a
case whose persons' details were removed tells no more than its row does (counts, no ages).
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from communiques_site.core.labels import FACT_FIELDS

if TYPE_CHECKING:
    from .model import Case, Suspect

RELEASED = "released"


@dataclass(frozen=True)
class Facts:
    """The facts an update can change, as the communiqué wrote them."""

    type: str
    arrested_at: datetime | None
    suspects: "tuple[Suspect, ...]"
    sought: int
    verification: str


@dataclass(frozen=True)
class FactChange:
    at: datetime  # the update's date
    field: str  # a column of the case table: type, status, arrested_at, persons_arrested…
    old: object  # None: not given before
    new: object


def _released(suspects: Iterable["Suspect"]) -> int:
    return sum(suspect.custody == RELEASED for suspect in suspects)


def current(case: "Case") -> "Case":
    """`case` with the facts its updates give (only those it holds: as_of leaves out the
    updates not out yet). Made from the written facts each time, so applying it twice changes
    nothing."""
    written = case.written or Facts(
        case.type, case.arrested_at, case.suspects, case.sought, case.video.verification
    )
    kind, arrested, suspects = written.type, written.arrested_at, list(written.suspects)
    sought, verification, status = written.sought, written.verification, case.initial_status
    changes = []
    for update in case.updates:
        facts = update.facts
        before = (kind, status, arrested, len(suspects), _released(suspects), sought, verification)
        kind = facts.get("type", kind)
        status = update.status or status
        arrested = facts.get("arrested_at", arrested)
        suspects += facts.get("suspects", ())
        for number in facts.get("released", ()):
            suspects[number - 1] = replace(suspects[number - 1], custody=RELEASED)
        sought = facts.get("sought", sought)
        verification = facts.get("verification", verification)
        after = (kind, status, arrested, len(suspects), _released(suspects), sought, verification)
        changes += [
            FactChange(update.at, name, old, new)
            for name, old, new in zip(FACT_FIELDS, before, after, strict=True)
            if old != new
        ]
    if not changes and case.written is None:
        return case
    return replace(
        case,
        type=kind,
        arrested_at=arrested,
        suspects=tuple(suspects),
        sought=sought,
        video=replace(case.video, verification=verification),
        written=written,
        changes=tuple(changes),
    )
