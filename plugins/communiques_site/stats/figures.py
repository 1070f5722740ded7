"""The statistics' figures, declared once each: its name in stats.json, its title and its
definition (shown on the methodology page, in the catalogs' languages), how it is computed
from a set of cases (a city's or the country's), and how the figures block shows it.

A new figure is one more entry in FIGURES, anywhere in this file (after the tuple too: what
depends on FIGURES reads it when asked, never at import): stats.json, the figures block of the
statistics and city pages, the cities table (`column`) and the methodology page follow from it.

Shared rules: withdrawn cases are left out of every figure; embargoed ones do not exist yet.
Every figure is what the obvious computation on the open data gives (each figure's `pandas`
line, run on communiques.csv or a city's file, shown on the methodology page and run by the
tests): times are the open data's hours to one decimal, the median of an even count is the
mean of the two middle values, percentiles interpolate linearly between ranks (numpy's and
pandas' default). Hours are published to two decimals (a median or percentile of one-decimal
values never has more), shares as fractions from 0 to 1 to four decimals; pages show one
decimal, rounded half up (core.i18n.Formats.figure_hours, figure_percent). A figure that cannot
be computed (no case, no time) is None, not zero.
"""

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict
from zoneinfo import ZoneInfo

from communiques_site.core.labels import N_, TYPES

if TYPE_CHECKING:
    from communiques_site.communiques.model import Case

# A scope's figures by name, as stats.json has them: the names are FIGURES', each value what
# its `value` computes (a count, hours, a share, a table of counts), so no fixed shape.
Figures = dict[str, Any]


class Comparison(TypedDict):
    response_hours_median_city: float | None
    response_hours_median_national: float | None
    difference_hours: float | None


class Stats(TypedDict):
    """The build's statistics: what stats.json holds and the pages show."""

    percentile: str
    definitions: dict[str, dict[str, str]]  # figure name -> language -> its definition's URL
    national: Figures
    cities: dict[str, Figures]  # city key -> its figures, "compare" among them


FAKE_VERIFICATIONS = ("staged", "old", "filmed-abroad", "misleading")
MOROCCO = ZoneInfo("Africa/Casablanca")
OPEN_STATUS = "under-investigation"
# The response-time chart's spans: (key, upper bound in hours, included); the last is open.
RESPONSE_SPANS = (
    ("0-6h", 6),
    ("6-12h", 12),
    ("12-24h", 24),
    ("24-48h", 48),
    ("48-72h", 72),
    ("72-168h", 168),
    ("over-168h", None),
)


def percentile(values: Iterable[float], p: float) -> float | None:
    """The p-th percentile of `values`, p in [0, 100], by linear interpolation between the
    closest ranks (Hyndman and Fan's 7th definition: numpy's and pandas' default; the 50th is
    the median, the mean of the two middle values of an even count); None when there is none.
    Computed as numpy computes it, so that the same values give the same number."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be in [0, 100], not {p}")
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * (p / 100)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    fraction = position - below
    low, high = ordered[below], ordered[above]
    if fraction >= 0.5:  # numpy's lerp: exact at both ends
        return high - (high - low) * (1 - fraction)
    return low + (high - low) * fraction


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return {key: counter[key] for key in sorted(counter)}


def _months(first: tuple[int, int], last: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, both included."""
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _by_month(cases: Iterable["Case"]) -> dict[str, dict[str, int]]:
    counts: dict[tuple[int, int], Counter[str]] = {}
    for case in cases:
        local = case.published.astimezone(MOROCCO)
        counts.setdefault((local.year, local.month), Counter())[case.type] += 1
    if not counts:
        return {}
    return {
        f"{year:04d}-{month:02d}": {
            kind: counts.get((year, month), Counter()).get(kind, 0) for kind in TYPES
        }
        for year, month in _months(min(counts), max(counts))
    }


def _by_span(responses: Iterable[float]) -> list[dict[str, Any]]:
    """Cases by span of response time, in order (a list: JSON keys may be re-sorted); each span
    includes its upper bound, as the shares do (24.0 h is within 24 h)."""
    counts = Counter(
        next(key for key, high in RESPONSE_SPANS if high is None or value <= high)
        for value in responses
    )
    return [
        {"span": key, "up_to_hours": high, "cases": counts[key]} for key, high in RESPONSE_SPANS
    ]


class Sample:
    """The cases of one scope and what several figures share, computed once."""

    def __init__(self, cases: Iterable["Case"]) -> None:
        self.cases = [case for case in cases if case.listed]
        # Before circulation is decided on the exact times (two minutes before is before, not
        # a response of 0 h); response times are rounded as the open data publishes them.
        exact = [c.response_hours for c in self.cases if c.response_hours is not None]
        self.before = sum(value < 0 for value in exact)
        self.responses = [round(value, 1) for value in exact if value >= 0]
        self.persons: Counter[str] = Counter()
        for case in self.cases:
            for suspect in case.suspects:
                kind = "removed" if case.scrubbed else "minors" if suspect.minor else "adults"
                self.persons[kind] += 1
        self.fakes = sum(case.video.verification in FAKE_VERIFICATIONS for case in self.cases)

    def within(self, hours: float) -> float | None:
        return _share(sum(value <= hours for value in self.responses), len(self.responses))


@dataclass(frozen=True)
class Figure:
    name: str  # in stats.json
    value: Callable[[Sample], object] | None  # None: computed apart (COMPARE, by `compare`)
    title: str | None = None  # None: published in stats.json, part of another figure's display
    definition: str | None = None
    show: str | None = None  # how the figures block shows it (number, hours, share, …); None: not
    column: bool = False  # a column of the statistics page's cities table (shown as `show` says)
    # The pandas expression that recomputes it from the open data's case table read as `df`
    # (pd.read_csv of communiques.csv, or of a city's file for a city's figure).
    pandas: str | None = None


FIGURES = (
    Figure(
        "cases",
        lambda s: len(s.cases),
        N_("Communiqués"),
        N_("Cases published, all types, withdrawn communiqués excluded."),
        show="number",
        column=True,
        pandas="len(df)",
    ),
    Figure(
        "cases_by_type",
        lambda s: {kind: sum(case.type == kind for case in s.cases) for kind in TYPES},
        N_("By type"),
        N_(
            "Cases by type: arrest (suspects arrested), clarification (the video was debunked or "
            "put in context), search (an investigation is open and suspects are sought)."
        ),
        show="by_type",
        pandas="df.type.value_counts()",
    ),
    Figure(
        "persons_arrested",
        lambda s: sum(s.persons.values()),
        N_("Persons arrested"),
        N_(
            "Persons arrested named in the communiqués, adults and minors (under 18) apart. The "
            "persons of a case that ended in an acquittal or with no offence are counted, but "
            "not as adults or minors: their details were removed."
        ),
        show="persons",
        column=True,
        pandas="df.persons_arrested.sum()",
    ),
    Figure("persons_arrested_adults", lambda s: s.persons["adults"]),
    Figure("persons_arrested_minors", lambda s: s.persons["minors"]),
    Figure("persons_details_removed", lambda s: s.persons["removed"]),
    Figure("response_cases", lambda s: len(s.responses)),
    Figure(
        "response_hours_median",
        lambda s: _hours(statistics.median(s.responses) if s.responses else None),
        N_("Median time to arrest"),
        N_(
            "Hours from the moment the video started to circulate to the first arrest "
            "(response_hours in the open data), over the cases that give both times and where "
            "the arrest came after the video: the cases with a response_hours. The median is "
            "the middle value; for an even count, the mean of the two middle values."
        ),
        show="hours",
        column=True,
        pandas="df.response_hours.median()",
    ),
    Figure(
        "response_hours_p90",
        lambda s: _hours(percentile(s.responses, 90)),
        N_("90th percentile of the time to arrest"),
        N_(
            "The same times; the percentile interpolates linearly between the two closest "
            "ranks: sort the n values, take the value at position 0.9 × (n − 1) counted from 0, "
            "between two values in proportion. Nine arrests in ten came sooner."
        ),
        show="hours",
        pandas="df.response_hours.quantile(0.9)",
    ),
    Figure(
        "share_within_24h",
        lambda s: s.within(24),
        N_("Arrested within 24 hours"),
        N_(
            "Share of the same cases (those with a response_hours) whose first arrest came at "
            "most 24 hours after the video started to circulate."
        ),
        show="share",
        column=True,
        pandas="df.response_hours.dropna().le(24).mean()",
    ),
    Figure(
        "share_within_72h",
        lambda s: s.within(72),
        N_("Arrested within 72 hours"),
        N_("Share of the same cases whose first arrest came at most 72 hours after."),
        show="share",
        pandas="df.response_hours.dropna().le(72).mean()",
    ),
    Figure(
        "response_by_span",
        lambda s: _by_span(s.responses),
        N_("Time to arrest by span"),
        N_(
            "The same cases counted by the time from the video to the first arrest, rounded to "
            "a tenth of an hour as in the open data; each span includes its upper limit: an "
            "arrest 24 hours after the video counts in 12–24 h."
        ),
        pandas=(
            'pd.cut(df.response_hours, [0, 6, 12, 24, 48, 72, 168, float("inf")], '
            "include_lowest=True).value_counts(sort=False)"
        ),
    ),
    Figure(
        "arrests_before_circulation",
        lambda s: s.before,
        N_("Arrests before the video circulated"),
        N_(
            "Cases where the suspect had been arrested before the video circulated (on a "
            "complaint, for instance): arrested_before_video in the open data. Counted apart: "
            "they have no response_hours and are in no time figure."
        ),
        show="number",
        pandas="df.arrested_before_video.sum()",
    ),
    Figure(
        "open_cases",
        lambda s: sum(c.sought >= 1 and c.status == OPEN_STATUS for c in s.cases),
        N_("Open cases"),
        N_("Cases still under investigation with at least one suspect sought."),
        show="number",
        pandas='((df.status == "under-investigation") & (df.sought >= 1)).sum()',
    ),
    Figure("fake_videos", lambda s: s.fakes),
    Figure(
        "fake_share",
        lambda s: _share(s.fakes, len(s.cases)),
        N_("Videos found staged, old, filmed abroad or misleading"),
        N_(
            "Share of cases whose video verification found it staged, old, filmed abroad or "
            "misleading, among all cases."
        ),
        show="share_of_fakes",
        column=True,
        pandas='df.verification.isin(["staged", "old", "filmed-abroad", "misleading"]).mean()',
    ),
    Figure(
        "videos_by_verification",
        lambda s: _sorted(Counter(case.video.verification for case in s.cases)),
    ),
    Figure(
        "by_platform",
        lambda s: _sorted(Counter(case.video.platform for case in s.cases)),
        N_("By platform"),
        N_("Cases by the platform where the video circulated."),
        pandas="df.platform.value_counts()",
    ),
    Figure(
        "by_offence",
        lambda s: _sorted(
            Counter(offence for case in s.cases for offence in dict.fromkeys(case.offences))
        ),
        N_("By offence"),
        N_("Cases naming each offence; a case with several offences counts for each."),
        pandas='df.offences.str.split("|").explode().value_counts()',
    ),
    Figure(
        "by_month",
        lambda s: _by_month(s.cases),
        N_("By month"),
        N_("Cases by month of publication (Moroccan time), stacked by type."),
        pandas=(
            'pd.crosstab(pd.to_datetime(df.published, utc=True).dt.tz_convert("Africa/Casablanca")'
            '.dt.strftime("%Y-%m"), df.type)'
        ),
    ),
)
# A city's figure, set beside the others by `compare` (it needs the national figures).
COMPARE = Figure(
    "compare",
    None,
    N_("Against the national median"),
    N_(
        "The city's median time to arrest minus the national median, in hours: negative "
        "means faster than the country as a whole."
    ),
    show="compare",
    pandas="df.response_hours.median() - national.response_hours.median()",
)


def defined():
    """The figures with a definition on the methodology page, in order."""
    return [figure for figure in (*FIGURES, COMPARE) if figure.definition]


def shown():
    """The figures of the figures block (statistics and city pages), in order."""
    return [figure for figure in (*FIGURES, COMPARE) if figure.show]


def columns():
    """The figures of the cities table's columns, in order."""
    return [figure for figure in FIGURES if figure.column]


def compute(cases: Iterable["Case"]) -> Figures:
    """The figures of a set of cases (a city's or the whole country's), as a JSON-ready dict."""
    sample = Sample(cases)
    return {figure.name: figure.value(sample) for figure in FIGURES if figure.value}


def compare(city: Figures, national: Figures) -> Comparison:
    """A city's median response time against the national one (figures from `compute`)."""
    mine, theirs = city["response_hours_median"], national["response_hours_median"]
    difference = None if mine is None or theirs is None else round(mine - theirs, 2)
    return {
        "response_hours_median_city": mine,
        "response_hours_median_national": theirs,
        "difference_hours": difference,
    }
