"""Compressed copies made at build time: a `.gz` and a `.br` beside every text file above a
threshold, so that the web server sends them as they are (nginx's gzip_static and
brotli_static) instead of compressing each response, and a phone downloads a fraction of the
bytes. In the seal stage, once every plugin has written its files (whatever the order of
PLUGINS): a file the build took from the published site unchanged takes its copies with it."""

from communiques_site.core import stages

from .hooks import declare, seal


def register() -> None:
    stages.declare.connect(declare)
    stages.seal.connect(seal)
