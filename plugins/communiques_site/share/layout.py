"""Our own line breaking: Pillow draws a line, it does not wrap. The logical text is broken into
lines by measured width, between words, and each line is then shaped on its own (raqm: HarfBuzz
and FriBiDi), so that Arabic letters join and a Latin run or a number inside Arabic keeps its own
direction. Lines that end inside a paragraph are justified, as printed communiqués are: the
extra width goes between words."""

import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from PIL import ImageFont

ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A justified line's gaps may grow to this many spaces; beyond, the line is left ragged (a line
# of two long words would otherwise show a hole).
MOST_STRETCH = 6.0


@dataclass(frozen=True)
class Font:
    """The type of one text: its script's font, and the font of runs of the other direction
    (Naskh has no Latin letters; a name in Arabic script inside French needs Naskh)."""

    path: str
    other_path: str
    size: int
    direction: str  # "rtl" or "ltr": the base direction of the text it sets
    language: str  # the OpenType language of the text (ar, fr)
    other_size: int = 0  # 0: the same size
    layout: int = ImageFont.Layout.RAQM

    def faces(self, cache: dict) -> dict:
        """{direction: FreeTypeFont}: the base direction's face and the other one's."""
        other = "ltr" if self.direction == "rtl" else "rtl"
        return {
            self.direction: _load(cache, self.path, self.size, self.layout),
            other: _load(cache, self.other_path, self.other_size or self.size, self.layout),
        }


def _load(cache, path, size, layout):
    key = (path, size, layout)
    if key not in cache:
        cache[key] = ImageFont.truetype(path, size, layout_engine=layout)
    return cache[key]


@dataclass(frozen=True)
class Line:
    words: tuple[str, ...]
    justified: bool  # False on a paragraph's last line

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Unit:
    """What is drawn in one call: a word, or a run of words written against the base direction
    (a French name inside Arabic), which must keep its own order."""

    text: str
    direction: str
    width: float


# How many shaped and rasterised runs a worker keeps (a word of 30 pixels is some 5 KiB): the
# common words of the communiqués, the labels and the letterhead's lines stay; rare words come
# and go.
KEPT_RUNS = 4096


class Runs:
    """Runs of text shaped and rasterised once in a worker, drawn wherever they recur: a word
    costs Pillow some 0.3 ms to shape and rasterise, and the same words recur on every image.
    A run is drawn at whole pixels, so that one mask serves every place (Pillow would otherwise
    rasterise it again for each fraction of a pixel: a difference no reader can see)."""

    def __init__(self, size: int = KEPT_RUNS):
        self.size = size
        self.masks: OrderedDict[tuple, tuple] = OrderedDict()

    def mask(self, face: ImageFont.FreeTypeFont, text: str, options: dict) -> tuple:
        """(mask, (dx, dy)) of `text` set on its baseline at its left edge ("ls")."""
        key = (face.path, face.size, face.layout_engine, text, *options.values())
        found = self.masks.get(key)
        if found is not None:
            self.masks.move_to_end(key)
            return found
        found = face.getmask2(text, "L", anchor="ls", **options)
        self.masks[key] = found
        if len(self.masks) > self.size:
            self.masks.popitem(last=False)
        return found


def _shared(cache: dict | None, name: str, make):
    """A worker's store kept in its cache of fonts (a new dict when there is none)."""
    if cache is None:
        return make()
    if name not in cache:
        cache[name] = make()
    return cache[name]


class Measure:
    """Widths of words in one font, measured once per worker (a word recurs on many lines and
    many images)."""

    def __init__(self, font: Font, fonts: dict | None = None):
        self.font = font
        self.faces = font.faces({} if fonts is None else fonts)
        # Keyed by the font too: the store is shared by every Measure of the worker.
        self.widths: dict[tuple, float] = _shared(fonts, "widths", dict)
        self.runs: Runs = _shared(fonts, "runs", Runs)
        self.key = (font.path, font.other_path, font.size, font.other_size, font.layout)
        self.key += (font.direction, font.language)
        self.space = self.width(" ", font.direction)

    @property
    def shaped(self) -> bool:
        return self.font.layout == ImageFont.Layout.RAQM

    def options(self, direction: str) -> dict:
        """What Pillow's text functions need to set a run in its direction."""
        if not self.shaped:
            return {}
        language = self.font.language if direction == self.font.direction else None
        return {"direction": direction, "language": language}

    def width(self, text: str, direction: str | None = None) -> float:
        direction = direction or self.font.direction
        key = (self.key, text, direction)
        found = self.widths.get(key)
        if found is None:
            found = self.widths[key] = self.faces[direction].getlength(
                text, **self.options(direction)
            )
        return found

    def mask(self, text: str, direction: str) -> tuple:
        """The run shaped and rasterised: (mask, offset from its baseline's left end)."""
        return self.runs.mask(self.faces[direction], text, self.options(direction))

    def line_width(self, words) -> float:
        return sum(self.width(w) for w in words) + self.space * (len(words) - 1)


def words_of(paragraph: str) -> list[str]:
    return unicodedata.normalize("NFC", paragraph).split()


def _pieces(word: str, measure: Measure, width: float) -> list[str]:
    """A word wider than the whole line (a long address, a generated string) is cut between
    characters, the only way to keep it inside the image; no real word is that long."""
    if measure.width(word) <= width:
        return [word]
    pieces, current = [], ""
    for char in word:
        if current and measure.width(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def break_paragraph(paragraph: str, measure: Measure, width: float) -> list[Line]:
    """The lines of a paragraph, each at most `width` wide, broken only between words."""
    words = [piece for word in words_of(paragraph) for piece in _pieces(word, measure, width)]
    lines, current, used = [], [], 0.0
    for word in words:
        extra = measure.width(word) + (measure.space if current else 0)
        if current and used + extra > width:
            lines.append(Line(tuple(current), True))
            current, used = [], 0.0
            extra = measure.width(word)
        current.append(word)
        used += extra
    if current:
        lines.append(Line(tuple(current), False))
    return lines


def _strong(word: str) -> str | None:
    if ARABIC.search(word):
        return "rtl"
    if LATIN.search(word):
        return "ltr"
    return None  # digits and punctuation take the direction around them


def units(line: Line, measure: Measure) -> list[Unit]:
    """The line's words grouped into what is drawn together, in logical order: a run of words
    of the other direction (with the numbers and signs between them) is one unit."""
    base = measure.font.direction
    other = "ltr" if base == "rtl" else "rtl"
    groups: list[list[str]] = []
    run: list[str] = []  # words of the other direction, and neutral ones after them
    for word in line.words:
        strong = _strong(word)
        if strong == other:
            run.append(word)
            continue
        if run and strong is None:
            run.append(word)
            continue
        if run:
            groups.extend(_close(run, other))
            run = []
        groups.append([word])
    if run:
        groups.extend(_close(run, other))
    result = []
    for group in groups:
        direction = other if _strong(group[0]) == other else base
        text = " ".join(group)
        result.append(Unit(text, direction, measure.width(text, direction)))
    return result


def _close(run: list[str], other: str) -> list[list[str]]:
    """A run of the other direction ends at its last strong word: neutral words after it go
    back to the base direction, each on its own."""
    last = max(i for i, word in enumerate(run) if _strong(word) == other)
    return [run[: last + 1], *([word] for word in run[last + 1 :])]


@dataclass(frozen=True)
class Placed:
    """A unit at its place: x of its left edge, in pixels from the left of the text box."""

    unit: Unit
    x: float


def place(line: Line, measure: Measure, width: float, align: str = "justify") -> list[Placed]:
    """Where each unit of a line goes in a box `width` wide: justified (a paragraph's inner
    lines), or set to the start of the base direction, or centred. Right to left, the first
    unit is at the right."""
    parts = units(line, measure)
    natural = sum(u.width for u in parts) + measure.space * (len(parts) - 1)
    gap = measure.space
    if align == "justify" and line.justified and len(parts) > 1:
        stretched = (width - natural) / (len(parts) - 1) + measure.space
        if stretched <= measure.space * MOST_STRETCH:
            gap = stretched
    total = sum(u.width for u in parts) + gap * (len(parts) - 1)
    start = {"center": (width - total) / 2, "end": width - total}.get(align, 0.0)
    placed, offset = [], start
    for unit in parts:
        left = width - offset - unit.width if measure.font.direction == "rtl" else offset
        placed.append(Placed(unit, left))
        offset += unit.width + gap
    return placed
