"""The site's own pages (about, …): one Markdown file per language, `<slug>.<lang>.md`, with a
`title` and a `summary` in YAML front matter."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from communiques.frontmatter import Loader
from communiques.markdown_cache import MarkdownCache


@dataclass(frozen=True)
class Page:
    slug: str
    lang: str
    title: str
    summary: str
    body_html: str


def load_pages(folder, cache_dir, problems, display):
    """{slug: {lang: Page}}; every page must exist in every language."""
    cache = MarkdownCache(cache_dir)
    pages = {}
    for path in sorted(Path(folder).glob("*.md")) if Path(folder).exists() else []:
        slug, _, lang = path.stem.rpartition(".")
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        parts = text.split("\n---\n", 1)
        if not text.startswith("---\n") or len(parts) != 2:
            problems.add(
                display(path),
                1,
                "front matter",
                "start with '---', the title and summary, then '---'",
            )
            continue
        meta = yaml.load(parts[0][4:], Loader=Loader) or {}
        if not meta.get("title"):
            problems.add(display(path), 1, "title", "is missing; add 'title:'")
            continue
        pages.setdefault(slug, {})[lang] = Page(
            slug, lang, str(meta["title"]), str(meta.get("summary", "")), cache.render(parts[1])
        )
    return pages
