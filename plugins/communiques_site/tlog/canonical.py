"""The canonical text of a communiqué as a reader sees it, and the JSON every log entry is.

`normalise` is the one place text is normalised before it is hashed: NFC, every run of white
space one space, none at the ends, so that a body copied from the page (or from a screenshot's
transcription) hashes to the same digest. The text normalisation of the content model (its own
issue) plugs in here when it lands.
"""

import hashlib
import json
import unicodedata
from html.parser import HTMLParser

BLOCKS = {"p", "li", "br", "div", "h1", "h2", "h3", "h4", "blockquote", "tr", "td", "th"}


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(html: str) -> str:
    """The text a reader selects on the page: tags gone, entities read, normalised."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


def dumps(value: object) -> bytes:
    """RFC 8785 (JCS) for what the log holds (objects, strings, whole numbers, null): keys in
    order, no white space, UTF-8, only the escapes JSON requires."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def body_digest(text: str) -> str:
    """The digest of a body as pasted by anyone (the monitor's --text)."""
    return sha256(normalise(text))
