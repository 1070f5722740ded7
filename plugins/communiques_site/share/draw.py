"""What the preview card and the official pages draw alike: the letterhead, a line of text at its
place, the QR code."""

from dataclasses import dataclass

import segno
from PIL import Image, ImageDraw

from .layout import Font, Line, Measure, place
from .sheets import Fonts

BLUE = (11, 74, 111)  # the emblem's field (theme/static/img/emblem.svg)
GOLD = (232, 185, 35)
INK = (20, 24, 28)
GREY = (78, 88, 99)
WHITE = (255, 255, 255)
PAPER = (255, 255, 255)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def font_of(fonts: Fonts, direction: str, lang: str, size: int, bold=False, layout=None) -> Font:
    """The type of a text: Naskh for Arabic (its letters sit small on their body: Latin runs
    beside it are set smaller), Noto Sans for Latin, the other one for runs of the other
    direction."""
    arabic = fonts.arabic_bold if bold else fonts.arabic
    latin = fonts.latin_bold if bold else fonts.latin
    extra = {} if layout is None else {"layout": layout}
    if direction == "rtl":
        return Font(arabic, latin, size, "rtl", lang, other_size=round(size * 0.85), **extra)
    return Font(latin, arabic, size, "ltr", lang, other_size=round(size * 1.15), **extra)


def draw_line(
    canvas: ImageDraw.ImageDraw,
    line: Line,
    measure: Measure,
    box: Box,
    baseline: float,
    fill=INK,
    align="justify",
) -> None:
    # What ImageDraw.text does for each run, with the shaped run kept (layout.Runs): the
    # colour as the canvas's mode wants it, the mask drawn through it.
    ink = canvas._getink(fill)[0]
    y = round(baseline)
    for placed in place(line, measure, box.width, align):
        unit = placed.unit
        mask, (dx, dy) = measure.mask(unit.text, unit.direction)
        canvas.draw.draw_bitmap((round(box.left + placed.x) + dx, y + dy), mask, ink)


def draw_single(canvas, text, measure, box, baseline, fill=INK, align="start"):
    """One short line (a name, a date) that is never broken."""
    draw_line(canvas, Line(tuple(text.split()), False), measure, box, baseline, fill, align)


def fitted(fonts, direction, lang, text, width, size, cache, bold=False, layout=None) -> Measure:
    """The measure of a one-line text at `size`, or at the size that makes it fit `width`
    (widths grow with the size, nearly in proportion: one guess, then a step at a time)."""
    measure = Measure(font_of(fonts, direction, lang, size, bold, layout), cache)
    natural = measure.line_width(text.split())
    if natural <= width:
        return measure
    size = max(8, int(size * width / natural))
    while True:
        measure = Measure(font_of(fonts, direction, lang, size, bold, layout), cache)
        if size <= 8 or measure.line_width(text.split()) <= width:
            return measure
        size -= 1


def letterhead(image, canvas, sheet, fonts, emblem_path, box: Box, cache, sizes=(30, 24)):
    """The institution in both scripts (right to left at the right, left to right at the left,
    as Moroccan letterheads set them) and the emblem between them, on the blue band; the same
    on every image of a build: drawn once, then copied."""
    key = ("letterhead", image.width, box, sizes, sheet.letterhead, emblem_path)
    if key not in cache:
        band = Image.new("RGB", (image.width, box.bottom + 6), PAPER)
        _letterhead(band, ImageDraw.Draw(band), sheet, fonts, emblem_path, box, cache, sizes)
        cache[key] = band
    image.paste(cache[key], (0, 0))


def _letterhead(image, canvas, sheet, fonts, emblem_path, box, fonts_cache, sizes):
    canvas.rectangle((0, 0, image.width, box.bottom), fill=BLUE)
    canvas.rectangle((0, box.bottom, image.width, box.bottom + 6), fill=GOLD)
    side = box.height - 24
    with Image.open(emblem_path) as emblem:
        mark = emblem.convert("RGBA").resize((side, side), Image.Resampling.LANCZOS)
    image.paste(mark, (image.width // 2 - side // 2, box.top + 12), mark)
    half = (box.width - side) // 2 - 24
    for block in sheet.letterhead:
        left = box.right - half if block.direction == "rtl" else box.left
        step = box.height / (len(block.lines) + 1)
        for number, text in enumerate(block.lines):
            # The institution's name is the larger line; the kingdom's above it.
            size = sizes[0] if number == len(block.lines) - 1 else sizes[1]
            measure = fitted(
                fonts, block.direction, block.lang, text, half, size, fonts_cache, bold=True
            )
            baseline = box.top + step * (number + 1) + size // 3
            draw_single(canvas, text, measure, Box(left, 0, half, 0), baseline, fill=WHITE)


def qr_code(url: str, cache: dict) -> segno.QRCode:
    """The QR code of an address, made once for the images that show it (a communiqué's card
    and each page of its official image, drawn one after the other): choosing the best of the
    eight masks, as the standard asks, is most of segno's time, and the codes took a quarter
    of a build from nothing when each image made its own. Only the last is kept: a worker
    draws thousands of communiqués."""
    last = cache.get("qr")
    if last is None or last[0] != url:
        last = cache["qr"] = (url, segno.make(url, error="m", micro=False))
    code: segno.QRCode = last[1]
    return code


def qr_image(url: str, size: int, cache: dict) -> Image.Image:
    """The QR code of an address, black on white with its quiet zone, `size` pixels square."""
    code = qr_code(url, cache)
    modules = code.symbol_size(scale=1, border=4)[0]
    image = Image.new("1", (modules, modules), 1)
    pixels = image.load()
    for y, row in enumerate(code.matrix_iter(scale=1, border=4)):
        for x, dark in enumerate(row):
            if dark:
                pixels[x, y] = 0
    scale = max(1, size // modules)
    return image.resize((modules * scale, modules * scale), Image.Resampling.NEAREST).convert("RGB")
