"""The statistics' figures and their definitions, computed the same way for a city and nationally.

Definitions (shown on the methodology page):

- Cases: the published cases. Withdrawn cases are left out of every figure; embargoed cases are
  not published yet and so are not counted either.
- Cases by type: arrest, clarification and search.
- Persons arrested: every suspect listed in a case, split into adults and minors (under 18).
  Once a case's status is "acquitted" or "no-offence", its suspects' details are removed: they
  still count among the persons arrested, but only as "details removed", never as adult or minor.
- Response time: the hours from the video's circulation to the first arrest, for the cases that
  have both times. An arrest made before the video circulated is counted apart ("arrests before
  circulation") and is left out of the response-time figures, never counted as negative hours.
- Median and 90th percentile: nearest rank. Sort the n values in ascending order and take the
  value of rank ceil(p/100 x n), counting from 1: the median (p = 50) of 1, 2, 3, 4 is 2.
  Hours are rounded to one decimal.
- Share within 24 h (72 h): among the cases with a response time, the share whose response time
  is at most 24 (72) hours.
- Response by span: the same response times counted in spans of 0-6, 6-12, 12-24, 24-48, 48-72,
  72-168 hours and more; each span includes its upper bound (24.0 h is in 12-24 h).
- Open cases: cases still seeking at least one person whose current status is
  "under-investigation".
- Fake videos: cases whose video was found staged, old, filmed abroad or misleading; their share
  is taken over all cases.
- Cases by platform and by offence: a case with several offences counts once for each.
- Cases by month: by the month of publication in Moroccan time (Africa/Casablanca, including its
  change of time during Ramadan), every month from the first case to the last, empty ones
  included.
- City against national: the city's median response time minus the national one, in hours.

A figure that cannot be computed (no case, no response time) is empty (None), not zero.
Shares are fractions from 0 to 1, rounded to four decimals.
"""

import math
from collections import Counter
from fractions import Fraction
from zoneinfo import ZoneInfo

from core.labels import TYPES

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


def percentile(values, p):
    """Nearest-rank percentile of `values` for p in (0, 100]; None when there is no value."""
    if not 0 < p <= 100:
        raise ValueError(f"percentile must be in (0, 100], not {p}")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = math.ceil(Fraction(p) * len(ordered) / 100)  # exact: no 7.000000001 -> 8
    return ordered[rank - 1]


def _hours(value):
    return None if value is None else round(value, 1)


def _share(part, whole):
    return round(part / whole, 4) if whole else None


def _sorted(counter):
    return {key: counter[key] for key in sorted(counter)}


def _months(first, last):
    """Every (year, month) from `first` to `last`, both included."""
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _by_month(cases):
    counts = {}
    for case in cases:
        local = case.published.astimezone(MOROCCO)
        counts.setdefault((local.year, local.month), Counter())[case.type] += 1
    if not counts:
        return {}
    return {
        f"{year:04d}-{month:02d}": {
            kind: counts.get((year, month), {}).get(kind, 0) for kind in TYPES
        }
        for year, month in _months(min(counts), max(counts))
    }


def _by_span(responses):
    """Cases by span of response time, in order (a list: JSON keys may be re-sorted); each span
    includes its upper bound, as the shares do (24.0 h is within 24 h)."""
    counts = Counter(
        next(key for key, high in RESPONSE_SPANS if high is None or value <= high)
        for value in responses
    )
    return [
        {"span": key, "up_to_hours": high, "cases": counts[key]} for key, high in RESPONSE_SPANS
    ]


def compute(cases):
    """The figures of a set of cases (a city's or the whole country's), as a JSON-ready dict."""
    cases = [case for case in cases if case.listed]
    by_type = Counter(case.type for case in cases)
    adults = minors = removed = 0
    for case in cases:
        for suspect in case.suspects:
            if case.scrubbed:
                removed += 1
            elif suspect.minor:
                minors += 1
            else:
                adults += 1
    hours = [case.response_hours for case in cases if case.response_hours is not None]
    # Before circulation is decided on the exact times (two minutes before is before, not a
    # response of 0 h); the response times are rounded as the open data publishes them, so
    # that every figure and every bar can be recomputed from it.
    responses = [round(value, 1) for value in hours if value >= 0]
    fakes = sum(case.video.verification in FAKE_VERIFICATIONS for case in cases)
    return {
        "cases": len(cases),
        "cases_by_type": {kind: by_type[kind] for kind in TYPES},
        "persons_arrested": adults + minors + removed,
        "persons_arrested_adults": adults,
        "persons_arrested_minors": minors,
        "persons_details_removed": removed,
        "response_cases": len(responses),
        "response_hours_median": _hours(percentile(responses, 50)),
        "response_hours_p90": _hours(percentile(responses, 90)),
        "share_within_24h": _share(sum(value <= 24 for value in responses), len(responses)),
        "share_within_72h": _share(sum(value <= 72 for value in responses), len(responses)),
        "response_by_span": _by_span(responses),
        "arrests_before_circulation": sum(value < 0 for value in hours),
        "open_cases": sum(case.sought >= 1 and case.status == OPEN_STATUS for case in cases),
        "fake_videos": fakes,
        "fake_share": _share(fakes, len(cases)),
        "videos_by_verification": _sorted(Counter(case.video.verification for case in cases)),
        "by_platform": _sorted(Counter(case.video.platform for case in cases)),
        "by_offence": _sorted(
            Counter(offence for case in cases for offence in dict.fromkeys(case.offences))
        ),
        "by_month": _by_month(cases),
    }


def compare(city, national):
    """A city's median response time against the national one (figures from `compute`)."""
    mine, theirs = city["response_hours_median"], national["response_hours_median"]
    difference = None if mine is None or theirs is None else round(mine - theirs, 1)
    return {
        "response_hours_median_city": mine,
        "response_hours_median_national": theirs,
        "difference_hours": difference,
    }
