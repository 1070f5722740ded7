"""Pages whose inputs have not changed since the published build are hard-linked from it
instead of rendered and written again.

A communiqué page depends on its case's two files and on what every page depends on: the theme
(templates, catalogs, styles), the plugins' code, the registries, the settings that reach pages
and the versions of the libraries that render them. The digest of a page covers all of these.
The manifest of digests is written inside the output folder, so it is swapped in (or thrown
away) together with the pages it describes: it can never describe a site that was not published.
"""

import hashlib
import json
import os
from pathlib import Path

import babel
import jinja2

from communiques.markdown_cache import VERSION as MARKDOWN_VERSION
from core import routes
from core.fingerprint import add_files

MANIFEST = ".build-manifest.json"
# Settings that change how a build runs, not what a page says.
NOT_ON_PAGES = ("now", "workers", "parallel_from")


def build_digest(settings, theme):
    """What every page depends on, beyond its own content."""
    hasher = hashlib.sha256()
    add_files(hasher, [theme], "*")
    add_files(hasher, settings.get("PLUGIN_PATHS", []), "*.py")
    add_files(hasher, [Path(settings["PATH"]) / "data", Path(settings["PATH"]) / "pages"], "*")
    reaches_pages = [settings["SITEURL"], settings.get("PLUGINS")] + [
        {key: value for key, value in settings.get(name, {}).items() if key not in NOT_ON_PAGES}
        for name in ("SITE", "BILINGUAL", "COMMUNIQUES", "FEEDS")
    ]
    hasher.update(json.dumps(reaches_pages, sort_keys=True, default=str).encode())
    # The Markdown renderer and the sanitiser (nh3's version included) make the body's HTML.
    hasher.update(f"{jinja2.__version__} {babel.__version__} {MARKDOWN_VERSION}".encode())
    return hasher.hexdigest()


class PageReuse:
    def __init__(self, settings, theme, published, staging):
        self.base = build_digest(settings, theme)
        self.published = Path(published) if published else None
        self.staging = Path(staging)
        self.previous = {}
        if self.published and (self.published / MANIFEST).exists():
            try:
                self.previous = json.loads((self.published / MANIFEST).read_text("utf-8"))
            except (OSError, ValueError):
                self.previous = {}  # no reuse: every page is rendered
        self.current = {}

    def digest(self, url, content_digest):
        digest = hashlib.sha256(f"{self.base} {content_digest}".encode()).hexdigest()
        self.current[url] = digest
        return digest

    def link(self, url, digest):
        """True when the published page was reused for this build."""
        if self.published is None or self.previous.get(url) != digest:
            return False
        name = routes.output_file(url)
        target = self.staging / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.published / name, target)
        except OSError:
            return False
        return True

    def save(self):
        (self.staging / MANIFEST).write_text(
            json.dumps(self.current, sort_keys=True, separators=(",", ":")), encoding="utf-8"
        )
