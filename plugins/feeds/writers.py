"""Atom and RSS 2.0 with feedgen; JSON Feed 1.1 as the plain JSON document it is.

The JSON Feed writer is our own: feedgen does not write it, and the one PyPI package that does
(jsonfeed-util) is a young single-maintainer project for what is a dict and json.dumps.
Everything here is deterministic (no build time inside), so that an unchanged feed is
byte-identical from one build to the next and WebSub pings fire only on real change.
"""

import json

from feedgen.feed import FeedGenerator
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
STYLESHEET = b'<?xml-stylesheet type="text/xsl" href="/theme/feeds/feed.xsl"?>\n'
DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def _generator(meta, entries, fmt):
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
        links = [(meta["lang"], entry.url), *sorted(entry.alternates.items())]
        if fmt == "rss":  # an RSS item has one link: the last alternate given to feedgen
            links.reverse()
        for lang, url in links:
            fe.link(href=url, rel="alternate", type="text/html", hreflang=lang)
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.summary(entry.summary)
        fe.content(entry.content_html, type="html" if fmt == "atom" else "CDATA")
        for scheme, term, label in entry.categories:
            fe.category(term=term, scheme=scheme, label=label)
        if entry.point:
            fe.geo.point(f"{entry.point[0]} {entry.point[1]}")
    return fg


def atom(meta, entries):
    xml = _generator(meta, entries, "atom").atom_str(pretty=True)
    root = etree.fromstring(xml)
    # feedgen 1.0.0 drops rel, type and hreflang of entry links (its loop variable shadows
    # the link's data); every entry link is an alternate page whose path starts with its
    # language, so they are put back from the href.
    for entry, link in _entry_links(root, entries):
        link.set("rel", "alternate")
        link.set("type", "text/html")
        link.set("hreflang", _language_of(entry, link.get("href"), meta["lang"]))
    return _finish(etree.tostring(root, encoding="UTF-8", pretty_print=True))


def _entry_links(root, entries):
    for element, entry in zip(root.iter(f"{{{ATOM}}}entry"), entries, strict=True):
        for link in element.iter(f"{{{ATOM}}}link"):
            yield entry, link


def _language_of(entry, href, own):
    for lang, url in entry.alternates.items():
        if url == href:
            return lang
    return own


def rss(meta, entries):
    xml = _generator(meta, entries, "rss").rss_str(pretty=True)
    root = etree.fromstring(xml)
    channel = root.find("channel")
    # feedgen writes only the self link into RSS; subscribers also need the hubs.
    for hub in meta["hubs"]:
        channel.insert(1, etree.Element(f"{{{ATOM}}}link", href=hub, rel="hub"))
    return _finish(etree.tostring(root, encoding="UTF-8", pretty_print=True))


def _finish(xml):
    """The XML declaration, then the stylesheet that makes a browser show a readable page."""
    if xml.startswith(b"<?xml"):
        xml = xml.split(b"?>", 1)[1].lstrip()
    return DECLARATION + STYLESHEET + xml


def json_feed(meta, entries):
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


def _json_item(meta, entry):
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "language": meta["lang"],
        "tags": [label for _, _, label in entry.categories],
    }
    # Extensions start with an underscore (JSON Feed 1.1, "Extensions").
    if entry.alternates:
        item["_alternates"] = {"about": "hreflang alternates", **entry.alternates}
    if entry.point:
        item["_geo"] = {"about": "WGS 84 latitude, longitude", "coordinates": list(entry.point)}
    return item
