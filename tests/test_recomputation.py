"""Every figure is what its methodology line computes from the published CSV.

The lines are taken from the built methodology page (each language's), run with pandas on the
built demo's open data (the national table, then each city's file), and their results compared
with stats.json and with the numbers printed on the statistics page and on every city's page,
in both languages. The printed numbers are read back from the pages with the locale's
separators (CLDR, as Babel gives them): Arabic pages print Western digits."""

import json
import re
from decimal import ROUND_HALF_UP, Decimal

import lxml.html
import pandas as pd
import pytest
from babel import Locale

from communiques_site.stats.figures import FIGURES
from conftest import language
from sites import demo_codes

LANGS = tuple(demo_codes())
# The figures shown as hours and as percentages, as the figures block shows them (`show`).
HOURS = tuple(figure.name for figure in FIGURES if figure.show == "hours")
SHARES = tuple(figure.name for figure in FIGURES if figure.show in ("share", "share_of_fakes"))


def methodology(demo_site, lang):
    """(setup code, {figure: pandas line}) as the methodology page prints them."""
    page = lxml.html.parse(str(demo_site / lang / "stats" / "index.html"))
    (setup,) = page.xpath("//pre[@class='pandas-setup']/code")
    definitions = page.xpath("//dl[@class='definitions']/dd")
    assert definitions and all(dd.xpath("./pre[@class='pandas']/code") for dd in definitions)
    lines = {
        code.get("data-figure"): code.text_content()
        for code in page.xpath("//dl[@class='definitions']//pre[@class='pandas']/code")
    }
    return setup.text_content(), lines


def local(code, demo_site, siteurl):
    """The page's code, reading the built files instead of the site's addresses."""
    return code.replace(f"{siteurl}/data/", f"{demo_site}/data/")


def plain(result):
    """A line's result as stats.json writes it: counts by key without the zeros, floats, None
    for a figure that cannot be computed."""
    if isinstance(result, pd.DataFrame):
        table = result.to_dict(orient="index")
        return {row: {k: int(v) for k, v in counts.items() if v} for row, counts in table.items()}
    intervals = isinstance(result, pd.Series) and len(result) > 0
    if intervals and all(isinstance(k, pd.Interval) for k in result.index):
        return [int(value) for value in result]  # spans, in order, empty ones included
    if isinstance(result, pd.Series):
        return {key: int(value) for key, value in result.items() if value}
    value = float(result)
    return None if value != value else value


def published(name, figures):
    """The figure of stats.json as a line computes it (no zero counts, no empty months)."""
    value = figures[name]
    if name == "compare":
        return value["difference_hours"]
    if name == "response_by_span":
        return [span["cases"] for span in value]
    if name == "by_month":
        return {
            month: {kind: count for kind, count in counts.items() if count}
            for month, counts in value.items()
            if any(counts.values())
        }
    if isinstance(value, dict):
        return {key: count for key, count in value.items() if count}
    return value


def as_published(name, result):
    """The line's result rounded as stats.json says it rounds: hours to two decimals, shares
    to four."""
    if result is None or isinstance(result, dict | list):
        return result
    if name in (*HOURS, "compare"):
        return round(result, 2)
    if name in SHARES:
        return round(result, 4)
    return int(result)


def half_up(value, places="0.1"):
    return Decimal(repr(float(value))).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def numbers(text, lang):
    """The numbers printed in `text`, read with the locale's separators."""
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text), f"Eastern digits: {text}"
    symbols = Locale.parse(language(lang).locale).number_symbols["latn"]
    group, decimal = symbols["group"], symbols["decimal"]
    found = []
    for match in re.finditer(
        rf"\d(?:[\d{re.escape(group)}]*\d)?(?:{re.escape(decimal)}\d+)?", text
    ):
        found.append(Decimal(match.group().replace(group, "").replace(decimal, ".")))
    return found


def shown(name, result):
    """What the page must print for a line's result: hours and percentages to one decimal,
    rounded half up, from the published value; counts as they are."""
    if name in HOURS:
        return half_up(round(result, 2))
    if name in SHARES:
        return half_up(Decimal(repr(round(result, 4))) * 100)
    return Decimal(int(result))


@pytest.fixture(scope="module")
def recomputed(demo_site):
    """{lang: {scope: {figure: result}}}: every line of each language's page, run on the
    national table (scope None) and on each city's file."""
    from sites import site_settings

    siteurl = site_settings()["SITEURL"].rstrip("/")
    cities = sorted(path.stem for path in (demo_site / "data" / "cities").glob("*.csv"))
    results = {}
    for lang in LANGS:
        setup, lines = methodology(demo_site, lang)
        assert set(lines) >= {*HOURS, *SHARES, "cases", "persons_arrested", "compare"}
        scope = {}
        namespace = {}
        exec(local(setup, demo_site, siteurl), namespace)
        national = namespace["df"]
        for city in [None, *cities]:
            env = dict(namespace)
            if city is not None:
                env["df"] = pd.read_csv(demo_site / "data" / "cities" / f"{city}.csv")
            env["national"] = national
            scope[city] = {
                name: plain(eval(line, env))
                for name, line in lines.items()
                if city is not None or name != "compare"
            }
        results[lang] = scope
    return results


def test_the_lines_of_both_languages_are_the_same(demo_site):
    assert methodology(demo_site, "ar")[1] == methodology(demo_site, "fr")[1]


def test_every_line_gives_the_figure_of_stats_json(demo_site, recomputed):
    stats = json.loads((demo_site / "data" / "stats.json").read_text(encoding="utf-8"))
    checked = 0
    for lang in LANGS:
        for city, results in recomputed[lang].items():
            figures = stats["national"] if city is None else stats["cities"][city]
            for name, result in results.items():
                assert as_published(name, result) == published(name, figures), (lang, city, name)
                checked += 1
    assert checked > 100


def _printed(dd, lang):
    return numbers(dd.text_content(), lang)


def test_every_printed_figure_is_what_its_line_gives(demo_site, recomputed):
    """The statistics page's figures and cities table, and every city page's figures."""
    for lang in LANGS:
        national = recomputed[lang][None]
        page = lxml.html.parse(str(demo_site / lang / "stats" / "index.html"))
        blocks = {None: page}
        for city in recomputed[lang]:
            if city is not None:
                path = demo_site / lang / "cities" / city / "index.html"
                blocks[city] = lxml.html.parse(str(path))
        for city, doc in blocks.items():
            results = recomputed[lang][city]
            printed = {
                dd.get("data-figure"): dd
                for dd in doc.xpath("//dl[@class='figures']//dd[@data-figure]")
            }
            assert set(printed) >= {*HOURS, *SHARES, "cases", "persons_arrested"}, city
            for name, dd in printed.items():
                values = _printed(dd, lang)
                if name == "cases_by_type":
                    by_type = results["cases_by_type"]
                    kinds = [k for k in ("arrest", "clarification", "search")]
                    assert values == [Decimal(by_type.get(k, 0)) for k in kinds], (lang, city)
                elif name == "compare":
                    mine, theirs = (
                        results["response_hours_median"],
                        national["response_hours_median"],
                    )
                    expected = (
                        []
                        if mine is None
                        else [shown("response_hours_median", m) for m in (mine, theirs)]
                    )
                    assert values == expected, (lang, city)
                elif results.get(name) is None:
                    assert dd.xpath("./span[@class='na']"), (lang, city, name)
                else:
                    assert values[0] == shown(name, results[name]), (lang, city, name, values)
        rows = page.xpath("//table[@class='cities-table']/tbody/tr")
        assert rows
        # A column per figure marked `column`, in their order, each labelled with its title.
        header = page.xpath("//table[@class='cities-table']/thead/tr/th[@data-figure]")
        columns = [th.get("data-figure") for th in header]
        assert columns == [figure.name for figure in FIGURES if figure.column]
        assert {"cases", "response_hours_median", "fake_share"} <= set(columns)
        for row in rows:
            results = recomputed[lang][row.get("data-city")]
            for name, cell in zip(columns, row.xpath("td"), strict=True):
                values = _printed(cell, lang)
                if results[name] is None:
                    assert values == []
                else:
                    assert values == [shown(name, results[name])], (
                        lang,
                        row.get("data-city"),
                        name,
                    )
