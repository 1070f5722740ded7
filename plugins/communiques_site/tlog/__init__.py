"""A public transparency log of every publication (C2SP tlog-tiles, tlog-checkpoint, signed
note), the verification codes derived from it, and the pages that explain and resolve them."""

from communiques_site.core import stages

from .hooks import before_swap, declare, derive, read, render


def register() -> None:
    stages.declare.connect(declare)
    stages.read.connect(read)
    stages.derive.connect(derive)
    stages.render.connect(render)
    stages.before_swap.connect(before_swap)
