"""Feeds are taken from the published site when their entries have not changed: a build's work
on feeds grows with what changed, and an incremental build writes what a build from nothing
of the same content writes."""

import feedparser

from sites import (
    ORIGINAL,
    TRANSLATION,
    case_files,
    feeds_of_case,
    make_site,
    read_index,
    words,
)
from test_feeds import feed_bytes, feed_files, update, withdrawn_after_update

CASA = "2026-11-27-casablanca-robbery"
TANGER = "2026-11-26-tanger-robbery"


def tanger_case(case_id=TANGER, published="2026-11-26T23:30"):
    original = (
        ORIGINAL.replace("casablanca", "tanger")
        .replace("2026-11-27T18:30", published)
        .replace("2026-11-27T10:00", "2026-11-26T10:00")
    )
    return case_files(case_id, original, TRANSLATION)


def inodes(output):
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in feed_files(output)}


def ids(output, feed):
    return [e.id.split(":", 2)[2] for e in feedparser.parse((output / feed).read_bytes()).entries]


def test_nothing_changed_every_feed_is_the_published_one(tmp_path):
    site = make_site(tmp_path, {**case_files(CASA), **tanger_case()})
    assert site.build().ok
    before = inodes(site.output)
    page = (site.output / "fr/feeds/index.html").stat().st_ino
    assert site.build().ok
    assert inodes(site.output) == before
    assert (site.output / "fr/feeds/index.html").stat().st_ino == page


def test_a_new_case_rewrites_only_the_feeds_of_its_beats(tmp_path):
    site = make_site(tmp_path, {**case_files(CASA), **tanger_case()})
    assert site.build().ok
    before = inodes(site.output)
    new = "2026-11-28-tanger-robbery"
    for path, text in tanger_case(new, "2026-11-28T08:00").items():
        site.write(path, text, raw=True)
    assert site.build().ok
    after = inodes(site.output)
    changed = {name.rsplit(".", 1)[0] for name in after if after[name] != before[name]}
    # The feeds of the beats that list the new case (beats.of_case) and the log of changes.
    (case,) = [c for c in read_index(site.content, tmp_path).cases if c.id == new]
    beats = feeds_of_case(case)
    assert {"all", "changes", "cities/tanger", "types/arrest"} <= set(beats)
    langs = [language.code for language in words().languages]
    assert changed == {f"{lang}/feeds/{beat}" for lang in langs for beat in beats}
    for lang in langs:
        assert ids(site.output, f"{lang}/feeds/cities/tanger.atom") == [
            f"communique/{new}/{lang}",
            f"communique/{TANGER}/{lang}",
        ]
        assert ids(site.output, f"{lang}/feeds/all.rss")[0] == f"communique/{new}/{lang}"
        assert ids(site.output, f"{lang}/feeds/cities/casablanca.atom") == [
            f"communique/{CASA}/{lang}"
        ]


def test_an_incremental_build_writes_the_feeds_of_a_build_from_nothing(tmp_path):
    """Step by step: an update, a withdrawal, then a newer case that pushes the withdrawn one
    out of feeds of two entries; after each, the same feeds as a fresh build's."""
    files = {**case_files(CASA), **tanger_case()}
    site = make_site(tmp_path / "incremental", files)
    settings = {"FEEDS": {"size": 2}}
    assert site.build(**settings).ok
    original, noted_in = update("major", "charged")
    steps = [
        case_files(CASA, original, each=noted_in),
        withdrawn_after_update(CASA),
        tanger_case("2026-11-28-tanger-robbery", "2026-11-28T08:00"),
        tanger_case("2026-11-28-tanger-theft", "2026-11-28T09:00"),
    ]
    for number, step in enumerate(steps):
        files.update(step)
        for path, text in step.items():
            site.write(path, text, raw=True)
        assert site.build(**settings).ok
        fresh = make_site(tmp_path / f"fresh{number}", files)
        assert fresh.build(**settings).ok
        assert feed_bytes(site.output) == feed_bytes(fresh.output), number
        page = "fr/feeds/index.html"
        assert (site.output / page).read_bytes() == (fresh.output / page).read_bytes()
    # The last step left the withdrawn case out of every feed of two entries but its city's.
    assert ids(site.output, "fr/feeds/all.atom") == [
        "communique/2026-11-28-tanger-theft/fr",
        "communique/2026-11-28-tanger-robbery/fr",
    ]
    titles = [
        e.title for e in feedparser.parse(site.output / "fr/feeds/cities/casablanca.atom").entries
    ]
    assert titles[-1].startswith("Retrait\u202f: ")
