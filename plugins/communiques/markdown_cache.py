"""Markdown to HTML, cached by the hash of the text: an unchanged body is never rendered twice.

The cache is one JSON file per build setup (its name carries the renderer's settings), loaded
once and written back only when something new was rendered.
"""

import hashlib
import json
import re
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import sanitise

# "extra" without three of its parts: attr_list lets a text set any attribute ({: onclick=…},
# style, id), md_in_html is raw HTML, and footnotes write ids that could collide with the page's.
# Tables stay, so that nobody needs a raw <table>.
EXTENSIONS = ("abbr", "def_list", "fenced_code", "tables", "sane_lists", "smarty")
# The key of the cache: HTML made by another renderer or sanitiser is never reused.
VERSION = f"2-{markdown.__version__}-{'-'.join(EXTENSIONS)}-{sanitise.VERSION}"
ALIGNMENT = re.compile(r"^text-align: (left|center|right);?$")


class AlignmentClasses(Treeprocessor):
    """A table column's alignment as a class: the tables extension writes it as a style
    attribute, which the Content-Security-Policy would refuse (and the sanitiser drops)."""

    def run(self, root):
        for cell in (*root.iter("th"), *root.iter("td")):
            match = ALIGNMENT.match(cell.attrib.pop("style", ""))
            if match:
                cell.set("class", f"align-{match[1]}")


class SiteMarkdown(Extension):
    def extendMarkdown(self, md):  # python-markdown names it so
        md.treeprocessors.register(AlignmentClasses(md), "alignment-classes", 5)


def renderer():
    """The one Markdown configuration of the site (communiqués and pages alike)."""
    return markdown.Markdown(extensions=[*EXTENSIONS, SiteMarkdown()], output_format="html")


def to_html(md, text):
    """The HTML of a text, sanitised: the only way content becomes HTML, so that pages, feeds
    and JSON all carry what the allowlist kept."""
    return sanitise.clean(md.reset().convert(text))


class MarkdownCache:
    def __init__(self, cache_dir):
        self.path = (
            Path(cache_dir) / f"markdown-{hashlib.sha1(VERSION.encode()).hexdigest()[:12]}.json"
        )
        self.renderer = renderer()
        self.entries = {}
        self.used = set()
        self.changed = False
        if self.path.exists():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a slower build

    @staticmethod
    def key(text):
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def render_new(self, text):
        """(key, html) when the text is not in the cache yet (for a worker to send back)."""
        key = self.key(text)
        if key in self.entries:
            return None
        return key, to_html(self.renderer, text)

    def store(self, key, html):
        self.entries[key] = html
        self.changed = True

    def render(self, text):
        key = self.key(text)
        self.used.add(key)
        html = self.entries.get(key)
        if html is None:
            html = to_html(self.renderer, text)
            self.entries[key] = html
            self.changed = True
        return html

    def save(self):
        """Keep only what this build used, so that the cache does not grow without end."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        kept = {key: self.entries[key] for key in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)
