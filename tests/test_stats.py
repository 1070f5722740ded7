"""Statistics and open data on the demo site: reproducible, the same on pages and in data."""

import csv
import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import lxml.html

from communiques_site.core.i18n import Formats
from communiques_site.stats.figures import FIGURES
from conftest import language
from sites import demo_codes

# How the figures block shows a figure (stats.figures.Figure.show); those shown as one number.
SHOWS = {figure.name: figure.show for figure in FIGURES}
ONE_NUMBER = ("number", "hours", "share", "persons", "share_of_fakes")


def load_stats(demo_site):
    return json.loads((demo_site / "data" / "stats.json").read_text(encoding="utf-8"))


def load_rows(demo_site):
    with (demo_site / "data" / "communiques.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def linear(values, p):
    """The percentile as numpy's default computes it, written out: position p/100 x (n - 1)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = p / 100 * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return round(ordered[below] + (ordered[above] - ordered[below]) * (position - below), 2)


def recompute(rows):
    """An independent few-line reading of the definitions, from the CSV alone."""
    rows = [r for r in rows if r["withdrawn"] == "false"]
    after = [float(r["response_hours"]) for r in rows if r["response_hours"]]
    fake = {"staged", "old", "filmed-abroad", "misleading"}
    return {
        "cases": len(rows),
        "cases_by_type": dict(Counter(r["type"] for r in rows)),
        "persons_arrested": sum(int(r["persons_arrested"]) for r in rows),
        "persons_arrested_adults": sum(int(r["adults"]) for r in rows),
        "persons_arrested_minors": sum(int(r["minors"]) for r in rows),
        "persons_details_removed": sum(int(r["persons_details_removed"]) for r in rows),
        "response_hours_median": linear(after, 50),
        "response_hours_p90": linear(after, 90),
        "share_within_24h": round(sum(h <= 24 for h in after) / len(after), 4) if after else None,
        "share_within_72h": round(sum(h <= 72 for h in after) / len(after), 4) if after else None,
        "arrests_before_circulation": sum(r["arrested_before_video"] == "true" for r in rows),
        "response_by_span": [
            sum(low < h <= high for h in after) + (low == 0) * after.count(0.0)
            for low, high in ((0, 6), (6, 12), (12, 24), (24, 48), (48, 72), (72, 168))
        ]
        + [sum(h > 168 for h in after)],
        "fake_videos": sum(r["verification"] in fake for r in rows),
        "open_cases": sum(
            int(r["sought"]) > 0 and r["status"] == "under-investigation" for r in rows
        ),
    }


def test_stats_json_can_be_recomputed_from_the_csv(demo_site):
    stats, rows = load_stats(demo_site), load_rows(demo_site)
    expected = recompute(rows)
    national = stats["national"]
    for name, value in expected.items():
        if name == "cases_by_type":
            assert {k: v for k, v in national[name].items() if v} == value
        elif name == "response_by_span":
            assert [span["cases"] for span in national[name]] == value
        else:
            assert national[name] == value, name
    for city, figures in stats["cities"].items():
        mine = recompute([r for r in rows if r["city"] == city])
        for name in ("cases", "response_hours_median", "response_hours_p90", "fake_videos"):
            assert figures[name] == mine[name], (city, name)


def test_city_page_shows_the_numbers_of_stats_json(demo_site):
    stats = load_stats(demo_site)
    busiest = max(stats["cities"], key=lambda c: stats["cities"][c]["cases"])
    for lang in demo_codes():
        formats = Formats(language(lang))
        doc = lxml.html.parse(str(demo_site / lang / "cities" / busiest / "index.html"))
        shown = doc.xpath("//dl[@class='figures']//dd[@data-value]")
        # A value per figure of FIGURES that the block shows as one number (`show`), in order.
        assert [dd.get("data-figure") for dd in shown] == [
            figure.name for figure in FIGURES if figure.show in ONE_NUMBER
        ]
        for dd in shown:
            figure = dd.get("data-figure")
            value = stats["cities"][busiest][figure]
            assert dd.get("data-value") == ("" if value is None else str(value))
            text = dd.text_content().strip()
            if value is None:
                continue
            show = SHOWS[figure]
            if show in ("share", "share_of_fakes"):
                assert text.startswith(formats.figure_percent(value))
            elif show == "hours":
                assert text == formats.figure_hours(value)
            else:
                assert text.startswith(formats.number(value))


def test_a_label_and_its_number_are_joined_as_the_language_writes_them(demo_site):
    """French puts a narrow no-break space before a colon, as the rest of the site does
    ("Code de vérification :"); Arabic none. The figures by type, the persons' breakdown and
    the charts' tooltips went by a colon written in the template for every language."""
    joins = {"fr": "\u202f: ", "ar": ": "}
    for lang in demo_codes():
        page = lxml.html.parse(str(demo_site / lang / "stats" / "index.html"))
        labelled = [
            span.text_content()
            for span in page.xpath(
                "//dd[@data-figure='cases_by_type']/span[@class='pair']"
                " | //dd[@data-figure='persons_arrested']/small/span[@class='pair']"
            )
        ]
        tips = page.xpath("//figure[@class='chart-figure']//*[local-name()='title']/text()")
        tips = [tip for tip in tips if any(ch.isdigit() for ch in tip)]
        assert len(labelled) >= 5 and tips
        join = joins.get(lang, ": ")
        for text in [*labelled, *tips]:
            # Every colon as the language writes it, none other.
            assert text.count(":") == text.count(join) == 1, (lang, text)


def test_every_figure_links_to_its_definition(demo_site):
    for lang in demo_codes():
        page = lxml.html.parse(str(demo_site / lang / "stats" / "index.html"))
        anchors = set(page.xpath("//dl[@class='definitions']/dt/@id"))
        links = page.xpath("//a[contains(@class, 'definition-link')]/@href")
        assert links and {href.split("#")[1] for href in links} <= anchors
        city = lxml.html.parse(str(demo_site / lang / "cities" / "casablanca" / "index.html"))
        for href in city.xpath("//a[contains(@class, 'definition-link')]/@href"):
            assert href.startswith(f"/{lang}/stats/#") and href.split("#")[1] in anchors


def test_open_data_rows_follow_the_page_rules(demo_site):
    rows = load_rows(demo_site)
    with (demo_site / "data" / "withdrawn.csv").open(encoding="utf-8") as handle:
        withdrawn = {r["id"] for r in csv.DictReader(handle)}
    cases = {p.name for p in (demo_site / "fr" / "communiques").iterdir()}
    assert withdrawn and {r["id"] for r in rows} == cases - withdrawn
    assert {r["withdrawn"] for r in rows} == {"false"}
    assert any("minor" in r["ages"].split("|") for r in rows)
    assert any(r["details_removed"] == "true" and r["persons_arrested"] != "0" for r in rows)
    for row in rows:
        counts = (int(row[name]) for name in ("adults", "minors", "persons_details_removed"))
        assert sum(counts) == int(row["persons_arrested"]), row["id"]
        if row["details_removed"] == "true":
            assert row["ages"] == row["sexes"] == row["prior_records"] == ""
            assert row["adults"] == row["minors"] == "0"
        for age in filter(None, row["ages"].split("|")):
            assert age == "minor" or int(age) >= 18
    json_rows = json.loads((demo_site / "data" / "communiques.json").read_text())
    assert [r["id"] for r in json_rows] == [r["id"] for r in rows]


def test_datapackage_is_valid_for_frictionless(demo_site):
    checker = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(checker), "validate", "--json", str(demo_site / "data" / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    errors = [e.get("message") for task in report.get("tasks", []) for e in task.get("errors", [])]
    assert report["valid"], errors[:5] or result.stderr[-2000:]


def chart_tables(page):
    """Each chart's data table: [(row label, [cell values])], as the page shows them."""
    tables = []
    for table in page.xpath("//figure[@class='chart-figure']//table"):
        rows = [
            (row.xpath("string(th)").strip(), [td.text_content().strip() for td in row.xpath("td")])
            for row in table.xpath("tbody/tr")
        ]
        tables.append(rows)
    return tables


def test_charts_draw_the_numbers_of_stats_json(demo_site):
    """The charts compute nothing: their data tables hold exactly the figures of stats.json."""
    stats = load_stats(demo_site)
    busiest = max(stats["cities"], key=lambda c: stats["cities"][c]["cases"])
    pages = {"stats": stats["national"], f"cities/{busiest}": stats["cities"][busiest]}
    for lang in demo_codes():
        formats = Formats(language(lang))
        for path, figures in pages.items():
            page = lxml.html.parse(str(demo_site / lang / path / "index.html"))
            monthly, response = chart_tables(page)
            assert [label for label, _ in monthly] == [
                formats.month(m) for m in figures["by_month"]
            ]
            assert [cells for _, cells in monthly] == [
                [formats.number(n) for n in counts.values()]
                for counts in figures["by_month"].values()
            ]
            spans = [span["cases"] for span in figures["response_by_span"]]
            assert [cells for _, cells in response] == [[formats.number(n)] for n in spans]
            assert sum(spans) == figures["response_cases"]


def test_an_arrest_minutes_before_the_video_is_flagged_apart_in_the_open_data(tmp_path):
    from sites import ORIGINAL, case_files, make_site

    original = ORIGINAL.replace("arrested_at: 2026-11-27T10:00", "arrested_at: 2026-11-26T20:58")
    site = make_site(tmp_path, case_files("2026-11-27-casablanca-robbery", original))
    assert site.build().ok
    (row,) = load_rows(site.output)
    assert row["response_hours"] == ""
    assert row["arrested_before_video"] == "true"
    assert load_stats(site.output)["national"]["arrests_before_circulation"] == 1
    assert recompute([row])["arrests_before_circulation"] == 1
