"""The search: Pagefind's index of the listed communiqués, one bundle per language made before
the swap, and the search page in each language, in Chromium behind the production nginx and its
Content-Security-Policy. The demo site is indexed once per test session (conftest's demo_site)."""

import json
import re
import stat

import lxml.html
import pytest
from playwright.sync_api import expect

from conftest import ROOT
from core import routes
from core.assets import Routes, fingerprints
from sites import ORIGINAL, case_files, make_site, site_settings

LANGUAGES = ("ar", "fr")
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
def test_each_language_has_an_index_per_period_of_the_listed_communiques(demo_site, lang):
    """Closed years have a bundle each, the current year one per quarter; together they hold
    every listed communiqué once."""
    bundles = bundles_of(demo_site, lang)
    folder = demo_site / routes.search_bundle(lang).strip("/")
    assert {f"{routes.search_bundle(lang)}{path.name}/" for path in folder.iterdir()} == set(
        bundles
    )
    periods = [url.rstrip("/").rsplit("/", 1)[1] for url in bundles]
    assert periods == sorted(periods, reverse=True)
    assert periods[-1] == "2025" and periods[0] == "2026-q4"  # the demo's newest: November
    counts = {}
    for url in bundles:
        bundle = demo_site / url.strip("/")
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"].keys() == {lang}
        counts[url] = entry["languages"][lang]["page_count"] - 1  # and the first page
        for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js"):
            assert (bundle / name).is_file(), name
    assert sum(counts.values()) == len(listed(demo_site, lang)) > 40
    cases_2025 = {case for case in listed(demo_site, lang) if case.startswith("2025-")}
    assert counts[f"{routes.search_bundle(lang)}2025/"] == len(cases_2025)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_page_loads_its_language_bundles_and_is_in_the_menu(demo_site, lang):
    page = page_of(demo_site, routes.search(lang))
    assert page.get("lang") == lang
    newest = bundles_of(demo_site, lang)[0]
    scripts = page.xpath("//script/@src")
    themed = Routes(fingerprints(site_settings()))
    assert scripts == [f"{newest}pagefind-ui.js", themed.theme("search/search.js")]
    assert not page.xpath("//script[not(@src)]")  # the CSP allows no inline script
    (widget,) = page.xpath("//div[@id='search']")
    weights = [int(weight) for weight in widget.get("data-weights").split(" ")]
    assert len(weights) == len(bundles_of(demo_site, lang)) and weights[-1] == 1
    assert weights == sorted(weights, reverse=True)
    home = page_of(demo_site, routes.home(lang))
    assert home.xpath(f"//nav//a[@href='{routes.search(lang)}']")


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
    and reads what Pagefind shows."""
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)
    page = context.new_page()

    def search(lang, words):
        page.goto(f"{served_demo}{routes.search(lang)}?q={words}")
        page.wait_for_selector(".pagefind-ui__message")
        return results(page)

    search.page = page
    yield search
    context.close()


def results(page):
    """(how many results Pagefind says it found, the ids of those it shows: the first five)."""
    page.wait_for_selector(".pagefind-ui__result-link")
    message = page.inner_text(".pagefind-ui__message")
    hrefs = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))"
    )
    lang = page.evaluate("document.documentElement.lang")
    ids = [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]
    assert hrefs == [routes.communique(lang, case_id) for case_id in ids]
    return int(re.search(r"\d+", message).group()), ids


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
    assert all(result == (count, shown) for result in found.values()), found
    no_violation(reader.page)


# Pagefind looks a word up in each bundle on its own: where no word of a bundle begins with it,
# it takes the longest word of that bundle the query begins with ("élève" -> "el", as in El
# Jadida). One index would have found élève and nothing else; a period without the word now
# adds these. Known, not yet fixed (the report of issue 13 says how it could be).
PREFIX_FALLBACK = pytest.mark.xfail(
    strict=True, reason="a period without the word answers with its longest prefix"
)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("forms", "case_id"),
    [
        pytest.param(
            ("élève", "eleve", "élèves", "ELEVE"),
            "2025-05-15-fes-knife-attack",
            marks=PREFIX_FALLBACK,
        ),
        (("Témara", "Temara"), "2026-04-02-temara-road-stunt"),
    ],
)
def test_a_french_word_is_found_with_and_without_its_accents(reader, forms, case_id):
    """Pagefind (1.5) folds diacritics: élève and eleve, Témara and Temara are one word, and it
    stems French (élèves)."""
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
def test_every_result_over_every_period_is_newest_first(reader):
    """Merged, Pagefind orders the bundles' results by score: the weights keep them newest
    first over all the periods, as in one index. All the results of a word found in every
    period, as the UI gets them from Pagefind."""
    page = reader.page
    reader("fr", "vidéo")
    urls = page.evaluate(
        """async (bundle) => {
            const pagefind = await import(bundle + "pagefind.js");
            const found = await pagefind.search("vidéo", { sort: { published: "desc" } });
            const data = await Promise.all(found.results.map((result) => result.data()));
            return data.map((page) => page.url);
        }""",
        page.get_attribute("#search", "data-bundles").split(" ")[0],
    )
    ids = [url.rstrip("/").rsplit("/", 1)[1] for url in urls]
    assert len({case[:4] for case in ids}) == 2 and len(ids) > 20
    assert ids == sorted(ids, reverse=True)
    no_violation(page)


@pytest.mark.browser
def test_results_are_newest_first_and_the_city_filter_narrows_them(reader):
    page = reader.page
    count, shown = reader("fr", "vol")
    message = page.inner_text(".pagefind-ui__message")
    assert count > 5 and shown == sorted(shown, reverse=True)  # ids begin with their date
    block = page.locator(".pagefind-ui__filter-block", has_text="Ville")
    block.locator("summary").click()
    block.locator("label", has_text="Casablanca").click()
    # Waited for from Playwright: a predicate evaluated in the page would be eval(), refused.
    expect(page.locator(".pagefind-ui__message")).not_to_have_text(message)
    narrowed, shown = results(page)
    assert 0 < narrowed < count
    assert shown and all("-casablanca-" in case_id for case_id in shown)
    no_violation(page)


@pytest.mark.browser
def test_the_search_speaks_the_page_language_and_typing_raises_no_violation(reader):
    page = reader.page
    reader("ar", "توقيف")
    assert page.get_attribute(".pagefind-ui__search-input", "placeholder") == "بحث"
    direction = page.eval_on_selector(".pagefind-ui", "e => getComputedStyle(e).direction")
    assert direction == "rtl"
    page.fill(".pagefind-ui__search-input", "فيديو")
    page.press(".pagefind-ui__search-input", "Enter")  # Pagefind's form has a javascript: action
    page.wait_for_timeout(300)
    no_violation(page)


@pytest.mark.browser
def test_without_javascript_the_links_to_browse_are_shown(browser, served_demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_demo + routes.search("fr"))
    assert page.is_visible("noscript p")
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
    from search import indexing

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

    from core.i18n import fast_gettext, load_translations
    from core.languages import from_settings
    from sites import site_settings

    languages = from_settings(site_settings())
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    gettexts = {code: fast_gettext(load_translations(ROOT / "theme", code)) for code in LANGUAGES}
    env.globals.update(routes=routes, in_language=gettexts.__getitem__)
    template = env.from_string(
        '{% from "search_macros.html" import search_box %}'
        "{% for language in languages %}{{ search_box(language) }}{% endfor %}"
    )
    page = lxml.html.fromstring(f"<div>{template.render(languages=languages)}</div>")
    forms = page.xpath("//form")
    assert [form.get("action") for form in forms] == [routes.search(code) for code in LANGUAGES]
    for form, code in zip(forms, LANGUAGES, strict=True):
        assert form.get("lang") == code and form.get("method") == "get"
        assert form.xpath(".//input[@type='search']/@name") == ["q"]
        assert form.xpath("string(.//button)") == gettexts[code]("Search")
