"""The official image of a communiqué: its whole text in one language on 1080 × 1350 pages (the
portrait size the social networks show whole), as the police's accounts post it: letterhead,
date, the word "Communiqué", the title, the text justified, and on every page its number
("1/2"), the permalink, and once the transparency log gives it, the code and its QR."""

from dataclasses import dataclass

from babel.numbers import format_decimal
from PIL import Image, ImageDraw

from .draw import (
    BLUE,
    GOLD,
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

WIDTH, HEIGHT = 1080, 1350
MARGIN = 80
BAND = Box(MARGIN, 0, WIDTH - 2 * MARGIN, 150)
FOOTER_TOP = HEIGHT - 170  # the rule above the footer
QR_SIDE = 140
SIZES = {  # (heading, title, body) in pixels; Naskh set larger, as on the site
    "rtl": (48, 36, 31),
    "ltr": (42, 31, 26),
}
LEADING = {"rtl": 1.75, "ltr": 1.5}


@dataclass(frozen=True)
class Placed:
    kind: str  # title or body
    line: Line
    baseline: float


@dataclass(frozen=True)
class OfficialLayout:
    pages: tuple[tuple[Placed, ...], ...]
    measures: dict  # kind -> Measure
    box: Box  # the text's column
    heading_baseline: float
    dateline_baseline: float


# A last page holds at least this many lines of text: a text a few lines too long for its pages is
# set a little smaller (down to SMALLEST of the size) rather than leave a line alone on a page.
LAST_PAGE_LINES = 4
SMALLEST = 0.88


def layout_official(sheet: Sheet, fonts: Fonts, cache: dict, layout=None) -> OfficialLayout:
    """Every line of the title and the text, page after page: a line that does not fit above
    the footer starts the next page."""
    size = SIZES[sheet.direction][2]
    first = _layout(sheet, fonts, cache, layout, size)
    if len(first.pages) == 1 or len(first.pages[-1]) >= LAST_PAGE_LINES:
        return first
    for smaller in range(size - 1, round(size * SMALLEST) - 1, -1):
        found = _layout(sheet, fonts, cache, layout, smaller)
        if len(found.pages) < len(first.pages) or len(found.pages[-1]) >= LAST_PAGE_LINES:
            return found
    return first


def _layout(sheet, fonts, cache, layout, body_size) -> OfficialLayout:
    heading_size, title_size, _ = SIZES[sheet.direction]
    box = Box(MARGIN, 0, WIDTH - 2 * MARGIN, 0)
    measures = {
        "title": Measure(
            font_of(fonts, sheet.direction, sheet.lang, title_size, True, layout), cache
        ),
        "body": Measure(
            font_of(fonts, sheet.direction, sheet.lang, body_size, False, layout), cache
        ),
    }
    dateline = BAND.bottom + 60
    heading = dateline + 30 + heading_size * 1.4
    lines = [("title", line) for line in break_paragraph(sheet.title, measures["title"], box.width)]
    for paragraph in sheet.paragraphs:
        lines.append(("gap", None))
        lines += [
            ("body", line) for line in break_paragraph(paragraph, measures["body"], box.width)
        ]
    pages, page = [], []
    y = heading + 44  # the top of the next line
    bottom = FOOTER_TOP - 20
    for kind, line in lines:
        if kind == "gap":
            y += body_size * 0.6
            continue
        measure = measures[kind]
        ascent, descent = measure.faces[sheet.direction].getmetrics()
        step = measure.font.size * LEADING[sheet.direction]
        if y + step > bottom and page:
            pages.append(tuple(page))
            page, y = [], BAND.bottom + 40
        baseline = y + (step + ascent - descent) / 2
        page.append(Placed(kind, line, baseline))
        y += step
    pages.append(tuple(page))
    return OfficialLayout(tuple(pages), measures, box, heading, dateline)


def page_number(number: int, count: int, locale: str) -> str:
    return f"{format_decimal(number, locale=locale)}/{format_decimal(count, locale=locale)}"


def make_pages(
    sheet: Sheet, fonts: Fonts, emblem: str, layout=None, cache=None
) -> list[Image.Image]:
    cache = {} if cache is None else cache  # fonts and letterheads, kept by a worker
    official = layout_official(sheet, fonts, cache, layout)
    box, count = official.box, len(official.pages)
    images = []
    for number, placed in enumerate(official.pages, start=1):
        image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
        canvas = ImageDraw.Draw(image)
        letterhead(image, canvas, sheet, fonts, emblem, BAND, cache)
        if number == 1:
            measure = fitted(
                fonts,
                sheet.direction,
                sheet.lang,
                sheet.dateline,
                box.width,
                26,
                cache,
                layout=layout,
            )
            draw_single(
                canvas, sheet.dateline, measure, box, official.dateline_baseline, GREY, "end"
            )
            heading = Measure(
                font_of(
                    fonts, sheet.direction, sheet.lang, SIZES[sheet.direction][0], True, layout
                ),
                cache,
            )
            draw_single(
                canvas, sheet.heading, heading, box, official.heading_baseline, BLUE, "center"
            )
            rule = heading.line_width(sheet.heading.split()) / 2 + 20
            middle = WIDTH / 2
            y = official.heading_baseline + 22
            canvas.rectangle((middle - rule, y, middle + rule, y + 3), fill=GOLD)
        for item in placed:
            align = "center" if item.kind == "title" else "justify"
            draw_line(
                canvas, item.line, official.measures[item.kind], box, item.baseline, INK, align
            )
        _footer(
            image,
            canvas,
            sheet,
            fonts,
            cache,
            box,
            page_number(number, count, sheet.locale),
            layout,
        )
        images.append(image)
    return images


def _footer(image, canvas, sheet, fonts, cache, box, number, layout):
    """The page's number in the middle; at the start, the code and the permalink (the address a
    reader types to check the image); at the end, the QR code."""
    canvas.rectangle((MARGIN, FOOTER_TOP, WIDTH - MARGIN, FOOTER_TOP + 2), fill=BLUE)
    # Digits and a slash: Naskh has no slash, and "1/2" reads left to right in both languages.
    numbers = Measure(font_of(fonts, "ltr", sheet.lang, 30, True, layout), cache)
    draw_single(canvas, number, numbers, box, FOOTER_TOP + 60, INK, "center")
    column = Box(box.left, 0, box.width - QR_SIDE - 40, 0)
    if sheet.direction == "rtl":
        column = Box(box.right - column.width, 0, column.width, 0)
    lines = [(sheet.permalink, 20)]
    if sheet.verification:
        lines.insert(0, (sheet.verification.label, 24))
    baseline = HEIGHT - 30 - 44 * (len(lines) - 1)
    for text, size in lines:
        measure = fitted(
            fonts, sheet.direction, sheet.lang, text, column.width, size, cache, layout=layout
        )
        draw_single(canvas, text, measure, column, baseline, GREY)
        baseline += 44
    if sheet.verification:
        code = qr_image(sheet.verification.url, QR_SIDE, cache)
        left = box.left if sheet.direction == "rtl" else box.right - code.width
        image.paste(code, (left, HEIGHT - 15 - code.height))
