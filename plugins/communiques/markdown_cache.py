"""Markdown to HTML, cached by the hash of the text: an unchanged body is never rendered twice.

The cache is one JSON file per build setup (its name carries the renderer's settings), loaded
once and written back only when something new was rendered.
"""

import hashlib
import json
from pathlib import Path

import markdown

EXTENSIONS = ("extra", "sane_lists", "smarty")
VERSION = f"1-{markdown.__version__}-{'-'.join(EXTENSIONS)}"


def renderer():
    """The one Markdown configuration of the site (communiqués and pages alike)."""
    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")


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
        return key, self.renderer.reset().convert(text)

    def store(self, key, html):
        self.entries[key] = html
        self.changed = True

    def render(self, text):
        key = self.key(text)
        self.used.add(key)
        html = self.entries.get(key)
        if html is None:
            html = self.renderer.reset().convert(text)
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
