"""The statistics' files and pages are made again only when what they are made from changed,
and a build that reuses them gives the same bytes as a build from nothing."""

import shutil

from communiques_site.core import routes
from sites import ORIGINAL, case_files, codes, make_site, written

TANGER = "2026-11-26-tanger-theft"
TANGER_ORIGINAL = (
    ORIGINAL.replace("casablanca", "tanger")
    .replace("2026-11-27T18:30", "2026-11-26T23:30")
    .replace("2026-11-27T10:00", "2026-11-26T10:00")
)
# What a case in Tangier changes: the country's files and pages, and Tangier's file.
NATIONAL = {
    "data/communiques.csv",
    "data/communiques.json",
    "data/case_offences.csv",
    "data/fact_changes.csv",
    "data/withdrawn.csv",
    "data/communiques.xlsx",
    "data/stats.json",
    *(
        routes.output_file(route(lang))
        for route in (routes.stats, routes.opendata)
        for lang in codes()
    ),
}


def stats_files(output):
    """{path under the output folder: path} of every file and page the statistics make."""
    names = {
        path.relative_to(output).as_posix()
        for path in (output / "data").rglob("*")
        if path.suffix
        not in (".gz", ".br")  # plugins/communiques_site/compress's copies, not the statistics'
    }
    names |= {name for name in NATIONAL if not name.startswith("data/")}
    return {name: output / name for name in sorted(names) if (output / name).is_file()}


def inodes(output):
    return {name: path.stat().st_ino for name, path in stats_files(output).items()}


def contents(output):
    return {name: path.read_bytes() for name, path in stats_files(output).items()}


def test_files_are_reused_made_again_and_the_same_as_from_nothing(tmp_path):
    site = make_site(tmp_path / "site", case_files())
    assert site.build().ok
    first = inodes(site.output)
    assert "data/cities/tanger.csv" in first and "data/communiques.xlsx" in first

    assert site.build().ok  # nothing changed: every file is the published one
    assert inodes(site.output) == first

    for relative, text in case_files(TANGER, TANGER_ORIGINAL).items():
        site.write(relative, text, raw=True)
    with written() as staged:
        assert site.build().ok
    after = inodes(site.output)
    assert after.keys() == first.keys()
    made = {name for name in staged if name in first}
    assert made == NATIONAL | {"data/cities/tanger.csv"}
    # Of what was made again, only the files whose bytes changed went out (core.inplace).
    changed = {name for name in first if after[name] != first[name]}
    assert "data/communiques.csv" in changed and changed <= made
    assert TANGER in (site.output / "data/cities/tanger.csv").read_text(encoding="utf-8")

    fresh = make_site(tmp_path / "fresh", registries=False, pages=False)
    shutil.copytree(site.content, fresh.content)
    assert fresh.build().ok
    assert contents(fresh.output) == contents(site.output)
