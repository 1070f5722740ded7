"""Server-side SVG charts: no JavaScript, labels in the page's language, Arabic read right to
left (the time axis runs from right to left), Western digits, and a text alternative.

A small template of our own rather than pygal: pygal's SVG relies on JavaScript for tooltips,
has no right-to-left axis, and would still need the data table added for screen readers.

Each chart is drawn twice, for a wide and for a narrow screen (the stylesheet shows one): an SVG
scales its text with its width, so a single drawing made for a desktop shows 5 px labels on a
phone. Each frame's viewBox and font size keep the text at 12 CSS px or more where it is shown.
"""

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from communiques_site.core.i18n import Formats
from communiques_site.core.labels import TYPES

# A label and its value as the language writes them ("Casablanca : 12" in French).
Pair = Callable[[str, str], str]

TYPE_COLOURS = {"arrest": "#0b4a6f", "clarification": "#b3261e", "search": "#e8a317"}
CASES_COLOUR = "#0b4a6f"
AXIS_COLOUR = "#56606b"
GRID_COLOUR = "#d5dbe1"
# Wider than most glyphs of Latin and Arabic text at a given size: labels are spaced by this
# estimate, so that they cannot overlap (tests/test_charts.py measures them in Chromium).
EM_WIDTH = 0.6
# Lines of labels under the axis are this many font sizes apart: Naskh's line box is tall.
LINE = 1.9


@dataclass(frozen=True)
class Frame:
    """One drawing of a chart: `name` is the CSS class that shows it (the stylesheet)."""

    name: str
    width: int  # of the viewBox, in SVG units
    font: int  # in SVG units


# Shown from 40rem of viewport: the figure is at least 608 px wide for 640 units (13 units are
# 12.3 px or more). Under 40rem: at least 328 px on a 360 px phone for 300 units (14.2 px).
WIDE = Frame("wide", 640, 13)
NARROW = Frame("narrow", 300, 13)
FRAMES = (WIDE, NARROW)


@dataclass(frozen=True)
class Chart:
    svgs: tuple[str, ...]  # one SVG per frame, each role="img" and named by its title
    caption: str
    header: str  # the head of the data table's first column (what its rows are)
    table: Sequence[
        tuple[str, Mapping[str, int]]
    ]  # (label, {series: value}) rows, for the data table
    series: Sequence[tuple[str, str, str]]  # (key, label, colour): the legend, the table's columns


@dataclass(frozen=True)
class Scale:
    """A value axis for counts: ticks every `step` (1, 2 or 5 × 10ⁿ) up to `top`."""

    top: int
    step: int

    @property
    def ticks(self) -> range:
        return range(0, self.top + 1, self.step)


def _round_steps() -> Iterator[int]:
    power = 1
    while True:
        for digit in (1, 2, 5):
            yield digit * power
        power *= 10


def scale(peak: int, least: int = 1, most: int = 5) -> Scale:
    """The axis of a count: the top is the first multiple of a round step at or above the peak,
    in at most `most` steps (whole numbers: 1, 2 or 5 × 10ⁿ), so that the tallest bar fills
    most of the height; an axis of 4 for a peak of 1 read as if nothing had happened."""
    target = max(peak, least)
    step = next(s for s in _round_steps() if math.ceil(target / s) <= most)
    return Scale(step * math.ceil(target / step), step)


def text_width(text: str, font: float) -> float:
    return len(text) * font * EM_WIDTH


@dataclass(frozen=True)
class Plot:
    """Where the marks go, in reading positions: distances from the edge where reading
    starts (the left in French, the right in Arabic), mapped to the SVG's x by `x`."""

    frame: Frame
    rtl: bool
    start: float
    end: float
    top: float
    bottom: float

    def x(self, along: float) -> float:
        return self.frame.width - along if self.rtl else along

    def left(self, along: float, length: float) -> float:
        """The x of the left side of a span of the reading."""
        return self.x(along + length) if self.rtl else along

    @property
    def length(self) -> float:
        return self.end - self.start


def _text(
    x: float, y: float, content: str, font: float, anchor: str = "start", css: str = ""
) -> str:
    """Text whose anchor follows the SVG's direction: "start" is the reading's start."""
    css = f' class="{css}"' if css else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{font}" text-anchor="{anchor}"{css}>'
        f"{escape(content)}</text>"
    )


def _rect(x: float, y: float, width: float, height: float, fill: str, title: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}" stroke="#fff" stroke-width="0.5"><title>{escape(title)}</title></rect>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="1"/>'
    )


def _svg(
    frame: Frame, height: float, fmt: Formats, title: str, description: str, parts: Iterable[str]
) -> str:
    """`direction` makes text-anchor's start and end the reading's, whatever the page's."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {height:.0f}" '
        f'role="img" class="chart chart-{frame.name}" direction="{fmt.direction}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        f"{''.join(parts)}</svg>"
    )


# The monthly chart: months along the reading, a stacked bar of the types per month.


def monthly(
    by_month: Mapping[str, Mapping[str, int]],
    fmt: Formats,
    labels: Mapping[str, str],
    title: str,
    description: str,
    header: str,
    pair: Pair,
) -> Chart:
    """Cases per month, stacked by type; `labels`: {type: label}."""
    months = sorted(by_month)
    axis = scale(max((sum(by_month[m].values()) for m in months), default=0))
    svgs = tuple(
        _monthly_svg(frame, fmt, months, by_month, axis, labels, title, description, pair)
        for frame in FRAMES
    )
    rows = [(fmt.month(m), by_month[m]) for m in months]
    series = [(kind, labels[kind], TYPE_COLOURS[kind]) for kind in TYPES]
    return Chart(svgs, description, header, rows, series)


def _monthly_svg(
    frame: Frame,
    fmt: Formats,
    months: Sequence[str],
    by_month: Mapping[str, Mapping[str, int]],
    axis: Scale,
    labels: Mapping[str, str],
    title: str,
    description: str,
    pair: Pair,
) -> str:
    font = frame.font
    widest = max(text_width(fmt.number(tick), font) for tick in axis.ticks)
    plot = Plot(frame, fmt.direction == "rtl", widest + 8, frame.width - 4, font, 240 - font * 2)
    step = plot.length / max(len(months), 1)
    bar = step * 0.75
    begins = [plot.start + step * index + (step - bar) / 2 for index in range(len(months))]
    parts = _value_axis(plot, axis, fmt)
    for month, begin in zip(months, begins, strict=True):
        tip = partial(pair, fmt.month(month))
        parts += _stack(plot, axis, begin, bar, by_month[month], tip, labels, fmt)
    names, lines = _month_labels(plot, [fmt.month_short(m) for m in months], begins, step)
    years_y = plot.bottom + LINE * font * (lines + 1)
    parts += names + _year_labels(plot, months, begins, years_y)
    return _svg(frame, years_y + font * 0.8, fmt, title, description, parts)


def _stack(
    plot: Plot,
    axis: Scale,
    begin: float,
    bar: float,
    counts: Mapping[str, int],
    tip: Callable[[str], str],
    labels: Mapping[str, str],
    fmt: Formats,
) -> list[str]:
    parts, y = [], plot.bottom
    for kind in TYPES:
        value = counts.get(kind, 0)
        if value:
            h = (plot.bottom - plot.top) * value / axis.top
            y -= h
            title = tip(f"{labels[kind]} {fmt.number(value)}")
            parts.append(_rect(plot.left(begin, bar), y, bar, h, TYPE_COLOURS[kind], title))
    return parts


def _value_axis(plot: Plot, axis: Scale, fmt: Formats) -> list[str]:
    """Gridlines at the round ticks, their numbers on the reading's start side."""
    parts = []
    for tick in axis.ticks:
        y = plot.bottom - (plot.bottom - plot.top) * tick / axis.top
        colour = AXIS_COLOUR if tick == 0 else GRID_COLOUR
        parts.append(_line(plot.x(plot.start), y, plot.x(plot.end), y, colour))
        x = plot.x(plot.start - 6)
        y += plot.frame.font * 0.35
        parts.append(_text(x, y, fmt.number(tick), plot.frame.font, "end", css="tick"))
    return parts


def _month_labels(
    plot: Plot, names: Sequence[str], begins: Sequence[float], step: float
) -> tuple[list[str], int]:
    """Every month when the names fit on one line; else on two lines, alternately, so that
    every month (or, on a very long axis, every other) keeps its name. Each starts at its bar's
    start edge; the year is said once, under them (`_year_labels`). Returns (texts, lines)."""
    font = plot.frame.font
    room = max((text_width(name, font) for name in names), default=0) + font / 2
    apart = math.ceil(room / step)  # months between two names on one line
    lines = 1 if apart == 1 else 2
    every = math.ceil(apart / lines)
    parts = []
    for count, index in enumerate(range(0, len(names), every)):
        if begins[index] + text_width(names[index], font) <= plot.frame.width:
            y = plot.bottom + LINE * font * (count % lines + 1)
            parts.append(_text(plot.x(begins[index]), y, names[index], font, css="month"))
    return parts, lines


def _year_labels(plot: Plot, months: Sequence[str], begins: Sequence[float], y: float) -> list[str]:
    """The year under the first month it has on the axis, when there is room before the next
    year's; the months of a year cut short keep their full names in the data table."""
    font = plot.frame.font
    starts = [i for i, month in enumerate(months) if i == 0 or month[:4] != months[i - 1][:4]]
    parts = []
    for start, following in itertools.zip_longest(starts, starts[1:]):
        year = months[start][:4]
        end = begins[following] if following is not None else plot.frame.width
        if begins[start] + text_width(year, font) + font / 2 <= end:
            parts.append(_text(plot.x(begins[start]), y, year, font, css="year"))
    return parts


# The response chart: a horizontal bar per span of time, its label above it, so that the
# longest label (من 12 إلى 24 ساعة) has the whole width on a phone.


def response(
    counts: Iterable[int],
    fmt: Formats,
    bin_labels: Sequence[str],
    title: str,
    description: str,
    series_label: str,
    header: str,
    pair: Pair,
) -> Chart:
    """How many cases had their first arrest within each span of time after the video;
    `counts`: the figures' counts by span, in order; `bin_labels`: their labels."""
    counts = list(counts)
    axis = scale(max(counts, default=0))
    svgs = tuple(
        _response_svg(frame, fmt, counts, bin_labels, axis, title, description, pair)
        for frame in FRAMES
    )
    rows = [(label, {"cases": count}) for label, count in zip(bin_labels, counts, strict=True)]
    return Chart(svgs, description, header, rows, [("cases", series_label, CASES_COLOUR)])


def _response_svg(
    frame: Frame,
    fmt: Formats,
    counts: Sequence[int],
    bin_labels: Sequence[str],
    axis: Scale,
    title: str,
    description: str,
    pair: Pair,
) -> str:
    font = frame.font
    row = font * 3.6
    widest = max(text_width(fmt.number(tick), font) for tick in axis.ticks)
    rows_height = row * len(counts)
    plot = Plot(
        frame, fmt.direction == "rtl", widest / 2 + 4, frame.width - widest - 8, 4, 4 + rows_height
    )
    parts = _count_axis(plot, axis, fmt)
    for index, (label, count) in enumerate(zip(bin_labels, counts, strict=True)):
        parts += _span_row(plot, axis, plot.top + row * index, label, count, fmt, pair)
    return _svg(frame, plot.bottom + font * 2, fmt, title, description, parts)


def _span_row(
    plot: Plot, axis: Scale, top: float, label: str, count: int, fmt: Formats, pair: Pair
) -> list[str]:
    font = plot.frame.font
    length = plot.length * count / axis.top
    # The bar stands clear of its label's line box (Arabic fonts' are tall), not only its ink.
    bar_top, bar_height = top + font * 1.9, font * 1.2
    value_x = plot.x(plot.start + length + 4)
    return [
        _text(plot.x(plot.start + 4), top + font * 1.1, label, font, css="span"),
        _rect(
            plot.left(plot.start, length),
            bar_top,
            length,
            bar_height,
            CASES_COLOUR,
            pair(label, fmt.number(count)),
        ),
        _text(value_x, bar_top + bar_height * 0.5 + font * 0.35, fmt.number(count), font),
    ]


def _count_axis(plot: Plot, axis: Scale, fmt: Formats) -> list[str]:
    """Vertical gridlines at the round ticks, their numbers under the bars."""
    parts = []
    for tick in axis.ticks:
        x = plot.x(plot.start + plot.length * tick / axis.top)
        colour = AXIS_COLOUR if tick == 0 else GRID_COLOUR
        parts.append(_line(x, plot.top, x, plot.bottom, colour))
        y = plot.bottom + plot.frame.font * 1.4
        parts.append(_text(x, y, fmt.number(tick), plot.frame.font, "middle", css="tick"))
    return parts
