"""The site in every language: its pages, rendered from the one index of cases and from what
the other plugins register, with gettext catalogs and Babel formats; the sitemap."""

from communiques_site.core import stages

from .hooks import declare, derive, read, render


def register() -> None:
    stages.declare.connect(declare)
    stages.read.connect(read)
    stages.derive.connect(derive)
    stages.render.connect(render)
