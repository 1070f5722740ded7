"""Accessibility to the letter (WCAG 2.2 AA), with the checkers of today, not a bundled copy:

- the Nu HTML Checker (npm `vnu-jar`, pinned in package-lock.json) over every HTML page of the
  demo and its stylesheets, in one Java run;
- axe-core (npm `axe-core`, pinned too) in Debian's Chromium, over two pages of every kind of
  page, at a phone's width and a desktop's;
- the focus ring's contrast on every background it is drawn on, computed from computed styles;
- the size of the targets that are not links within a sentence (2.5.8).

`make test` installs both npm packages into node_modules/ with `npm ci`.
"""

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import html

from communiques_site.core import routes
from sites import demo_codes

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGS = tuple(demo_codes())  # both directions: every kind of page is checked in each
WIDTHS = (360, 1280)  # a small phone; a desktop

# What the checkers still report in files this branch does not own, each named with its file
# and why it is allowed for now. Every entry is to be fixed by its owner; the list then empties.
# Nu checker: (regular expression of the page's path, start of the message).
NU_KNOWN = []
# axe: (kind of page, rule id, what axe's selector of the element ends with) -> why.
AXE_KNOWN = {}


# --- The Nu HTML Checker --------------------------------------------------------------------


@pytest.fixture(scope="session")
def nu_report(demo_site):
    """Every HTML page of the demo and its stylesheets, checked in one Java run: a JVM start per
    page would cost minutes. The checker's own version comes with its report."""
    assert VNU.exists(), "node_modules/ is missing: run `make test` (or `npm ci --ignore-scripts`)"
    pages = sorted(demo_site.rglob("*.html"))
    stylesheets = sorted((demo_site / "theme").rglob("*.css"))
    result = subprocess.run(
        [
            *("java", "-jar", str(VNU), "--format", "json", "--stdout", "--skip-non-html"),
            "--also-check-css",
            *map(str, pages + stylesheets),
        ],
        capture_output=True,
        text=True,
    )
    assert result.stdout, result.stderr[-3000:]  # no report: Java or the checker failed
    return pages, stylesheets, json.loads(result.stdout)


def _nu_known(path, message):
    return any(
        re.fullmatch(page, str(path)) and message.startswith(start) for page, start in NU_KNOWN
    )


def test_every_page_passes_the_current_nu_checker(nu_report, demo_site):
    """No error and no warning on any page (a plain "info" message is not a finding)."""
    pages, stylesheets, report = nu_report
    assert len(pages) > 200 and stylesheets  # the whole site, not a sample
    findings = []
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        path = Path(message.get("url", "").removeprefix("file:"))
        if _nu_known(path.relative_to(demo_site), message["message"]):
            continue
        where = f"{path.relative_to(demo_site)}:{message.get('lastLine', '?')}"
        findings.append(f"{where}: {message['type']}: {message['message']}")
    assert not findings, f"Nu HTML Checker {report['version']}:\n" + "\n".join(findings[:40])


# --- axe-core ---------------------------------------------------------------------------------


def _tree(demo_site, url):
    return html.parse(str(demo_site / routes.output_file(url))).getroot()


# The elements of a class, in XPath 1.0.
_CLASS = "//*[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"


def _last_segment(href):
    return href.rstrip("/").rsplit("/", 1)[-1]


def _busiest(demo_site, index):
    """The page, among those the index page links to, that lists the most communiqués."""
    links = set(_tree(demo_site, index).xpath("//main//a/@href"))
    pages = [href for href in links if href.startswith(index) and href != index]
    return max(sorted(pages), key=lambda url: len(_tree(demo_site, url).xpath(_CLASS % "case")))


def _pages_of_every_kind(demo_site):
    """Two pages of each kind (one per language, so both directions), found in the built demo
    rather than named here, so that new content does not make the test stale."""
    kinds = {}
    for lang in LANGS:
        home = _tree(demo_site, routes.home(lang))
        case = _last_segment(home.xpath(_CLASS % "case-title" + "//a/@href")[0])
        communiques = (demo_site / routes.output_file(routes.communique(lang, "x"))).parents[1]
        withdrawn = next(
            folder.name
            for folder in sorted(communiques.iterdir())
            if "notice-withdrawn" in (folder / "index.html").read_text()
        )
        month = _tree(demo_site, routes.archives(lang)).xpath(_CLASS % "months" + "//a/@href")[0]
        for kind, url in {
            "home": routes.home(lang),
            "home page 2": routes.home(lang, 2),
            "communiqué": routes.communique(lang, case),
            "withdrawn communiqué": routes.communique(lang, withdrawn),
            "cities": routes.cities(lang),
            "city": _busiest(demo_site, routes.cities(lang)),
            "offences": routes.offences(lang),
            "offence": _busiest(demo_site, routes.offences(lang)),
            "stats": routes.stats(lang),
            "open data": routes.opendata(lang),
            "feeds": routes.feeds(lang),
            "about": routes.page(lang, "about"),
            "archives": routes.archives(lang),
            "archive month": month,
            "translations": routes.translations(lang),
            # With a query, so that its results, order and filters are checked too.
            "search": routes.search(lang) + "?q=" + quote({"ar": "سرقة", "fr": "vol"}[lang]),
            "verify": routes.verify(lang),
            # nginx answers any missing address with the 404 page.
            "404": routes.communique(lang, "no-such-communique"),
        }.items():
            kinds.setdefault(kind, []).append(url)
    # The landing page is one page in every language of the site.
    kinds["landing"] = [routes.landing()]
    # A verification code's page and the answer to an unknown code (nginx), in every language.
    code = sorted(path.name for path in (demo_site / "v").iterdir() if path.name.isupper())[0]
    kinds["code"] = [routes.code(code)]
    kinds["unknown code"] = [routes.code("ZZZZZZZZ")]
    return kinds


KINDS = (
    "home",
    "home page 2",
    "communiqué",
    "withdrawn communiqué",
    "cities",
    "city",
    "offences",
    "offence",
    "stats",
    "open data",
    "feeds",
    "about",
    "archives",
    "archive month",
    "translations",
    "search",
    "landing",
    "404",
    "verify",
    "code",
    "unknown code",
)
# axe's rules of impact "serious" or "critical" fail the test; so does heading-order, of impact
# "moderate", because a jump in the headings' levels breaks the outline screen readers navigate.
FAILING_IMPACTS = {"serious", "critical"}
ALSO_FAILING = {"heading-order"}
# target-size (WCAG 2.2, 2.5.8) is off by default in axe-core; the rest runs as axe ships it.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


@pytest.fixture(scope="module")
def kinds(demo_site):
    return _pages_of_every_kind(demo_site)


@pytest.fixture(scope="module")
def axe_page(browser):
    """A page for axe-core alone. The site's Content-Security-Policy (script-src 'self') refuses
    an injected script, as it should: this context alone bypasses it, to run axe."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, bypass_csp=True)
    yield context.new_page(), AXE.read_text()
    context.close()


def axe_violations(axe_page, url):
    """axe-core's violations on a page at each width: one load and one injection per page, the
    window resized between the runs (media queries follow, as on a real phone turned)."""
    page, axe = axe_page
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(url)
    if page.locator("#search").count():  # the search page draws its results after loading
        page.wait_for_selector("#search[data-state='done']", state="attached")
    page.add_script_tag(content=axe)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        yield width, page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def _axe_known(kind, rule, target):
    return any(
        (kind, rule) == (known_kind, known_rule) and target.endswith(end)
        for known_kind, known_rule, end in AXE_KNOWN
    )


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_serious(kind, kinds, axe_page, served_demo):
    found, version = [], None
    for url in kinds[kind]:
        for width, result in axe_violations(axe_page, served_demo + url):
            version = result["testEngine"]["version"]
            for violation in result["violations"]:
                rule = violation["id"]
                if violation["impact"] not in FAILING_IMPACTS and rule not in ALSO_FAILING:
                    continue
                for node in violation["nodes"]:
                    target = " ".join(map(str, node["target"]))
                    if not _axe_known(kind, rule, target):
                        found.append(
                            f"{url} at {width} px: {rule} ({violation['impact']}): {target}"
                        )
    assert not found, f"axe-core {version}:\n" + "\n".join(found)


# --- The focus ring ---------------------------------------------------------------------------

_RGB = re.compile(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)")


def _colours(css):
    """The opaque colours named in a computed value (rgb() and rgba() with alpha 1)."""
    return [
        tuple(int(c) for c in match.groups()[:3])
        for match in _RGB.finditer(css)
        if match.group(4) in (None, "1")
    ]


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """WCAG's contrast ratio of two colours."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# What the ring looks like on a focused element, and the background it is drawn on: the first
# opaque background among the element's ancestors (the ring is outside the element,
# outline-offset away from it). Chromium gives focus() without a click before it the keyboard's
# ring; `visible` checks that :focus-visible, the rule under test, matched.
_RING = """element => {
    const style = getComputedStyle(element);
    let around = element.parentElement;
    while (around && getComputedStyle(around).backgroundColor.match(/rgba\\(.*, 0\\)|transparent/))
        around = around.parentElement;
    return {
        visible: element.matches(":focus-visible"),
        outline: style.outlineStyle === "none" ? "" : style.outlineColor,
        outlineWidth: parseFloat(style.outlineWidth),
        shadow: style.boxShadow,
        background: around ? getComputedStyle(around).backgroundColor : "rgb(255, 255, 255)",
    };
}"""

# Focusable elements on each background the site has: the masthead and the menu (dark blue),
# the page (white), the facts box and the footer (tint), a button (on white).
FOCUS_SAMPLES = {
    "communiqué": [".lang-switch", ".brand", ".nav a", ".kicker a", ".facts a", ".site-footer a"],
    "home": [".pager a", ".case-title a", ".case-meta a"],
    "landing": [".button"],
}


@pytest.mark.browser
def test_focus_ring_contrasts_3_to_1_on_every_background(kinds, browser, served_demo):
    """WCAG 2.2 (1.4.11, 2.4.13): a focus indicator contrasts at least 3:1 with what is next to
    it. The ring has two colours (technique C40): on any background one of them reaches 3:1, and
    the two contrast at least 9:1 with each other, so that the ring reads as a ring."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems, backgrounds = [], set()
    for kind, selectors in FOCUS_SAMPLES.items():
        for url in kinds[kind]:
            page.goto(served_demo + url)
            for selector in selectors:
                element = page.locator(selector).first
                element.focus()
                ring = element.evaluate(_RING)
                background = _colours(ring["background"])[0]
                backgrounds.add(background)
                colours = _colours(ring["outline"]) + _colours(ring["shadow"])
                best = max((contrast(c, background) for c in colours), default=0)
                if not ring["visible"] or ring["outlineWidth"] < 2 or best < 3:
                    problems.append(f"{url} {selector}: {ring}, best contrast {best:.2f}:1")
                if len(colours) == 2 and contrast(*colours) < 9:
                    problems.append(f"{url} {selector}: the ring's colours contrast < 9:1")
                elif len(colours) != 2:
                    problems.append(f"{url} {selector}: a ring of two colours expected: {ring}")
    context.close()
    assert not problems, "\n".join(problems)
    assert len(backgrounds) >= 3  # white, the tint and the dark blues were all tried


# --- Target sizes -----------------------------------------------------------------------------

# Targets that are not links within a sentence (WCAG 2.2, 2.5.8): each at least 24 × 24 CSS px.
TARGETS = {
    "home": [
        ".pager a",
        ".lang-switch",
        ".nav a",
        ".case-meta a",
        ".site-footer a",
        ".more a",
    ],
    "communiqué": [".kicker a", ".lang-switch", ".brand"],
    "city": [".kicker a", ".case-meta a", ".months a"],
    "offences": [".index-list a"],
    "offence": [".kicker a"],
    "archives": [".index-list a"],
    "archive month": [".kicker a", ".inline-list a", ".pager a"],
    "feeds": [".feed-formats a"],
    "open data": [".index-list a"],
    "landing": [".button"],
}


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_targets_are_at_least_24_px(width, kinds, browser, served_demo):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    small = []
    for kind, selectors in TARGETS.items():
        for url in kinds[kind]:
            page.goto(served_demo + url)
            # Folded links (the menu on a phone, the feeds page's sections) are measured open.
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
            for selector in selectors:
                boxes = page.locator(selector).evaluate_all(
                    "all => all.map(e => [e.textContent.trim(), e.getBoundingClientRect()])"
                    ".map(([t, r]) => [t, r.width, r.height])"
                )
                assert boxes, f"{url}: no {selector}"
                small += [
                    f"{url} {selector} “{text}”: {w:.1f} × {h:.1f}"
                    for text, w, h in boxes
                    if w < 24 or h < 24
                ]
    context.close()
    assert not small, f"at {width} px:\n" + "\n".join(small)
