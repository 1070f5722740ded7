"""The search index per language and quarter: a quarter whose documents did not change is
taken from the published site (the same files, hard-linked), a changed one is indexed again,
and what a build makes from a published site is what a build from nothing makes."""

import gzip
import json

from communiques_site.communiques import editing
from communiques_site.core import routes
from communiques_site.core.outputs import MANIFEST
from sites import make_site
from test_search import LANGUAGES, another_case, snapshot

OLD, NEW = another_case("10", "2025-03"), another_case("17")


def bundles(site, lang):
    return site.output / routes.search_bundle(lang).strip("/")


def inodes(site):
    """{path under the bundles' folders: inode}, every language and period."""
    return {
        path.relative_to(site.output): path.stat().st_ino
        for lang in LANGUAGES
        for path in bundles(site, lang).rglob("*")
        if path.is_file()
    }


def indexed(site, before):
    """The bundles the last build indexed: their entry file is another file than in `before`
    (inodes() then; a kept file keeps its inode). Not its log, whose repeated lines Pelican's
    loggers drop within a process (LimitFilter)."""
    now = inodes(site)
    return sorted(
        (path.parts[0], path.parts[2])
        for path, inode in now.items()
        if path.name == "pagefind-entry.json" and before.get(path) != inode
    )


def test_a_new_case_indexes_its_quarter_again_and_nothing_else(tmp_path):
    site = make_site(tmp_path / "site", {**OLD, **another_case("27")})
    assert site.build().ok
    assert sorted(path.name for path in bundles(site, "fr").iterdir()) == ["2025-q1", "2026-q4"]
    assert indexed(site, {}) == [
        (lang, period) for lang in LANGUAGES for period in ("2025-q1", "2026-q4")
    ]
    first = inodes(site)

    assert site.build().ok  # nothing changed: every file of every bundle is the published one
    assert inodes(site) == first
    assert indexed(site, first) == []

    for relative, text in NEW.items():
        site.write(relative, text, raw=True)
    assert site.build().ok
    assert indexed(site, first) == [(lang, "2026-q4") for lang in LANGUAGES]
    now = inodes(site)
    old = {path: inode for path, inode in first.items() if path.parts[2] == "2025-q1"}
    assert old and {path: now[path] for path in old} == old  # an older quarter: linked
    for lang in LANGUAGES:
        entry = bundles(site, lang) / "2026-q4" / "pagefind-entry.json"
        assert json.loads(entry.read_text())["languages"][lang]["page_count"] == 2 + 1
        assert entry.relative_to(site.output) in first
        assert now[entry.relative_to(site.output)] != first[entry.relative_to(site.output)]


def test_a_case_dated_in_an_earlier_year_indexes_its_quarter_alone(tmp_path):
    """A communiqué entered late costs the indexing of its quarter, not of its year: the
    other quarter of that year, and the newest, are the published files."""
    site = make_site(tmp_path / "site", {**OLD, **another_case("27")})
    assert site.build().ok
    first = inodes(site)
    for relative, text in another_case("12", "2025-05").items():
        site.write(relative, text, raw=True)
    assert site.build().ok
    assert indexed(site, first) == [(lang, "2025-q2") for lang in LANGUAGES]
    now = inodes(site)
    assert {path: now[path] for path in first} == first
    assert sorted(path.name for path in bundles(site, "fr").iterdir()) == [
        "2025-q1",
        "2025-q2",
        "2026-q4",
    ]


def test_an_index_made_from_a_published_site_is_the_index_made_from_nothing(tmp_path):
    """A period indexed again, or taken from the published site, is what a build from nothing
    makes: the same files, byte for byte, but for the order Pagefind writes the filters' names
    in its metadata (a Rust HashMap's: it changes from run to run). The metadata is named by
    the digest of the bundle's documents, so the names of the files and the manifest are the
    same."""
    grown = make_site(tmp_path / "grown", {**OLD, **another_case("27")})
    assert grown.build().ok
    for relative, text in NEW.items():
        grown.write(relative, text, raw=True)
    assert grown.build().ok
    cold = make_site(tmp_path / "cold", {**OLD, **another_case("27"), **NEW})
    assert cold.build().ok

    def search_files(site):
        """{path: bytes} of the bundles, the metadata decompressed, its bytes sorted."""
        files = {}
        for path, data in snapshot(site.output).items():
            relative = path.relative_to(site.output)
            if relative.parts[1:2] == ("pagefind",):
                meta = relative.suffix == ".pf_meta"
                files[relative] = sorted(gzip.decompress(data)) if meta else data
        return files

    assert search_files(grown) == search_files(cold)
    # The verification codes' pages show each event's place in the transparency log, which
    # keeps the order events were logged in: the case of the 17th, published after the 27th's,
    # comes after it there, and before it in a log made from nothing (README: the log).
    manifest = json.loads((grown.output / MANIFEST).read_text())
    cold_manifest = json.loads((cold.output / MANIFEST).read_text())
    assert {k: v for k, v in manifest.items() if not k.startswith("v/")} == {
        k: v for k, v in cold_manifest.items() if not k.startswith("v/")
    }
    page = routes.output_file(routes.search("fr"))  # its bundles and their weights
    assert (grown.output / page).read_bytes() == (cold.output / page).read_bytes()


def test_a_corrected_case_indexes_its_quarter_again(tmp_path):
    """What Pagefind is given of a case is kept between builds (core.memo) by the case as it
    stands: a corrected communiqué of an older quarter has that quarter indexed again."""
    site = make_site(tmp_path / "site", {**OLD, **another_case("27")})
    assert site.build().ok
    first = inodes(site)
    (original,) = (path for path in OLD if path.endswith(".ar.md"))  # sites.case_files
    for relative in OLD:  # as an officer corrects a text: a sentence and a note of it
        kind = "minor" if relative == original else None
        editing.add_update(site.content / relative, "2026-11-28T10:00", "Correction.", kind=kind)
        text = (site.content / relative).read_text(encoding="utf-8")
        site.write(relative, text.rstrip("\n") + "\n\nCorrection.\n", raw=True)
    assert site.build().ok
    assert indexed(site, first) == [(lang, "2025-q1") for lang in LANGUAGES]


def test_a_quarter_indexed_again_writes_only_its_changed_documents(tmp_path):
    """The documents Pagefind reads are kept in the cache (search.scratch): indexing a quarter
    again writes the changed communiqué's document, and a withdrawn one's leaves the quarter
    (Pagefind would index it: the build checks how many pages it indexed)."""
    site = make_site(tmp_path / "site", {**another_case("27"), **NEW, **another_case("20")})
    assert site.build().ok
    documents = tmp_path / "site" / "cache" / "search-documents" / "fr" / "2026-q4"
    names = {
        day: documents / routes.output_file(routes.communique("fr", case_id(day)))
        for day in ("17", "20", "27")
    }
    before = {day: path.stat().st_mtime_ns for day, path in names.items()}
    assert "Correction" not in names["20"].read_text(encoding="utf-8")
    for relative in another_case("20"):
        kind = "minor" if relative.endswith(".ar.md") else None
        editing.add_update(site.content / relative, "2026-11-28T10:00", "Correction.", kind=kind)
        text = (site.content / relative).read_text(encoding="utf-8")
        site.write(relative, text.rstrip("\n") + "\n\nCorrection.\n", raw=True)
    for n, relative in enumerate(sorted(NEW)):
        editing.add_withdrawal(
            site.content / relative, "Retrait.", at="2026-11-28T11:00" if n == 0 else None
        )
    assert site.build().ok
    assert names["27"].stat().st_mtime_ns == before["27"]  # unchanged: not written again
    assert "Correction" in names["20"].read_text(encoding="utf-8")
    assert not names["17"].exists()
    entry = json.loads((bundles(site, "fr") / "2026-q4" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == 2 + 1


def case_id(day):
    return f"2026-11-{day}-casablanca-robbery"
