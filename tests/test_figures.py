"""The statistics' figures, on hand-made cases whose answers were worked out by hand."""

import json
from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from communiques_site.communiques.model import Case, Suspect, Update, Video, Withdrawal
from communiques_site.stats import figures as declared
from communiques_site.stats.figures import compare, compute, percentile

MOROCCO = ZoneInfo("Africa/Casablanca")
SPANS = (
    ("0-6h", 6),
    ("6-12h", 12),
    ("12-24h", 24),
    ("24-48h", 48),
    ("48-72h", 72),
    ("72-168h", 168),
    ("over-168h", None),
)
NUMBERS = count(1)


def names():
    """Every figure's name in stats.json: one per entry of FIGURES, asked when needed."""
    return {figure.name for figure in declared.FIGURES}


def nothing(value):
    """A figure of no case: zero, None (cannot be computed) or empty, however nested."""
    if isinstance(value, dict):
        return all(nothing(v) for v in value.values())
    if isinstance(value, list):
        return all(nothing(v) for v in value)
    return value is None or value == 0 or isinstance(value, str)


def suspect(age=30):
    return Suspect(age=age, sex="m", prior_record="none", custody="police", initials={})


def make_case(
    type="arrest",
    published=None,
    response=None,  # hours from circulation to arrest; None: no arrest
    ages=(),
    sought=0,
    status="referred-to-prosecutor",
    later_status=None,
    withdrawn=False,
    verification="authentic",
    platform="facebook",
    offences=("assault",),
):
    """A case published at noon on 10 April 2026 (Moroccan time) unless told otherwise."""
    published = published or datetime(2026, 4, 10, 12, 0, tzinfo=MOROCCO)
    circulated = published - timedelta(hours=200)
    arrested = None if response is None else circulated + timedelta(hours=response)
    updates = ()
    if later_status:
        note = {"fr": "Suite.", "ar": "تتمة."}
        updates = (Update(published + timedelta(days=5), "major", later_status, note),)
    return Case(
        id=f"case-{next(NUMBERS)}",
        type=type,
        original_lang="fr",
        published=published,
        city="casablanca",
        issuer="dgsn",
        offences=offences,
        video=Video(
            platform=platform, circulated_at=circulated, filmed_at=None, verification=verification
        ),
        arrested_at=arrested,
        suspects=tuple(suspect(age) for age in ages),
        sought=sought,
        initial_status=status,
        seized=(),
        updates=updates,
        withdrawn=Withdrawal(at=published, reason={"fr": "Erreur.", "ar": "خطأ."})
        if withdrawn
        else None,
    )


def spans(figures):
    return [span["cases"] for span in figures["response_by_span"]]


def month(year, month_, day=10):
    return datetime(year, month_, day, 12, 0, tzinfo=MOROCCO)


# Percentiles as numpy and pandas compute them by default (linear interpolation)


def test_median_of_four_values_is_the_mean_of_the_two_middle_ones():
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert compute([make_case(response=h) for h in (1, 2, 3, 4)])["response_hours_median"] == 2.5


def test_percentile_with_ties():
    values = [5, 1, 5, 5, 2]  # sorted: 1 2 5 5 5
    assert percentile(values, 50) == 5  # position 2
    assert percentile(values, 40) == pytest.approx(3.8)  # position 1.6: 2 + 0.6 x 3
    assert percentile(values, 20) == pytest.approx(1.8)  # position 0.8


def test_p90_of_ten_values():
    values = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5]
    assert percentile(values, 90) == pytest.approx(9.1)  # position 8.1: 9 + 0.1 x 1
    assert percentile(values, 10) == pytest.approx(1.9)
    assert percentile(values, 100) == 10
    assert percentile(values, 0) == 1


def test_percentiles_are_numpys_to_the_last_bit():
    """The same values give the same float as numpy's (and so pandas') default, whatever the
    count and the percentile: the figures are what a researcher's line computes."""
    numpy = pytest.importorskip("numpy")
    for n in range(1, 60):
        values = [round((k * 7.3) % 97.1, 1) for k in range(n)]
        for p in (10, 25, 50, 75, 90, 95):
            assert percentile(values, p) == float(numpy.percentile(values, p)), (n, p)


def test_percentile_of_one_value_and_of_none():
    assert percentile([3.5], 50) == 3.5
    assert percentile([3.5], 90) == 3.5
    assert percentile([], 50) is None


@pytest.mark.parametrize("p", [-0.5, -5, 100.5])
def test_percentile_outside_its_range_is_refused(p):
    with pytest.raises(ValueError):
        percentile([1, 2], p)


# compute


def test_empty_city():
    """Every figure of FIGURES is in stats.json; those below worked out by hand, and any other
    (a new one) is zero, None or empty for no case: never a made-up value, never an error."""
    figures = compute([])
    assert set(figures) == names()
    by_hand = {
        "cases": 0,
        "cases_by_type": {"arrest": 0, "clarification": 0, "search": 0},
        "persons_arrested": 0,
        "persons_arrested_adults": 0,
        "persons_arrested_minors": 0,
        "persons_details_removed": 0,
        "response_cases": 0,
        "response_hours_median": None,
        "response_hours_p90": None,
        "share_within_24h": None,
        "share_within_72h": None,
        "response_by_span": [
            {"span": span, "up_to_hours": high, "cases": 0} for span, high in SPANS
        ],
        "arrests_before_circulation": 0,
        "open_cases": 0,
        "fake_videos": 0,
        "fake_share": None,
        "videos_by_verification": {},
        "by_platform": {},
        "by_offence": {},
        "by_month": {},
    }
    assert {name: figures[name] for name in by_hand} == by_hand
    assert {
        name: figures[name] for name in names() - set(by_hand) if not nothing(figures[name])
    } == {}


def test_one_case():
    case = make_case(response=10 + 20 / 60, ages=(30, 25), platform="tiktok")
    figures = compute([case])
    assert set(figures) == names()
    assert figures["cases"] == 1
    assert figures["cases_by_type"] == {"arrest": 1, "clarification": 0, "search": 0}
    assert figures["persons_arrested"] == 2
    assert figures["persons_arrested_adults"] == 2
    assert figures["response_cases"] == 1
    assert figures["response_hours_median"] == 10.3  # 10 h 20 min, to one decimal
    assert figures["response_hours_p90"] == 10.3
    assert figures["share_within_24h"] == 1.0
    assert figures["share_within_72h"] == 1.0
    assert figures["fake_share"] == 0.0
    assert figures["videos_by_verification"] == {"authentic": 1}
    assert figures["by_platform"] == {"tiktok": 1}
    assert figures["by_month"] == {"2026-04": {"arrest": 1, "clarification": 0, "search": 0}}
    json.dumps(figures)


def test_arrest_before_circulation_is_counted_apart():
    cases = [make_case(response=hours) for hours in (-3, 10, 30, 100)]
    cases.append(make_case(type="search"))  # no arrest: no response time at all
    figures = compute(cases)
    assert figures["arrests_before_circulation"] == 1
    assert figures["response_cases"] == 3  # 10, 30, 100
    assert figures["response_hours_median"] == 30.0  # the middle of three
    assert figures["response_hours_p90"] == 86.0  # position 1.8: 30 + 0.8 x 70
    assert figures["share_within_24h"] == 0.3333
    assert figures["share_within_72h"] == 0.6667


def test_arrest_at_the_moment_of_circulation_and_on_the_limits():
    figures = compute([make_case(response=hours) for hours in (0, 24, 72, 73)])
    assert figures["arrests_before_circulation"] == 0
    assert figures["response_cases"] == 4
    assert figures["response_hours_median"] == 48.0  # (24 + 72) / 2
    assert figures["share_within_24h"] == 0.5  # 0 and 24
    assert figures["share_within_72h"] == 0.75  # 0, 24 and 72
    assert spans(figures) == [1, 0, 1, 0, 1, 1, 0]


def test_spans_and_shares_agree_on_their_limits():
    """24.0 h and 24.04 h (24.0 once rounded as the open data publishes it) are both within
    24 h, in the share and in the chart's spans alike."""
    figures = compute([make_case(response=hours) for hours in (24.0, 24.04, 24.06)])
    assert figures["share_within_24h"] == 0.6667
    assert spans(figures) == [0, 0, 2, 1, 0, 0, 0]


def test_an_arrest_minutes_before_the_video_is_before_circulation():
    figures = compute([make_case(response=-2 / 60), make_case(response=5)])
    assert figures["arrests_before_circulation"] == 1
    assert figures["response_cases"] == 1
    assert figures["response_hours_median"] == 5.0
    assert spans(figures) == [1, 0, 0, 0, 0, 0, 0]


def test_minors_are_counted_apart():
    figures = compute([make_case(ages=(17, 18, 30)), make_case(ages=(15,))])
    assert figures["persons_arrested"] == 4
    assert figures["persons_arrested_adults"] == 2  # 18 is an adult
    assert figures["persons_arrested_minors"] == 2
    assert figures["persons_details_removed"] == 0


def test_withdrawn_case_is_excluded_everywhere():
    kept = make_case(response=5, ages=(20,), sought=1, status="under-investigation")
    withdrawn = make_case(
        type="search", published=month(2026, 1), response=-2, ages=(16, 40), sought=2,
        status="under-investigation", withdrawn=True, verification="staged",
        platform="youtube", offences=("theft",),
    )  # fmt: skip
    assert compute([kept, withdrawn]) == compute([kept])
    assert compute([withdrawn]) == compute([])


@pytest.mark.parametrize("status", ["acquitted", "no-offence"])
def test_scrubbed_case_counts_but_its_suspects_lose_their_details(status):
    scrubbed = make_case(response=6, ages=(16, 35), status="charged", later_status=status)
    other = make_case(response=12, ages=(17, 40))
    figures = compute([scrubbed, other])
    assert figures["cases"] == 2
    assert figures["response_cases"] == 2
    assert figures["persons_arrested"] == 4
    assert figures["persons_arrested_adults"] == 1
    assert figures["persons_arrested_minors"] == 1
    assert figures["persons_details_removed"] == 2


def test_open_cases_follow_the_current_status():
    cases = [
        make_case(sought=1, status="under-investigation"),  # open
        make_case(sought=3, status="under-investigation"),  # open
        make_case(sought=0, status="under-investigation"),  # nobody sought
        make_case(sought=2, status="under-investigation", later_status="charged"),  # moved on
        make_case(
            sought=1, status="referred-to-prosecutor", later_status="under-investigation"
        ),  # reopened: open
        make_case(sought=1, status="charged"),
    ]
    assert compute(cases)["open_cases"] == 3


def test_fake_share():
    verifications = ("staged", "old", "filmed-abroad", "misleading", "authentic", "unverified")
    figures = compute([make_case(verification=v) for v in verifications])
    assert figures["fake_videos"] == 4
    assert figures["fake_share"] == 0.6667  # 4 of 6
    assert figures["videos_by_verification"] == dict.fromkeys(sorted(verifications), 1)
    assert list(figures["videos_by_verification"]) == sorted(verifications)
    one_of_three = [make_case(verification=v) for v in ("misleading", "authentic", "authentic")]
    figures = compute(one_of_three)
    assert figures["fake_share"] == 0.3333
    assert figures["videos_by_verification"] == {"authentic": 2, "misleading": 1}


def test_platforms_and_offences():
    cases = [
        make_case(platform="tiktok", offences=("theft", "assault")),
        make_case(platform="facebook", offences=("theft",)),
        make_case(platform="tiktok", offences=("drugs",)),
    ]
    figures = compute(cases)
    assert figures["by_platform"] == {"facebook": 1, "tiktok": 2}
    assert figures["by_offence"] == {"assault": 1, "drugs": 1, "theft": 2}
    assert list(figures["by_offence"]) == ["assault", "drugs", "theft"]


def test_by_month_includes_the_empty_months():
    cases = [
        make_case(type="search", published=month(2026, 3)),
        make_case(type="arrest", published=month(2025, 11)),
        make_case(type="arrest", published=month(2026, 3, 20)),
        make_case(type="clarification", published=month(2025, 11, 2)),
    ]
    zero = {"arrest": 0, "clarification": 0, "search": 0}
    assert compute(cases)["by_month"] == {
        "2025-11": {"arrest": 1, "clarification": 1, "search": 0},
        "2025-12": zero,
        "2026-01": zero,
        "2026-02": zero,
        "2026-03": {"arrest": 1, "clarification": 0, "search": 1},
    }
    assert list(compute(cases)["by_month"]) == sorted(compute(cases)["by_month"])


def test_month_is_taken_in_moroccan_time():
    # 31 March 2026, 23:30 UTC is already 1 April, 00:30 in Morocco (UTC+1 after Ramadan);
    # 28 February 2026, 23:30 UTC falls during Ramadan (UTC+0) and stays in February.
    after_ramadan = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    during_ramadan = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)
    assert after_ramadan.astimezone(MOROCCO).utcoffset() == timedelta(hours=1)
    assert during_ramadan.astimezone(MOROCCO).utcoffset() == timedelta(0)
    figures = compute([make_case(published=after_ramadan), make_case(published=during_ramadan)])
    assert figures["by_month"] == {
        "2026-02": {"arrest": 1, "clarification": 0, "search": 0},
        "2026-03": {"arrest": 0, "clarification": 0, "search": 0},
        "2026-04": {"arrest": 1, "clarification": 0, "search": 0},
    }


def test_figures_are_plain_json():
    cases = [make_case(response=hours, ages=(17, 30)) for hours in (1.25, 50, -1)]
    figures = compute(cases)
    assert json.loads(json.dumps(figures)) == figures


# compare


def test_compare_city_with_national():
    city = compute([make_case(response=hours) for hours in (5, 12.5, 40)])
    national = compute([make_case(response=hours) for hours in (5, 12.5, 40, 20, 30)])
    assert city["response_hours_median"] == 12.5
    assert national["response_hours_median"] == 20.0  # 5 12.5 20 30 40: the middle one
    assert compare(city, national) == {
        "response_hours_median_city": 12.5,
        "response_hours_median_national": 20.0,
        "difference_hours": -7.5,
    }


def test_compare_without_a_median():
    national = compute([make_case(response=8)])
    assert compare(compute([]), national) == {
        "response_hours_median_city": None,
        "response_hours_median_national": 8.0,
        "difference_hours": None,
    }
