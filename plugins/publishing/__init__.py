"""Publishing: atomic output (a failed build never touches the published site)."""

from pelican import signals

from .atomic import stage, swap


def register():
    signals.initialized.connect(stage)
    signals.finalized.connect(swap)
