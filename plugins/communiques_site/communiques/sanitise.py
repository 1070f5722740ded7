"""The second line of defence: every HTML fragment rendered from content goes through an
allowlist sanitiser (nh3, the Python binding of Ammonia) before anything stores or writes it.

Validation (markup.py) already refuses raw HTML, unsafe links and images; this is for what it
could miss. Only what the site's Markdown produces is kept; everything else is dropped, with the
content of elements whose text is code or nothing a reader should see (script, style, …).
"""

import hashlib
import re
from pathlib import Path

import nh3

# What python-markdown produces with the site's extensions (markdown_cache.EXTENSIONS): h1 is
# the page's own title, never the body's; no img (a communiqué carries no picture), no id (no
# collision with the page's anchors), no style (the Content-Security-Policy forbids them).
TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "abbr",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "ol": {"start"},
}
# A column's alignment, as markdown_cache's table treeprocessor writes it (a class, not style).
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
ALLOWED_CLASSES = {"th": ALIGN_CLASSES, "td": ALIGN_CLASSES}
SCHEMES = {"https", "http", "mailto"}
# Elements removed with everything inside them: their text is code, or nothing to read.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "noscript",
    "textarea",
    "select",
    "title",
    "svg",
    "math",
}
# Links to other sites leave without the opener (tabnabbing) and without the page's address.
LINK_REL = "noopener noreferrer"


def _relative(url: str) -> str | None:
    """A relative URL is kept only when it is a path from the site's root or a fragment: a
    scheme-relative '//host' (or '/\\host', which browsers read the same, as they do once they
    have removed tabs and newlines) leaves the site, and a path relative to the page means
    something else in a feed."""
    path = re.sub(r"[\t\n\r]", "", url)
    if path.startswith("#") or (path.startswith("/") and path[1:2] not in ("/", "\\")):
        return url
    return None


CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ATTRIBUTES,
    url_schemes=SCHEMES,
    url_relative=_relative,
    link_rel=LINK_REL,
    allowed_classes=ALLOWED_CLASSES,
    strip_comments=True,
)

# Part of the read cache's key: HTML sanitised by another version of nh3 or under another
# allowlist (any change to this file) is never reused.
NH3 = nh3.__version__  # type: ignore[attr-defined]  # nh3's stubs do not declare it
VERSION = f"nh3-{NH3}-{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}"


def clean(html: str) -> str:
    """The fragment with only what the allowlist keeps."""
    return CLEANER.clean(html)
