"""The public URL contract: every address the site publishes is made here and nowhere else.

Permalinks are promises to journalists: a route, once published, never changes. The contract
is written out for users in docs/url-contract.md; tests/test_routes.py walks every route of
the demo site.
"""

import re

FEED_FORMATS = ("atom", "rss", "json")
# A feed's kind is a beat's URL folder (the beats are the feeds plugin's: feeds/beats.py); a
# route only checks that it is one, lower case, so that no beat's URL needs escaping.
FEED_KIND = re.compile(r"[a-z][a-z0-9-]*")
DATA = "/data/"


def _paged(base: str, page: int | None) -> str:
    """A listing's own page (None), or its n-th page counted from the oldest."""
    return base if page is None else f"{base}page/{page}/"


def landing() -> str:
    return "/"


def home(lang: str, page: int | None = None) -> str:
    return _paged(f"/{lang}/", page)


def communique(lang: str, case_id: str) -> str:
    return f"/{lang}/communiques/{case_id}/"


def share_card(lang: str, case_id: str) -> str:
    """A communiqué's preview card (1200 × 630 PNG): the image of its link previews."""
    return f"{communique(lang, case_id)}card.png"


def official_image(lang: str, case_id: str, page: int) -> str:
    """A page of a communiqué's official image (1080 × 1350 PNG), counted from 1."""
    return f"{communique(lang, case_id)}communique-{page}.png"


def cities(lang: str) -> str:
    return f"/{lang}/cities/"


def city(lang: str, key: str, page: int | None = None) -> str:
    return _paged(f"/{lang}/cities/{key}/", page)


def offences(lang: str) -> str:
    return f"/{lang}/offences/"


def offence(lang: str, key: str, page: int | None = None) -> str:
    return _paged(f"/{lang}/offences/{key}/", page)


def archives(lang: str) -> str:
    """Every month that has communiqués."""
    return f"/{lang}/archives/"


def archive(lang: str, year: int, month: int, city: str | None = None) -> str:
    """One month's communiqués (a city's part of it: `city`)."""
    return f"/{lang}/archives/{year:04d}/{month:02d}/" + (f"#city-{city}" if city else "")


def page(lang: str, slug: str) -> str:
    """One of the site's own pages (content/pages/<slug>.<lang>.md)."""
    return f"/{lang}/{slug}/"


def stats(lang: str) -> str:
    return f"/{lang}/stats/"


def anchor(figure: str) -> str:
    """The id of a figure's definition on the statistics page."""
    return f"def-{figure.replace('_', '-')}"


def definition(lang: str, figure: str) -> str:
    """A figure's definition on the methodology section of the statistics page."""
    return f"{stats(lang)}#{anchor(figure)}"


def opendata(lang: str) -> str:
    return f"/{lang}/open-data/"


def feeds(lang: str, section: str | None = None) -> str:
    """The page that lists every feed (a section of it: `#types`, say)."""
    return f"/{lang}/feeds/" + (f"#{section}" if section else "")


def feed(lang: str, kind: str, key: str | None = None, fmt: str | None = None) -> str:
    """A feed: `all` and `updates` have no key; the others are per type, city or offence.
    Without `fmt`, the path that the three formats share (for ids and pings)."""
    if not FEED_KIND.fullmatch(kind):
        raise ValueError(f"a feed's kind is a URL folder (a-z, 0-9, -), not {kind!r}")
    path = f"/{lang}/feeds/{kind}" if key is None else f"/{lang}/feeds/{kind}/{key}"
    return f"{path}.{fmt}" if fmt else path


def changes(lang: str, page: int | None = None) -> str:
    """The public log of publications, updates, corrections and withdrawals."""
    return _paged(f"/{lang}/changes/", page)


def search(lang: str) -> str:
    """The search page of a language (Pagefind; links to browse without JavaScript)."""
    return f"/{lang}/search/"


def search_bundle(lang: str, name: str = "") -> str:
    """A language's Pagefind bundle (its folder, or a file of it: `pagefind-ui.js`): the
    index, its WebAssembly and the UI's script and stylesheet, made when the site is built."""
    return f"/{lang}/pagefind/{name}"


def search_period(lang: str, period: str, name: str = "") -> str:
    """One period's bundle of a language's index (a closed year, `2025`, or a quarter of the
    current one, `2026-q4`), or a file of it."""
    return search_bundle(lang, f"{period}/{name}")


def press_office(lang: str) -> str:
    """What the press office has to do: drafts, embargoes, translations, exceptions (built
    only in a preview; never published)."""
    return f"/{lang}/press-office/"


def translations(lang: str) -> str:
    """Translations to review (for officers; not in the sitemap)."""
    return f"/{lang}/translations/"


def verify(lang: str) -> str:
    """How to check a communiqué, with the form that finds its verification code."""
    return f"/{lang}/verify/"


def code(value: str) -> str:
    """A verification code's page, in every language (codes.py: 8 characters, no dash)."""
    return f"/v/{value}/"


def code_form() -> str:
    """Where the verify form sends ?code=…: nginx redirects to the code's page (deploy/)."""
    return "/v/"


def unknown_code() -> str:
    """What nginx serves, with status 404, for a code that is not an official one (and for the
    form sent without a code)."""
    return "/v/"


def code_alias(value: str) -> str:
    """The file nginx serves for a code typed in lower case (the same page, hard-linked; no
    .html: it is no page of its own)."""
    return f"/v/{value.lower()}/page"


LOG = "/log/"


def log(name: str = "") -> str:
    """The transparency log (C2SP tlog-tiles): `checkpoint`, `tile/0/000`, `tile/entries/000`…"""
    return LOG + name


def log_key() -> str:
    """The log's verifier key, one line (name+hash+key), for monitors and verifiers."""
    return "/.well-known/communiques-log-key"


def data(name: str) -> str:
    """An open-data file: communiques.csv, datapackage.json, cities/<key>.csv…"""
    return DATA + name


def sitemap() -> str:
    """The sitemap index: it lists the sitemap's parts (sitemap_part)."""
    return "/sitemap.xml"


def sitemap_part(name: str) -> str:
    """A part of the sitemap: `pages` (every page but the communiqués), `communiques/2026-01`
    (the communiqués published in a month, in both languages); `-2`, `-3`… after the name of
    a part's continuation past the 50,000 addresses a sitemap file may hold."""
    return f"/sitemaps/{name}.xml"


def robots() -> str:
    return "/robots.txt"


def not_found() -> str:
    return "/404.html"


def theme(path: str) -> str:
    """A file of the theme's static folder (stylesheets, the feed stylesheet)."""
    return f"/theme/{path}"


def absolute(siteurl: str, url: str) -> str:
    return siteurl.rstrip("/") + url


def output_file(url: str) -> str:
    """The file that serves a URL: directories get an index.html; fragments are not files."""
    path = url.split("#", 1)[0].lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path
