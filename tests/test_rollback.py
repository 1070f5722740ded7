"""invoke rollback (core.rollback): the previous publication, kept beside the live one by the
swap, is put back byte for byte, with the purge list of what that changed; refused when it
would remove a communiqué published since (the record is permanent)."""

import subprocess
import sys
from pathlib import Path

import pytest

from communiques_site.communiques.record import removed_since
from communiques_site.core import atomic, publication
from communiques_site.core.rollback import Refused, rollback
from conftest import ROOT
from sites import case_files, make_site, with_minor_update

CASE = "2026-11-27-casablanca-robbery"
OTHER = "2026-11-27-tanger-robbery"


def tree(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def updated(site):
    for path, text in with_minor_update(CASE).items():
        site.write(path, text, raw=True)
    assert site.build().ok


def test_rollback_puts_the_previous_publication_back_byte_for_byte(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    first = tree(site.output)
    updated(site)
    second = tree(site.output)
    assert second != first
    changed = {name for name in set(first) | set(second) if first.get(name) != second.get(name)}
    # Published in place: what the publication replaced or deleted is kept, as it was.
    kept = tree(atomic.kept(site.output))
    assert {name for name in changed if name in first} <= set(kept)
    assert all(first[name] == data for name, data in kept.items())

    steps = rollback(str(site.output), removed_since)
    assert tree(site.output) == first
    assert {name for _, name in steps} == changed
    listed = Path(publication.purge_list(str(site.output))).read_text(encoding="utf-8").split()
    assert f"/fr/communiques/{CASE}/" in listed and listed == publication.urls(steps)
    assert {name for _, name in rollback(str(site.output), removed_since)} == changed
    assert tree(site.output) == second  # a second rollback undoes the first
    rollback(str(site.output), removed_since)
    assert tree(site.output) == first


def test_rollback_of_a_whole_tree_swap(tmp_path):
    """A forced build swaps a whole tree in and keeps the one it replaced; a rollback puts it
    back, and a second one undoes the first."""
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    first = tree(site.output)
    for path, text in with_minor_update(CASE).items():
        site.write(path, text, raw=True)
    assert site.build(force=True).ok
    second = tree(site.output)
    assert tree(atomic.kept(site.output)) == first  # the whole tree it replaced

    rollback(str(site.output), removed_since)
    assert tree(site.output) == first
    rollback(str(site.output), removed_since)
    assert tree(site.output) == second


def test_rollback_is_refused_past_the_publication_of_a_communique(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    for path, text in case_files(OTHER).items():
        site.write(path, text.replace("casablanca", "tanger"), raw=True)
    assert site.build().ok
    live = tree(site.output)
    with pytest.raises(Refused) as refused:
        rollback(str(site.output), removed_since)
    assert str(refused.value) == (
        f"rolling back would remove 1 communiqué published since ({OTHER}); the record is "
        "permanent: publish a correction (invoke update) or a withdrawal (invoke withdraw) "
        "instead"
    )
    assert tree(site.output) == live
    # The task says it in one sentence, and exits 1.
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "rollback", "--output", str(site.output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"Not rolled back: {refused.value}."
    assert tree(site.output) == live
