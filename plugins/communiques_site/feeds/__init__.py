"""Feeds for journalists: Atom, RSS 2.0 and JSON Feed per language and beat (city, offence,
type, updates); WebSub pings when the site is published (`invoke publish`)."""

from communiques_site.core import stages

from .hooks import declare, derive, render


def register() -> None:
    stages.declare.connect(declare)
    stages.derive.connect(derive)
    stages.render.connect(render)
