"""Content model: the communiqué schema, its validation and the one index of cases."""

from pelican import signals

from .generator import get_generators


def register():
    signals.get_generators.connect(get_generators)
