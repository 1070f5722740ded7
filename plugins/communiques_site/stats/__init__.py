"""Statistics per city and for the country, charts, a map, and the open data."""

from communiques_site.core import stages

from .hooks import derive, render


def register() -> None:
    stages.derive.connect(derive)
    stages.render.connect(render)
