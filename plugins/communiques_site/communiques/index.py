"""The one index of cases a build computes; every listing, feed and figure is derived from it."""

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Case
from .registry import Registries


@dataclass
class StaleTranslation:
    path: str
    original: str
    changed: float  # seconds since the epoch
    original_changed: float


@dataclass
class CaseIndex:
    cases: list[Case]  # every published case, withdrawn ones included, newest first
    registries: Registries
    embargoed: list[Case] = field(default_factory=list)  # cases not built yet, by release time
    embargoed_changes: list = field(default_factory=list)  # (at, case id, kind) not out yet
    record: dict = field(default_factory=dict)  # what this build publishes, for the next one
    record_published: bool = False  # the published site's record is that one, byte for byte
    stale: list[StaleTranslation] = field(default_factory=list)
    exceptions: list = field(default_factory=list)  # (path, line, what, reason) for reviewers

    def __post_init__(self) -> None:
        self.cases.sort(key=lambda c: (c.published, c.id), reverse=True)
        self.by_id = {c.id: c for c in self.cases}
        self.listed = [c for c in self.cases if c.listed]
        self.withdrawn = [c for c in self.cases if not c.listed]
        self.by_city = defaultdict(list)
        self.by_offence = defaultdict(list)
        for case in self.listed:
            self.by_city[case.city].append(case)
            for offence in case.offences:
                self.by_offence[offence].append(case)
