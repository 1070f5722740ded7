"""The open data's large files are assembled from monthly parts kept in the cache folder
(stats/parts.py): a publication makes again the month it changes, renumbers the workbook rows
of the months after a case that came or went, and gives the bytes of a build from nothing."""

import gzip
import io
import shutil
import zipfile
import zlib

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from communiques_site.communiques import editing
from communiques_site.core.deflate import Deflated
from communiques_site.stats.parts import FOLDER
from sites import make_site, translation_files
from test_incremental import case_path, other_case

PLUGINS = ["core", "communiques", "stats", "compress"]
SEPTEMBER = "2026-09-10-tanger-theft"
OCTOBER = "2026-10-12-casablanca-theft"
# The large files and their gzip copies (made of the parts' compression, core.deflate).
LARGE = ["communiques.csv", "communiques.json", "case_offences.csv", "communiques.xlsx"]


def three_months():
    files = other_case(SEPTEMBER, "tanger", "2026-09-10T12:00", "2026-09-10T09:00")
    files.update(other_case(OCTOBER, "casablanca", "2026-10-12T12:00", "2026-10-12T09:00"))
    files.update(
        other_case("2026-11-20-tanger-fight", "tanger", "2026-11-20T12:00", "2026-11-20T09:00")
    )
    return files


def data_files(output):
    """Every file of /data/ and its copies, by name."""
    data = output / "data"
    return {
        str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()
    }


def from_nothing(site, tmp_path):
    fresh = make_site(tmp_path / "fresh", registries=False, pages=False)
    shutil.rmtree(fresh.root, ignore_errors=True)
    shutil.copytree(site.content, fresh.content)
    result = fresh.build(PLUGINS=PLUGINS)
    assert result.ok, result.problems
    return data_files(fresh.output)


def kept(site):
    """{part file: (inode, time written)} of the cache folder's parts."""
    folder = site.root / "cache" / FOLDER
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def workbook_ids(output):
    book = openpyxl.load_workbook(output / "data" / "communiques.xlsx", read_only=True)
    rows = list(book["communiques"].iter_rows(values_only=True))
    return [row[0] for row in rows[1:]]


def test_each_change_gives_the_files_of_a_build_from_nothing(tmp_path):
    site = make_site(tmp_path / "site", three_months())
    assert site.build(PLUGINS=PLUGINS).ok
    assert {"2026-09.pickle", "2026-10.pickle", "2026-11.pickle"} <= set(kept(site))

    def publish_and_compare():
        result = site.build(PLUGINS=PLUGINS)
        assert result.ok, result.problems
        mine = data_files(site.output)
        assert mine == from_nothing(site, tmp_path)
        copies = [name for name in LARGE if name + ".gz" in mine]
        assert "communiques.json" in copies  # the small files have none (compress)
        for name in copies:
            assert gzip.decompress(mine[name + ".gz"]) == mine[name], name
        with zipfile.ZipFile(io.BytesIO(mine["communiques.xlsx"])) as archive:
            assert archive.testzip() is None

    # Before September's case: every later month's workbook rows move down one.
    late = "2026-09-01-casablanca-robbery"
    for path, text in other_case(
        late, "casablanca", "2026-09-01T12:00", "2026-09-01T09:00"
    ).items():
        site.write(path, text, raw=True)
    publish_and_compare()
    assert workbook_ids(site.output) == [late, SEPTEMBER, OCTOBER, "2026-11-20-tanger-fight"]

    # October's case corrected: its month alone is made again.
    editing.add_update(case_path(site, OCTOBER, "ar"), "2026-11-28T10:00", "تصحيح.", kind="minor")
    for path in translation_files(site, OCTOBER):
        editing.add_update(path, "2026-11-28T10:00", "Correction.")
    publish_and_compare()

    # September's first case withdrawn: the later rows move up again.
    editing.add_withdrawal(case_path(site, late, "ar"), "نشر عن طريق الخطأ.", "2026-11-28T11:00")
    for path in translation_files(site, late):
        editing.add_withdrawal(path, "Publié par erreur.")
    publish_and_compare()
    assert workbook_ids(site.output) == [SEPTEMBER, OCTOBER, "2026-11-20-tanger-fight"]


def test_a_publication_makes_again_the_months_it_changes(tmp_path):
    site = make_site(tmp_path / "site", three_months())
    assert site.build(PLUGINS=PLUGINS).ok
    before = kept(site)

    new = "2026-11-27-casablanca-robbery"
    for path, text in other_case(new, "casablanca", "2026-11-27T12:00", "2026-11-27T09:00").items():
        site.write(path, text, raw=True)
    assert site.build(PLUGINS=PLUGINS).ok
    after = kept(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"2026-11.pickle", "2026-11.rows.pickle"}

    # A case in September: October's and November's rows are renumbered from the rows they
    # kept, not serialised again.
    late = "2026-09-01-casablanca-robbery"
    for path, text in other_case(
        late, "casablanca", "2026-09-01T12:00", "2026-09-01T09:00"
    ).items():
        site.write(path, text, raw=True)
    assert site.build(PLUGINS=PLUGINS).ok
    last = kept(site)
    changed = {name for name in last if last[name] != after.get(name)}
    assert changed == {
        "2026-09.pickle",
        "2026-09.rows.pickle",
        "2026-10.pickle",
        "2026-11.pickle",
    }

    # A month with no case listed any more (its one case withdrawn): its parts go.
    editing.add_withdrawal(case_path(site, OCTOBER, "ar"), "نشر عن طريق الخطأ.", "2026-11-28T11:00")
    for path in translation_files(site, OCTOBER):
        editing.add_withdrawal(path, "Publié par erreur.")
    assert site.build(PLUGINS=PLUGINS).ok
    assert not any(name.startswith("2026-10") for name in kept(site))


@given(st.lists(st.binary(max_size=3000), max_size=8))
def test_pieces_compressed_apart_are_one_stream(chunks):
    deflated = Deflated((chunk, None) for chunk in chunks)
    whole = b"".join(chunks)
    assert gzip.decompress(deflated.gzip()) == whole
    assert zlib.decompress(deflated.stream(), -15) == whole
    assert deflated.crc == zlib.crc32(whole) and deflated.size == len(whole)
