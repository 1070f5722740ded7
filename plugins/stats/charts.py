"""Server-side SVG charts: no JavaScript, labels in the page's language, Arabic read right to
left (the time axis runs from right to left), Western digits, and a text alternative.

A small template of our own rather than pygal: pygal's SVG relies on JavaScript for tooltips,
has no right-to-left axis, and would still need the hidden data table added for screen readers.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

TYPE_COLOURS = {"arrest": "#0b4a6f", "clarification": "#b3261e", "search": "#e8a317"}


@dataclass(frozen=True)
class Chart:
    svg: str  # the picture, aria-hidden text aside
    caption: str
    table: list  # (label, {series: value}) rows, for the visually hidden table
    series: list  # (key, label)


def _plot_area(width, margin, rtl):
    """(left, right) of the bars: the value axis stands on the start side of the reading."""
    # The far side keeps room for half a month's label under the last bar.
    return (28, width - margin) if rtl else (margin, width - 28)


def _x_positions(count, area, rtl):
    left, right = area
    step = (right - left) / max(count, 1)
    positions = [left + step * index for index in range(count)]
    return (list(reversed(positions)) if rtl else positions), step


def monthly(by_month, fmt, labels, title, description):
    """Cases per month, stacked by type; `labels`: {type: label}."""
    months = sorted(by_month)
    width, height, left, bottom, top = 640, 240, 36, 40, 16
    plot_height = height - bottom - top
    peak = max((sum(v.values()) for v in by_month.values()), default=0) or 1
    rtl = fmt.direction == "rtl"
    area = _plot_area(width, left, rtl)
    xs, step = _x_positions(len(months), area, rtl)
    bar = max(step * 0.7, 1)
    parts = []
    for month, x in zip(months, xs, strict=True):
        y = height - bottom
        for kind in ("arrest", "clarification", "search"):
            value = by_month[month].get(kind, 0)
            if not value:
                continue
            h = plot_height * value / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{TYPE_COLOURS[kind]}"><title>{escape(fmt.month(month))}: '
                f"{escape(labels[kind])} {fmt.number(value)}</title></rect>"
            )
    every = max(1, len(months) // 6)
    for index, (month, x) in enumerate(zip(months, xs, strict=True)):
        if index % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="11">{escape(fmt.month(month))}</text>'
            )
    axis = _value_axis(peak, fmt, area, height, bottom, plot_height, rtl)
    rows = [(fmt.month(m), by_month[m]) for m in months]
    series = [(kind, labels[kind]) for kind in ("arrest", "clarification", "search")]
    return Chart(
        _svg(width, height, title, description, axis + parts, fmt), description, rows, series
    )


def response(counts, fmt, bin_labels, title, description, series_label):
    """How many cases had their first arrest within each span of time after the video;
    `counts`: the figures' counts by span, in order; `bin_labels`: their labels."""
    counts = list(counts)
    width, height, left, bottom, top = 640, 220, 36, 40, 16
    plot_height = height - bottom - top
    peak = max(counts) or 1
    rtl = fmt.direction == "rtl"
    area = _plot_area(width, left, rtl)
    xs, step = _x_positions(len(counts), area, rtl)
    bar = step * 0.7
    parts = []
    for label, count, x in zip(bin_labels, counts, xs, strict=True):
        h = plot_height * count / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="#0b4a6f"><title>{escape(label)}: {fmt.number(count)}'
            f"</title></rect>"
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11">{escape(label)}</text>'
        )
    axis = _value_axis(peak, fmt, area, height, bottom, plot_height, rtl)
    rows = [(label, {"cases": count}) for label, count in zip(bin_labels, counts, strict=True)]
    return Chart(
        _svg(width, height, title, description, axis + parts, fmt),
        description,
        rows,
        [("cases", series_label)],
    )


def _value_axis(peak, fmt, area, height, bottom, plot_height, rtl):
    left, right = area
    x, anchor = (right + 6, "start") if rtl else (left - 6, "end")
    parts = [
        f'<line x1="{left}" x2="{right}" y1="{height - bottom}" y2="{height - bottom}" '
        f'stroke="#56606b"/>'
    ]
    for value in sorted({0, peak // 2, peak}):
        y = height - bottom - plot_height * value / peak
        parts.append(
            f'<text x="{x}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="11">'
            f"{fmt.number(value)}</text>"
        )
    return parts


def _svg(width, height, title, description, parts, fmt):
    body = "".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{body}</svg>"
    )
