"""Varnish with deploy/varnish/default.vcl in front of nginx: pages are served from the cache,
a publication's purge list names exactly the URLs of the files it changed (computed here from
the bytes of both trees), and once they are purged the next reader gets the new version."""

import gzip
import hashlib
import http.client
import time
import urllib.parse
from pathlib import Path

import brotli
import pytest

import cache
import webserver
from communiques_site.core import publication
from sites import case_files, make_site, with_minor_update

CASE = "2026-11-27-casablanca-robbery"
PAGE = f"/fr/communiques/{CASE}/"


def get(url, path, source=None, method="GET", headers=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=10, source_address=source
    )
    try:
        connection.request(method, path, headers=headers or {"Accept-Encoding": "br"})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def body(headers, data):
    return brotli.decompress(data) if headers.get("Content-Encoding") == "br" else data


def digests(tree):
    return {
        path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in tree.rglob("*")
        if path.is_file()
    }


def changed_urls(before, after):
    """The URLs readers may have cached that the change touched, from the trees' bytes."""
    found = set()
    for path in set(before) | set(after):
        if before.get(path) == after.get(path) or path.split("/")[-1].startswith("."):
            continue
        for suffix in (".gz", ".br"):
            path = path.removesuffix(suffix)
        found.add("/" + path)
        if path.endswith("index.html"):
            found.add("/" + path.removesuffix("index.html"))
    return found


@pytest.fixture
def stack(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    with (
        webserver.serve(site.output, tmp_path / "nginx") as origin,
        cache.serve(origin, tmp_path / "varnish") as url,
    ):
        yield site, url


def cached(url, path):
    """Ask twice, a second apart: the second answer comes from the cache."""
    get(url, path)
    time.sleep(1.1)
    return get(url, path)


def test_a_page_comes_from_the_cache_until_a_publication_purges_it(stack):
    site, url = stack
    status, headers, old = cached(url, PAGE)
    assert status == 200 and int(headers["Age"]) > 0
    assert headers["Content-Encoding"] == "br"
    assert body(headers, old) == (site.output / PAGE.lstrip("/") / "index.html").read_bytes()
    cached(url, "/fr/")
    before = digests(site.output)
    for path, text in with_minor_update(CASE).items():
        site.write(path, text, raw=True)
    assert site.build().ok
    new = (site.output / PAGE.lstrip("/") / "index.html").read_bytes()
    assert new != body(headers, old)
    _, still, stale = get(url, PAGE)
    assert body(still, stale) == body(headers, old)  # the cache does not know yet

    listed = publication.purge_list(str(site.output))
    addresses = Path(listed).read_text(encoding="utf-8").split()
    assert len(addresses) == len(set(addresses))
    assert set(addresses) == changed_urls(before, digests(site.output))
    assert {PAGE, f"{PAGE}index.html", f"/ar/communiques/{CASE}/", "/fr/changes/"} <= set(addresses)
    assert publication.purge(url, addresses) == []

    for accept in ("br", "gzip", "identity"):
        status, headers, data = get(url, PAGE, headers={"Accept-Encoding": accept})
        assert status == 200
        data = body(headers, data)
        if headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        assert data == new, accept


def test_only_this_host_may_purge(stack):
    _, url = stack
    cached(url, "/fr/")
    status, _, data = get(url, "/fr/", source=("127.0.0.2", 0), method="PURGE")
    assert status == 405 and b"PURGE is allowed from this host only" in data
    _, again, _ = get(url, "/fr/")
    assert int(again["Age"]) > 0  # still cached
    assert get(url, "/fr/", method="PURGE")[0] == 200
    assert get(url, "/fr/")[1]["Age"] == "0"
