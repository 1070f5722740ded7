"""The search: Pagefind's index of the listed communiqués, one bundle per language made before
the swap, and the search page in each language, in Chromium behind the production nginx and its
Content-Security-Policy. The demo site is indexed once per test session (conftest's demo_site)."""

import json
import re
import stat

import lxml.html
import pytest
from playwright.sync_api import expect

from communiques_site.core import routes
from communiques_site.core.assets import Routes, fingerprints
from conftest import ROOT
from sites import ORIGINAL, case_files, demo_codes, make_site, site_settings

LANGUAGES = tuple(demo_codes())
# Collects CSP violations, before any of the page's own scripts runs.
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def listed(demo_site, lang):
    """The ids of the communiqués the listings show (the withdrawn ones say so on their page)."""
    folder = demo_site / lang / "communiques"
    return {
        page.name
        for page in folder.iterdir()
        if b"notice-withdrawn" not in (page / "index.html").read_bytes()
    }


def page_of(demo_site, url):
    return lxml.html.parse(str(demo_site / routes.output_file(url))).getroot()


def bundles_of(demo_site, lang):
    """The search page's bundles, newest period first."""
    (widget,) = page_of(demo_site, routes.search(lang)).xpath("//div[@id='search']")
    return widget.get("data-bundles").split(" ")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_index_per_quarter_of_the_listed_communiques(demo_site, lang):
    """A bundle per quarter of publication (Moroccan time); together they hold every listed
    communiqué once, each in its quarter's."""
    bundles = bundles_of(demo_site, lang)
    folder = demo_site / routes.search_bundle(lang).strip("/")
    assert {f"{routes.search_bundle(lang)}{path.name}/" for path in folder.iterdir()} == set(
        bundles
    )
    periods = [url.rstrip("/").rsplit("/", 1)[1] for url in bundles]
    assert periods == sorted(periods, reverse=True)
    assert periods[0] == "2026-q4"  # the demo's newest: November
    assert all(re.fullmatch(r"20\d\d-q[1-4]", period) for period in periods)
    counts = {}
    for url in bundles:
        bundle = demo_site / url.strip("/")
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"].keys() == {lang}
        counts[url] = entry["languages"][lang]["page_count"] - 1  # and the first page
        for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js"):
            assert (bundle / name).is_file(), name
    assert sum(counts.values()) == len(listed(demo_site, lang)) > 40
    for url, count in counts.items():
        year, quarter = url.rstrip("/").rsplit("/", 1)[1].split("-q")
        months = {
            f"{year}-{month:02d}" for month in range(3 * int(quarter) - 2, 3 * int(quarter) + 1)
        }
        assert count == sum(case[:7] in months for case in listed(demo_site, lang)), url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_loads_its_language_bundles_and_is_in_the_menu(demo_site, lang):
    page = page_of(demo_site, routes.search(lang))
    assert page.get("lang") == lang
    scripts = page.xpath("//script/@src")
    themed = Routes(fingerprints(site_settings()))
    assert scripts == [themed.theme("search/search.js")]
    assert not page.xpath("//script[not(@src)]")  # the CSP allows no inline script
    (widget,) = page.xpath("//div[@id='search']")
    weights = [int(weight) for weight in widget.get("data-weights").split(" ")]
    assert len(weights) == len(bundles_of(demo_site, lang)) and weights[-1] == 1
    assert weights == sorted(weights, reverse=True)
    home = page_of(demo_site, routes.home(lang))
    assert home.xpath(f"//nav//a[@href='{routes.search(lang)}']")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_words_have_a_visible_label_and_a_form_that_needs_no_script(demo_site, lang):
    """axe's label-title-only: a label, not only a title or placeholder. Without JavaScript
    the form sends ?q= to this page, which lists the ways to browse."""
    page = page_of(demo_site, routes.search(lang))
    (form,) = page.xpath("//form[@id='search-form']")
    assert form.get("action") == routes.search(lang) and form.get("method") == "get"
    (field,) = form.xpath(".//input[@name='q']")
    (label,) = form.xpath(f".//label[@for='{field.get('id')}']")
    assert label.text_content().strip() and not field.get("placeholder")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_word_of_the_search_page_is_the_site_catalogs(demo_site, lang):
    """What Pagefind's Default UI wrote in its own words ("Nettoyer", "13 نتائج ل سرقة") is
    the site's now: each message of the page is its translation in the language's catalog."""
    from test_catalogs_and_docs import catalog

    translated = {m.id: m.string for m in catalog(lang) if m.id}
    (widget,) = page_of(demo_site, routes.search(lang)).xpath("//div[@id='search']")
    messages = {
        "data-searching": "Searching…",
        "data-listed": "Communiqués chosen: %(count)s",
        "data-found": "Communiqués found for “%(words)s”: %(count)s",
        "data-none": "No communiqué found for “%(words)s”. Try other words, or browse them "
        "below by month, city or offence.",
        "data-failed": "The search could not be loaded. Browse the communiqués below by month, "
        "city or offence.",
    }
    for attribute, message in messages.items():
        assert widget.get(attribute) == translated[message], attribute
    options = widget.xpath(".//select[@id='search-order']/option/text()")
    assert options == [translated["Most relevant first"], translated["Newest first"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_search_page_links_to_the_ways_to_browse(demo_site, lang):
    page = page_of(demo_site, routes.search(lang))
    links = set(page.xpath("//section[@class='search-browse']//a/@href"))
    assert links == {routes.archives(lang), routes.cities(lang), routes.offences(lang)}
    assert page.xpath("//section[@class='search-browse']//noscript/p")


# In Chromium, behind the production nginx.


@pytest.fixture(scope="module")
def reader(browser, served_demo):
    """Opens a language's search page with a query, as the search box of another page does,
    and reads what the page shows."""
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)
    page = context.new_page()

    def search(lang, words):
        page.goto(f"{served_demo}{routes.search(lang)}?q={words}")
        return results(page)

    search.page = page
    yield search
    context.close()


def results(page):
    """(how many results the page says it found, the ids of those it shows: the first ten)."""
    page.wait_for_selector("#search[data-state='done']", state="attached")
    message = page.inner_text(".search-status")
    hrefs = page.eval_on_selector_all(
        ".search-result .case-title a", "links => links.map(a => a.getAttribute('href'))"
    )
    lang = page.evaluate("document.documentElement.lang")
    ids = [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]
    assert hrefs == [routes.communique(lang, case_id) for case_id in ids]
    found = re.search(r"(\d+)$", message)
    return (int(found.group(1)) if found else 0), ids


def show_all(page):
    """Clicks "More results" until every result is drawn, each time once they are."""
    while page.is_visible(".search-more"):
        drawn = page.locator(".search-result").count()
        page.click(".search-more")
        expect(page.locator(".search-result")).not_to_have_count(drawn)


def no_violation(page):
    assert page.evaluate("window.__violations") == []


@pytest.mark.browser
def test_an_arabic_word_is_found_with_and_without_its_article_and_suffixes(reader):
    """Pagefind stems Arabic (Snowball): the article ال, the prefixes و and ب, the suffix ـتهم
    come off. A broken plural (سرقات) is another word to it."""
    forms = ("السرقة", "سرقة", "بالسرقة", "وسرقتهم")
    found = {form: reader("ar", form) for form in forms}
    count, shown = found["السرقة"]
    assert count >= 10
    # The same communiqués; ties in score may come in another order (the typed word's length
    # is part of Pagefind's score).
    assert all(n == count and set(ids) == set(shown) for n, ids in found.values()), found
    no_violation(reader.page)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("forms", "case_id"),
    [
        (("élève", "eleve", "ELEVE"), "2025-05-15-fes-knife-attack"),
        (("Témara", "Temara"), "2026-04-02-temara-road-stunt"),
    ],
)
def test_a_french_word_is_found_with_and_without_its_accents_and_nothing_shorter(
    reader, forms, case_id
):
    """Pagefind (1.5) folds diacritics: élève and eleve, Témara and Temara are one word. Where
    a period has no word beginning with élève, Pagefind answers with the longest word of that
    period the query begins with ("el", El Jadida): the page drops those (search.js)."""
    for form in forms:
        assert reader("fr", form) == (1, [case_id]), form
    no_violation(reader.page)


@pytest.mark.browser
def test_a_word_of_a_closed_year_and_a_word_of_the_current_quarter_are_both_found(reader):
    """The bundles of 2025 and of 2026's last quarter are searched together."""
    for word, case_id in (
        ("élève", "2025-05-15-fes-knife-attack"),
        ("incendie", "2026-11-27-safi-car-arson"),
    ):
        count, shown = reader("fr", word)
        assert case_id in shown and count <= 5, word
    no_violation(reader.page)


@pytest.mark.browser
def test_whole_words_come_before_longer_words_they_begin(reader):
    """vol: the thefts (vol whole, in their facts if not in their text) before the arson that
    was set volontairement; an offence named only in the facts is found (cambriolage)."""
    count, _ = reader("fr", "vol")
    assert count > 15
    page = reader.page
    show_all(page)
    count, everything = results(page)
    assert len(everything) == count
    assert everything.index("2026-11-27-safi-car-arson") >= 15
    assert reader("fr", "cambriolage") == (1, ["2026-04-29-smara-burglary"])
    no_violation(page)


@pytest.mark.browser
def test_newest_first_is_the_order_the_reader_can_choose(reader):
    """Relevance first; newest first orders the same results over every period."""
    page = reader.page
    count, by_relevance = reader("fr", "vidéo")
    assert by_relevance != sorted(by_relevance, reverse=True)
    page.select_option("#search-order", "date")
    page.wait_for_selector("#search[data-state='done']", state="attached")
    show_all(page)
    newest, ids = results(page)
    assert newest == count == len(ids) and len({case[:4] for case in ids}) == 2
    assert ids == sorted(ids, reverse=True)  # ids begin with their date
    no_violation(page)


@pytest.mark.browser
def test_the_city_filter_narrows_the_results(reader):
    page = reader.page
    count, shown = reader("fr", "vol")
    if page.get_attribute(".search-filters", "open") is None:  # folded on a phone
        page.click(".search-filters summary")
    (city,) = [
        select
        for select in page.query_selector_all(".search-filters select")
        if select.get_attribute("data-filter") == "Ville"
    ]
    city.select_option("Casablanca")
    page.wait_for_selector("#search[data-state='done']", state="attached")
    expect(page.locator(".search-status")).not_to_have_text(f"{count}")
    narrowed, shown = results(page)
    assert 0 < narrowed < count
    assert shown and all("-casablanca-" in case_id for case_id in shown)
    no_violation(page)


@pytest.mark.browser
def test_filters_without_words_list_their_communiques_newest_first(reader):
    page = reader.page
    assert reader("fr", "") == (0, [])
    if page.get_attribute(".search-filters", "open") is None:
        page.click(".search-filters summary")
    page.select_option(".search-filters select[data-filter='Ville']", "Fès")
    page.wait_for_selector("#search[data-state='done']", state="attached")
    count, shown = results(page)
    fes = {"2025-05-15-fes-knife-attack", "2025-09-10-fes-sword-robbery"}
    fes |= {"2026-04-09-fes-drug-dealing", "2026-11-06-fes-misleading-video"}
    assert count == 4 and set(shown) == fes and shown == sorted(shown, reverse=True)
    assert page.inner_text(".search-status") == "Communiqués retenus\u202f: 4"
    no_violation(page)


@pytest.mark.browser
def test_a_result_shows_its_type_city_and_date_in_the_site_typography(reader):
    page = reader.page
    reader("ar", "سرقة")
    first = page.locator(".search-result").first
    assert first.locator(".case-type").inner_text() == "توقيف"
    assert first.locator("time").get_attribute("datetime") == "2026-08-11"
    assert "أكادير" in first.locator(".case-meta").inner_text()
    font = first.evaluate("e => getComputedStyle(e).fontFamily")
    assert font.startswith('"Noto Naskh Arabic"')
    size = first.locator(".case-summary").evaluate("e => getComputedStyle(e).fontSize")
    assert size == "18px"  # the site's Arabic size (112.5 %), not Pagefind's 12.8 px
    no_violation(page)


@pytest.mark.browser
def test_without_javascript_the_links_to_browse_are_shown(browser, served_demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_demo + routes.search("fr") + "?q=vol")
    assert page.is_visible("noscript p") and page.is_visible("#search-words")
    assert not page.is_visible("#search")
    for url in (routes.archives("fr"), routes.cities("fr"), routes.offences("fr")):
        assert page.is_visible(f".search-browse a[href='{url}']")
    context.close()


# A failed index.


def snapshot(folder):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def another_case(day="17", month="2026-11"):
    """A case published on another day (the sample case is of 2026-11-27)."""
    original = ORIGINAL.replace("2026-11-27", f"{month}-{day}").replace("2026-11-26", f"{month}-01")
    return case_files(f"{month}-{day}-casablanca-robbery", original=original)


def failing_binary(folder):
    script = folder / "pagefind"
    script.write_text("#!/bin/sh\necho 'Error: the index was not written' >&2\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_a_failed_index_fails_the_build_and_leaves_the_published_site_untouched(
    tmp_path, monkeypatch
):
    from communiques_site.search import indexing

    site = make_site(tmp_path / "site", case_files())
    assert site.build().ok
    published = snapshot(site.output)
    assert any("pagefind" in path.parts for path in published)
    for relative, text in another_case().items():  # its period is to be indexed again
        site.write(relative, text, raw=True)
    for binary in (failing_binary(tmp_path), str(tmp_path / "no-such-pagefind")):
        monkeypatch.setattr(indexing, "executable", lambda binary=binary: binary)
        result = site.build(force=True)
        assert not result.ok
        (problem,) = result.problems
        assert "search index could not be made" in str(problem)
        assert snapshot(site.output) == published
        assert not list(site.root.glob("output.staging-*"))


def test_the_contract_names_the_search_addresses():
    """docs/url-contract.md names the search page and the bundles' folder."""
    contract = (ROOT / "docs" / "url-contract.md").read_text(encoding="utf-8")
    assert "| `/{lang}/search/` |" in contract
    assert "| `/{lang}/pagefind/…` |" in contract


def test_the_search_box_macro_sends_its_words_to_its_language_search_page():
    """search_box(language) on a page that speaks every language (landing, 404)."""
    import jinja2

    from communiques_site.core.i18n import fast_gettext, load_translations
    from communiques_site.core.languages import from_settings
    from sites import site_settings

    languages = from_settings(site_settings())
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    codes = [language.code for language in languages]
    gettexts = {code: fast_gettext(load_translations(ROOT / "theme", code)) for code in codes}
    env.globals.update(routes=routes, in_language=gettexts.__getitem__)
    template = env.from_string(
        '{% from "search_macros.html" import search_box %}'
        "{% for language in languages %}{{ search_box(language) }}{% endfor %}"
    )
    page = lxml.html.fromstring(f"<div>{template.render(languages=languages)}</div>")
    forms = page.xpath("//form")
    assert [form.get("action") for form in forms] == [routes.search(code) for code in codes]
    for form, code in zip(forms, codes, strict=True):
        assert form.get("lang") == code and form.get("method") == "get"
        assert form.xpath(".//input[@type='search']/@name") == ["q"]
        assert form.xpath("string(.//button)") == gettexts[code]("Search")


def test_the_facts_are_searched_as_weighted_text_with_the_city_in_every_script():
    """A case of theft is found by "vol" though its text says "dérobé"; Casablanca by its
    Arabic name on the French page and by its other spellings (the registry's `also`)."""
    from types import SimpleNamespace

    from communiques_site.communiques.registry import Entry
    from communiques_site.search.documents import KEYWORD_WEIGHT, document
    from communiques_site.search.records import keywords

    def entry(ar, fr, also=()):
        return Entry("key", {"ar": ar, "fr": fr}, also={"fr": also})

    registries = {
        "cities": {"casablanca": entry("الدار البيضاء", "Casablanca", ("Casablanka", "Casa"))},
        "offences": {
            "theft": entry("السرقة", "vol"),
            "burglary": entry("السرقة بالكسر", "vol avec effraction", ("cambriolage",)),
        },
    }
    case = SimpleNamespace(city="casablanca", offences=("theft", "burglary"))
    words = keywords(case, "fr", registries, "Interpellation")
    assert words[:2] == ("vol", "vol avec effraction")
    assert {"cambriolage", "Casablanca", "الدار البيضاء", "Casablanka"} <= set(words)
    assert words[-1] == "Interpellation" and len(set(words)) == len(words)
    record = SimpleNamespace(
        lang="fr",
        title="T",
        summary="S",
        body_html="<p>B</p>",
        keywords=words,
        filters={},
        sort={},
        meta={"city": "Casablanca"},
    )
    page = lxml.html.fromstring(document(record))
    (facts,) = page.xpath("//p[@data-pagefind-weight]")
    assert int(facts.get("data-pagefind-weight")) == KEYWORD_WEIGHT > 1
    assert facts.text_content() == ", ".join(words)
    assert page.xpath("//meta[@data-pagefind-meta='city[content]']/@content") == ["Casablanca"]
