"""What a text may contain: Markdown, never HTML; links to the web or to the site; no picture.

The body is parsed by the site's own Markdown renderer (markdown_cache.renderer, the very
configuration that makes the published HTML), with one observer added: what python-markdown
takes for raw HTML is what it stashes to pass through verbatim, and every link and image it
makes is an element of its tree. Whatever the spelling (reference links, autolinks, entities,
mixed case, blanks inside a scheme), the verdict is about what the browser would get. The tree
has no line numbers, so each finding is mapped back to the line where its text is written.

The front-matter texts are shown as escaped plain text, never as Markdown: in them, anything a
browser would read as a tag or a comment is refused, so that no HTML is ever written anywhere.
"""

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import markdown
from markdown.treeprocessors import Treeprocessor

from . import privacy
from .markdown_cache import renderer
from .schema import CASE_FIELDS, Field

if TYPE_CHECKING:
    from .documents import Document, Report

LINK_FIX = (
    "link to an https://, http:// or mailto: address, or to a page of this site "
    "from its root (/fr/…)"
)
COMMUNIQUE = "a communiqué"
SITE_PAGE = "a page of the site"
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# `<scheme:…>`: an autolink python-markdown does not turn into a link (it only knows http(s)
# and ftp), so it passes as raw HTML.
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*)>")
PLACEHOLDER = re.compile(r"[{|]\w+[}|]")  # Pelican's {static}, {filename}, |filename|…
SAFE_PREFIXES = ("https://", "http://", "mailto:")
# What an HTML parser reads as the start of a tag, an end tag, a comment or a declaration.
TAG_START = re.compile(r"<!--.*?(?:-->|$)|<[/!?]?[A-Za-z][^<>\n]*>?|<[!?][^<>\n]*>?", re.S)
TAG_NAME = re.compile(r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)")
SHOWN_LENGTH = 60


class Observer(Treeprocessor):
    """Notes every link, image and top-level heading of the tree, after every other step."""

    def run(self, root: etree.Element) -> None:
        self.found = []
        for element in root.iter():
            if element.tag == "a":
                self.found.append(("link", element.get("href", "")))
            elif element.tag == "img":
                self.found.append(("image", element.get("src", "")))
            elif element.tag == "h1":
                self.found.append(("heading", "".join(element.itertext())))


_validator = None


def _markdown() -> markdown.Markdown:
    """The site's renderer with the observer, made once per process."""
    global _validator
    if _validator is None:
        _validator = renderer()
        # Below every other treeprocessor (python-markdown's last, 'unescape', is 0).
        _validator.treeprocessors.register(Observer(_validator), "markup-observer", -10)
    return _validator


def shown(text: str) -> str:
    """A snippet for a message: one line, control characters visible, not too long."""
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m[0]):02x}", text.strip())
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def link_problem(target: str) -> str | None:
    """Why a link target is refused, or None. It is judged as a browser reads it: entities
    decoded, blanks and control characters at the ends dropped, tabs and newlines inside
    removed. Only the allowed prefixes, a path from the site's root and a #fragment pass."""
    value = html.unescape(target).strip("".join(map(chr, range(0x21))))
    value = re.sub(r"[\t\n\r]", "", value)
    if PLACEHOLDER.match(value):
        return (
            f'"{shown(target)}" is a Pelican placeholder, which this site does not replace; '
            "write the address of the page on the site (/fr/…) or an https:// address"
        )
    if value.lower().startswith(SAFE_PREFIXES) or value.startswith("#"):
        return None
    if value.startswith("/") and value[1:2] not in ("/", "\\"):
        return None
    return f'link target "{shown(target)}" is not allowed; {LINK_FIX}'


def _raw_html_problem(raw: str) -> str | None:
    """Why a piece of raw HTML is refused, or None for what is not HTML at all."""
    raw = raw.strip()
    if ENTITY.fullmatch(raw) or privacy.MARKER.fullmatch(raw):
        return None  # an entity (&amp;, smarty's quotes), or the privacy exception marker
    autolink = AUTOLINK.fullmatch(raw)
    if autolink:
        return link_problem(autolink[1]) or f'"{shown(raw)}" is not a link; {LINK_FIX}'
    if raw.startswith("<!--"):
        return (
            f'an HTML comment ("{shown(raw)}") is not allowed; remove it '
            '(only "<!-- privacy-ok: reason -->" may end a line)'
        )
    return (
        f'raw HTML ("{shown(raw.splitlines()[0])}") is not allowed; write Markdown instead '
        "(**bold**, *italic*, [text](https://…), tables with |) or remove it"
    )


def _tree_problem(kind: str, value: str, carrier: str) -> str | None:
    if kind == "link":
        return link_problem(value)
    if kind == "image":
        return (
            f'an image ("{shown(value)}") is not allowed: {carrier} carries no picture, '
            "as a still of a video shows people; remove it"
        )
    return (
        f'a level-1 heading ("# {shown(value)}") is not allowed: the title is the page\'s '
        'only one; start the heading with "##"'
    )


class Locator:
    """Lines of a text where findings are written: the n-th finding of the same text is looked
    for after the (n-1)-th, so repeated ones get their own lines."""

    after: dict[str, int]  # needle -> where its next occurrence is looked for

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.after = {}

    def line(self, *needles: str) -> int:
        for needle in needles:
            needle = needle.strip()
            if not needle:
                continue
            start = self.after.get(needle, 0)
            offset = self.text.find(needle, start)
            if offset < 0:
                offset = self.text.find(needle)
            if offset >= 0:
                self.after[needle] = offset + 1
                return self.first_line + self.text.count("\n", 0, offset)
        return self.first_line  # written in a way not found verbatim: the text's first line


def check_markdown(text: str, first_line: int, carrier: str = COMMUNIQUE) -> list[tuple[int, str]]:
    """(line, message) of everything refused in a Markdown text that starts on `first_line`."""
    md = _markdown()
    md.reset()
    md.convert(text)
    locate = Locator(text, first_line)
    found, opened = [], set()
    for raw in map(str, md.htmlStash.rawHtmlBlocks):
        tag = TAG_NAME.match(raw.strip())
        if tag and tag["end"] and tag["name"].lower() in opened:
            continue  # the end of a tag already reported: one message per tag
        message = _raw_html_problem(raw)
        if message:
            if tag:
                opened.add(tag["name"].lower())
            first = raw.strip().splitlines()[0]
            found.append((locate.line(first, first[:20]), message))
    for kind, value in md.treeprocessors["markup-observer"].found:
        message = _tree_problem(kind, value, carrier)
        if message:
            found.append((locate.line(value, value.split(":")[-1]), message))
    md.reset()  # the stash holds the text: not kept beyond the check
    return sorted(found, key=lambda item: item[0])


def check_plain(text: str, line: int) -> list[tuple[int, str]]:
    """(line, message) of every tag or comment in a text shown as plain text."""
    found, opened = [], set()
    for match in TAG_START.finditer(text):
        if privacy.MARKER.fullmatch(match[0]):
            continue
        tag = TAG_NAME.match(match[0])
        if tag and tag["end"] and tag["name"].lower() in opened:
            continue  # the end of a tag already reported
        if tag:
            opened.add(tag["name"].lower())
        what = "an HTML comment" if match[0].startswith("<!--") else "HTML"
        found.append(
            (
                line + text.count("\n", 0, match.start()),
                f'{what} ("{shown(match[0])}") is not allowed; this field is plain text '
                "(never Markdown or HTML): remove it",
            )
        )
    return found


def plain_texts(
    values: Mapping[str, Any], fields: Sequence[Field] = CASE_FIELDS, prefix: str = ""
) -> Iterator[tuple[str, str]]:
    """(field path, text) of every free text of a communiqué's front matter."""
    for field in fields:
        value = values.get(field.name)
        if value is None or field.name == "id":  # the id has its own, stricter pattern
            continue
        path = prefix + field.name
        if field.kind == "text":
            yield path, value
        elif field.kind == "mapping":
            yield from plain_texts(value, field.fields, path + ".")
        elif field.kind == "list" and field.item and field.item.kind == "mapping":
            for index, item in enumerate(value):
                yield from plain_texts(item, field.item.fields, f"{path}[{index}].")


def check(document: "Document", report: "Report") -> None:
    """Report what a communiqué's texts may not contain."""
    for path, text in plain_texts(document.values):
        for line, message in check_plain(text, document.line(path)):
            report(line, path, message)
    for line, message in check_markdown(document.body, document.body_line):
        report(line, "body", message)
