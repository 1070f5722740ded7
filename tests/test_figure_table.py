"""What the FIGURES table promises, on hand-made cases and without building a site: each
figure's key in stats.json, how the figures block and the cities table show it, and that its
methodology line (`pandas`), run on the open data's rows of the same cases, gives its value.

tests/test_recomputation.py checks the same lines on the built demo (30 s); this file is the
one `invoke mutate` runs for figures.py with tests/test_figures.py."""

import csv
import io
from datetime import datetime
from types import SimpleNamespace

import pandas as pd
import pytest

from communiques_site.stats import opendata
from communiques_site.stats.figures import (
    COMPARE,
    FIGURES,
    columns,
    compare,
    compute,
    defined,
    shown,
)
from test_figures import MOROCCO, make_case
from test_recomputation import as_published, plain, published

# How the figures block shows each figure it shows (theme/templates/stats_macros.html knows
# these kinds), in the block's order; the others are only in stats.json or part of another's.
BLOCK = [
    ("cases", "number"),
    ("cases_by_type", "by_type"),
    ("persons_arrested", "persons"),
    ("response_hours_median", "hours"),
    ("response_hours_p90", "hours"),
    ("share_within_24h", "share"),
    ("share_within_72h", "share"),
    ("arrests_before_circulation", "number"),
    ("open_cases", "number"),
    ("fake_share", "share_of_fakes"),
    ("compare", "compare"),
]
# The cities table's columns, in order.
COLUMNS = ["cases", "persons_arrested", "response_hours_median", "share_within_24h", "fake_share"]
# On the methodology page: a title, a definition and a pandas line each.
DEFINED = [
    "cases",
    "cases_by_type",
    "persons_arrested",
    "response_hours_median",
    "response_hours_p90",
    "share_within_24h",
    "share_within_72h",
    "response_by_span",
    "arrests_before_circulation",
    "open_cases",
    "fake_share",
    "by_platform",
    "by_offence",
    "by_month",
    "compare",
]
HOURS = ("response_hours_median", "response_hours_p90", "compare")
SHARES = ("share_within_24h", "share_within_72h", "fake_share")


def test_the_block_shows_each_figure_as_its_kind():
    assert [(figure.name, figure.show) for figure in shown()] == BLOCK


def test_the_cities_table_has_its_columns_in_order():
    assert [figure.name for figure in columns()] == COLUMNS


def test_the_methodology_page_defines_each_figure_with_a_title_and_a_line():
    assert [figure.name for figure in defined()] == DEFINED
    for figure in defined():
        assert figure.title and figure.definition and figure.pandas, figure.name
        assert figure.title != figure.definition


def test_the_figures_of_stats_json_are_the_table_s_names():
    names = [figure.name for figure in FIGURES]
    assert len(set(names)) == len(names)
    assert set(compute([])) == set(names)
    assert COMPARE.value is None and COMPARE.name not in names


def rows(cases):
    """The open data's rows of these cases (communiques.csv), read back with pandas."""
    city = SimpleNamespace(name={}, region={}, lat=33.5, lon=-7.6)
    registries = {"cities": {"casablanca": city, "rabat": city}}
    found = [opendata.case_row(case, "", registries, ()) for case in cases if case.listed]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(found[0]))
    writer.writeheader()
    writer.writerows(found)
    return pd.read_csv(io.StringIO(out.getvalue()))


def cases():
    def at(month, day):
        return datetime(2026, month, day, 12, 0, tzinfo=MOROCCO)

    return [
        make_case(response=3, ages=(30, 16), platform="tiktok", offences=("theft", "assault")),
        make_case(response=30.25, ages=(40,), published=at(1, 5), verification="staged"),
        make_case(response=24, ages=(19,), status="charged", later_status="acquitted"),
        make_case(response=72, ages=(22,), offences=("drugs",), verification="old"),
        make_case(response=80, ages=(25, 26), published=at(2, 1)),
        make_case(response=-4, ages=(33,), type="arrest", platform="youtube"),
        make_case(type="search", sought=2, status="under-investigation", platform="tiktok"),
        make_case(type="search", sought=0, status="under-investigation"),
        make_case(type="search", sought=1, status="charged", verification="misleading"),
        make_case(type="clarification", verification="filmed-abroad", published=at(6, 30)),
        make_case(response=200, ages=(50,), withdrawn=True, verification="staged"),
    ]


def test_every_line_gives_the_figure_of_its_cases():
    everything = cases()
    figures = compute(everything)
    df = rows(everything)
    checked = []
    for figure in FIGURES:
        if figure.pandas:
            result = eval(figure.pandas, {"pd": pd, "df": df})
            expected = published(figure.name, figures)
            assert as_published(figure.name, plain(result)) == expected, figure.name
            checked.append(figure.name)
    assert checked == [name for name in DEFINED if name != "compare"]


def test_the_figures_on_these_cases_by_hand():
    figures = compute(cases())
    assert figures["cases"] == 10
    assert figures["cases_by_type"] == {"arrest": 6, "clarification": 1, "search": 3}
    assert figures["persons_arrested"] == 8
    assert (figures["persons_arrested_adults"], figures["persons_arrested_minors"]) == (6, 1)
    assert figures["persons_details_removed"] == 1
    assert figures["response_cases"] == 5  # 3, 24, 30.2, 72, 80
    assert figures["response_hours_median"] == 30.2
    assert figures["response_hours_p90"] == 76.8  # position 3.6: 72 + 0.6 x 8
    assert figures["share_within_24h"] == 0.4
    assert figures["share_within_72h"] == 0.8
    assert figures["arrests_before_circulation"] == 1
    assert figures["open_cases"] == 1
    assert figures["fake_videos"] == 4
    assert figures["fake_share"] == 0.4
    assert figures["by_platform"] == {"facebook": 7, "tiktok": 2, "youtube": 1}
    assert figures["by_offence"] == {"assault": 9, "drugs": 1, "theft": 1}


@pytest.mark.parametrize("city_responses", [(3, 10), ()])
def test_the_compare_line_gives_the_difference(city_responses):
    national_cases = cases()
    city_cases = [make_case(response=hours) for hours in city_responses]
    national, city = compute(national_cases), compute(city_cases)
    result = compare(city, national)["difference_hours"]
    if not city_cases:
        assert result is None
        return
    env = {"pd": pd, "df": rows(city_cases), "national": rows(national_cases)}
    assert round(float(eval(COMPARE.pandas, env)), 2) == result == -23.7  # 6.5 against 30.2
