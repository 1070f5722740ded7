"""Atom and RSS 2.0 with feedgen; JSON Feed 1.1 as the plain JSON document it is.

The JSON Feed writer is our own: feedgen does not write it, and the one PyPI package that does
(jsonfeed-util) is a young single-maintainer project for what is a dict and json.dumps.
Everything here is deterministic (no build time inside), so that an unchanged feed is
byte-identical from one build to the next and WebSub pings fire only on real change.
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypedDict

from feedgen.feed import FeedGenerator
from lxml import etree

from .entries import Entry


class Meta(TypedDict):
    """What a feed says of itself, the same in its three formats."""

    id: str
    title: str
    description: str
    lang: str
    author: str
    rights: str
    self: str  # the feed's URL without its extension
    home: str  # the page it belongs to
    hubs: list[str]
    updated: datetime
    types: dict[str, str]  # format -> media type


ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def _generator(meta: Meta, entries: Sequence[Entry], fmt: str) -> FeedGenerator:
    fg = FeedGenerator()
    if fmt == "atom":
        fg.load_extension("geo")
    else:
        fg.load_extension("geo", atom=False, rss=True)
    fg.id(meta["id"])
    fg.title(meta["title"])
    fg.subtitle(meta["description"])
    fg.language(meta["lang"])
    fg.author({"name": meta["author"]})
    fg.rights(meta["rights"])
    fg.generator("communiques")
    fg.link(href=meta["self"] + f".{fmt}", rel="self", type=meta["types"][fmt])
    fg.link(href=meta["home"], rel="alternate", type="text/html")
    for hub in meta["hubs"]:
        fg.link(href=hub, rel="hub")
    fg.updated(meta["updated"])
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.guid(entry.id, permalink=False)
        fe.title(entry.title)
        # One alternate: the page in the feed's language. Readers open an entry's last
        # alternate link, so the translations are linked as "related" (added below).
        fe.link(href=entry.url, rel="alternate", type="text/html", hreflang=meta["lang"])
        if fmt == "atom":
            fe.author({"name": entry.author})
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.summary(entry.summary)
        fe.content(entry.content_html, type="html" if fmt == "atom" else "CDATA")
        for scheme, term, label in entry.categories:
            fe.category(term=term, scheme=scheme, label=label)
        if entry.point:
            fe.geo.point(f"{entry.point[0]} {entry.point[1]}")
    return fg


def atom(meta: Meta, entries: Sequence[Entry]) -> bytes:
    """An Atom feed. A withdrawn case stays an entry, marked, not an RFC 6721 tombstone: the
    common libraries ignore tombstones (feedparser, newsboat: the withdrawal went unseen), and
    feedparser took the tombstone's link for the feed's own; readers that honour tombstones
    would remove the notice with the entry."""
    xml = _generator(meta, entries, "atom").atom_str(pretty=True)
    root = etree.fromstring(xml)
    elements = root.findall(f"{{{ATOM}}}entry")
    for element, entry in zip(elements, entries, strict=True):
        # feedgen 1.0.0 drops rel, type and hreflang of entry links (its loop variable
        # shadows the link's data): they are put back.
        link = element.find(f"{{{ATOM}}}link")
        link.attrib.update({"rel": "alternate", "type": "text/html", "hreflang": meta["lang"]})
        for lang, url in entry.translations.items():
            link.addnext(_link(f"{{{ATOM}}}link", url, lang))
    return _finish(root)


def _link(tag: str, url: str, lang: str) -> etree._Element:
    return etree.Element(tag, href=url, rel="related", type="text/html", hreflang=lang)


def rss(meta: Meta, entries: Sequence[Entry]) -> bytes:
    xml = _generator(meta, entries, "rss").rss_str(pretty=True)
    root = etree.fromstring(xml)
    channel = root.find("channel")
    # feedgen writes only the self link into RSS; subscribers also need the hubs.
    for hub in meta["hubs"]:
        channel.insert(1, etree.Element(f"{{{ATOM}}}link", href=hub, rel="hub"))
    for item, entry in zip(channel.iter("item"), entries, strict=True):
        link = item.find("link")
        for lang, url in reversed(entry.translations.items()):
            link.addnext(_link(f"{{{ATOM}}}link", url, lang))
        etree.SubElement(item, f"{{{DC}}}creator").text = entry.author
    etree.cleanup_namespaces(root, top_nsmap={"atom": ATOM, "dc": DC})
    return _finish(root)


def _finish(root: etree._Element) -> bytes:
    """The XML declaration and the feed, no stylesheet: browsers are removing XSLT (Chromium
    covers a feed it transforms with a notice saying so); the feeds page is the human view."""
    etree.indent(root, space="  ")  # again: elements were added after feedgen's indentation
    xml = etree.tostring(root, encoding="UTF-8")
    if xml.startswith(b"<?xml"):
        xml = xml.split(b"?>", 1)[1].lstrip()
    return DECLARATION + xml


def json_feed(meta: Meta, entries: Sequence[Entry]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta["title"],
        "home_page_url": meta["home"],
        "feed_url": meta["self"] + ".json",
        "description": meta["description"],
        "language": meta["lang"],
        "authors": [{"name": meta["author"]}],
        "items": [_json_item(meta, entry) for entry in entries],
    }
    if meta["hubs"]:
        document["hubs"] = [{"type": "WebSub", "url": hub} for hub in meta["hubs"]]
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _json_item(meta: Meta, entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "language": meta["lang"],
        "authors": [{"name": entry.author}],
        "tags": [label for _, _, label in entry.categories],
        "_categories": [
            {"scheme": scheme, "term": term, "label": label}
            for scheme, term, label in entry.categories
        ],
    }
    # Extensions start with an underscore (JSON Feed 1.1, "Extensions").
    if entry.translations:
        item["_alternates"] = {"about": "hreflang alternates", **entry.translations}
    if entry.withdrawn:
        item["_withdrawn"] = {
            "about": "the communiqué was withdrawn; its page keeps the notice",
            "date": entry.withdrawn.when.isoformat(),
            "reason": entry.withdrawn.reason,
        }
    if entry.point:
        item["_geo"] = {"about": "WGS 84 latitude, longitude", "coordinates": list(entry.point)}
    return item
