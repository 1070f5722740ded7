"""Publication in place (core.inplace): a build stages only what it writes and renames each
changed file into the live tree in the order of core.publication.plan. No internal link of the
live tree points at a missing file at any moment, a publication stopped half-way is completed
by the next run, and the live tree is then the build from nothing of the same content."""

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

import webserver
from communiques_site.core import atomic, inplace, publication
from conftest import ROOT
from sites import make_site
from test_incremental import (
    PLUGINS,
    assert_same_trees,
    cold_build,
    corrected_body,
    new_case,
    three_cases,
    withdrawal,
)

SITEURL = "http://localhost:8000"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def internal(page_url: str, link: str) -> str | None:
    """The path a link of the page at `page_url` leads to on this site, None for elsewhere."""
    if link.startswith(SITEURL):
        link = link[len(SITEURL) :] or "/"
    if link.startswith(("//", "#", "mailto:", "tel:", "data:", "javascript:")) or "://" in link:
        return None
    path = urllib.parse.urljoin(page_url, urllib.parse.urlsplit(link).path)
    return urllib.parse.unquote(path)


def target(root: Path, path: str) -> Path:
    found = root / path.lstrip("/")
    return found / "index.html" if path.endswith("/") else found


class Checker:
    """A reader of the tree `root` who starts at every page published before (`entries`: a
    reader may hold any of their addresses) and follows every internal link: the links that
    lead to a missing file. A page a publication adds is reached only through a link."""

    def __init__(self, root: Path):
        self.root = root
        self.seen: dict[tuple, list[str]] = {}
        self.entries = self.pages()

    def pages(self) -> list[str]:
        return ["/" + page.relative_to(self.root).as_posix() for page in self.root.rglob("*.html")]

    def links(self, page: Path) -> list[str]:
        try:
            stat = page.stat()
            key = (str(page), stat.st_ino, stat.st_mtime_ns)
            if key not in self.seen:
                parser = Links()
                parser.feed(page.read_text(encoding="utf-8"))
                self.seen[key] = parser.found
        except FileNotFoundError:
            return []  # a published page deleted: a deletion is not a broken link
        return self.seen[key]

    def broken(self) -> list[str]:
        found, queue, visited = [], list(self.entries), set(self.entries)
        while queue:
            url = queue.pop()
            for link in self.links(target(self.root, url)):
                path = internal(url, link)
                if path is None:
                    continue
                if not os.path.lexists(target(self.root, path)):
                    found.append(f"{url} -> {link}")
                elif (path.endswith(("/", ".html"))) and path not in visited:
                    visited.add(path)
                    queue.append(path)
        return found


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path / "site", three_cases())
    site.settings = {"PLUGINS": PLUGINS, "BILINGUAL": {"page_size": 2}}
    assert site.build(**site.settings).ok
    return site


def publish_watched(site, checker, change):
    """Publish `change`, checking every link of the live tree after each rename; the broken
    links seen, and the number of steps."""
    seen, steps = [], []

    def watch(action, path):
        steps.append(path)
        seen.extend(f"after {action} {path}: {broken}" for broken in checker.broken())

    change(site)
    checker.entries = checker.pages()
    inplace.watchers.append(watch)
    try:
        result = site.build(**site.settings)
    finally:
        inplace.watchers.remove(watch)
    assert result.ok, result.problems
    return seen, steps


SCENARIOS = [new_case, corrected_body, withdrawal]


def test_no_link_is_ever_broken_while_publications_go_out(site):
    checker = Checker(site.output)
    assert checker.broken() == []
    for change in SCENARIOS:
        seen, steps = publish_watched(site, checker, change)
        assert steps, change.__name__  # published in place, step by step
        assert seen == [], change.__name__


def test_listings_before_their_targets_would_show_broken_links(site, monkeypatch):
    """The check above can fail: with the puts in the reverse order, the new communiqué is
    listed before its page is there."""
    plan = publication.plan

    def reversed_puts(previous, new):
        steps = plan(previous, new)
        puts = [step for step in steps if step[0] == "put"]
        return puts[::-1] + [step for step in steps if step[0] != "put"]

    monkeypatch.setattr(publication, "plan", reversed_puts)
    seen, _ = publish_watched(site, Checker(site.output), new_case)
    assert any("/communiques/2026-11-28-casablanca-theft/" in line for line in seen), seen


def test_a_reader_follows_every_link_through_a_server_while_publications_run(site, tmp_path):
    """Through nginx (tests/webserver.py), in a loop, while three publications run: every page
    the server lists answers, and every internal link of it answers too."""
    broken, rounds, done = [], [0], threading.Event()
    entries = Checker(site.output).entries  # and every page reached from them

    def status(base, path):
        try:
            with urllib.request.urlopen(base + urllib.parse.quote(path), timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    def read_all(base):
        while not done.is_set():
            answered = {}  # each address asked once a round
            queue = list(entries)
            visited = set(queue)
            while queue:
                url = queue.pop()
                code, body = status(base, url)
                if code == 404:
                    continue  # a published page deleted
                parser = Links()
                parser.feed(body.decode("utf-8"))
                for link in parser.found:
                    path = internal(url, link)
                    if path is None:
                        continue
                    if path not in answered:
                        answered[path] = status(base, path)[0]
                    if answered[path] != 200:
                        broken.append(f"{url} -> {link}: {answered[path]}")
                    elif path.endswith(("/", ".html")) and path not in visited:
                        visited.add(path)
                        queue.append(path)
            rounds[0] += 1

    with webserver.serve(site.output, tmp_path / "nginx") as base:
        reader = threading.Thread(target=read_all, args=(base,))
        reader.start()
        try:
            for change in SCENARIOS:
                change(site)
                assert site.build(**site.settings).ok
        finally:
            done.set()
            reader.join()
    assert rounds[0] > 0 and broken == []


CRASH = """
import os, sys
sys.path.insert(0, {tests!r})
from communiques_site.core import inplace
from sites import Site
from pathlib import Path
count = []
def crash(action, path):
    count.append(path)
    if len(count) == {after}:
        os._exit(9)  # the process dies between two renames
inplace.watchers.append(crash)
site = Site(Path({root!r}))
site.build(**{settings!r})
"""


def crashed_build(site, after):
    script = CRASH.format(
        tests=str(ROOT / "tests"),
        after=after,
        root=str(site.root),
        settings=site.settings,
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr


def test_a_publication_stopped_between_two_renames_is_completed_by_the_next_run(site, tmp_path):
    new_case(site)
    crashed_build(site, after=3)
    assert inplace.journal(site.output).exists()
    half = Checker(site.output)
    assert half.broken() == []  # half-published, but in order
    result = site.build(**site.settings)
    assert result.ok and result.current  # completed from the journal: the inputs are built
    assert not inplace.journal(site.output).exists()
    assert not list(site.output.parent.glob("output.staging-*"))
    assert_same_trees(site.output, cold_build(site, tmp_path))


def test_a_failed_build_changes_nothing_live(site):
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    site.write("communiques/2026/2026-11-29-oops.fr.md", "---\nid: nothing\n---\n", raw=True)
    result = site.build(**site.settings)
    assert not result.ok
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before
    assert not inplace.journal(site.output).exists()
    assert not list(site.output.parent.glob("output.staging-*"))


def test_a_publication_stages_only_what_it_writes_and_force_swaps_the_whole_tree(site):
    live = {p: p.stat().st_ino for p in site.output.rglob("*") if p.is_file()}
    new_case(site)
    result = site.build(**site.settings)
    assert result.ok
    after = {p: p.stat().st_ino for p in site.output.rglob("*") if p.is_file()}
    replaced = [p for p in live if p in after and after[p] != live[p]]
    assert 0 < len(replaced) < len(live) / 2
    # The replaced files are kept for a rollback, not a whole tree.
    kept = atomic.kept(site.output)
    assert sum(1 for p in kept.rglob("*") if p.is_file()) < len(live) / 2
    forced = site.build(force=True, **site.settings)
    assert forced.ok
    # Forced: a whole new tree swapped in, the one it replaced kept whole.
    assert sum(1 for p in kept.rglob("*") if p.is_file()) == len(after)


def test_the_purge_list_names_each_address_once_in_the_order_of_publication():
    steps = [
        ("put", "fr/communiques/a/index.html.br"),
        ("put", "fr/communiques/a/index.html.gz"),
        ("put", "fr/communiques/a/index.html"),
        ("put", ".build-manifest.json"),
        ("put", "index.html"),
        ("delete", "fr/feeds/old.atom"),
    ]
    assert publication.urls(steps) == [
        "/fr/communiques/a/index.html",
        "/fr/communiques/a/",
        "/index.html",
        "/",
        "/fr/feeds/old.atom",
    ]


def test_the_inventory_describes_the_live_tree_after_each_publication(tmp_path):
    """The inventory a publication in place writes is merged from the published one (the files
    it kept, their compressed copies with them) and the files it staged: after each kind of
    publication it is what reading the whole live tree finds (`invoke check-site`), files gone
    included (a withdrawn communiqué's images)."""
    site = make_site(tmp_path / "site", three_cases())
    site.settings = {
        "PLUGINS": [*PLUGINS, "share", "compress"],
        "BILINGUAL": {"page_size": 2},
        "SHARE": {"workers": 1},
    }
    assert site.build(**site.settings).ok
    names = set(publication.read(str(site.output)))
    assert any(name.endswith(".png") for name in names)
    assert any(name.endswith(".br") for name in names)
    for change in SCENARIOS:
        before = set(publication.read(str(site.output)))
        change(site)
        assert site.build(**site.settings).ok
        assert publication.differences(str(site.output)) == ([], [], []), change.__name__
        after = set(publication.read(str(site.output)))
        assert before != after, change.__name__
    # The withdrawal took the images of its communiqué, and its log entry the partial tiles.
    gone = before - after
    images = {name for name in gone if "/2026-11-20-tanger-fight/" in name}
    assert {name.rsplit("/", 1)[1] for name in images} == {"card.png", "communique-1.png"}
    assert all(".p/" in name for name in gone - images), gone
