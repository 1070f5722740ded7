"""What nginx with the deploy configuration sends for each kind of file: the compressed copy the
reader accepts (br, gzip) or the file itself, with `Vary: Accept-Encoding`, the kind's cache
rule, and 304 Not Modified to a conditional request for an unchanged file."""

import gzip
import http.client
import urllib.parse

import brotli
import pytest

import webserver
from communiques_site.core import publication
from sites import case_files, make_site

CASE = "2026-11-27-casablanca-robbery"
SHORT = "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"
DATA = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"
YEAR = "public, max-age=31536000, immutable"
# The log's files (issue 17), as the URL contract names them: written into the built site here.
CHECKPOINT = b"communiques.dgsn.gov.ma/log\n5\n" + b"A" * 44 + b"\n\n" + b"- signature\n" * 40
TILE = bytes(range(256)) * 4


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("serving"), case_files(CASE))
    assert site.build().ok
    output = site.output
    for path, data in (
        ("log/checkpoint", CHECKPOINT),
        ("log/tile/0/000", TILE),
        ("log/tile/0/001.p/5", TILE[:160]),
    ):
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    stylesheet = next((output / "theme/css").glob("site.*.css"))
    with webserver.serve(output, tmp_path_factory.mktemp("nginx")) as url:
        yield url, output, f"/theme/css/{stylesheet.name}"


def get(url, path, headers=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def decoded(headers, body):
    encoding = headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


# path (FINGERPRINTED: the stylesheet's hashed name) -> (cache rule, compressed copies?)
KINDS = {
    "/": (SHORT, True),
    "/fr/": (SHORT, True),
    f"/ar/communiques/{CASE}/": (SHORT, True),
    "/fr/cities/casablanca/": (SHORT, True),
    "/fr/feeds/all.atom": (DATA, True),
    "/ar/feeds/all.json": (DATA, True),
    "/data/communiques.csv": (DATA, True),
    "/data/stats.json": (DATA, True),
    "/sitemap.xml": (SHORT, False),  # the index of a one-case site: too small for copies
    "/sitemaps/pages.xml": (SHORT, True),
    "FINGERPRINTED": (YEAR, True),
    "/theme/css/site.css": ("public, max-age=86400", True),
    "/log/checkpoint": (SHORT, False),
    "/log/tile/0/000": (YEAR, False),
    "/log/tile/0/001.p/5": (SHORT, False),
}


@pytest.mark.parametrize("accept", ["br", "gzip", None])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_in_each_encoding_with_its_cache_rule_and_304(served, kind, accept):
    url, output, stylesheet = served
    path = stylesheet if kind == "FINGERPRINTED" else kind
    rule, copies = KINDS[kind]
    file = output / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    headers = {"Accept-Encoding": accept} if accept else {}
    status, answer, body = get(url, path, headers)
    assert status == 200
    assert decoded(answer, body) == file.read_bytes()
    sent = accept if copies and accept else None
    assert answer.get("Content-Encoding") == sent
    if copies:
        assert answer["Vary"] == "Accept-Encoding"
    assert answer.get_all("Cache-Control") == [rule]
    assert answer["X-Content-Type-Options"] == "nosniff"  # the security headers still
    for condition in (
        {"If-None-Match": answer["ETag"]},
        {"If-Modified-Since": answer["Last-Modified"]},
    ):
        status, again, body = get(url, path, {**headers, **condition})
        assert (status, body) == (304, b""), condition
        assert again["ETag"] == answer["ETag"]
    # Another version's ETag gets the whole file.
    status, _, body = get(url, path, {**headers, "If-None-Match": '"0-0"'})
    assert status == 200 and decoded(answer, body) == file.read_bytes()


def test_a_client_that_accepts_no_encoding_never_gets_a_compressed_copy(served):
    url, _, _ = served
    for accept in ("identity", "deflate", "br;q=0, gzip;q=0"):
        _, headers, _ = get(url, "/fr/", {"Accept-Encoding": accept})
        assert headers.get("Content-Encoding") is None, accept


def test_the_copies_and_dot_files_are_not_pages_of_their_own(served):
    url, _, _ = served
    assert get(url, "/.build-manifest.json")[0] == 403


@pytest.mark.parametrize("accept", ["br", None])
def test_the_object_store_gets_the_types_and_rules_nginx_sends(served, accept):
    """core.publication tells an object store what nginx says of each file (the store cannot
    negotiate, so a compressed copy is an object of the same type with its encoding)."""
    url, output, stylesheet = served
    names = [
        (stylesheet if kind == "FINGERPRINTED" else kind).lstrip("/")
        + ("index.html" if kind.endswith("/") else "")
        for kind in KINDS
    ]
    names += ["fr/pagefind/2026-q4/pagefind-ui.js", "theme/css/print.css", "robots.txt"]
    names += [str(p.relative_to(output)) for p in output.rglob("*.pf_fragment")][:1]
    for name in names:
        path = "/" + name.removesuffix("index.html")
        status, headers, _ = get(url, path, {"Accept-Encoding": accept} if accept else {})
        assert status == 200, name
        copy = name + {"br": ".br"}.get(accept or "", "")
        if not (output / copy).exists():
            copy = name
        assert headers["Content-Type"] == publication.media_type(copy), name
        assert headers["Cache-Control"] == publication.cache_rule(copy), name
        assert headers.get("Content-Encoding") == publication.encoding(copy), name
