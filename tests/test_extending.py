"""The worked examples of docs/architecture.md ("Adding things"), taken out of the doc and built.

Each example is what a maintainer would write: an entry appended to its file (run here in the
module's own namespace, after the module was imported, as an entry at the end of the file
would be), Markdown files, a settings entry. A small site is built with them and the test
checks that everything said to follow does: so the doc cannot drift from the code, and an
extension point that needs a second place fails here."""

import json
import re
import shutil

import lxml.html
import pytest

from communiques_site.core import routes, stages
from communiques_site.feeds import beats
from communiques_site.stats import figures
from conftest import ROOT
from sites import (
    ORIGINAL,
    REGISTRIES,
    TRANSLATION,
    case_files,
    codes,
    demo_codes,
    demo_languages,
    make_site,
    site_settings,
    sitemap_addresses,
)

DOC = ROOT / "docs" / "architecture.md"
CASA = "2026-11-27-casablanca-robbery"
TANGER = "2026-11-26-tanger-robbery"
FORMATS = ("atom", "rss", "json")


def example(name):
    """The code of the doc's example `name` (the fenced block after `<!-- example: name -->`)."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- example: {re.escape(name)} -->\n```\w*\n(.*?)\n```", text, re.S)
    assert found, f"docs/architecture.md has no example {name!r}"
    return found.group(1) + "\n"


def append(module, code, patch):
    """Run `code` as if appended to `module`'s file: in its namespace, its names rebound for
    the test only."""
    namespace = dict(vars(module))
    exec(compile(code, f"{module.__file__} (docs/architecture.md)", "exec"), namespace)
    for name, value in namespace.items():
        if vars(module).get(name, object()) is not value:
            patch.setattr(module, name, value, raising=False)


def languages():
    return codes()


def press_page(lang):
    """The doc's page in one of the demo's languages; an extra one has a text of its own."""
    if lang in demo_codes():
        return example(f"page press.{lang}.md")
    return "---\ntitle: Press\nsummary: Press\n---\nText.\n"


def parse(output, url):
    return lxml.html.parse(str(output / routes.output_file(url))).getroot()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site with the doc's beat, figure, pages (its own and a computed one) added."""
    root = tmp_path_factory.mktemp("extended")
    tanger = (
        ORIGINAL.replace("casablanca", "tanger")
        .replace("platform: facebook", "platform: tiktok")
        .replace("2026-11-27T18:30", "2026-11-26T23:30")
        .replace("2026-11-27T10:00", "2026-11-26T10:00")
        .replace("circulated_at: 2026-11-26T21:00", "circulated_at: 2026-11-26T08:00")
    )
    files = {**case_files(CASA), **case_files(TANGER, tanger, TRANSLATION)}
    for lang in languages():
        files[f"pages/press.{lang}.md"] = press_page(lang)
    made = make_site(root, files)
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "open-cases.html").write_text(
        example("computed template open-cases.html"), encoding="utf-8"
    )
    settings = {}
    exec(example("page settings"), settings)
    derive = {
        "__name__": "communiques_site.bilingual.open_cases",
        "Page": stages.Page,
        "routes": routes,
    }
    exec("from communiques_site.core.labels import N_\n" + example("computed derive"), derive)
    with pytest.MonkeyPatch.context() as patch:
        append(beats, example("beat"), patch)
        append(figures, example("figure"), patch)
        append(routes, example("computed route"), patch)
        # A plugin's register() connects its derive; bilingual's, as the doc's plugin.
        stages.derive.connect(derive["derive_open_cases"])
        try:
            result = made.build(BILINGUAL=settings["BILINGUAL"], THEME=str(theme))
        finally:
            stages.derive.disconnect(derive["derive_open_cases"])
        assert result.ok, [str(p) for p in result.problems]
    return made.output


def test_the_page_settings_example_is_the_demo_s_with_one_more_page():
    settings = {}
    exec(example("page settings"), settings)
    demo = site_settings()["BILINGUAL"]
    assert settings["BILINGUAL"]["page_size"] == demo["page_size"]
    assert settings["BILINGUAL"]["required_pages"] == (*demo["required_pages"], "press")


def test_the_new_beat_has_its_feeds_in_every_language_and_is_announced(site):
    platforms = yaml_keys(REGISTRIES["platforms.yaml"])
    assert platforms == ["facebook", "tiktok"]
    for lang in languages():
        for key in platforms:
            for fmt in FORMATS:
                assert (site / lang / "feeds" / "platforms" / f"{key}.{fmt}").is_file(), (lang, key)
        listed = json.loads((site / lang / "feeds/platforms/facebook.json").read_bytes())
        assert [item["url"].rsplit("/", 2)[1] for item in listed["items"]] == [CASA]
        feeds_page = parse(site, routes.feeds(lang))
        hrefs = set(feeds_page.xpath("//main//a/@href"))
        assert {routes.feed(lang, "platforms", key, "atom") for key in platforms} <= hrefs
        # A communiqué's page announces the feeds of every beat that lists it: its platform's.
        for case_id, platform in ((CASA, "facebook"), (TANGER, "tiktok")):
            page = parse(site, routes.communique(lang, case_id))
            announced = page.xpath("//head/link[@rel='alternate'][@type]/@href")
            url = "http://localhost:8000" + routes.feed(lang, "platforms", platform, "atom")
            assert url in announced, (lang, case_id)
            assert "http://localhost:8000" + routes.feed(lang, "all", None, "atom") in announced


def yaml_keys(text):
    return re.findall(r"^        (\S+):$", text, re.M)


def test_the_new_figure_is_in_stats_json_the_pages_and_the_cities_table(site):
    stats = json.loads((site / "data" / "stats.json").read_text(encoding="utf-8"))
    # Published 21.5 h after the video in Casablanca, 15.5 h in Tanger: the median is 18.5.
    assert stats["national"]["median_publication_hours"] == 18.5
    assert stats["cities"]["casablanca"]["median_publication_hours"] == 21.5
    assert stats["cities"]["tanger"]["median_publication_hours"] == 15.5
    assert stats["definitions"]["median_publication_hours"]["fr"] == (
        "/fr/stats/#def-median-publication-hours"
    )
    for lang in languages():
        page = parse(site, routes.stats(lang))
        (shown,) = page.xpath("//dl[@class='figures']//dd[@data-figure='median_publication_hours']")
        assert shown.get("data-value") == "18.5"
        (definition,) = page.xpath(
            "//dl[@class='definitions']/dt[@id='def-median-publication-hours']"
        )
        assert definition.text_content() == "Median time to the communiqué"  # untranslated yet
        (heading,) = page.xpath(
            "//table[@class='cities-table']//th[@data-figure='median_publication_hours']"
        )
        assert heading.text_content().strip() == "Median time to the communiqué"
        cells = {
            row.get("data-city"): row.xpath("td[@data-figure='median_publication_hours']")[0]
            for row in page.xpath("//table[@class='cities-table']/tbody/tr")
        }
        assert set(cells) == {"casablanca", "tanger"}
        assert re.sub(r"\D", "", cells["tanger"].text_content()) == "155"
        city = parse(site, routes.city(lang, "casablanca"))
        (block,) = city.xpath("//dl[@class='figures']//dd[@data-figure='median_publication_hours']")
        assert block.get("data-value") == "21.5"


def test_the_new_page_is_built_and_linked_from_every_page(site):
    titles = {lang: re.search("^title: (.+)$", press_page(lang), re.M)[1] for lang in languages()}
    assert titles["fr"] == "Espace presse"
    locations = set(sitemap_addresses(site))
    for lang in languages():
        url = routes.page(lang, "press")
        assert parse(site, url).findtext(".//h1") == titles[lang]
        assert "http://localhost:8000" + url in locations
        for other in (routes.home(lang), routes.communique(lang, CASA), routes.stats(lang)):
            footer = parse(site, other).xpath("//footer//nav[contains(@class, 'footer-nav')]//a")
            assert [a.text for a in footer if a.get("href") == url] == [titles[lang]], other


def test_the_computed_page_is_built_and_in_the_menu(site):
    for lang in languages():
        url = routes.page(lang, "open-cases")  # the doc's route gives the same address
        assert (site / routes.output_file(url)).is_file()
        menu = parse(site, routes.home(lang)).xpath("//nav[@class='nav']//a/@href")
        assert url in menu
        assert parse(site, url).xpath("//ul[@class='open-cases']")


def with_language(code):
    """The demo's languages with the doc's entry, as pelicanconf.py would read them."""
    settings = {"SITE": {"languages": tuple(demo_languages())}}
    exec(code, {**settings, "N_": lambda message: message})
    return list(settings["SITE"]["languages"])


def test_the_new_language_builds(tmp_path):
    from test_third_language import ENGLISH_CASE, with_english

    files = case_files(CASA)
    files[f"communiques/2026/{CASA}.en.md"] = ENGLISH_CASE.format(id=CASA)
    for slug in site_settings()["BILINGUAL"]["required_pages"]:
        files[f"pages/{slug}.en.md"] = f"---\ntitle: {slug}\nsummary: {slug}\n---\nText.\n"
    made = make_site(tmp_path, files, registries=False)
    for name, text in REGISTRIES.items():
        made.write(f"data/{name}", with_english(text))
    languages = with_language(example("language"))
    assert [language["code"] for language in languages] == ["ar", "fr", "en"]
    result = made.build(SITE={"languages": languages})
    assert result.ok, [str(p) for p in result.problems]
    page = parse(made.output, routes.communique("en", CASA))
    assert page.get("lang") == "en" and page.get("dir") == "ltr"
    assert (made.output / "en/feeds/all.atom").is_file()


def test_a_locale_babel_does_not_know_is_refused_with_the_settings(tmp_path):
    """`en_MA` (CLDR has no English for Morocco) is the settings' problem, named with its file,
    line, field and fix, before any content is read; not an error in the middle of a build."""
    *languages, entry = with_language(example("language"))
    made = make_site(tmp_path, case_files(CASA))
    result = made.build(SITE={"languages": [*languages, dict(entry, locale="en_MA")]})
    assert not result.ok
    lines = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    site_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("SITE ="))
    assert [(p.path, p.line, p.field, p.message) for p in result.problems] == [
        (
            "pelicanconf.py",
            site_line,
            "SITE['languages']",
            "language 3 (en): Babel does not know the locale 'en_MA' (unknown locale 'en_MA'); "
            "write one of CLDR's, e.g. 'en_GB' or 'en_001' (see "
            "babel.localedata.locale_identifiers())",
        )
    ]
    assert not made.output.exists()
