"""What an image of a communiqué shows, made in the build's process from the index (texts,
Babel's dates, the catalogs) and handed as it is to the worker that draws it: nothing in a
worker reads the index or a catalog."""

from dataclasses import dataclass

from lxml import html

# The elements of a communiqué's body that start a paragraph of their own on the image.
BLOCKS = {"p", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "tr"}


@dataclass(frozen=True)
class Fonts:
    """The site's fonts (Noto Naskh Arabic, Noto Sans), as files of this machine."""

    arabic: str
    arabic_bold: str
    latin: str
    latin_bold: str


@dataclass(frozen=True)
class Verification:
    code: str
    url: str  # the absolute address of its /v/{code}/ page
    label: str  # "Verification code: %(code)s" in the sheet's language


@dataclass(frozen=True)
class Heading:
    """The letterhead's lines in one language (the kingdom, the institution)."""

    lang: str
    direction: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """One communiqué in one language, as its images show it."""

    lang: str
    direction: str  # rtl or ltr
    locale: str  # Babel's, for the page numbers
    heading: str  # "Communiqué", in the language
    title: str
    paragraphs: tuple[str, ...]
    dateline: str  # the city and the date, as the language writes them
    letterhead: tuple[Heading, ...]  # one per direction of the site's languages
    address: str  # the site's address, printed under the text
    permalink: str
    verification: Verification | None  # none until the transparency log gives one


def paragraphs_of(body_html: str) -> tuple[str, ...]:
    """The body's paragraphs as plain text (a list item is a paragraph, marked with a bullet).
    The HTML is the sanitised body the page shows, so the image says what the page says."""
    if not body_html.strip():
        return ()
    root = html.fragment_fromstring(body_html, create_parent="div")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in BLOCKS:
            continue
        if any(parent.tag in BLOCKS for parent in element.iterancestors()):
            continue  # a paragraph inside a list item is part of the item
        text = " ".join(element.text_content().split())
        if text:
            found.append(("• " if element.tag == "li" else "") + text)
    return tuple(found)
