"""Feeds: valid, complete, stable, and honest about updates and withdrawals."""

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from conftest import ROOT
from sites import ORIGINAL, TRANSLATION, case_files, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARABIC = re.compile("[\u0600-\u06ff]")
SITEURL = "http://localhost:8000"
GOLDEN = ROOT / "tests" / "golden"


def feed_files(output):
    return sorted(p for p in output.glob("*/feeds/**/*") if p.suffix in (".atom", ".rss", ".json"))


def test_every_feed_of_the_contract_exists(demo_site):
    cities = [p.name for p in (demo_site / "fr" / "cities").iterdir() if p.is_dir()]
    offences = [p.name for p in (demo_site / "fr" / "offences").iterdir() if p.is_dir()]
    for lang in ("ar", "fr"):
        paths = ["all", "updates", *(f"types/{t}" for t in ("arrest", "clarification", "search"))]
        paths += [f"cities/{c}" for c in cities] + [f"offences/{o}" for o in offences]
        for path in paths:
            for fmt in ("atom", "rss", "json"):
                assert (demo_site / lang / "feeds" / f"{path}.{fmt}").exists(), (lang, path, fmt)
    assert len(feed_files(demo_site)) == 2 * 3 * (5 + len(cities) + len(offences))


def test_every_feed_parses_without_error(demo_site):
    for path in feed_files(demo_site):
        if path.suffix == ".json":
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))


def test_atom_feeds_are_structurally_valid(demo_site):
    for path in demo_site.glob("*/feeds/**/*.atom"):
        root = etree.parse(str(path)).getroot()
        url = SITEURL + "/" + path.relative_to(demo_site).as_posix()
        assert root.get(XML_LANG) == path.relative_to(demo_site).parts[0]
        assert [link.get("href") for link in root.findall(f"{ATOM}link[@rel='self']")] == [url]
        assert len(root.findall(f"{ATOM}updated")) == 1
        assert root.findtext(f"{ATOM}id").startswith("tag:")
        ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
        assert len(ids) == len(set(ids)), path
        for entry in root.iter(f"{ATOM}entry"):
            assert len(entry.findall(f"{ATOM}updated")) == 1
            assert entry.findtext(f"{ATOM}id").startswith("tag:")
            hreflangs = {link.get("hreflang") for link in entry.findall(f"{ATOM}link")}
            assert hreflangs == {"ar", "fr"}, path


def test_json_feeds_follow_json_feed_1_1(demo_site):
    """The spec's required members and types (https://jsonfeed.org/version/1.1)."""
    for path in demo_site.glob("*/feeds/**/*.json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(feed["title"], str) and feed["title"]
        assert feed["feed_url"] == SITEURL + "/" + path.relative_to(demo_site).as_posix()
        assert feed["language"] == path.relative_to(demo_site).parts[0]
        assert isinstance(feed["items"], list)
        for item in feed["items"]:
            assert isinstance(item["id"], str) and item["id"].startswith("tag:")
            assert "content_html" in item or "content_text" in item
            assert set(item) <= {
                "id",
                "url",
                "external_url",
                "title",
                "content_html",
                "content_text",
                "summary",
                "image",
                "banner_image",
                "date_published",
                "date_modified",
                "authors",
                "tags",
                "language",
                "attachments",
            } | {key for key in item if key.startswith("_")}
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids))


def test_each_language_feed_speaks_its_language(demo_site):
    ar = feedparser.parse((demo_site / "ar/feeds/all.atom").read_bytes())
    fr = feedparser.parse((demo_site / "fr/feeds/all.atom").read_bytes())
    assert ARABIC.search(ar.entries[0].title)
    assert not ARABIC.search(fr.entries[0].title)
    assert etree.parse(str(demo_site / "ar/feeds/all.atom")).getroot().get(XML_LANG) == "ar"
    assert etree.parse(str(demo_site / "fr/feeds/all.rss")).findtext("channel/language") == "fr"
    assert 'dir="rtl"' in ar.entries[0].content[0].value


def test_withdrawn_case_is_only_in_the_updates_feed(demo_site):
    withdrawn = [
        p.name
        for p in (demo_site / "fr" / "communiques").iterdir()
        if b"notice-withdrawn" in (p / "index.html").read_bytes()
    ]
    assert withdrawn
    for path in feed_files(demo_site):
        text = path.read_text(encoding="utf-8")
        for case_id in withdrawn:
            mentioned = f"/communiques/{case_id}/" in text
            assert mentioned == (path.stem == "updates"), (path, case_id)
    updates = feedparser.parse((demo_site / "fr/feeds/updates.atom").read_bytes())
    entry = next(e for e in updates.entries if withdrawn[0] in e.link)
    assert entry.title.startswith("Retrait")


def test_city_page_announces_its_feed(demo_site):
    doc = etree.parse(str(demo_site / "fr/cities/tanger/index.html"), etree.HTMLParser())
    hrefs = doc.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert f"{SITEURL}/fr/feeds/cities/tanger.atom" in hrefs
    assert f"{SITEURL}/fr/feeds/all.atom" in hrefs


def test_feeds_page_lists_every_feed(demo_site):
    doc = etree.parse(str(demo_site / "ar/feeds/index.html"), etree.HTMLParser())
    listed = set(doc.xpath("//ul[@class='feed-list']//a/@href"))
    files = {"/" + p.relative_to(demo_site).as_posix() for p in demo_site.glob("ar/feeds/**/*.*")}
    files = {f for f in files if not f.endswith(".html")}
    assert listed == files


# Small sites: golden files, stability, updates.


def small_site(tmp_path, original=ORIGINAL, translation=TRANSLATION):
    files = case_files("2026-11-27-casablanca-robbery", original, translation)
    return make_site(tmp_path, files)


def feed_bytes(output):
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in feed_files(output)}


def test_golden_city_feeds(tmp_path):
    """One small city feed in each format, exactly; regenerate with `invoke golden`."""
    site = small_site(tmp_path)
    assert site.build().ok
    for fmt in ("atom", "rss", "json"):
        built = (site.output / f"fr/feeds/cities/casablanca.{fmt}").read_bytes()
        assert built == (GOLDEN / f"casablanca.fr.{fmt}").read_bytes(), fmt


def test_empty_feed_is_valid(tmp_path):
    site = small_site(tmp_path)
    assert site.build().ok
    parsed = feedparser.parse((site.output / "ar/feeds/cities/tanger.atom").read_bytes())
    assert parsed.bozo == 0 and parsed.entries == []
    assert json.loads((site.output / "ar/feeds/cities/tanger.json").read_text())["items"] == []


def test_two_builds_give_byte_identical_feeds(tmp_path):
    site = small_site(tmp_path)
    assert site.build().ok
    first = feed_bytes(site.output)
    assert site.build().ok
    assert feed_bytes(site.output) == first


def update(kind, status=""):
    status_line = f"    status: {status}\n" if status else ""
    original = ORIGINAL.replace(
        "status: referred-to-prosecutor",
        "status: referred-to-prosecutor\nupdates:\n  - at: 2026-11-28T10:00\n"
        f"    kind: {kind}\n{status_line}    note: تحيين.",
    )
    translation = TRANSLATION.replace(
        "translation_of: ar",
        "translation_of: ar\nupdates:\n  - at: 2026-11-28T10:00\n    note: Mise à jour.",
    )
    return original, translation


def entry_of(output, feed):
    entries = feedparser.parse((output / feed).read_bytes()).entries
    return {e.id: e for e in entries}


@pytest.mark.parametrize("kind", ["minor", "major"])
def test_updates_change_updated_only_when_major(tmp_path, kind):
    before = small_site(tmp_path / "before")
    assert before.build().ok
    after = small_site(tmp_path / "after", *update(kind, "charged" if kind == "major" else ""))
    assert after.build().ok
    old = entry_of(before.output, "fr/feeds/all.atom")
    new = entry_of(after.output, "fr/feeds/all.atom")
    assert list(old) == list(new)  # the entry keeps its id
    (entry_id,) = old
    updates = entry_of(after.output, "fr/feeds/updates.atom")
    if kind == "minor":
        assert new[entry_id].updated == old[entry_id].updated
        assert updates == {}
    else:
        assert new[entry_id].updated != old[entry_id].updated
        assert new[entry_id].updated.startswith("2026-11-28T10:00")
        (update_entry,) = updates.values()
        assert update_entry.title.startswith("Mise à jour")
        assert "Mise à jour." in update_entry.summary


def test_feed_entry_ids_come_from_the_case_id_and_language(tmp_path):
    site = small_site(tmp_path)
    assert site.build().ok
    ids = list(entry_of(site.output, "ar/feeds/all.atom"))
    assert ids == ["tag:dgsn.gov.ma,2026:communique/2026-11-27-casablanca-robbery/ar"]


def test_feeds_name_their_hubs(tmp_path):
    site = small_site(tmp_path)
    assert site.build(FEEDS={"hubs": ["https://hub.example.org/"]}).ok
    atom = etree.parse(str(site.output / "fr/feeds/all.atom")).getroot()
    assert atom.xpath("a:link[@rel='hub']/@href", namespaces={"a": ATOM[1:-1]}) == [
        "https://hub.example.org/"
    ]
    rss = etree.parse(str(site.output / "fr/feeds/all.rss"))
    assert rss.xpath("//channel/a:link[@rel='hub']/@href", namespaces={"a": ATOM[1:-1]}) == [
        "https://hub.example.org/"
    ]
    feed = json.loads((site.output / "fr/feeds/all.json").read_text())
    assert feed["hubs"] == [{"type": "WebSub", "url": "https://hub.example.org/"}]


def regenerate_golden(target=GOLDEN):
    """Build the small site and store its Casablanca feeds as the golden files."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        site = small_site(Path(folder))
        assert site.build().ok
        target.mkdir(parents=True, exist_ok=True)
        for fmt in ("atom", "rss", "json"):
            data = (site.output / f"fr/feeds/cities/casablanca.{fmt}").read_bytes()
            (target / f"casablanca.fr.{fmt}").write_bytes(data)
