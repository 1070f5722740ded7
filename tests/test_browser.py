"""What a reader sees, in a real headless Chromium (Debian's), driven by Playwright."""

import pytest

from conftest import ROOT
from sites import demo_codes, demo_languages

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    yield context.new_page()
    context.close()


def first_case_id(demo_site):
    return sorted((demo_site / "ar" / "communiques").iterdir())[-1].name


def test_arabic_home_reads_right_to_left(page, served_demo):
    page.goto(f"{served_demo}/ar/")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    main = page.locator("main").bounding_box()
    title = page.locator(".case-title a").first.bounding_box()
    # The first item's title starts at the right edge of the column and ends short of the left.
    assert abs((title["x"] + title["width"]) - (main["x"] + main["width"] - 16)) < 4
    assert title["x"] > main["x"] + 16


def test_french_home_reads_left_to_right(page, served_demo):
    page.goto(f"{served_demo}/fr/")
    main = page.locator("main").bounding_box()
    title = page.locator(".case-title a").first.bounding_box()
    assert abs(title["x"] - (main["x"] + 16)) < 4


def test_language_switch_opens_the_counterpart(page, served_demo, demo_site):
    case = first_case_id(demo_site)
    page.goto(f"{served_demo}/ar/communiques/{case}/")
    page.click("a.lang-switch")
    page.wait_for_load_state()
    assert page.url == f"{served_demo}/fr/communiques/{case}/"
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.click("a.lang-switch")
    page.wait_for_load_state()
    assert page.url == f"{served_demo}/ar/communiques/{case}/"


def test_pages_work_without_javascript(browser, served_demo, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    case = first_case_id(demo_site)
    page.goto(f"{served_demo}/fr/communiques/{case}/")
    assert page.locator("h1").is_visible()
    assert page.locator(".facts dl").is_visible()
    assert page.locator(".body p").first.is_visible()
    page.click(".nav summary")  # the menu, folded on a phone, opens without a script
    page.click("nav a[href='/fr/cities/']")
    assert page.url.endswith("/fr/cities/")
    # The address changes when the navigation commits, before the new document is parsed.
    page.wait_for_load_state("domcontentloaded")
    # Nothing is wider than a small phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_screenshots(page, served_demo, demo_site, artifacts):
    case = first_case_id(demo_site)
    for name, url in [
        ("home-ar", "/ar/"),
        ("home-fr", "/fr/"),
        ("communique-ar", f"/ar/communiques/{case}/"),
        ("communique-fr", f"/fr/communiques/{case}/"),
    ]:
        page.goto(served_demo + url)
        path = artifacts / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def test_a_feed_opens_as_itself_and_its_page_is_the_human_view(browser, served_demo, artifacts):
    """A browser opening a feed gets the feed, under its own media type, untransformed: no
    XSLT, so no browser notice about XSLT. A reader on a phone finds a city's feed on the feeds
    page by opening its folded section, and the row's name leads to the city's page."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    for fmt, media_type in [("atom", "application/atom+xml"), ("rss", "application/rss+xml")]:
        response = page.goto(f"{served_demo}/ar/feeds/all.{fmt}")
        assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
        assert page.evaluate("document.contentType") in (media_type, "text/plain"), fmt
        assert page.locator("text=XSLT").count() == 0
    page.goto(f"{served_demo}/ar/feeds/")
    assert page.evaluate("document.documentElement.scrollHeight") < 2500  # 11,000 px before
    tanger = page.locator("#cities a.feed-title", has_text="طنجة")
    assert not tanger.is_visible()
    page.locator("#cities > summary").click()
    assert tanger.is_visible()
    row = page.locator("#cities li", has=page.locator("a.feed-title", has_text="طنجة"))
    assert row.locator("a[type]").evaluate_all("all => all.map(a => a.textContent)") == [
        "Atom",
        "RSS",
        "JSON Feed",
    ]
    page.screenshot(path=str(artifacts / "feeds-ar.png"), full_page=True)
    tanger.click()
    assert page.url == f"{served_demo}/ar/cities/tanger/"
    context.close()


@pytest.mark.parametrize("lang", demo_codes())
def test_the_menu_is_one_control_on_a_phone_and_a_row_on_a_desktop(browser, served_demo, lang):
    """At 360 px the header is the brand, the language switch and one menu control (a details
    element: it opens without JavaScript); from 48em the links are a row, no control, and at
    1280 px one row."""
    phone = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    page = phone.new_page()
    page.goto(f"{served_demo}/{lang}/")
    assert page.locator("header").bounding_box()["height"] < 140  # 230 px with the links
    control = page.locator(".nav summary")
    box = control.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    links = page.locator(".nav a")
    assert links.count() >= 8 and not links.first.is_visible()
    assert page.locator("main h1").bounding_box()["y"] < 200  # the page starts on screen
    control.click()
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    phone.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desktop.new_page()
    page.goto(f"{served_demo}/{lang}/")
    assert not page.locator(".nav summary").is_visible()
    links = page.locator(".nav a")
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1  # one row at a desktop's width ("À propos" went to a second)
    desktop.close()


@pytest.mark.parametrize("lang", demo_codes())
def test_the_site_pages_keep_the_measure_of_a_communique(browser, served_demo, lang):
    """At a desktop's width a page's lines are no longer than a communiqué's text (--measure):
    the site's own pages ran across the whole column, some 150 characters a line."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_demo}/{lang}/")
    measure = page.evaluate(  # --measure (rem) in pixels
        "(s => parseFloat(s.getPropertyValue('--measure')) * parseFloat(s.fontSize))"
        "(getComputedStyle(document.documentElement))"
    )
    assert 500 < measure < 900
    for path in ("about/", "contact/", "legal/", "personal-data/", "verify/"):
        page.goto(f"{served_demo}/{lang}/{path}")
        widths = page.evaluate(
            "[...document.querySelectorAll('main p')].map(p => p.getBoundingClientRect().width)"
        )
        assert widths and max(widths) <= measure + 1, path
    context.close()


@pytest.mark.parametrize("lang", demo_codes())
def test_the_verify_form_is_the_pages_action_on_a_phone_and_a_desktop(browser, served_demo, lang):
    """The verify page's field and its button, side by side and large enough to touch; a code
    typed as it is printed shows whole. They were the browser's defaults: a field of 13 px
    text and a button 22 px high."""
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{served_demo}/{lang}/verify/")
        field, button = page.locator(".verify-form input"), page.locator(".verify-form button")
        field.fill("V56F-HW6A")
        one, two = field.bounding_box(), button.bounding_box()
        assert one["height"] >= 40 and two["height"] >= 40, width
        assert abs(one["y"] - two["y"]) < 1, width  # one row
        assert field.evaluate("e => e.scrollWidth <= e.clientWidth"), width
        assert float(field.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 18
        context.close()


@pytest.mark.parametrize("lang", demo_codes())
def test_the_cities_table_scrolls_visibly_in_its_own_box(browser, served_demo, lang):
    """At 360 px the table of cities is wider than its box: the box is a named region a
    keyboard reaches and scrolls, a shadow marks the side with hidden columns, a line says it
    scrolls, and the caption stays whole inside the box."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{served_demo}/{lang}/stats/")
    box = page.locator(".table-scroll")
    assert box.get_attribute("role") == "region"
    label = page.locator(f"#{box.get_attribute('aria-labelledby')}").text_content()
    assert label == page.locator("#cities-table").text_content() and label
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 50")
    assert page.locator(".scroll-hint").is_visible()
    layers = box.evaluate("b => getComputedStyle(b).backgroundAttachment").split(", ")
    assert layers.count("scroll") == 2 and layers.count("local") == 2  # shadows and covers
    edges = box.bounding_box()
    caption = page.locator(".cities-table caption").bounding_box()
    assert (
        edges["x"] - 1 <= caption["x"]
        and caption["x"] + caption["width"] <= edges["x"] + edges["width"] + 1
    )
    box.focus()
    assert box.evaluate("b => document.activeElement === b")
    before = box.evaluate("b => b.scrollLeft")
    # The hidden columns lie on the side the text ends: left in a right-to-left page.
    rtl = {language["code"]: language["direction"] for language in demo_languages()}[lang] == "rtl"
    page.keyboard.press("ArrowLeft" if rtl else "ArrowRight")
    # Keyboard scrolling is smooth: wait for it to move, whatever the speed.
    page.wait_for_function(f"b => b.scrollLeft !== {before}", arg=box.element_handle())
    context.close()


def test_statistics_pages_and_map(page, served_demo, artifacts):
    for lang in demo_codes():
        page.goto(f"{served_demo}/{lang}/stats/")
        page.screenshot(path=str(artifacts / f"stats-{lang}.png"), full_page=True)
    page.goto(f"{served_demo}/fr/cities/")
    assert page.locator("svg.map a").count() == 0  # a picture: the list of cities is selected
    page.locator("svg.map-wide").screenshot(path=str(artifacts / "map-fr.png"))
    page.locator(".city-list a[href='/fr/cities/dakhla/']").click()
    assert page.url == f"{served_demo}/fr/cities/dakhla/"


def test_arabic_chart_starts_on_the_right(page, served_demo):
    """The monthly chart of the Arabic page reads right to left: its first month is rightmost."""
    page.goto(f"{served_demo}/ar/stats/")
    labels = page.locator("svg.chart").first.locator("text.month")
    xs = [labels.nth(i).bounding_box()["x"] for i in range(labels.count())]
    assert len(xs) > 1 and xs[0] == max(xs)
    page.goto(f"{served_demo}/fr/stats/")
    labels = page.locator("svg.chart").first.locator("text.month")
    xs = [labels.nth(i).bounding_box()["x"] for i in range(labels.count())]
    assert len(xs) > 1 and xs[0] == min(xs)


def page_types(demo_site):
    """(name, path) of a page of every type, in each language; the landing and 404 once."""
    case = first_case_id(demo_site)
    withdrawn = next(
        p.name
        for p in (demo_site / "fr" / "communiques").iterdir()
        if b"notice-withdrawn" in (p / "index.html").read_bytes()
    )
    month = sorted((demo_site / "fr" / "archives" / "2026").iterdir())[-1].name
    for lang in demo_codes():
        for name, path in (
            ("home", ""),
            ("home-2", "page/2/"),
            ("communique", f"communiques/{case}/"),
            ("withdrawn", f"communiques/{withdrawn}/"),
            ("cities", "cities/"),
            ("city", "cities/casablanca/"),
            ("offences", "offences/"),
            ("offence", "offences/theft/"),
            ("stats", "stats/"),
            ("open-data", "open-data/"),
            ("feeds", "feeds/"),
            ("archives", "archives/"),
            ("archive", f"archives/2026/{month}/"),
            ("changes", "changes/"),
            ("search", "search/"),
            ("about", "about/"),
            ("accessibility", "accessibility/"),
            ("legal", "legal/"),
            ("personal-data", "personal-data/"),
            ("contact", "contact/"),
            ("translations", "translations/"),
            ("verify", "verify/"),
        ):
            yield f"{name}-{lang}", f"/{lang}/{path}"
    yield "landing", "/"
    yield "404", "/404.html"
    codes = sorted(p.name for p in (demo_site / "v").iterdir() if p.is_dir() and p.name.isupper())
    yield "code", f"/v/{codes[0]}/"  # a case's versions in every language, by its code
    yield "unknown-code", "/v/"


def test_every_page_type_fits_a_phone_and_is_photographed(browser, served_demo, demo_site):
    """No page scrolls sideways at 320 px; a screenshot of each at 360 and 1280 px, in both
    languages, is kept in tests/artifacts/pages/ for a person to look at."""
    folder = ROOT / "tests" / "artifacts" / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    for width in (320, 360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, url in page_types(demo_site):
            page.goto(served_demo + url)
            if width == 320:
                assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
            else:
                page.screenshot(path=str(folder / f"{name}-{width}.png"))
        context.close()
