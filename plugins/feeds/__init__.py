"""Feeds for journalists: Atom, RSS 2.0 and JSON Feed per language, city, offence, type and
updates; WebSub pings when the site is published."""

from pelican import signals

from .generator import get_generators


def register():
    signals.get_generators.connect(get_generators)
