"""Statistics per city and for the country, charts, a map, and the open data."""

from pelican import signals

from .generator import get_generators


def register():
    signals.get_generators.connect(get_generators)
