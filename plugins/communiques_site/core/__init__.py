"""The core every capability plugin builds on: the site's languages, its routes (the URL
contract), the plugins' declared settings and the build's stages (see core.stages)."""

from pelican import signals

from .pipeline import finish, get_generators, start


def register() -> None:
    signals.initialized.connect(start)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish)
