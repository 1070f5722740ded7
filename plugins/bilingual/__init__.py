"""The bilingual site: both languages' pages rendered from the one index of cases."""

from pelican import signals

from .generator import get_generators


def register():
    signals.get_generators.connect(get_generators)
