"""The pages of a public site: its own pages linked from every page, a description for each, the
communiqué page on a phone, on a wide screen and on paper, the landing and 404 pages dressed like
the others."""

from collections import defaultdict

import lxml.html
import pytest

from communiques_site.core import routes
from communiques_site.core.assets import Routes, fingerprints
from communiques_site.core.i18n import load_translations
from conftest import ROOT
from sites import demo_codes, site_settings

LANGUAGES = tuple(demo_codes())
SITEURL = "http://localhost:8000"
PRESUMPTION = "Suspects are presumed innocent until a court rules otherwise."


def parse(demo_site, url):
    return lxml.html.parse(str(demo_site / routes.output_file(url))).getroot()


def required_pages():
    return site_settings()["BILINGUAL"]["required_pages"]


def first_case_id(demo_site):
    return sorted((demo_site / "ar" / "communiques").iterdir())[-1].name


def test_the_pages_of_a_public_site_exist_in_every_language():
    slugs = required_pages()
    for slug in ("about", "accessibility", "legal", "personal-data", "contact"):
        assert slug in slugs
        for lang in LANGUAGES:
            assert (ROOT / "content" / "pages" / f"{slug}.{lang}.md").is_file(), (slug, lang)


def footer_links(page):
    return page.xpath("//footer//nav[contains(@class, 'footer-nav')]//a/@href")


def test_every_page_links_to_them_from_its_footer(demo_site):
    case = first_case_id(demo_site)
    for lang in LANGUAGES:
        wanted = [routes.page(lang, slug) for slug in required_pages()]
        for url in (routes.home(lang), routes.communique(lang, case), routes.page(lang, "legal")):
            assert footer_links(parse(demo_site, url)) == wanted, url
    everyone = [routes.page(lang, slug) for lang in LANGUAGES for slug in required_pages()]
    for url in (routes.landing(), routes.not_found()):
        assert footer_links(parse(demo_site, url)) == everyone, url


def test_no_two_pages_share_a_description(demo_site):
    pages = defaultdict(list)
    for path in demo_site.rglob("*.html"):
        page = lxml.html.parse(str(path)).getroot()
        (description,) = page.xpath("//head/meta[@name='description']/@content")
        assert description.strip(), path
        pages[description].append(path.relative_to(demo_site).as_posix())
    shared = {text: paths for text, paths in pages.items() if len(paths) > 1}
    assert not shared
    assert len(pages) > 300


def test_descriptions_say_what_the_page_is(demo_site):
    def description(url):
        return parse(demo_site, url).xpath("//meta[@name='description']/@content")[0]

    assert "Béni Mellal" in description(routes.city("fr", "beni-mellal"))
    assert "Page 2" in description(routes.home("fr", 2))
    assert "2026" in description(routes.archive("fr", 2026, 1))
    summary = parse(demo_site, routes.page("fr", "legal")).xpath("//h1")[0].text_content()
    assert summary and description(routes.page("fr", "legal")) != description(routes.home("fr"))


def test_every_page_has_the_favicon_and_the_emblem(demo_site):
    themed = Routes(fingerprints(site_settings()))  # the theme's files by fingerprinted name
    assert (demo_site / "theme/img/favicon.svg").is_file()
    assert (demo_site / "theme/img/emblem.svg").is_file()
    for path in demo_site.rglob("*.html"):
        text = path.read_text("utf-8")
        page = lxml.html.fromstring(text)
        assert page.xpath("//head/link[@rel='icon']/@href") == [themed.theme("img/favicon.svg")]
        assert page.xpath("//header[@class='masthead']//img[@class='brand-mark']"), path
        assert "★" not in text, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_communique_says_the_presumption_of_innocence_once(demo_site, lang):
    case = first_case_id(demo_site)
    presumption = load_translations(ROOT / "theme", lang).gettext(PRESUMPTION)
    text = parse(demo_site, routes.communique(lang, case)).text_content()
    assert text.count(presumption) == 1
    # The other pages keep it in their footer.
    assert presumption in parse(demo_site, routes.home(lang)).xpath("//footer")[0].text_content()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_communique_reads_title_text_then_facts(demo_site, lang):
    for path in sorted((demo_site / lang / "communiques").glob("*/index.html")):
        page = lxml.html.parse(str(path)).getroot()
        (article,) = page.xpath("//article[contains(@class, 'communique')]")
        order = [
            element
            for element in article.iter()
            if element.tag == "h1" or element.get("class") in ("body", "facts")
        ]
        assert [e.get("class") or e.tag for e in order] == ["h1", "body", "facts"], path
        offences = article.xpath(".//section[@class='facts']//ul[@class='offences']/li/a")
        assert offences, path


def test_a_printed_communique_carries_its_reference_and_permalink(demo_site):
    case = first_case_id(demo_site)
    for lang in LANGUAGES:
        url = routes.communique(lang, case)
        (reference,) = parse(demo_site, url).xpath("//*[contains(@class, 'print-reference')]")
        text = reference.text_content()
        assert case in text and routes.absolute(SITEURL, url) in text


@pytest.mark.parametrize("url", [routes.landing(), routes.not_found()])
def test_the_landing_and_404_pages_have_the_sites_header_and_footer(demo_site, url):
    page = parse(demo_site, url)
    assert page.xpath("//body/header[@class='masthead']")
    assert page.xpath("//body/footer[@class='site-footer']")
    names = page.xpath("//header//*[contains(@class, 'brand-text')]/@lang")
    assert names == list(LANGUAGES)


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_facts_follow_the_text_on_a_phone_and_sit_beside_it_on_a_wide_screen(
    browser, served_demo, demo_site, lang
):
    url = served_demo + routes.communique(lang, first_case_id(demo_site))
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(url)
    assert box(page, ".facts")["y"] > box(page, ".body")["y"] + box(page, ".body")["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 800})
    facts, body = box(page, ".facts"), box(page, ".body")
    assert facts["y"] < body["y"]  # beside the title and the text, not under them
    beside = facts["x"] < body["x"] if lang == "ar" else facts["x"] > body["x"]
    assert beside
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_starts_with_the_title_and_shows_the_reference(browser, served_demo, demo_site, lang):
    """Chromium lays out print at the paper's width: the title is at the top of the first page
    (no blank first page) and the print-only reference is shown."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(served_demo + routes.communique(lang, first_case_id(demo_site)))
    assert box(page, "h1")["y"] < 300
    assert page.locator(".print-reference").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"
    context.close()


@pytest.mark.browser
def test_the_new_pages_fit_a_small_phone(browser, served_demo):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    pages = [routes.page(lang, slug) for lang in LANGUAGES for slug in required_pages()]
    for url in (routes.landing(), routes.not_found(), *pages):
        page.goto(served_demo + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
    context.close()


@pytest.mark.browser
def test_arabic_is_set_larger_than_latin_and_latin_in_arabic_uses_noto_sans(browser, served_demo):
    """Naskh looks small at the size of Latin text: Arabic pages are an eighth larger."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    size = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    page.goto(served_demo + routes.page("fr", "accessibility"))
    french = page.evaluate(size)
    page.goto(served_demo + routes.page("ar", "accessibility"))
    arabic = page.evaluate(size)
    assert arabic == pytest.approx(french * 1.125)
    family = page.evaluate("getComputedStyle(document.querySelector('main p')).fontFamily")
    assert family.index("Noto Naskh Arabic") < family.index("Latin beside Naskh")
    context.close()
