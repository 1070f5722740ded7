"""Every public route of core/routes.py, pinned to literal addresses: no site is built.

The expected addresses are written out by hand from docs/url-contract.md (its table, its
examples, the numbered pages), and for the few addresses the contract does not list from where
they are promised: deploy/nginx.conf (`/404.html`, a code's lower-case alias, `/theme/`), the
press office guides (`/{lang}/press-office/`), tests/test_extending.py (a figure's anchor).
None is made by routes.py itself, so that a route that changes how it writes an address (a
month without its leading zero, a page number on the listing's own page, a missing slash)
fails here in a second, where tests/test_routes.py needs the demo built. This file is
routes.py's set in `tasks.MUTATE`.
"""

import re

import pytest

from communiques_site.core import routes
from conftest import ROOT

CASE = "2026-01-08-rabat-taxi-robbery"

# (route, its arguments, the address the contract promises), in both languages.
ADDRESSES = [
    (routes.landing, (), "/"),
    (routes.home, ("ar",), "/ar/"),
    (routes.home, ("fr",), "/fr/"),
    (routes.communique, ("ar", CASE), "/ar/communiques/2026-01-08-rabat-taxi-robbery/"),
    (routes.communique, ("fr", CASE), "/fr/communiques/2026-01-08-rabat-taxi-robbery/"),
    (routes.share_card, ("ar", CASE), "/ar/communiques/2026-01-08-rabat-taxi-robbery/card.png"),
    (routes.share_card, ("fr", CASE), "/fr/communiques/2026-01-08-rabat-taxi-robbery/card.png"),
    (
        routes.official_image,
        ("ar", CASE, 1),
        "/ar/communiques/2026-01-08-rabat-taxi-robbery/communique-1.png",
    ),
    (
        routes.official_image,
        ("fr", CASE, 2),
        "/fr/communiques/2026-01-08-rabat-taxi-robbery/communique-2.png",
    ),
    (routes.cities, ("ar",), "/ar/cities/"),
    (routes.cities, ("fr",), "/fr/cities/"),
    (routes.city, ("ar", "tanger"), "/ar/cities/tanger/"),
    (routes.city, ("fr", "casablanca"), "/fr/cities/casablanca/"),
    (routes.offences, ("ar",), "/ar/offences/"),
    (routes.offences, ("fr",), "/fr/offences/"),
    (routes.offence, ("ar", "theft"), "/ar/offences/theft/"),
    (routes.offence, ("fr", "theft"), "/fr/offences/theft/"),
    (routes.archives, ("ar",), "/ar/archives/"),
    (routes.archives, ("fr",), "/fr/archives/"),
    (routes.archive, ("fr", 2026, 1), "/fr/archives/2026/01/"),
    (routes.archive, ("ar", 2025, 5), "/ar/archives/2025/05/"),
    (routes.archive, ("fr", 2025, 12), "/fr/archives/2025/12/"),
    (routes.archive, ("ar", 2026, 3, "fes"), "/ar/archives/2026/03/#city-fes"),
    (routes.archive, ("fr", 2026, 11, "casablanca"), "/fr/archives/2026/11/#city-casablanca"),
    (routes.stats, ("ar",), "/ar/stats/"),
    (routes.stats, ("fr",), "/fr/stats/"),
    (
        routes.definition,
        ("fr", "median_publication_hours"),
        "/fr/stats/#def-median-publication-hours",
    ),
    (routes.definition, ("ar", "cases"), "/ar/stats/#def-cases"),
    (routes.opendata, ("ar",), "/ar/open-data/"),
    (routes.opendata, ("fr",), "/fr/open-data/"),
    (routes.feeds, ("ar",), "/ar/feeds/"),
    (routes.feeds, ("fr",), "/fr/feeds/"),
    (routes.feeds, ("fr", "types"), "/fr/feeds/#types"),
    (routes.search, ("ar",), "/ar/search/"),
    (routes.search, ("fr",), "/fr/search/"),
    (routes.search_bundle, ("ar",), "/ar/pagefind/"),
    (routes.search_bundle, ("fr", "pagefind-ui.js"), "/fr/pagefind/pagefind-ui.js"),
    (routes.search_period, ("fr", "2026-q4"), "/fr/pagefind/2026-q4/"),
    (routes.search_period, ("ar", "2025-q1"), "/ar/pagefind/2025-q1/"),
    (routes.search_period, ("fr", "2026-q2", "pagefind.js"), "/fr/pagefind/2026-q2/pagefind.js"),
    (routes.page, ("ar", "about"), "/ar/about/"),
    (routes.page, ("fr", "about"), "/fr/about/"),
    (routes.changes, ("ar",), "/ar/changes/"),
    (routes.changes, ("fr",), "/fr/changes/"),
    (routes.feed, ("fr", "all", None, "atom"), "/fr/feeds/all.atom"),
    (routes.feed, ("ar", "all", None, "rss"), "/ar/feeds/all.rss"),
    (routes.feed, ("fr", "all", None, "json"), "/fr/feeds/all.json"),
    (routes.feed, ("fr", "updates", None, "atom"), "/fr/feeds/updates.atom"),
    (routes.feed, ("ar", "updates", None, "json"), "/ar/feeds/updates.json"),
    (routes.feed, ("fr", "changes", None, "json"), "/fr/feeds/changes.json"),
    (routes.feed, ("fr", "types", "clarification", "atom"), "/fr/feeds/types/clarification.atom"),
    (routes.feed, ("ar", "types", "arrest", "rss"), "/ar/feeds/types/arrest.rss"),
    (routes.feed, ("ar", "cities", "casablanca", "rss"), "/ar/feeds/cities/casablanca.rss"),
    (routes.feed, ("fr", "offences", "theft", "json"), "/fr/feeds/offences/theft.json"),
    (routes.translations, ("fr",), "/fr/translations/"),
    (routes.translations, ("ar",), "/ar/translations/"),
    (routes.press_office, ("fr",), "/fr/press-office/"),
    (routes.press_office, ("ar",), "/ar/press-office/"),
    (routes.verify, ("ar",), "/ar/verify/"),
    (routes.verify, ("fr",), "/fr/verify/"),
    (routes.code, ("K7Q2M9XA",), "/v/K7Q2M9XA/"),
    (routes.code_form, (), "/v/"),
    (routes.unknown_code, (), "/v/"),
    (routes.code_alias, ("K7Q2M9XA",), "/v/k7q2m9xa/page"),
    (routes.log, ("checkpoint",), "/log/checkpoint"),
    (routes.log, ("tile/0/000",), "/log/tile/0/000"),
    (routes.log, ("tile/0/001.p/5",), "/log/tile/0/001.p/5"),
    (routes.log, ("tile/entries/000",), "/log/tile/entries/000"),
    (routes.log, (), "/log/"),
    (routes.log_key, (), "/.well-known/communiques-log-key"),
    (routes.data, ("communiques.csv",), "/data/communiques.csv"),
    (routes.data, ("communiques.json",), "/data/communiques.json"),
    (routes.data, ("cities/tanger.csv",), "/data/cities/tanger.csv"),
    (routes.data, ("datapackage.json",), "/data/datapackage.json"),
    (routes.data, ("stats.json",), "/data/stats.json"),
    (routes.sitemap, (), "/sitemap.xml"),
    (routes.sitemap_part, ("pages",), "/sitemaps/pages.xml"),
    (routes.sitemap_part, ("communiques/2026-01",), "/sitemaps/communiques/2026-01.xml"),
    (routes.sitemap_part, ("pages-2",), "/sitemaps/pages-2.xml"),
    (routes.robots, (), "/robots.txt"),
    (routes.not_found, (), "/404.html"),
    (routes.theme, ("css/site.css",), "/theme/css/site.css"),
]


@pytest.mark.parametrize(("route", "args", "address"), ADDRESSES)
def test_each_route_makes_the_address_the_contract_promises(route, args, address):
    assert route(*args) == address


# Numbered pages (url-contract.md, "Numbered pages never move"): a listing's own page has no
# number; its parts are /page/1/ (the oldest), /page/2/…
PAGES = [
    (routes.home, ("fr",), "/fr/"),
    (routes.home, ("ar", None), "/ar/"),
    (routes.home, ("fr", 1), "/fr/page/1/"),
    (routes.home, ("ar", 12), "/ar/page/12/"),
    (routes.city, ("fr", "casablanca", None), "/fr/cities/casablanca/"),
    (routes.city, ("fr", "casablanca", 1), "/fr/cities/casablanca/page/1/"),
    (routes.city, ("ar", "tanger", 3), "/ar/cities/tanger/page/3/"),
    (routes.offence, ("ar", "theft", None), "/ar/offences/theft/"),
    (routes.offence, ("fr", "theft", 1), "/fr/offences/theft/page/1/"),
    (routes.offence, ("ar", "theft", 2), "/ar/offences/theft/page/2/"),
    (routes.changes, ("fr", None), "/fr/changes/"),
    (routes.changes, ("fr", 1), "/fr/changes/page/1/"),
    (routes.changes, ("ar", 4), "/ar/changes/page/4/"),
]


@pytest.mark.parametrize(("route", "args", "address"), PAGES)
def test_a_listing_s_own_page_has_no_number_and_its_parts_count_from_1(route, args, address):
    assert route(*args) == address


def test_without_a_format_a_feed_is_the_path_its_three_formats_share():
    assert routes.FEED_FORMATS == ("atom", "rss", "json")
    assert routes.feed("fr", "all") == "/fr/feeds/all"
    assert routes.feed("ar", "cities", "tanger") == "/ar/feeds/cities/tanger"
    assert routes.feed("fr", "types", "search", "") == "/fr/feeds/types/search"


@pytest.mark.parametrize(
    "kind", ["", "Types", "1cities", "-all", "cities/x", "../all", "all.atom", "ville_s", "all "]
)
def test_a_feed_kind_that_is_not_a_url_folder_is_refused(kind):
    with pytest.raises(ValueError, match="a feed's kind is a URL folder"):
        routes.feed("fr", kind, None, "atom")


def test_a_refused_feed_kind_is_named_with_the_rule_it_breaks():
    """The message a contributor adding a beat reads: the whole of it, the kind at its end."""
    with pytest.raises(ValueError) as refused:
        routes.feed("fr", "Plateformes", "x", "atom")
    assert str(refused.value) == "a feed's kind is a URL folder (a-z, 0-9, -), not 'Plateformes'"


@pytest.mark.parametrize("kind", ["all", "types", "a", "x9", "new-beat", "z-0"])
def test_a_feed_kind_of_lower_case_letters_digits_and_dashes_is_a_folder(kind):
    assert routes.feed("fr", kind, None, "rss") == f"/fr/feeds/{kind}.rss"


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/", "index.html"),
        ("/fr/", "fr/index.html"),
        (
            "/ar/communiques/2026-01-08-rabat-taxi-robbery/",
            "ar/communiques/2026-01-08-rabat-taxi-robbery/index.html",
        ),
        ("/fr/page/2/", "fr/page/2/index.html"),
        ("/fr/archives/2026/01/#city-rabat", "fr/archives/2026/01/index.html"),
        ("/fr/stats/#def-cases", "fr/stats/index.html"),
        ("/#top", "index.html"),
        ("/fr/feeds/all.atom", "fr/feeds/all.atom"),
        ("/fr/communiques/x/card.png", "fr/communiques/x/card.png"),
        ("/data/cities/tanger.csv", "data/cities/tanger.csv"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/404.html", "404.html"),
        ("/v/k7q2m9xa/page", "v/k7q2m9xa/page"),
        ("/log/checkpoint", "log/checkpoint"),
        ("/.well-known/communiques-log-key", ".well-known/communiques-log-key"),
        ("/fr/x#a#b", "fr/x"),
        # only the slash is taken off the front, whatever the path's first letter
        ("/X/", "X/index.html"),
        ("/Xl/plan.xml", "Xl/plan.xml"),
    ],
)
def test_the_file_of_a_folder_url_is_its_index_and_a_fragment_is_no_file(url, file):
    assert routes.output_file(url) == file


@pytest.mark.parametrize(
    ("siteurl", "url", "absolute"),
    [
        ("https://communiques.dgsn.gov.ma", "/fr/", "https://communiques.dgsn.gov.ma/fr/"),
        ("https://communiques.dgsn.gov.ma/", "/fr/", "https://communiques.dgsn.gov.ma/fr/"),
        ("http://localhost:8000//", "/", "http://localhost:8000/"),
        (
            "https://example.org/site",
            "/ar/feeds/all.rss",
            "https://example.org/site/ar/feeds/all.rss",
        ),
        ("", "/robots.txt", "/robots.txt"),
        # only the slashes are taken off the end, whatever the site's path ends with
        ("https://example.org/TX", "/fr/", "https://example.org/TX/fr/"),
        ("https://example.org/MAX/", "/data/stats.json", "https://example.org/MAX/data/stats.json"),
    ],
)
def test_an_absolute_address_joins_the_site_url_with_one_slash(siteurl, url, absolute):
    assert routes.absolute(siteurl, url) == absolute


def test_every_example_of_the_contract_is_pinned_here():
    """The contract's examples are the addresses above: a new example is pinned here too."""
    text = (ROOT / "docs/url-contract.md").read_text(encoding="utf-8")
    block = text.split("<!-- examples -->")[1].split("<!-- /examples -->")[0]
    examples = re.findall(r"^- `([^`]+)`$", block, flags=re.M)
    assert len(examples) >= 30
    pinned = {address for _, _, address in ADDRESSES}
    assert [url for url in examples if url not in pinned] == []
