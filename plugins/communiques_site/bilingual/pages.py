"""The site's own pages (about, …): one Markdown file per language, `<slug>.<lang>.md`, with a
`title` and a `summary` in YAML front matter, read like the communiqués are."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from communiques_site.communiques import frontmatter, markup
from communiques_site.communiques.markdown_cache import renderer, to_html
from communiques_site.core.problems import Problems

FIELDS = ("title", "summary")


@dataclass(frozen=True)
class Page:
    slug: str
    lang: str
    title: str
    summary: str
    body_html: str


def load_pages(
    folder: str | Path, problems: Problems, display: Callable[[Path], str]
) -> dict[str, dict[str, Page]]:
    """{slug: {lang: Page}}; problems (with their lines) go to `problems`."""
    markdown = renderer()  # a handful of pages: not worth the communiqués' cache
    pages: dict[str, dict[str, Page]] = {}
    for path in sorted(Path(folder).glob("*.md")) if Path(folder).exists() else []:
        if path.is_symlink() or not path.is_file():
            continue  # the content's check refuses links under content/ (communiques.placement)
        slug, _, lang = path.stem.rpartition(".")
        shown = display(path)

        def report(line, field, message, shown=shown):
            problems.add(shown, line, field, message)

        # The maintainers' pages place direction marks on purpose (normal.MARKS).
        loaded = frontmatter.load(path.read_bytes(), report, keep_marks=True)
        source = loaded and loaded[1]
        if not source:
            continue
        meta, lines = {}, {}
        for key, value in source.root.value:
            line = key.start_mark.line + 2
            if key.value not in FIELDS:
                report(line, key.value, f"is not a field of a page; use {' and '.join(FIELDS)}")
            elif not isinstance(value, yaml.ScalarNode) or not value.value.strip():
                report(line, key.value, "must be a line of text")
            else:
                meta[key.value] = value.value.strip()
                lines[key.value] = line
        for field, text in meta.items():
            for line, message in markup.check_plain(text, lines[field]):
                report(line, field, message)
        for line, message in markup.check_markdown(source.body, source.body_line, markup.SITE_PAGE):
            report(line, "body", message)
        if "title" not in meta:
            report(1, "title", "is missing; add 'title:' to the front matter")
            continue
        html = to_html(markdown, source.body)
        pages.setdefault(slug, {})[lang] = Page(
            slug, lang, meta["title"], meta.get("summary", ""), html
        )
    return pages
