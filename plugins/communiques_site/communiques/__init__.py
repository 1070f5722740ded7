"""Content model: the communiqué schema, its validation and the one index of cases."""

from communiques_site.core import stages

from .hooks import declare, read, render


def register() -> None:
    stages.declare.connect(declare)
    stages.read.connect(read)
    stages.render.connect(render)
