"""Feeds: valid, complete, stable, and honest about updates and withdrawals."""

import calendar
import json
import os
import re
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import lxml.html
import pytest
import yaml
from lxml import etree

from conftest import ROOT
from sites import (
    ORIGINAL,
    TRANSLATION,
    case_files,
    codes,
    demo_codes,
    every_feed,
    extra_languages,
    feeds_of_case,
    make_site,
    noted,
    registry_text,
    withdrawn,
)

ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONES = "{http://purl.org/atompub/tombstones/1.0}"
DC = "http://purl.org/dc/elements/1.1/"
FORMATS = ("atom", "rss", "json")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARABIC = re.compile("[\u0600-\u06ff]")
SITEURL = "http://localhost:8000"
# The golden feeds of the demo's languages; with an extra one (COMMUNIQUES_TEST_LANGUAGES), those
# of that site (tests/golden/en/): each feed names every language's counterpart.
GOLDEN = ROOT.joinpath("tests", "golden", *(language["code"] for language in extra_languages()))


def feed_files(output):
    return sorted(p for p in output.glob("*/feeds/**/*") if p.suffix in (".atom", ".rss", ".json"))


def test_every_feed_of_the_contract_exists(demo_site, demo_index):
    """A feed per beat and key (feeds.beats.BEATS), in every language and format, and no
    other; the contract (docs/url-contract.md) names each beat's folder."""
    paths = every_feed(demo_index.registries)
    assert {"all", "updates", "changes", "types/search", "cities/tanger"} <= set(paths)
    langs = demo_codes()
    for lang in langs:
        for path in paths:
            for fmt in ("atom", "rss", "json"):
                assert (demo_site / lang / "feeds" / f"{path}.{fmt}").exists(), (lang, path, fmt)
    assert len(feed_files(demo_site)) == len(langs) * 3 * len(paths)


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
            assert hreflangs == set(demo_codes()), path


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


def withdrawn_ids(output):
    return [
        p.name
        for p in (output / "fr" / "communiques").iterdir()
        if b"notice-withdrawn" in (p / "index.html").read_bytes()
    ]


def test_every_entry_opens_in_the_feeds_language(demo_site):
    """What readers take as an entry's link (feedparser's `link`, JSON Feed's `url`) is the page
    in the feed's language; the translation is only a related link."""
    opened = 0
    for path in feed_files(demo_site):
        lang = path.relative_to(demo_site).parts[0]
        own = f"{SITEURL}/{lang}/"
        if path.suffix == ".json":
            links = [item["url"] for item in json.loads(path.read_bytes())["items"]]
        else:
            links = [entry.link for entry in feedparser.parse(path.read_bytes()).entries]
        assert all(link.startswith(own) for link in links), path
        opened += len(links)
    assert opened > 1000
    for path in demo_site.glob("*/feeds/**/*.atom"):
        lang = path.relative_to(demo_site).parts[0]
        for entry in etree.parse(str(path)).getroot().iter(f"{ATOM}entry"):
            alternates = entry.findall(f"{ATOM}link[@rel='alternate']")
            assert [link.get("hreflang") for link in alternates] == [lang], path
            related = entry.findall(f"{ATOM}link[@rel='related']")
            assert [link.get("hreflang") for link in related] == [{"ar": "fr", "fr": "ar"}[lang]]


def test_withdrawn_case_stays_where_it_was(demo_site, demo_index):
    """In every format the entry stays, its title marked and its text the notice (no RFC 6721
    tombstone: feedparser and newsboat ignore it); the updates feed announces the withdrawal."""
    (case_id,) = withdrawn_ids(demo_site)
    entry_id = f"tag:dgsn.gov.ma,2026:communique/{case_id}/fr"
    atom = etree.parse(str(demo_site / "fr/feeds/all.atom")).getroot()
    assert atom.findall(f".//{TOMBSTONES}deleted-entry") == []
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse((demo_site / f"fr/feeds/all.{fmt}").read_bytes())
        (item,) = [e for e in parsed.entries if e.id == entry_id]
        assert item.title.startswith("Retrait\u202f: "), fmt
        assert "Ce communiqué a été retiré le" in item.content[0].value, fmt
        assert item.link == f"{SITEURL}/fr/communiques/{case_id}/", fmt
    updates = feedparser.parse((demo_site / "fr/feeds/updates.atom").read_bytes())
    assert any(e.title.startswith("Retrait\u202f: ") and case_id in e.link for e in updates.entries)
    # Only the feeds that list the case: its beats' (all, its city, offences, type…) and the
    # logs of updates and changes.
    listing = feeds_of_case(demo_index.by_id[case_id], logs=("updates", "changes"))
    for path in feed_files(demo_site):
        if f"/communiques/{case_id}/" not in path.read_text(encoding="utf-8"):
            continue
        feed = path.relative_to(demo_site).with_suffix("").as_posix().split("/", 2)[2]
        assert feed in listing, path


def test_every_feed_names_its_own_home_page(demo_site):
    """What a library reads as the feed's link (feedparser's `feed.link`, JSON Feed's
    `home_page_url`) is the page of the feed's subject on the site: its city, its offence, the
    log of changes, the language's home; never an entry's page."""
    checked = 0
    for path in feed_files(demo_site):
        lang, _, *rest = path.relative_to(demo_site).with_suffix("").parts
        kind, key = (rest[0], None) if len(rest) == 1 else rest
        home = {"cities": f"/{lang}/cities/{key}/", "offences": f"/{lang}/offences/{key}/"}.get(
            kind, f"/{lang}/changes/" if kind == "changes" else f"/{lang}/"
        )
        if path.suffix == ".json":
            link = json.loads(path.read_text())["home_page_url"]
        else:
            link = feedparser.parse(path.read_bytes()).feed.link
        assert link == SITEURL + home, path
        checked += 1
    assert checked == len(feed_files(demo_site)) > 400


def test_no_feed_asks_a_browser_for_a_stylesheet(demo_site):
    """Browsers are removing XSLT (Chromium covers a transformed feed with a notice): a feed is
    only its XML; the feeds page is the human view."""
    for path in feed_files(demo_site):
        if path.suffix == ".json":
            continue
        root = etree.parse(str(path)).getroot()
        before = []
        node = root.getprevious()
        while node is not None:
            before.append(node)
            node = node.getprevious()
        assert before == [], (path, before)
        assert b"xml-stylesheet" not in path.read_bytes()


def test_newsboat_opens_each_entry_in_its_language(served_demo, demo_site, tmp_path):
    """Debian's newsboat, run without a terminal: it fetches a feed into its cache, whose items
    hold the link it would open, the title and the author it shows, and whose feed holds the
    link it opens for the feed. One cache per feed: newsboat keys items by their id, which a
    feed's Atom and RSS files share."""
    (tmp_path / "config").write_text("")
    (case_id,) = withdrawn_ids(demo_site)
    withdrawn = {"ar": "سحب", "fr": "Retrait"}
    # Debian 12's newsboat (2.21) reads Atom and RSS; JSON Feed came later.
    for lang, fmt in [(lang, fmt) for lang in demo_codes() for fmt in ("atom", "rss")]:
        cache = tmp_path / f"{lang}-{fmt}.db"
        (tmp_path / "urls").write_text(f"{served_demo}/{lang}/feeds/all.{fmt}\n")
        subprocess.run(
            ["newsboat", "-u", "urls", "-c", cache.name, "-C", "config", "-x", "reload"],
            cwd=tmp_path,
            check=True,
            timeout=120,
            capture_output=True,
        )
        with sqlite3.connect(cache) as db:
            items = db.execute("SELECT url, author, title FROM rss_item").fetchall()
            (feed_link,) = db.execute("SELECT url FROM rss_feed").fetchone()
        assert feed_link == f"{SITEURL}/{lang}/", (lang, fmt)
        assert len(items) >= 40, (lang, fmt)
        for url, author, _ in items:
            assert url.startswith(f"{SITEURL}/{lang}/communiques/"), (lang, fmt, url)
            assert bool(ARABIC.search(author)) == (lang == "ar"), (lang, fmt, author)
        (title,) = [title for url, _, title in items if f"/communiques/{case_id}/" in url]
        assert title.startswith(withdrawn[lang]), (lang, fmt, title)


def test_city_page_announces_its_feed(demo_site):
    doc = etree.parse(str(demo_site / "fr/cities/tanger/index.html"), etree.HTMLParser())
    hrefs = doc.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert f"{SITEURL}/fr/feeds/cities/tanger.atom" in hrefs
    assert f"{SITEURL}/fr/feeds/all.atom" in hrefs


def test_feeds_page_lists_every_feed(demo_site):
    doc = etree.parse(str(demo_site / "ar/feeds/index.html"), etree.HTMLParser())
    listed = doc.xpath("//ul[@class='feed-list']//a[@type]/@href")
    files = {"/" + p.relative_to(demo_site).as_posix() for p in demo_site.glob("ar/feeds/**/*.*")}
    files = {f for f in files if not f.endswith((".html", ".gz", ".br"))}  # not the copies
    assert sorted(listed) == sorted(files)  # each once


@pytest.mark.parametrize("lang", demo_codes())
def test_feeds_page_has_one_row_per_feed_cities_in_the_pages_order(demo_site, lang):
    """A row per feed with its three formats; the cities and offences in the alphabetical order
    of the page's language (ICU), folded; the feeds with no entry yet say so."""
    from communiques_site.bilingual.collation import sort_key
    from conftest import language

    doc = lxml.html.parse(str(demo_site / f"{lang}/feeds/index.html"))
    rows = doc.xpath("//ul[@class='feed-list']/li")
    assert len(rows) == len(list(demo_site.glob(f"{lang}/feeds/**/*.atom")))
    for row in rows:
        formats = [a.get("href").rsplit(".", 1)[1] for a in row.xpath(".//a[@type]")]
        assert formats == ["atom", "rss", "json"]
        feed = row.xpath(".//a[@type]/@href")[0]
        entries = feedparser.parse((demo_site / feed.lstrip("/")).read_bytes()).entries
        assert bool(row.xpath(".//*[@class='feed-note']")) == (not entries), feed
    key = sort_key(language(lang))
    for kind in ("cities", "offences"):
        (group,) = doc.xpath(f"//details[@id='{kind}']")
        assert group.get("open") is None  # folded: the page stays short on a phone
        names = [a.text_content() for a in group.xpath(".//a[@class='feed-title']")]
        assert len(names) > 10 and names == sorted(names, key=key), kind
    homes = doc.xpath("//details[@id='cities']//a[@class='feed-title']/@href")
    assert all(re.fullmatch(f"/{lang}/cities/[a-z-]+/", home) for home in homes)


# Small sites: golden files, stability, updates.


def small_site(tmp_path, original=ORIGINAL, translation=TRANSLATION, each=None):
    files = case_files("2026-11-27-casablanca-robbery", original, translation, each)
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


def test_empty_feed_is_valid_and_dated_by_its_registry(tmp_path):
    """A city with no case has its feeds (their addresses are promised), dated by the last
    change of the registry of cities (here not in git: its file's time), never a made-up date."""
    site = small_site(tmp_path)
    changed = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)
    os.utime(site.content / "data/cities.yaml", (changed.timestamp(), changed.timestamp()))
    assert site.build().ok
    parsed = feedparser.parse((site.output / "ar/feeds/cities/tanger.atom").read_bytes())
    assert parsed.bozo == 0 and parsed.entries == []
    assert datetime.fromisoformat(parsed.feed.updated) == changed
    rss = feedparser.parse((site.output / "ar/feeds/cities/tanger.rss").read_bytes())
    assert rss.entries == [] and calendar.timegm(rss.feed.updated_parsed) == changed.timestamp()
    assert json.loads((site.output / "ar/feeds/cities/tanger.json").read_text())["items"] == []
    # A feed with entries is dated by its newest entry, not by the registry.
    casablanca = feedparser.parse((site.output / "ar/feeds/cities/casablanca.atom").read_bytes())
    assert casablanca.feed.updated == casablanca.entries[0].updated
    # The registry changes: the empty feed's date follows, and so its file is written again.
    later = changed + timedelta(days=1)
    os.utime(site.content / "data/cities.yaml", (later.timestamp(), later.timestamp()))
    assert site.build().ok
    parsed = feedparser.parse((site.output / "ar/feeds/cities/tanger.atom").read_bytes())
    assert datetime.fromisoformat(parsed.feed.updated) == later


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
    return original, noted("2026-11-28T10:00", "Mise à jour.")


def entry_of(output, feed):
    entries = feedparser.parse((output / feed).read_bytes()).entries
    return {e.id: e for e in entries}


@pytest.mark.parametrize("kind", ["minor", "major"])
def test_every_update_bumps_updated_and_only_major_ones_are_announced(tmp_path, kind):
    """A correction changes what a reader has: its entry's `updated` moves, so that readers
    fetch it again; only a major update is an entry of the updates feed."""
    before = small_site(tmp_path / "before")
    assert before.build().ok
    original, each = update(kind, "charged" if kind == "major" else "")
    after = small_site(tmp_path / "after", original, each=each)
    assert after.build().ok
    old = entry_of(before.output, "fr/feeds/all.atom")
    new = entry_of(after.output, "fr/feeds/all.atom")
    assert list(old) == list(new)  # the entry keeps its id
    (entry_id,) = old
    assert new[entry_id].updated != old[entry_id].updated
    assert new[entry_id].updated.startswith("2026-11-28T10:00")
    updates = entry_of(after.output, "fr/feeds/updates.atom")
    if kind == "minor":
        assert updates == {}
    else:
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


def test_entries_name_their_issuing_authority_in_the_feeds_language(tmp_path):
    site = small_site(tmp_path)
    assert site.build().ok
    names = yaml.safe_load(registry_text("issuers.yaml"))["police-casablanca"]["name"]
    assert list(names) == codes()
    for lang, name in names.items():
        atom = etree.parse(str(site.output / f"{lang}/feeds/all.atom")).getroot()
        assert [e.findtext(f"{ATOM}author/{ATOM}name") for e in atom.iter(f"{ATOM}entry")] == [name]
        rss = etree.parse(str(site.output / f"{lang}/feeds/all.rss"))
        assert rss.xpath("//item/dc:creator/text()", namespaces={"dc": DC}) == [name]
        feed = json.loads((site.output / f"{lang}/feeds/all.json").read_text())
        assert [item["authors"] for item in feed["items"]] == [[{"name": name}]]


def test_categories_carry_the_same_term_and_label_in_every_format(tmp_path):
    cities = yaml.safe_load(registry_text("cities.yaml"))
    site = small_site(tmp_path)
    assert site.build().ok
    for lang in codes():
        atom = etree.parse(str(site.output / f"{lang}/feeds/all.atom")).getroot()
        categories = [
            (c.get("scheme"), c.get("term"), c.get("label")) for c in atom.iter(f"{ATOM}category")
        ]
        assert [term for _, term, _ in categories] == ["casablanca", "robbery-violence", "arrest"]
        rss = etree.parse(str(site.output / f"{lang}/feeds/all.rss"))
        assert [(c.get("domain"), c.text) for c in rss.iter("category")] == [
            (scheme, label) for scheme, _, label in categories
        ]
        (item,) = json.loads((site.output / f"{lang}/feeds/all.json").read_text())["items"]
        assert item["tags"] == [label for _, _, label in categories]
        assert [tuple(c.values()) for c in item["_categories"]] == categories
        assert categories[0][2] == cities["casablanca"]["name"][lang]


def withdrawn_after_update(case_id="2026-11-27-casablanca-robbery"):
    """A case with a major update, then withdrawn."""
    original, noted_in = update("major", "charged")
    original = original.replace(
        "    note: تحيين.\n",
        "    note: تحيين.\nwithdrawn:\n  at: 2026-11-28T11:00\n  reason: نشر عن طريق الخطأ.\n",
    )
    return case_files(case_id, original, each=lambda text: withdrawn()(noted_in(text)))


def test_a_withdrawal_shows_in_every_format_where_the_case_was(tmp_path):
    site = make_site(tmp_path, withdrawn_after_update())
    assert site.build().ok
    entry_id = "tag:dgsn.gov.ma,2026:communique/2026-11-27-casablanca-robbery/fr"
    for feed in ("all", "cities/casablanca", "offences/robbery-violence", "types/arrest"):
        atom = etree.parse(str(site.output / f"fr/feeds/{feed}.atom")).getroot()
        assert atom.findall(f".//{TOMBSTONES}deleted-entry") == [], feed
        assert atom.findtext(f"{ATOM}updated") == "2026-11-28T11:00:00+01:00"
        for fmt in ("atom", "rss"):
            text = (site.output / f"fr/feeds/{feed}.{fmt}").read_bytes()
            (item,) = feedparser.parse(text).entries
            assert item.id == entry_id
            assert (
                item.title == "Retrait\u202f: Interpellation d'un individu pour vol avec violence"
            )
            assert item.updated.startswith("2026-11-28T11:00:00") or fmt == "rss"
            content = lxml.html.fromstring(item.content[0].value).text_content()
            notice = (
                "Ce communiqué a été retiré le samedi 28 novembre 2026."
                "Motif\u202f: Publié par erreur."
            )
            # The communiqué's verification code stays (the log): it can still be checked.
            assert re.fullmatch(
                re.escape(notice) + "Code de vérification\u202f: [0-9A-Z]{4}-[0-9A-Z]{4}", content
            ), (fmt, content)
            assert item.summary == "Publié par erreur.", fmt
            assert not item.get("tags") and "where" not in item, fmt  # its facts left with it
            assert "interpellation du suspect" not in text.decode(), fmt
        (item,) = json.loads((site.output / f"fr/feeds/{feed}.json").read_text())["items"]
        assert item["title"].startswith("Retrait\u202f: ")
        assert item["_withdrawn"]["reason"] == "Publié par erreur."
        assert "interpellation du suspect" not in item["content_html"]
    tanger = (site.output / "fr/feeds/cities/tanger.atom").read_bytes()
    assert feedparser.parse(tanger).bozo == 0
    assert feedparser.parse(tanger).entries == []  # it never listed the case


def test_the_updates_feed_keeps_every_update_and_adds_the_withdrawal(tmp_path):
    site = make_site(tmp_path, withdrawn_after_update())
    assert site.build().ok
    for fmt in ("atom", "rss"):
        entries = feedparser.parse((site.output / f"fr/feeds/updates.{fmt}").read_bytes()).entries
        assert [e.title.split("\u202f: ")[0] for e in entries] == ["Retrait", "Mise à jour"], fmt
        assert entries[0].summary == "Publié par erreur."
        assert entries[1].summary.startswith("Mise à jour. (")


def test_a_withdrawn_entry_lasts_as_long_as_the_entry_would_have(tmp_path):
    """With feeds of one entry, a newer case pushes the withdrawn one out."""
    files = withdrawn_after_update()
    newer = ORIGINAL.replace("2026-11-27T18:30", "2026-11-28T08:00")
    files.update(case_files("2026-11-28-casablanca-robbery", newer, TRANSLATION))
    site = make_site(tmp_path, files)
    assert site.build(FEEDS={"size": 1}).ok
    atom = etree.parse(str(site.output / "fr/feeds/all.atom")).getroot()
    assert [e.findtext(f"{ATOM}id").split("/")[1] for e in atom.iter(f"{ATOM}entry")] == [
        "2026-11-28-casablanca-robbery"
    ]
    assert site.build(FEEDS={"size": 2}).ok
    atom = etree.parse(str(site.output / "fr/feeds/all.atom")).getroot()
    titles = [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")]
    assert len(titles) == 2 and titles[1].startswith("Retrait\u202f: ")


def test_the_log_of_changes_has_the_whole_record(tmp_path):
    """Publication, correction, major update and withdrawal: on the page and in its feed."""
    original, noted_in = update("major", "charged")
    original = original.replace(
        "    note: تحيين.\n",
        "    note: تحيين.\n  - at: 2026-11-28T10:30\n    kind: minor\n    note: تصحيح.\n"
        "withdrawn:\n  at: 2026-11-28T11:00\n  reason: خطأ.\n",
    )

    def each(text):
        return noted_in(text).replace(
            "    note: Mise à jour.\n",
            "    note: Mise à jour.\n  - at: 2026-11-28T10:30\n    note: Coquille.\n"
            "withdrawn:\n  reason: Erreur.\n",
        )

    site = small_site(tmp_path, original, each=each)
    assert site.build().ok
    page = lxml.html.parse(str(site.output / "fr/changes/index.html")).getroot()
    kinds = [li.get("class").split()[-1] for li in page.xpath("//ol[@class='changes']/li")]
    assert kinds == ["change-withdrawn", "change-correction", "change-update", "change-published"]
    notes = page.xpath("//p[@class='change-note']/text()")
    assert notes[:2] == ["Erreur.", "Coquille."]
    feed = feedparser.parse((site.output / "fr/feeds/changes.atom").read_bytes())
    assert [e.title.split(":")[0].strip() for e in feed.entries] == [
        "Retrait",
        "Correction",
        "Mise à jour",
        "Publication",
    ]
