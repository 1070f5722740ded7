"""A map of Morocco, as official Moroccan maps draw it, with each city placed by its
coordinates and sized by its number of cases. The outline is Natural Earth data (public domain)
shipped in data/ (see data/README.md): no tile or request to the web.

The map is a picture (role="img") and holds no link: 46 cities are too close together on a
phone to be touched apart, so the list of cities beside it is what a reader selects. It names
its largest cities and has a legend of its circles' sizes.
"""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from communiques_site.core.i18n import Formats

from .charts import EM_WIDTH

Box = tuple[float, float, float, float]  # left, top, right, bottom

OUTLINE = Path(__file__).parent / "data" / "morocco.geojson"
WEST, EAST, SOUTH, NORTH = -17.5, -0.8, 20.5, 36.2
SCALE = 40  # SVG units per degree of longitude
RADIUS = 16  # of the busiest city's circle; the others' areas are in proportion
LABELLED = 6  # the largest cities named on the map
INK, HALO, FILLED, EMPTY = "#1b1f24", "#ffffff", "#0b4a6f", "#9aa5b1"


@dataclass(frozen=True)
class MapFrame:
    """One drawing of the map, chosen by the stylesheet like the charts' frames."""

    name: str
    font: int  # in SVG units


# The map's viewBox is 588 units wide: 14 units are 13.7 px at its widest (36rem); under 40rem
# of viewport it is 328 px wide on a 360 px phone, where 23 units are 12.8 px.
FRAMES = (MapFrame("wide", 14), MapFrame("narrow", 23))


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float
    count: int


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, with longitudes shortened by the cosine of the middle latitude."""
    squeeze = math.cos(math.radians((SOUTH + NORTH) / 2))
    return (lon - WEST) * SCALE * squeeze, (NORTH - lat) * SCALE


def outline_path(geojson_text: str) -> str:
    """The SVG path of the country from its GeoJSON (a Polygon or MultiPolygon)."""
    geometry = json.loads(geojson_text)["features"][0]["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    commands = []
    for polygon in polygons:
        for ring in polygon:
            points = [_project(lon, lat) for lon, lat in ring]
            commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(commands)


@cache
def _outline() -> str:
    return outline_path(OUTLINE.read_text(encoding="utf-8"))


def radius(count: int, peak: int) -> float:
    """Areas in proportion to the counts; a city with no case is a small grey dot."""
    return max(RADIUS * math.sqrt(count / peak), 3) if count else 2.5


def draw(
    places: Sequence[Place], fmt: Formats, title: str, description: str, legend_title: str
) -> tuple[str, ...]:
    """The map's SVGs, one per frame."""
    return tuple(_draw(frame, places, fmt, title, description, legend_title) for frame in FRAMES)


def _draw(
    frame: MapFrame,
    places: Sequence[Place],
    fmt: Formats,
    title: str,
    description: str,
    legend_title: str,
) -> str:
    width, height = _project(EAST, SOUTH)
    above = frame.font  # room over the northern coast for Tangier's name
    peak = max((place.count for place in places), default=0) or 1
    circles = [(place, *_project(place.lon, place.lat)) for place in places]
    circles.sort(key=lambda item: -item[0].count)  # the small ones drawn over the big ones
    parts = [f'<path d="{_outline()}" fill="#e9eef2" stroke="#56606b" stroke-width="1"/>']
    parts += [_circle(x, y, radius(place.count, peak), place.count) for place, x, y in circles]
    parts += _labels(frame, circles, peak, (0, -above, width, height), fmt.direction == "rtl")
    legend, legend_height = _legend(frame, peak, width, height, fmt, legend_title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 {-above} {width:.0f} {above + height + legend_height:.0f}" role="img" '
        f'class="map map-{frame.name}" direction="{fmt.direction}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        f"{''.join(parts + legend)}</svg>"
    )


def _circle(x: float, y: float, r: float, count: int) -> str:
    fill = FILLED if count else EMPTY
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" fill-opacity="0.8" '
        f'stroke="#fff" stroke-width="1"/>'
    )


def _label(x: float, y: float, content: str, font: float, anchor: str) -> str:
    """Dark text on a white halo, legible over the outline and the circles: the halo is the
    same text stroked, drawn first (no paint-order, which the current HTML checker's CSS and
    SVG grammars do not know yet)."""
    where = f'x="{x:.1f}" y="{y:.1f}" font-size="{font}" text-anchor="{anchor}"'
    text = escape(content)
    return (
        f'<text {where} fill="{HALO}" stroke="{HALO}" stroke-width="{font / 5:.1f}" '
        f'stroke-linejoin="round" class="map-halo">{text}</text>'
        f'<text {where} fill="{INK}" class="map-label">{text}</text>'
    )


# A label's box is its line box: Arabic fonts reach far above and below the text's size.
LINE, BASELINE = 1.8, 1.25  # the box's height and its baseline from the top, in font sizes

# A label beside its circle, in this order of preference: east, west, north, south. Each gives
# the anchor's side of the box and the box's left and top from the circle's centre, given the
# circle's radius r, the label's width w and height h, and the gap g.
SIDES = (
    ("left", lambda r, w, g: r + g, lambda r, h, g: -h / 2),
    ("right", lambda r, w, g: -r - g - w, lambda r, h, g: -h / 2),
    ("middle", lambda r, w, g: -w / 2, lambda r, h, g: -r - g - h),
    ("middle", lambda r, w, g: -w / 2, lambda r, h, g: r + g),
)


def _labels(
    frame: MapFrame,
    circles: Sequence[tuple[Place, float, float]],
    peak: int,
    bounds: Box,
    rtl: bool,
) -> list[str]:
    """The names of the largest cities, each where it overlaps no edge, no name and no circle
    of a city already named; a city with no room is left unnamed and the next one is tried (the
    list of cities names them all). The names' halo keeps them legible over smaller circles."""
    font, gap = frame.font, 2
    taken: list[Box] = []
    parts: list[str] = []
    for place, x, y in [item for item in circles if item[0].count][: LABELLED * 2]:
        r, w, h = radius(place.count, peak), len(place.name) * font * EM_WIDTH, font * LINE
        for side, left_of, top_of in SIDES:
            left, top = x + left_of(r, w, gap), y + top_of(r, h, gap)
            box = (left, top, left + w, top + h)
            if _inside(box, bounds) and not any(_meet(box, other) for other in taken):
                taken += [box, _circle_box(x, y, r)]
                anchor = _anchor(side, rtl)
                parts.append(_label(*_anchor_point(box, side, font), place.name, font, anchor))
                break
        if len(parts) == LABELLED:
            break
    return parts


def _anchor(side: str, rtl: bool) -> str:
    """The text-anchor that holds a label by this side of its box: the SVG's direction makes
    "start" the left side in French and the right side in Arabic."""
    if side == "middle":
        return side
    return "start" if (side == "left") != rtl else "end"


def _anchor_point(box: Box, side: str, font: float) -> tuple[float, float]:
    """The label's x (on the given side of its box) and baseline."""
    left, top, right, _ = box
    x = {"left": left, "right": right, "middle": (left + right) / 2}[side]
    return x, top + font * BASELINE


def _circle_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def _inside(box: Box, bounds: Box) -> bool:
    return (
        bounds[0] <= box[0] and bounds[1] <= box[1] and box[2] <= bounds[2] and box[3] <= bounds[3]
    )


def _meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def legend_counts(peak: int) -> list[int]:
    """Two or three round counts for the legend's circles: 1 and round numbers up to the peak."""
    rounds = [n * 10**e for e in range(6) for n in (1, 2, 5) if n * 10**e <= peak]
    return sorted({rounds[0], *rounds[-2:]}) if rounds else []


def _legend(
    frame: MapFrame, peak: int, width: float, top: float, fmt: Formats, legend_title: str
) -> tuple[list[str], float]:
    """Under the map: its title, then a circle per round count and a grey dot for none, each
    above its number, from the reading's start."""
    font = frame.font
    counts = [0, *legend_counts(peak)]
    biggest = radius(counts[-1], peak) if peak else 0
    row = top + font * 1.6 + biggest
    parts = [_legend_text(frame, width, 8, top + font * 1.2, legend_title, fmt, "start")]
    along: float = 8
    for count in counts:
        r = radius(count, peak)
        half = max(r, len(fmt.number(count)) * font * EM_WIDTH / 2)
        centre = along + half
        x = width - centre if fmt.direction == "rtl" else centre
        parts.append(_circle(x, row + biggest - r, r, count))
        label_y = row + biggest + font * 1.3
        parts.append(_legend_text(frame, width, centre, label_y, fmt.number(count), fmt, "middle"))
        along = centre + half + font
    return parts, font * 3.2 + biggest * 2


def _legend_text(
    frame: MapFrame, width: float, along: float, y: float, content: str, fmt: Formats, anchor: str
) -> str:
    x = width - along if fmt.direction == "rtl" else along
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{frame.font}" text-anchor="{anchor}" '
        f'fill="{INK}" class="map-legend">{escape(content)}</text>'
    )
