"""A map of Morocco, as official Moroccan maps draw it, with each city placed by its
coordinates, sized by its number of cases and linking to its page. The outline is Natural Earth
data (public domain) shipped in data/ (see data/README.md): no tile or request to the web."""

import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

OUTLINE = Path(__file__).parent / "data" / "morocco.geojson"
WEST, EAST, SOUTH, NORTH = -17.5, -0.8, 20.5, 36.2
SCALE = 40  # SVG units per degree of longitude


def _project(lon, lat):
    """Equirectangular, with longitudes shortened by the cosine of the middle latitude."""
    squeeze = math.cos(math.radians((SOUTH + NORTH) / 2))
    return (lon - WEST) * SCALE * squeeze, (NORTH - lat) * SCALE


def outline_path(geojson_text):
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


def draw(cities, counts, link_for, label_for, title, description):
    """The map's SVG: every city of the registry, a circle per city with cases."""
    width, height = _project(EAST, SOUTH)
    path = outline_path(OUTLINE.read_text(encoding="utf-8"))
    parts = [f'<path d="{path}" fill="#e9eef2" stroke="#56606b" stroke-width="1"/>']
    peak = max(counts.values(), default=0) or 1
    for key, city in sorted(cities.items(), key=lambda item: -counts.get(item[0], 0)):
        count = counts.get(key, 0)
        x, y = _project(city.lon, city.lat)
        radius = 3 + 14 * math.sqrt(count / peak) if count else 2.5
        fill = "#0b4a6f" if count else "#9aa5b1"
        label = escape(label_for(key, count))
        parts.append(
            f'<a href="{escape(link_for(key))}" class="map-city">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" '
            f'fill-opacity="0.8" stroke="#fff" stroke-width="1"><title>{label}</title></circle>'
            f"</a>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" class="map"><title>{escape(title)}</title><desc>{escape(description)}'
        f"</desc>{''.join(parts)}</svg>"
    )
