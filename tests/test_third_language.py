"""A third language, added only through the settings, a catalog and content files, appears
everywhere a language appears: pages, hreflang, sitemap, feeds, open data, statistics' labels,
the language switch. (English needs no catalog of its own: the messages are English.)"""

import shutil

import feedparser
import lxml.html
import openpyxl
import pytest

from conftest import ROOT
from sites import (
    ENGLISH,
    ENGLISH_CASE,
    ORIGINAL,
    REGISTRIES,
    TRANSLATION,
    case_files,
    demo_languages,
    make_site,
    site_settings,
    sitemap_addresses,
    with_english,
)
from test_opendata import read_rows, resources, validate

CASE = "2026-11-27-casablanca-robbery"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("english")
    files = case_files(CASE, ORIGINAL, TRANSLATION)
    files[f"communiques/2026/{CASE}.en.md"] = ENGLISH_CASE.format(id=CASE)
    files["pages/about.en.md"] = "---\ntitle: About\nsummary: About the site\n---\nText.\n"
    for slug in site_settings()["BILINGUAL"]["required_pages"]:
        files.setdefault(
            f"pages/{slug}.en.md", f"---\ntitle: {slug}\nsummary: {slug}\n---\nText.\n"
        )
    made = make_site(root, files, registries=False)
    for name, text in REGISTRIES.items():
        made.write(f"data/{name}", with_english(text))
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)  # the theme with an English catalog: none needed
    # The demo's languages and English, whether or not COMMUNIQUES_TEST_LANGUAGES adds it.
    languages = [*demo_languages(), ENGLISH]
    result = made.build(SITE={"languages": languages}, THEME=str(theme))
    assert result.ok, [str(p) for p in result.problems]
    return made.output


def parse(output, path):
    return lxml.html.parse(str(output / path)).getroot()


def test_every_page_exists_in_english(site):
    for lang in ("ar", "fr", "en"):
        for path in (
            "",
            f"communiques/{CASE}/",
            "cities/",
            "cities/tanger/",
            "offences/",
            "stats/",
            "open-data/",
            "feeds/",
            "about/",
        ):
            assert (site / lang / path / "index.html").exists(), (lang, path)
    page = parse(site, f"en/communiques/{CASE}/index.html")
    assert page.get("lang") == "en" and page.get("dir") == "ltr"
    assert page.findtext(".//h1") == "Man arrested for robbery with violence"


def test_hreflang_and_the_language_switch_name_english(site):
    page = parse(site, f"ar/communiques/{CASE}/index.html")
    hreflangs = set(page.xpath("//head/link[@rel='alternate'][@hreflang]/@hreflang"))
    assert {"ar", "fr", "en", "x-default"} <= hreflangs
    switch = {a.get("hreflang"): a.text for a in page.xpath("//a[@class='lang-switch']")}
    assert switch == {"fr": "Français", "en": "English"}
    english = parse(site, f"en/communiques/{CASE}/index.html")
    switch = {a.get("hreflang") for a in english.xpath("//a[@class='lang-switch']")}
    assert switch == {"ar", "fr"}


def test_the_sitemap_and_the_landing_page_list_english(site):
    addresses = sitemap_addresses(site)
    assert "en" in addresses[f"http://localhost:8000/en/communiques/{CASE}/"]
    assert "en" in addresses[f"http://localhost:8000/fr/communiques/{CASE}/"]
    landing = parse(site, "index.html")
    assert landing.xpath("//section[@lang='en']//a/@href") == ["/en/"]


def test_english_feeds(site):
    feed = feedparser.parse((site / "en/feeds/all.atom").read_bytes())
    assert feed.feed.language == "en"
    (entry,) = feed.entries
    assert entry.link == f"http://localhost:8000/en/communiques/{CASE}/"
    assert entry.title == "Man arrested for robbery with violence"
    assert entry.author == "Casablanca Police Prefecture"
    assert (site / "en/feeds/cities/tanger.rss").exists()
    related = {link.hreflang for link in entry.links if link.rel == "related"}
    assert related == {"ar", "fr"}


def test_english_statistics_labels(site):
    page = parse(site, "en/stats/index.html")
    assert page.findtext(".//h1") == "Statistics"
    assert "Median time to arrest" in page.text_content()


def test_english_open_data_columns_and_descriptions(site):
    data, case_id = site / "data", CASE
    codes = ("ar", "fr", "en")
    (case,) = read_rows(data / "communiques.csv")
    columns = list(case)
    start = columns.index("city")
    assert columns[start : start + 7] == [
        "city",
        *(f"city_{code}" for code in codes),
        *(f"region_{code}" for code in codes),
    ]
    assert columns[-9:] == [
        *(f"title_{code}" for code in codes),
        *(f"url_{code}" for code in codes),
        "persons_details_removed",
        "arrested_before_video",
        "verification_code",
    ]
    assert case["title_en"] == "Man arrested for robbery with violence"
    assert case["url_en"] == f"http://localhost:8000/en/communiques/{case_id}/"
    assert case["city_en"] == "Casablanca"
    assert case["region_en"] == "Casablanca-Settat"
    assert list(read_rows(data / "cities.csv")[0])[1:7] == [
        *(f"name_{code}" for code in codes),
        *(f"region_{code}" for code in codes),
    ]
    assert list(read_rows(data / "offences.csv")[0]) == ["key", "name_ar", "name_fr", "name_en"]
    header = (data / "withdrawn.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,published,withdrawn_at,reason_ar,reason_fr,reason_en"

    schemas = {resource["schema"]: schema for resource, schema in resources(data)}
    fields = {
        (path, field["name"]): field
        for path, schema in schemas.items()
        for field in schema["fields"]
    }
    assert fields["schemas/communiques.json", "title_en"] == {
        "name": "title_en",
        "type": "string",
        "description": "Title in English.",
        "description_ar": "العنوان بالإنجليزية.",
        "description_fr": "Titre en anglais.",
    }
    assert fields["schemas/registry.json", "name_en"]["description_fr"] == "Nom en anglais."
    # English has no catalog: its descriptions are the msgids, given once, as `description`.
    assert not [name for name, field in fields.items() if "description_en" in field]
    named = {resource["name"]: resource for resource, _ in resources(data)}
    assert "description_en" not in named["communiques"]
    assert {
        key: value for key, value in named["city-tanger"].items() if key.startswith("descr")
    } == {
        "description": "The communiqués about Tangier.",  # the English name
        "description_ar": "البلاغات المتعلقة بـطنجة.",
        "description_fr": "Les communiqués sur Tanger.",
    }

    book = openpyxl.load_workbook(data / "communiques.xlsx", read_only=True)
    rows = list(book["columns"].values)
    assert rows[0] == ("sheet", "column", "type", "description", "description_ar", "description_fr")
    assert ("communiques", "url_en", "string") in {row[:3] for row in rows}
    assert validate(data)["valid"]
    page = lxml.html.parse(str(data.parent / "en" / "open-data" / "index.html"))
    assert page.xpath("//main//li/code/text()") == list(codes)
