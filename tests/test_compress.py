"""The compressed copies made at build time (the compress plugin) and the theme's fingerprinted
names (core.assets): every copy decompresses to its file's current bytes, a copy is taken from
the published site only with the bytes it was made from, and a fingerprinted name serves the
bytes its hash names."""

import gzip
import hashlib
import os

import brotli
import lxml.html
import pytest

from communiques_site.compress.making import SUFFIXES
from conftest import ROOT
from sites import case_files, make_site, with_minor_update

THRESHOLD = 512
CASE = "2026-11-27-casablanca-robbery"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("compress"), case_files(CASE))
    assert site.build().ok
    return site.output


def files_of(output):
    return [
        path
        for path in output.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.suffix not in (".gz", ".br")
    ]


def test_every_text_file_above_the_threshold_has_copies_of_its_current_bytes(built):
    checked = 0
    for path in files_of(built):
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        data = path.read_bytes()
        if path.name.endswith(SUFFIXES) and len(data) >= THRESHOLD:
            assert gzip.decompress(gz.read_bytes()) == data, gz
            assert brotli.decompress(br.read_bytes()) == data, br
            checked += 1
        else:
            assert not gz.exists() and not br.exists(), path
    assert checked > 50
    # Text of every kind got its copies, Pagefind's own compressed index did not.
    for name in ("fr/index.html", "theme/css/site.css", "fr/feeds/all.atom", "sitemaps/pages.xml"):
        assert (built / f"{name}.br").is_file(), name
    assert any(built.rglob("*.pf_fragment")) and not any(built.rglob("*.pf_fragment.gz"))
    assert not (built / ".build-manifest.json.gz").exists()


def test_what_every_visitor_fetches_gets_brotlis_best_and_a_page_the_cheaper_quality(built):
    """Quality 11 costs some 45 times quality 5 for 2 % of a page's bytes: the stylesheets,
    scripts and drawings (fetched by every visitor) get it, pages, feeds and data do not."""
    best = [p for p in files_of(built) if p.suffix in (".css", ".js", ".svg")]
    cheaper = [built / "fr/index.html", built / "fr/feeds/all.atom", built / "sitemaps/pages.xml"]
    assert any(p.suffix == ".css" for p in best) and any(p.suffix == ".js" for p in best)
    for path, quality in [(p, 11) for p in best] + [(p, 5) for p in cheaper]:
        br = path.with_name(path.name + ".br")
        if not br.exists():
            continue  # below the threshold
        made = brotli.compress(path.read_bytes(), mode=brotli.MODE_TEXT, quality=quality)
        assert br.read_bytes() == made, (path, quality)


def test_the_gzip_copies_carry_no_time_and_no_name(built):
    """The same bytes make the same copy on every machine and at every build."""
    for gz in built.rglob("*.gz"):
        header = gz.read_bytes()[:10]
        assert header[4:8] == b"\0\0\0\0", gz  # MTIME
        assert not header[3] & 0x08, gz  # FNAME


def test_a_changed_file_gets_new_copies_and_an_unchanged_one_keeps_its_own(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    page = site.output / f"fr/communiques/{CASE}/index.html"
    kept = site.output / "fr/about/index.html"
    # Links keep the first build's copies alive (and their inodes unique) after the swap.
    (tmp_path / "keep").mkdir()
    for name, path in (("page", page), ("kept", kept)):
        for suffix in (".gz", ".br"):
            os.link(f"{path}{suffix}", tmp_path / "keep" / f"{name}{suffix}")
    for path, text in with_minor_update(CASE).items():
        site.write(path, text, raw=True)
    assert site.build().ok
    data = page.read_bytes()
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == data
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == data
    assert not page.with_name("index.html.br").samefile(tmp_path / "keep" / "page.br")
    for suffix in (".gz", ".br"):
        assert kept.with_name(kept.name + suffix).samefile(tmp_path / "keep" / f"kept{suffix}")


def test_pages_name_the_theme_files_by_a_hash_of_their_bytes(built):
    page = lxml.html.fromstring((built / "fr/index.html").read_bytes())
    (stylesheet,) = page.xpath("//link[@rel='stylesheet' and not(@media)]/@href")
    source = (ROOT / "theme/static/css/site.css").read_bytes()
    digest = hashlib.blake2b(source).hexdigest()[:10]
    assert stylesheet == f"/theme/css/site.{digest}.css"
    assert (built / stylesheet.lstrip("/")).read_bytes() == source
    assert (built / "theme/css/site.css").read_bytes() == source  # the plain name stays
