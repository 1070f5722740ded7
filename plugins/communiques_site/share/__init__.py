"""Communiqués that travel: a preview card and the official image of each communiqué in each
language (Pillow with raqm, so that Arabic is shaped), OpenGraph and Twitter previews, schema.org
structured data."""

from communiques_site.core import stages

from .hooks import declare, derive, render


def register() -> None:
    stages.declare.connect(declare)
    stages.derive.connect(derive)
    stages.render.connect(render)
