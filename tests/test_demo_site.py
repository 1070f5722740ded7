"""The demo site, built once: every language complete, linked both ways, dated the Moroccan way."""

import re
from functools import cache
from pathlib import Path

import lxml.html
from babel.dates import format_date

from communiques_site.bilingual.sitemap import parts
from conftest import language
from sites import demo_codes, demo_languages, sitemap

AR_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
]
EASTERN_DIGITS = re.compile("[٠-٩]")
SITEURL = "http://localhost:8000"


@cache
def parse(path):
    return lxml.html.parse(str(path)).getroot()


def pages(output):
    return sorted(output.rglob("*.html"))


def is_code_page(output, path):
    """The pages of verification codes (/v/) speak every language, like the 404 page, and are
    not for search engines: no alternates, not in the sitemap (noindex)."""
    return path.relative_to(output).parts[0] == "v"


def url_of(output, path):
    relative = path.relative_to(output).as_posix()
    if relative.endswith("index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def file_of(output, url):
    path = output / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def alternates(doc):
    return {
        link.get("hreflang"): link.get("href").removeprefix(SITEURL)
        for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")
    }


def test_every_language_is_complete(demo_site):
    default, *others = demo_codes()
    every = {url_of(demo_site, p)[3:] for p in (demo_site / default).rglob("*.html")}
    for code in others:
        assert {url_of(demo_site, p)[3:] for p in (demo_site / code).rglob("*.html")} == every
    assert len(every) > 100


def test_demo_has_the_cases_it_promises(demo_site):
    communiques = list((demo_site / "ar" / "communiques").iterdir())
    assert len(communiques) >= 60
    cities = {p.name.split("-", 3)[3].split("-")[0] for p in communiques}
    months = {p.name[:7] for p in communiques}
    assert len(months) >= 18
    assert len(cities) >= 12


def test_lang_and_dir_on_every_page(demo_site):
    directions = {language["code"]: language["direction"] for language in demo_languages()}
    for path in pages(demo_site):
        html = parse(path)
        lang = url_of(demo_site, path).split("/")[1]
        # The landing and 404 pages speak every language: their own is the default's.
        expected = lang if lang in directions else demo_codes()[0]
        assert html.get("lang") == expected, path
        assert html.get("dir") == directions[expected], path
        for element in html.xpath("//*[@lang and not(self::html)]"):
            own = directions.get(element.get("lang"))
            assert element.get("dir") in (None, own), path


def test_hreflang_is_reciprocal_on_every_page(demo_site):
    for path in pages(demo_site):
        if path.name == "404.html" or is_code_page(demo_site, path):
            continue
        url = url_of(demo_site, path)
        links = alternates(parse(path))
        assert set(links) == {*demo_codes(), "x-default"}, url
        own = url.split("/")[1]
        if own in demo_codes():
            assert links[own] == url, url
        for lang in demo_codes():
            other = file_of(demo_site, links[lang])
            assert other.exists(), f"{url} -> {links[lang]}"
            back = alternates(parse(other))
            assert back[lang] == links[lang]
            if own in demo_codes():
                assert back[own] == url, f"{links[lang]} does not link back to {url}"


def test_language_switch_leads_to_the_counterpart(demo_site):
    default, *others = demo_codes()
    for path in (demo_site / default / "communiques").rglob("index.html"):
        switch = parse(path).xpath("//a[contains(@class, 'lang-switch')]")
        assert [a.get("href") for a in switch] == [
            url_of(demo_site, path).replace(f"/{default}/", f"/{code}/", 1) for code in others
        ]


def test_no_broken_internal_link(demo_site):
    broken = set()
    for path in pages(demo_site):
        doc = parse(path)
        for _element, _attribute, link, _pos in doc.iterlinks():
            if link.startswith(SITEURL):
                link = link[len(SITEURL) :]
            if not link.startswith("/") or link.startswith("//"):
                continue
            target = link.split("#")[0].split("?")[0]
            if not file_of(demo_site, target).exists():
                broken.add((url_of(demo_site, path), link))
    assert not broken, sorted(broken)[:20]


def test_no_page_needs_javascript(demo_site):
    """Only the search runs scripts; without them, its page links to the ways to browse. The
    structured data (JSON-LD) is a data block a browser never runs."""
    searches = {demo_site / code / "search" / "index.html" for code in demo_codes()}
    for path in pages(demo_site):
        if path not in searches:
            assert not parse(path).xpath("//script[not(@type='application/ld+json')]"), path


def test_dates_are_written_with_babel(demo_site):
    """Arabic months as Moroccans write them, Western digits, French long dates."""
    from communiques_site.communiques.schema import ZONE
    from communiques_site.core.i18n import Formats

    case_page = next((demo_site / "ar" / "communiques").iterdir()) / "index.html"
    doc = parse(case_page)
    published = doc.xpath("//p[@class='dateline']/time")[0]
    from datetime import datetime

    moment = datetime.fromisoformat(published.get("datetime"))
    expected = format_date(moment.astimezone(ZONE).date(), "full", locale="ar_MA")
    assert published.text.startswith(expected)
    assert any(month in expected for month in AR_MONTHS)
    for code in demo_codes()[1:]:
        assert Formats(language(code)).date(moment) in parse(
            Path(str(case_page).replace("/ar/", f"/{code}/"))
        ).xpath("string(//p[@class='dateline']/time)")
    for path in pages(demo_site):
        assert not EASTERN_DIGITS.search(parse(path).text_content()), path


def test_home_lists_every_case_except_the_withdrawn(demo_site):
    listed = set()
    page = demo_site / "fr" / "index.html"
    while page:
        doc = parse(page)
        listed.update(a.get("href").split("/")[3] for a in doc.xpath("//h3[@class='case-title']/a"))
        following = doc.xpath("//a[@rel='next']/@href")
        page = file_of(demo_site, following[0]) if following else None
    pages_ = {p.name for p in (demo_site / "fr" / "communiques").iterdir()}
    withdrawn = {
        name
        for name in pages_
        if parse(demo_site / "fr" / "communiques" / name / "index.html").xpath(
            "//div[contains(@class, 'notice-withdrawn')]"
        )
    }
    assert len(withdrawn) >= 1
    assert listed == pages_ - withdrawn


def test_minors_show_as_minor_only(demo_site):
    seen = 0
    for path in (demo_site / "fr" / "communiques").rglob("index.html"):
        for item in parse(path).xpath("//ul[@class='suspects']/li"):
            text = item.text_content()
            if text.startswith("mineur"):
                seen += 1
                assert not re.search(r"\d", text), text
    assert seen >= 4


def test_sitemap_lists_every_page_with_its_alternates(demo_site):
    """Through its index, as a crawler reads it: every page once, a communiqué in its month's
    part with its translations as alternates, every other page in /sitemaps/pages.xml."""
    by_part = sitemap(demo_site)
    where = {loc.removeprefix(SITEURL): part for part, locs in by_part.items() for loc in locs}
    html_urls = {
        url_of(demo_site, p)
        for p in pages(demo_site)
        if p.name == "index.html" and not is_code_page(demo_site, p)
    }
    assert set(where) == html_urls
    codes = demo_codes()
    communiques = 0
    for url, part in where.items():
        found = re.fullmatch(r"/\w+/communiques/((\d{4}-\d{2})-[^/]+)/", url)
        if found is None:
            assert part == "/sitemaps/pages.xml", url
            continue
        communiques += 1
        case_id, month = found.groups()
        assert part == f"/sitemaps/communiques/{month}.xml", url
        alternates = by_part[part][SITEURL + url]
        assert alternates == {code: f"{SITEURL}/{code}/communiques/{case_id}/" for code in codes}, (
            url
        )
    assert communiques > 40 and len(by_part) > 5
    assert (demo_site / "robots.txt").read_text().endswith(f"Sitemap: {SITEURL}/sitemap.xml\n")


def test_a_sitemap_part_past_the_limit_goes_on_in_another():
    """A sitemap file may hold 50,000 addresses: a part that would hold more goes on in
    `name-2`, `name-3`…, each address in one of them, in order."""
    entries = [("pages", (f"/fr/page/{n:02d}/", None)) for n in range(5)]
    entries.append(("communiques/2026-01", ("/fr/communiques/x/", {"fr": "/fr/communiques/x/"})))
    found = parts(entries, limit=2)
    assert list(found) == ["communiques/2026-01", "pages", "pages-2", "pages-3"]
    assert [url for url, _ in found["pages-2"]] == ["/fr/page/02/", "/fr/page/03/"]
    assert [url for part in found.values() for url, _ in part][1:] == [
        f"/fr/page/{n:02d}/" for n in range(5)
    ]
