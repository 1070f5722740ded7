"""The up-to-date key (core.uptodate): any change to an input file is seen, nothing else is."""

import os
import shutil

import pytest

from communiques_site.core import uptodate
from sites import case_files, fresh_build, make_site


@pytest.fixture
def inputs(tmp_path):
    content, theme, extra = tmp_path / "content", tmp_path / "theme", tmp_path / "extra"
    for folder, name in ((content, "communiques/2026/a.fr.md"), (theme, "t.html"), (extra, "p.py")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("one\n", encoding="utf-8")
    (extra / "__pycache__").mkdir()
    (extra / "__pycache__" / "p.pyc").write_bytes(b"0")
    return {"PATH": str(content), "THEME": str(theme), "PLUGIN_PATHS": [str(extra)]}


def test_the_key_is_the_same_when_nothing_changed(inputs, tmp_path):
    first = uptodate.key(inputs)
    (tmp_path / "extra" / "__pycache__" / "p.pyc").write_bytes(b"compiled again")
    (tmp_path / "elsewhere.md").write_text("not an input", encoding="utf-8")
    assert uptodate.key(inputs) == first


@pytest.mark.parametrize("name", ["content/communiques/2026/a.fr.md", "theme/t.html", "extra/p.py"])
@pytest.mark.parametrize("change", ["time", "size", "inode", "added", "removed"])
def test_any_change_to_an_input_file_changes_the_key(inputs, tmp_path, name, change):
    path = tmp_path / name
    before = uptodate.key(inputs)
    stat = path.stat()
    if change == "time":  # the same bytes, written again a moment later
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    elif change == "size":  # and its time put back, as a careless copy would
        path.write_text("one, two\n", encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    elif change == "inode":  # replaced by a copy with the same bytes and times
        shutil.copy2(path, path.with_suffix(".new"))
        path.with_suffix(".new").replace(path)
    elif change == "added":
        path.with_name("b.md").write_text("one\n", encoding="utf-8")
    else:
        path.unlink()
    assert uptodate.key(inputs) != before


def test_a_linked_file_is_an_input_by_its_target(inputs, tmp_path):
    target = tmp_path / "shared.yaml"
    target.write_text("one\n", encoding="utf-8")
    (tmp_path / "content" / "shared.yaml").symlink_to(target)
    before = uptodate.key(inputs)
    target.write_text("one, two\n", encoding="utf-8")
    assert uptodate.key(inputs) != before


def test_without_gnu_find_the_key_still_sees_every_change(inputs, tmp_path, monkeypatch):
    """A machine whose find has no -printf (BSD's) or none at all: Python's walk."""
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    first = uptodate.key(inputs)
    assert uptodate.key(inputs) == first
    path = tmp_path / "content" / "communiques" / "2026" / "a.fr.md"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert uptodate.key(inputs) != first


def test_a_build_that_finds_nothing_changed_does_not_import_pelican(tmp_path):
    """The key is made of the settings as their file gives them (uptodate.given): Pelican, a
    third of what "nothing changed" took at 50,000 cases, is imported only to build."""
    site = make_site(tmp_path / "site", case_files())
    settings = {"PLUGINS": ["core", "communiques", "bilingual"]}
    built = fresh_build(site, **settings)
    assert built["ok"] and not built["current"] and built["pelican"]
    again = fresh_build(site, **settings)
    assert again["ok"] and again["current"] and not again["pelican"]
    # A setting changed in the override, or in the settings file: built again.
    changed = fresh_build(site, **settings, SITEURL="https://example.org")
    assert changed["ok"] and not changed["current"]


def test_the_settings_are_those_of_the_file_with_their_folders_as_pelican_makes_them(tmp_path):
    from pelican.settings import read_settings

    conf = tmp_path / "conf" / "site.py"
    (tmp_path / "conf" / "content").mkdir(parents=True)
    conf.write_text(
        'PATH = "content"\nOUTPUT_PATH = "../out"\nTHEME = "notmyidea"\nPLUGIN_PATHS = ["p"]\n'
        'SITENAME = "x"\n',
        encoding="utf-8",
    )
    given = uptodate.given(str(conf), {"CACHE_PATH": "cache"})
    pelican = read_settings(str(conf), override={"CACHE_PATH": "cache"})
    for name in ("PATH", "OUTPUT_PATH", "CACHE_PATH", "PLUGIN_PATHS", "SITENAME"):
        assert given[name] == pelican[name], name
    assert given["THEME"] == "notmyidea"  # a theme's name: Pelican's own theme, by its version
