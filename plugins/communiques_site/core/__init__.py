"""The core every capability plugin builds on: the site's languages, its routes (the URL
contract), the plugins' declared settings and the build's stages (see core.stages)."""


def register() -> None:
    # Imported here: a build that finds nothing changed never imports Pelican (core.build).
    from pelican import signals

    from .pipeline import finish, get_generators, start

    signals.initialized.connect(start)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish)
