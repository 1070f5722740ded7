"""Hostile content, end to end. Validation refuses it; and when validation is bypassed (the
markup checks alone are switched off, the sanitiser stays real), what the build writes is still
inert: checked in every output file, then in Chromium behind the production nginx and its
Content-Security-Policy. The demo site itself raises no CSP violation on any kind of page."""

import json
import re

import lxml.etree
import lxml.html
import pytest

import webserver
from communiques_site.communiques import markup
from hostile import HOSTILE_MARKDOWN, HOSTILE_TEXT, active_content, assert_inert
from sites import ORIGINAL, case_files, codes, make_site

pytestmark = pytest.mark.browser

UPDATED = "2026-11-27-casablanca-robbery"
WITHDRAWN = "2026-11-27-casablanca-knife"
FIELDS = f"title: '{HOSTILE_TEXT}'\nsummary: '{HOSTILE_TEXT}'\n"
# Collects CSP violations in the page, before any of its own content runs.
# Moves the pointer over, and focuses, every element: any handler that survived would fire.
POINTER = """
for (const element of document.querySelectorAll("*")) {
  for (const type of ["mouseover", "mouseenter", "focus"]) {
    element.dispatchEvent(new Event(type, {bubbles: true}));
  }
}
"""
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const target = event.target && event.target.nodeName;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${target}`);
});
"""
# Chromium (from 156) adds its own banner, with inline styles and handlers, above a page made by
# XSLT to announce that XSLT is deprecated: the browser's element, not the site's.
BROWSER_BANNER = " XSLT-WARNING-BANNER"


def hostile_case(case_id, extra_original, extra_translation):
    """The files of a case, one per language, whose every free text is hostile."""
    original = (
        ORIGINAL.format(id=case_id)
        .replace("title: توقيف شخص للاشتباه في تورطه في السرقة بالعنف\n", "")
        .replace("summary: توقيف شخص ظهر في مقطع فيديو.\n", FIELDS)
        .replace("city: casablanca\n", f"city: casablanca\ndistrict: '{HOSTILE_TEXT}'\n")
        .replace(
            "status: referred-to-prosecutor\n", "status: referred-to-prosecutor\n" + extra_original
        )
    )
    assert original.count(HOSTILE_TEXT) == 4
    files = {}
    for path, text in case_files(case_id).items():
        if path.endswith(".ar.md"):
            files[path] = original + "\n" + HOSTILE_MARKDOWN
            continue
        # Each translation's own title and summary (sites.case_files), whatever its language.
        translation = re.sub(r"^title: .*\n", "", text, count=1, flags=re.M)
        translation = re.sub(r"^summary: .*\n", FIELDS, translation, count=1, flags=re.M)
        translation = translation.replace(
            "translation_of: ar\n", f"translation_of: ar\ndistrict: '{HOSTILE_TEXT}'\n"
        )
        head, body = translation.rsplit("---\n", 1)
        translation = f"{head}{extra_translation}---\n{body}"
        assert translation.count(HOSTILE_TEXT) == 4, path
        files[path] = translation + "\n" + HOSTILE_MARKDOWN
    return files


def hostile_files():
    update = f"updates:\n  - at: 2026-11-28T09:00\n    kind: major\n    note: '{HOSTILE_TEXT}'\n"
    withdrawal = f"withdrawn:\n  at: 2026-11-28T08:00\n  reason: '{HOSTILE_TEXT}'\n"
    files = {
        **hostile_case(UPDATED, update, update.replace("    kind: major\n", "")),
        **hostile_case(WITHDRAWN, withdrawal, withdrawal.replace("  at: 2026-11-28T08:00\n", "")),
    }
    for lang in codes():
        files[f"pages/about.{lang}.md"] = f"---\ntitle: '{HOSTILE_TEXT}'\n---\n{HOSTILE_MARKDOWN}"
    return files


def test_validation_refuses_every_hostile_text(tmp_path):
    result = make_site(tmp_path / "cases", hostile_files()).build()
    assert not result.ok
    reported = {(p.path.rsplit("/", 1)[-1], p.field) for p in result.problems}
    for case_id, note in ((UPDATED, "updates[0].note"), (WITHDRAWN, "withdrawn.reason")):
        for lang in codes():
            for field in ("title", "summary", "district", "body", note):
                assert (f"{case_id}.{lang}.md", field) in reported, (case_id, lang, field)
    # The site's pages are read once the communiqués are valid.
    pages = {k: v for k, v in hostile_files().items() if k.startswith("pages/")}
    result = make_site(tmp_path / "pages", {**case_files(), **pages}).build()
    assert {(p.path.rsplit("/", 1)[-1], p.field) for p in result.problems} == {
        (f"about.{lang}.md", field) for lang in codes() for field in ("title", "body")
    }
    assert (
        'raw HTML ("<script>window.__pwned = 1</script>") is not allowed; write Markdown '
        "instead (**bold**, *italic*, [text](https://…), tables with |) or remove it"
    ) in {p.message for p in result.problems}


@pytest.fixture(scope="module")
def unvalidated_site(tmp_path_factory):
    """The hostile site built with the markup checks switched off: only the sanitiser and the
    templates' escaping stand between the content and the reader."""
    site = make_site(tmp_path_factory.mktemp("hostile"), hostile_files())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "check_markdown", lambda *args, **kwargs: [])
        patch.setattr(markup, "check_plain", lambda *args, **kwargs: [])
        result = site.build()
    assert result.ok, "\n".join(map(str, result.problems))
    return site.output


def feed_fragments(path):
    """The HTML fragments a feed carries, which feed readers render."""
    if path.suffix == ".json":
        return [item.get("content_html", "") for item in json.loads(path.read_bytes())["items"]]
    root = lxml.etree.fromstring(path.read_bytes())
    return [
        element.text or ""
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] in ("content", "encoded")
    ]


def test_no_output_file_carries_active_content(unvalidated_site):
    files = [p for p in unvalidated_site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    feeds = [p for p in files if p.suffix in (".atom", ".rss")]
    feeds += [p for p in files if p.suffix == ".json" and "feeds" in p.parts]
    assert len(pages) > 20 and len(feeds) > 20
    # The search page's own script (the theme's search.js, which loads Pagefind; test_search).
    searches = {unvalidated_site / code / "search" / "index.html" for code in codes()}
    for path in pages:
        scripts = ["<script>"] if path in searches else []
        assert active_content(lxml.html.parse(str(path)).getroot()) == scripts, path
    for path in feeds:
        if path.suffix in (".atom", ".rss"):
            assert active_content(lxml.etree.parse(str(path)).getroot()) == [], path
        for fragment in feed_fragments(path):
            if fragment.strip():
                assert_inert(fragment)


def test_plain_text_fields_stay_escaped_everywhere(unvalidated_site):
    page = lxml.html.parse(str(unvalidated_site / f"fr/communiques/{UPDATED}/index.html"))
    root = page.getroot()
    assert root.findtext(".//h1") == HOSTILE_TEXT  # the title, character for character
    assert root.find(".//title").text.startswith(HOSTILE_TEXT)
    assert root.find(".//meta[@name='description']").get("content") == HOSTILE_TEXT
    text = root.text_content()
    assert text.count(HOSTILE_TEXT) >= 3  # title, district, update note
    withdrawn = lxml.html.parse(str(unvalidated_site / f"fr/communiques/{WITHDRAWN}/index.html"))
    notice = withdrawn.getroot().find(".//div[@class='notice notice-withdrawn']")
    assert HOSTILE_TEXT in notice.text_content()  # the reason
    atom = lxml.etree.parse(str(unvalidated_site / "fr/feeds/all.atom")).getroot()
    titles = atom.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    # The withdrawn case stays an entry in Atom too, its title marked (plain text too).
    assert {t.text for t in titles} == {HOSTILE_TEXT, f"Retrait\u202f: {HOSTILE_TEXT}"}
    assert all(t.get("type") in (None, "text") for t in titles)
    items = json.loads((unvalidated_site / "fr/feeds/all.json").read_bytes())["items"]
    # The withdrawn case keeps its place, its title marked (plain text too).
    assert {item["title"] for item in items} == {HOSTILE_TEXT, f"Retrait\u202f: {HOSTILE_TEXT}"}
    updates = json.loads((unvalidated_site / "fr/feeds/updates.json").read_bytes())["items"]
    assert any(
        HOSTILE_TEXT in lxml.html.fromstring(i["content_html"]).text_content() for i in updates
    )


class Watched:
    """A page whose dialogs and CSP violations are all recorded."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.context.add_init_script(VIOLATIONS)
        self.page = self.context.new_page()
        self.dialogs, self.console = [], []
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.page.on("console", lambda message: self.console.append(message.text))

    def visit(self, url):
        """(dialogs, CSP violations) after loading `url` and hovering its body."""
        response = self.page.goto(url)
        assert response.ok, url
        self.page.wait_for_load_state("load")
        self.page.evaluate(POINTER)
        state = self.page.evaluate("({pwned: window.__pwned, violations: window.__violations})")
        assert state["pwned"] is None, url
        violations = [v for v in state["violations"] if not v.endswith(BROWSER_BANNER)]
        return self.dialogs + violations

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    watched = Watched(browser)
    yield watched
    watched.close()


def test_hostile_pages_run_nothing_in_a_browser(watched, unvalidated_site, tmp_path):
    with webserver.serve(unvalidated_site, tmp_path / "nginx") as url:
        for path in (
            f"/fr/communiques/{UPDATED}/",
            f"/ar/communiques/{UPDATED}/",
            f"/fr/communiques/{WITHDRAWN}/",
            "/fr/",
            "/fr/about/",
            "/ar/about/",
            "/fr/cities/casablanca/",
            "/fr/feeds/all.atom",
            "/fr/feeds/updates.atom",
            "/ar/feeds/all.rss",
        ):
            assert watched.visit(url + path) == [], path


# Every kind of page of the demo site: its own templates, charts, map and feed view.
DEMO_PAGES = (
    "/",
    "/ar/",
    "/fr/",
    "/fr/page/2/",
    "/ar/stats/",
    "/fr/stats/",
    "/fr/cities/",
    "/ar/cities/casablanca/",
    "/fr/offences/",
    "/fr/feeds/",
    "/fr/open-data/",
    "/ar/about/",
    "/fr/translations/",
    "/ar/feeds/all.atom",
    "/fr/feeds/all.rss",
)


def test_the_demo_site_raises_no_csp_violation(watched, served_demo, demo_site):
    case = sorted((demo_site / "fr" / "communiques").iterdir())[-1].name
    for path in (*DEMO_PAGES, f"/fr/communiques/{case}/", f"/ar/communiques/{case}/"):
        assert watched.visit(served_demo + path) == [], path
    assert watched.page.goto(served_demo + "/no-such-page/").status == 404
    assert watched.page.evaluate("window.__violations") == []
