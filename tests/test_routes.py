"""The URL contract, walked on the demo site: every route the contract promises exists as a
file and is linked from somewhere a reader or a crawler starts (a page, the sitemap)."""

import math
import re
from functools import cache
from urllib.parse import urldefrag, urlparse

import lxml.html
import yaml

from communiques_site.core import routes
from communiques_site.feeds import beats
from conftest import ROOT
from sites import demo_codes, sitemap

LANGUAGES = tuple(demo_codes())
PAGE_SIZE = 20
TYPES = ("arrest", "clarification", "search")
SITEURL = "http://localhost:8000"


def registry(name):
    return yaml.safe_load((ROOT / "content" / "data" / f"{name}.yaml").read_text("utf-8"))


@cache
def published_cases(demo_site):
    """The ids the demo publishes, read from the built communiqué folders' sources: every
    case under content/communiques whose page exists (embargoed cases have none)."""
    ids = {p.name.split(".")[0] for p in (ROOT / "content" / "communiques").rglob("*.md")}
    return sorted(i for i in ids if (demo_site / "fr" / "communiques" / i).is_dir())


def listed_cases(demo_site):
    """The published ids whose page has no withdrawal notice: the listed cases."""
    return [
        case_id
        for case_id in published_cases(demo_site)
        if b"notice-withdrawn"
        not in (demo_site / "fr/communiques" / case_id / "index.html").read_bytes()
    ]


def expected_routes(demo_site):
    cases = published_cases(demo_site)
    cities, offences = registry("cities"), registry("offences")
    registries = {path.stem: registry(path.stem) for path in (ROOT / "content/data").glob("*.yaml")}
    slugs = sorted({p.name.split(".")[0] for p in (ROOT / "content" / "pages").glob("*.md")})
    yield routes.landing()
    yield routes.sitemap()
    yield routes.sitemap_part("pages")
    for month in sorted({case_id[:7] for case_id in cases}):
        yield routes.sitemap_part(f"communiques/{month}")
    yield routes.robots()
    for name in ("communiques.csv", "communiques.json", "datapackage.json", "stats.json"):
        yield routes.data(name)
    for key in cities:
        yield routes.data(f"cities/{key}.csv")
    for lang in LANGUAGES:
        yield routes.home(lang)
        for case_id in cases:
            yield routes.communique(lang, case_id)
        yield routes.cities(lang)
        yield from (routes.city(lang, key) for key in cities)
        yield routes.offences(lang)
        yield from (routes.offence(lang, key) for key in offences)
        yield routes.changes(lang)
        yield routes.archives(lang)
        for month in sorted({case_id[:7] for case_id in listed_cases(demo_site)}):
            yield routes.archive(lang, int(month[:4]), int(month[5:]))
        yield routes.stats(lang)
        yield routes.opendata(lang)
        yield routes.feeds(lang)
        yield from (routes.page(lang, slug) for slug in slugs)
        for beat in beats.BEATS:  # every beat's feeds: a new beat's are walked too
            for key in beat.keys(registries):
                for fmt in routes.FEED_FORMATS:
                    yield routes.feed(lang, beat.kind, key, fmt)
        # The listing of every case is paged from the oldest, a page per part of PAGE_SIZE
        # (pagination.py); each is linked from the one after it.
        published = len(list((demo_site / lang / "communiques").iterdir()))
        for number in range(1, math.ceil(published / PAGE_SIZE) + 1):
            yield routes.home(lang, number)


def links(demo_site):
    """Every local URL any page links to, and every URL of the sitemap."""
    found = set()
    for path in demo_site.rglob("*.html"):
        doc = lxml.html.parse(str(path)).getroot()
        for href in doc.xpath("//a/@href | //link/@href"):
            url = urldefrag(href)[0]
            if url.startswith(SITEURL):
                url = url[len(SITEURL) :]
            if url.startswith("/"):
                found.add(url)
    for part, addresses in sitemap(demo_site).items():
        found.add(part)  # linked from the index
        found.update(urlparse(loc).path for loc in addresses)
    return found


def test_every_route_of_the_contract_exists_and_is_linked(demo_site):
    expected = list(expected_routes(demo_site))
    assert len(expected) > 600
    linked = links(demo_site)
    robots = (demo_site / "robots.txt").read_text()
    for url in expected:
        assert (demo_site / routes.output_file(url)).is_file(), url
        assert url in linked or url in (routes.sitemap(), routes.robots()), url
    assert f"{SITEURL}{routes.sitemap()}" in robots


def test_every_address_a_page_links_to_exists(demo_site):
    """No broken link on the site (what the contract does not name is checked too)."""
    for url in links(demo_site):
        if url.startswith(("/theme/", "/data/", "/")) and not url.startswith("//"):
            assert (demo_site / routes.output_file(url)).exists(), url


def test_no_module_builds_a_public_url_by_hand():
    """Routes come from core.routes; a path written out elsewhere drifts from the contract."""
    pattern = re.compile(r"""f?["']/(\{lang\}|\{self\.lang\}|ar|fr|data|feeds)/""")
    for path in (ROOT / "plugins").rglob("*.py"):
        if path.name == "routes.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            assert not pattern.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_a_month_lists_its_cases_city_by_city_and_a_city_links_to_its_months(demo_site):
    """'Every case in Fès in March' is two clicks: the city page, then its month."""
    ids = listed_cases(demo_site)
    months = sorted({case_id[:7] for case_id in ids})
    for month in (months[0], months[-1]):
        year, number = int(month[:4]), int(month[5:])
        for lang in LANGUAGES:
            url = routes.archive(lang, year, number)
            page = lxml.html.parse(str(demo_site / routes.output_file(url))).getroot()
            shown = {href.split("/")[-2] for href in page.xpath("//section//h3/a/@href")}
            assert shown == {i for i in ids if i.startswith(month)}, (lang, month)
    city = lxml.html.parse(str(demo_site / "fr/cities/casablanca/index.html")).getroot()
    links = city.xpath("//h2[@id='months']/following-sibling::ul[1]//a/@href")
    assert links
    for link in links:
        path, fragment = link.split("#")
        page = lxml.html.parse(str(demo_site / routes.output_file(path))).getroot()
        (section,) = page.xpath(f"//section[@id='{fragment}']")
        cases = {href.split("/")[-2] for href in section.xpath(".//h3/a/@href")}
        assert cases and all("-casablanca-" in case for case in cases)


def test_no_module_and_no_template_names_a_language():
    """Languages come from SITE['languages']; a code written out is a language left behind."""
    code = re.compile(r"""["'](ar|fr)["']|_(ar|fr)\b|\b(lang|hreflang)=["'](ar|fr)["']""")
    files = [*(ROOT / "plugins").rglob("*.py"), *(ROOT / "theme" / "templates").glob("*.html")]
    for path in files:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            assert not code.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_the_contract_names_every_beat_s_feeds():
    """A beat's feeds are public addresses: docs/url-contract.md promises each beat's folder."""
    text = (ROOT / "docs/url-contract.md").read_text(encoding="utf-8")
    missing = [b.kind for b in beats.BEATS if f"`/{{lang}}/feeds/{b.kind}" not in text]
    assert not missing, f"add the feeds of {missing} to docs/url-contract.md"


def contract_examples():
    """The literal addresses listed in docs/url-contract.md's examples."""
    text = (ROOT / "docs/url-contract.md").read_text(encoding="utf-8")
    block = text.split("<!-- examples -->")[1].split("<!-- /examples -->")[0]
    return re.findall(r"^- `([^`]+)`$", block, flags=re.M)


def test_every_example_of_the_contract_is_an_address_of_the_demo(demo_site):
    """Expectations written by hand, not derived from routes.py: a route that changes how it
    writes an address (a month without its leading zero) fails here."""
    examples = contract_examples()
    assert len(examples) >= 30
    missing = [url for url in examples if not (demo_site / routes.output_file(url)).is_file()]
    assert not missing, missing
    made = {
        routes.archive("fr", 2026, 1),
        routes.archive("ar", 2025, 5),
        routes.communique("fr", "2026-01-08-rabat-taxi-robbery"),
        routes.city("ar", "tanger"),
        routes.feed("fr", "types", "clarification", "atom"),
        routes.feed("ar", "cities", "casablanca", "rss"),
        routes.data("cities/tanger.csv"),
    }
    assert made <= set(examples)
