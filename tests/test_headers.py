"""The headers readers get from the production nginx configuration (deploy/), on every kind of
response: a page, each feed format, the open data, the theme, the 404 and a refused dot file."""

import re
import urllib.error
import urllib.request

import pytest

import webserver

SECURITY = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Frame-Options": "DENY",
}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")
# path -> (status, media type)
RESPONSES = {
    "/fr/": (200, "text/html; charset=utf-8"),
    "/ar/feeds/all.atom": (200, "application/atom+xml; charset=utf-8"),
    "/fr/feeds/all.rss": (200, "application/rss+xml; charset=utf-8"),
    "/fr/feeds/all.json": (200, "application/feed+json; charset=utf-8"),
    "/data/communiques.csv": (200, "text/csv; charset=utf-8"),
    "/data/communiques.json": (200, "application/json; charset=utf-8"),
    "/data/stats.json": (200, "application/json; charset=utf-8"),
    "/theme/css/site.css": (200, "text/css; charset=utf-8"),
    "/no-such-page/": (404, "text/html; charset=utf-8"),
    "/.build-manifest.json": (403, "text/html; charset=utf-8"),
    "/.build-inputs.json": (403, "text/html; charset=utf-8"),
}


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path", RESPONSES)
def test_every_response_carries_the_security_headers(served_demo, path):
    status, headers, body = fetch(served_demo + path)
    assert (status, headers["Content-Type"]) == RESPONSES[path]
    for name, value in SECURITY.items():
        assert headers.get_all(name) == [value], name
    permissions = headers["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions
    if status == 404:
        assert b'lang="ar"' in body or b'lang="fr"' in body  # the site's own 404 page


def test_feeds_and_data_have_their_cache_lifetime(served_demo):
    stale = "stale-while-revalidate=60, stale-if-error=86400"
    for path, rule in (
        ("/fr/feeds/all.atom", f"public, max-age=300, {stale}"),
        ("/data/stats.json", f"public, max-age=300, {stale}"),
        ("/fr/", f"public, max-age=60, {stale}"),
        ("/theme/css/site.css", "public, max-age=86400"),
    ):
        assert fetch(served_demo + path)[1]["Cache-Control"] == rule


def test_the_test_server_runs_the_production_configuration():
    """Only the four machine-specific lines differ from deploy/nginx.conf."""
    production = webserver.SERVER.read_text(encoding="utf-8").splitlines()
    served = webserver.server_config("/srv/test", 8080).splitlines()
    changed = [(a.strip(), b.strip()) for a, b in zip(production, served, strict=True) if a != b]
    assert [re.match(r"\w+", a)[0] for a, _ in changed] == [
        "listen",
        "server_name",
        "root",
        *["include"] * (len(changed) - 3),
    ]
    assert all(b == f"include {webserver.HEADERS};" for a, b in changed[3:])
