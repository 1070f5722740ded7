"""Markdown to HTML: the site's one renderer and sanitiser, and the bodies a build renders."""

import hashlib
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import sanitise

# "extra" without three of its parts: attr_list lets a text set any attribute ({: onclick=…},
# style, id), md_in_html is raw HTML, and footnotes write ids that could collide with the page's.
# Tables stay, so that nobody needs a raw <table>.
EXTENSIONS = ("abbr", "def_list", "fenced_code", "tables", "sane_lists", "smarty")
# Part of the read cache's key: HTML made by another renderer or sanitiser is never reused.
VERSION = f"2-{markdown.__version__}-{'-'.join(EXTENSIONS)}-{sanitise.VERSION}"
ALIGNMENT = re.compile(r"^text-align: (left|center|right);?$")


class AlignmentClasses(Treeprocessor):
    """A table column's alignment as a class: the tables extension writes it as a style
    attribute, which the Content-Security-Policy would refuse (and the sanitiser drops)."""

    def run(self, root: etree.Element) -> None:
        for cell in (*root.iter("th"), *root.iter("td")):
            match = ALIGNMENT.match(cell.attrib.pop("style", ""))
            if match:
                cell.set("class", f"align-{match[1]}")


class SiteMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # python-markdown names it so
        md.treeprocessors.register(AlignmentClasses(md), "alignment-classes", 5)


def renderer() -> markdown.Markdown:
    """The one Markdown configuration of the site (communiqués and pages alike)."""
    return markdown.Markdown(extensions=[*EXTENSIONS, SiteMarkdown()], output_format="html")


def to_html(md: markdown.Markdown, text: str) -> str:
    """The HTML of a text, sanitised: the only way content becomes HTML, so that pages, feeds
    and JSON all carry what the allowlist kept."""
    return sanitise.clean(md.reset().convert(text))


class MarkdownCache:
    """Bodies rendered in this build, by the hash of their text: workers render the new ones
    and send them back; the HTML is kept between builds with its case (read_cache.py)."""

    def __init__(self) -> None:
        self.renderer = renderer()
        self.entries: dict[str, str] = {}  # text's key -> its HTML

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def render_new(self, text: str) -> tuple[str, str] | None:
        """(key, html) when the text is not rendered yet (for a worker to send back)."""
        key = self.key(text)
        if key in self.entries:
            return None
        return key, to_html(self.renderer, text)

    def store(self, key: str, html: str) -> None:
        self.entries[key] = html

    def render(self, text: str) -> str:
        key = self.key(text)
        html = self.entries.get(key)
        if html is None:
            html = self.entries[key] = to_html(self.renderer, text)
        return html
