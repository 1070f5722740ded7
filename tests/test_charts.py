"""Charts and map a phone can read: text of 12 px or more, legends, round ticks, a map that is a
picture beside a list of cities large enough to touch (issue 11)."""

import itertools
import math

import lxml.html
import pytest

from communiques_site.stats.charts import monthly, scale
from communiques_site.stats.map import OUTLINE, legend_counts, outline_path
from sites import demo_codes

WIDTHS = (360, 1280)
LANGS = tuple(demo_codes())
CHART_PAGES = ("stats", "cities/casablanca")


def is_round(step):
    """1, 2 or 5 × 10ⁿ."""
    power = 10 ** math.floor(math.log10(step))
    return step / power in (1, 2, 5)


# Without a browser: the scales, the legend's counts, the outline, the pages' markup.


def test_scales_are_round_and_hold_their_peak():
    for peak in range(0, 2000):
        axis = scale(peak)
        ticks = list(axis.ticks)
        assert ticks[0] == 0 and ticks[-1] == axis.top >= peak, peak
        assert is_round(axis.step) and len(ticks) <= 6, peak
    # The axis fits the data: a peak of 1 is an axis of 0 and 1, not of 0 to 4.
    assert [list(scale(peak).ticks) for peak in (0, 1, 2, 3)] == [
        [0, 1],
        [0, 1],
        [0, 1, 2],
        [0, 1, 2, 3],
    ]
    assert all(scale(peak).top <= 2 * max(peak, 1) for peak in range(2000))


def test_a_chart_of_no_month_is_drawn_empty():
    """A page whose cases were all withdrawn still has its chart: an axis and no bar."""
    from communiques_site.core.i18n import Formats
    from communiques_site.core.labels import TYPES
    from conftest import language

    chart = monthly(
        {}, Formats(language("fr")), dict.fromkeys(TYPES, "x"), "t", "d", "h", "{}: {}".format
    )
    assert len(chart.svgs) == 2 and chart.table == []
    assert all("<rect" not in svg for svg in chart.svgs)


def test_the_legend_of_the_map_shows_round_counts_up_to_the_peak():
    assert legend_counts(7) == [1, 2, 5]
    assert legend_counts(1) == [1]
    assert legend_counts(0) == []
    assert legend_counts(130) == [1, 50, 100]


def test_the_outline_is_one_shape_with_its_southern_provinces():
    """One ring from Tangier to Lagouira: no line between the northern and southern provinces."""
    path = outline_path(OUTLINE.read_text(encoding="utf-8"))
    assert path.count("M") == 1
    ys = [float(point.split(",")[1]) for point in path[1:-1].split("L")]
    assert max(ys) - min(ys) > 14.5 * 40  # from 35.9° to 20.8° north, 40 units a degree


def test_the_map_is_a_picture_and_the_list_is_the_links(demo_site):
    for lang in LANGS:
        page = lxml.html.parse(str(demo_site / lang / "cities" / "index.html"))
        maps = page.xpath("//svg[contains(@class, 'map')]")
        assert len(maps) == 2
        for svg in maps:
            assert svg.get("role") == "img"
            assert not svg.xpath(".//a | .//*[@tabindex]")
            assert svg.xpath("count(.//*[@class='map-label'])") >= 4
        links = page.xpath("//ul[contains(@class, 'city-list')]//a/@href")
        assert len(links) == len(set(links)) >= 40


def test_each_chart_has_a_legend_and_its_figures_behind_a_disclosure(demo_site):
    for lang in LANGS:
        for path in CHART_PAGES:
            page = lxml.html.parse(str(demo_site / lang / path / "index.html"))
            figures = page.xpath("//figure[@class='chart-figure']")
            assert len(figures) == 2
            for figure in figures:
                columns = figure.xpath(".//details/table//thead/tr/th | .//details//thead/tr/th")
                assert all(th.text_content().strip() for th in columns)
                assert figure.xpath("string(.//details/summary)").strip()
                legend = figure.xpath(".//ul[@class='chart-legend']/li")
                assert [li.text_content().strip() for li in legend] == [
                    th.text_content().strip() for th in columns[1:]
                ]


# In Chromium, at a phone's width and a desktop's.

VISIBLE_TEXTS = """selector => [...document.querySelectorAll(selector)]
  .filter(t => t.getClientRects().length)
  .map(t => {
    const box = t.getBoundingClientRect();
    return {
      // The font's size on the screen: its size in SVG units times the SVG's scale.
      px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
      text: t.textContent, cls: t.getAttribute('class') || '',
      svg: [...document.querySelectorAll('svg')].indexOf(t.ownerSVGElement),
      box: [box.left, box.top, box.right, box.bottom],
    };
  })"""


@pytest.fixture(scope="module", params=WIDTHS)
def screen(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    yield context.new_page()
    context.close()


def texts(screen, url, selector="svg.chart text, svg.map text:not(.map-halo)"):
    screen.goto(url)
    return screen.evaluate(VISIBLE_TEXTS, selector)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.browser
def test_every_chart_and_map_text_is_at_least_12_px(screen, served_demo):
    for lang in LANGS:
        for path in (*CHART_PAGES, "cities"):
            shown = texts(screen, f"{served_demo}/{lang}/{path}/")
            assert len(shown) >= 8, path
            small = [(t["text"], round(t["px"], 1)) for t in shown if t["px"] < 12]
            assert not small, (lang, path, screen.viewport_size["width"], small)


@pytest.mark.browser
def test_no_two_texts_of_a_chart_or_the_map_overlap(screen, served_demo):
    for lang in LANGS:
        for path in (*CHART_PAGES, "cities"):
            shown = texts(screen, f"{served_demo}/{lang}/{path}/")
            for index, a in enumerate(shown):
                for b in shown[index + 1 :]:
                    if a["svg"] == b["svg"]:
                        assert not overlap(a["box"], b["box"]), (lang, path, a["text"], b["text"])


@pytest.mark.browser
def test_one_drawing_of_each_chart_is_shown_with_its_legend(screen, served_demo):
    for lang in LANGS:
        screen.goto(f"{served_demo}/{lang}/stats/")
        figures = screen.locator("figure.chart-figure")
        for index in range(figures.count()):
            figure = figures.nth(index)
            drawings = figure.locator("svg.chart")
            assert [drawings.nth(i).is_visible() for i in range(2)].count(True) == 1
            entries = figure.locator(".chart-legend li")
            assert entries.count() >= 1
            for entry in range(entries.count()):
                assert entries.nth(entry).is_visible()
                swatch = entries.nth(entry).locator("svg.swatch").bounding_box()
                assert swatch["width"] >= 10 and swatch["height"] >= 10
            assert figure.locator("details summary").is_visible()


@pytest.mark.browser
def test_every_month_or_every_other_is_named_and_the_year_is_said(screen, served_demo):
    """On a phone as on a desktop, a monthly chart names at least every other month, with
    no abbreviation two months share (fr_MA's "jui.", "mar."), and says its years."""
    for lang in LANGS:
        for path in CHART_PAGES:
            url = f"{served_demo}/{lang}/{path}/"
            screen.goto(url)
            (svg,) = [
                s
                for s in screen.locator("figure.chart-figure").first.locator("svg.chart").all()
                if s.is_visible()
            ]
            bars = len(screen.locator("figure.chart-figure").first.locator("table tbody tr").all())
            names = svg.locator("text.month").all_text_contents()
            assert len(names) >= bars // 2 >= 5, (lang, path, names, bars)
            assert not {"jui.", "mar."} & set(names), names
            years = svg.locator("text.year").all_text_contents()
            assert years and all(y.isdigit() and len(y) == 4 for y in years), years


def test_the_charts_data_tables_name_each_month_in_full(demo_site):
    """The table behind a chart names each month with its year, no two alike ("jui." was
    juin and juillet in fr_MA's abbreviations)."""
    months = {"fr": "Juin 2026", "ar": "يونيو 2026"}
    for lang in LANGS:
        for path in CHART_PAGES:
            page = lxml.html.parse(str(demo_site / lang / path / "index.html"))
            table = page.xpath("//figure[@class='chart-figure']")[0].xpath(".//table")[0]
            rows = [th.text_content().strip() for th in table.xpath(".//tbody/tr/th")]
            assert len(rows) == len(set(rows)) >= 10, rows
            assert months[lang] in rows, rows


@pytest.mark.browser
def test_the_ticks_are_round_numbers(screen, served_demo):
    for lang in LANGS:
        for path in CHART_PAGES:
            ticks = texts(screen, f"{served_demo}/{lang}/{path}/", "svg.chart text.tick")
            for svg in {t["svg"] for t in ticks}:
                values = sorted(int(t["text"].replace(",", "")) for t in ticks if t["svg"] == svg)
                steps = {b - a for a, b in itertools.pairwise(values)}
                assert values[0] == 0 and len(steps) == 1, (lang, path, values)
                assert is_round(steps.pop()), (lang, path, values)


@pytest.mark.browser
def test_no_link_or_focusable_element_is_inside_a_picture(screen, served_demo):
    focusable = "a, button, input, select, textarea, [tabindex]"
    for lang in LANGS:
        for path in (*CHART_PAGES, "cities"):
            screen.goto(f"{served_demo}/{lang}/{path}/")
            inside = screen.evaluate(
                """focusable => [...document.querySelectorAll('[role=img], [aria-hidden=true]')]
                   .flatMap(picture => [...picture.querySelectorAll(focusable)]).length""",
                focusable,
            )
            assert inside == 0, (lang, path)


@pytest.mark.browser
def test_every_city_link_is_at_least_24_px_square(screen, served_demo):
    for lang in LANGS:
        screen.goto(f"{served_demo}/{lang}/cities/")
        sizes = screen.evaluate(
            """() => [...document.querySelectorAll('.city-list a')].map(a => {
                 const box = a.getBoundingClientRect();
                 return [a.textContent, box.width, box.height];
               })"""
        )
        assert len(sizes) >= 40
        small = [size for size in sizes if size[1] < 24 or size[2] < 24]
        assert not small, (lang, screen.viewport_size["width"], small)


@pytest.mark.browser
def test_the_opened_figures_fit_the_screen(screen, served_demo):
    """A table wider than the screen would scroll in a box that must then be focusable."""
    width = screen.viewport_size["width"]
    for lang in LANGS:
        for path in CHART_PAGES:
            screen.goto(f"{served_demo}/{lang}/{path}/")
            for summary in screen.locator(".chart-data summary").all():
                summary.click()
            assert screen.locator(".chart-data table").first.is_visible()
            assert screen.evaluate("document.documentElement.scrollWidth") <= width, (lang, path)
