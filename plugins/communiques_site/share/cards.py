"""The preview card of a communiqué in one language: 1200 × 630, the size that Facebook, X and
WhatsApp show large. The title is set as large as the box lets it be, never outside it."""

from dataclasses import dataclass

from PIL import Image, ImageDraw

from .draw import (
    GREY,
    INK,
    PAPER,
    Box,
    draw_line,
    draw_single,
    fitted,
    font_of,
    letterhead,
    qr_image,
)
from .layout import Line, Measure, break_paragraph
from .sheets import Fonts, Sheet

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
BAND = Box(MARGIN, 0, WIDTH - 2 * MARGIN, 116)
QR_SIDE = 210
# Sizes of the title, largest first: the first at which the whole title fits the box.
TITLE_SIZES = range(60, 19, -2)
LEADING = {"rtl": 1.55, "ltr": 1.25}  # Naskh's marks need room above and below


@dataclass(frozen=True)
class CardLayout:
    title: tuple[Line, ...]
    measure: Measure
    box: Box  # where the title goes
    baselines: tuple[float, ...]
    qr: Box | None


def layout_card(sheet: Sheet, fonts: Fonts, cache: dict, layout=None) -> CardLayout:
    """The title's lines at the largest size that fits its box."""
    qr = None
    width = WIDTH - 2 * MARGIN
    if sheet.verification:
        width -= QR_SIDE + 30
        left = MARGIN if sheet.direction == "rtl" else WIDTH - MARGIN - QR_SIDE
        qr = Box(left, HEIGHT - MARGIN // 2 - QR_SIDE, QR_SIDE, QR_SIDE)
    left = WIDTH - MARGIN - width if sheet.direction == "rtl" else MARGIN
    box = Box(left, BAND.bottom + 34, width, 290)
    for size in TITLE_SIZES:
        measure = Measure(font_of(fonts, sheet.direction, sheet.lang, size, True, layout), cache)
        lines = break_paragraph(sheet.title, measure, box.width)
        ascent, descent = measure.faces[sheet.direction].getmetrics()
        step = size * LEADING[sheet.direction]
        baselines = tuple(box.top + ascent + step * n for n in range(len(lines)))
        if baselines[-1] + descent <= box.bottom or size == TITLE_SIZES[-1]:
            return CardLayout(tuple(lines), measure, box, baselines, qr)
    raise AssertionError("unreachable: the last size is returned")


def make_card(sheet: Sheet, fonts: Fonts, emblem: str, layout=None, cache=None) -> Image.Image:
    cache = {} if cache is None else cache  # fonts and letterheads, kept by a worker
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    canvas = ImageDraw.Draw(image)
    letterhead(image, canvas, sheet, fonts, emblem, BAND, cache, sizes=(30, 22))
    card = layout_card(sheet, fonts, cache, layout)
    for line, baseline in zip(card.title, card.baselines, strict=True):
        draw_line(canvas, line, card.measure, card.box, baseline, INK, "start")
    text_box = Box(card.box.left, 0, card.box.width, 0)
    small = [sheet.dateline]
    if sheet.verification:
        small.append(sheet.verification.label)
    small.append(sheet.address)
    baseline = HEIGHT - MARGIN // 2 - 8 - 44 * (len(small) - 1)
    for number, text in enumerate(small):
        size = 30 if number == 0 else 24
        measure = fitted(
            fonts, sheet.direction, sheet.lang, text, text_box.width, size, cache, layout=layout
        )
        draw_single(canvas, text, measure, text_box, baseline, INK if number == 0 else GREY)
        baseline += 44
    if card.qr:
        code = qr_image(sheet.verification.url, card.qr.width, cache)
        image.paste(code, (card.qr.left, card.qr.bottom - code.height))
    return image
