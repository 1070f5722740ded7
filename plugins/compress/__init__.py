"""Compressed copies made at build time: a `.gz` and a `.br` beside every text file above a
threshold, so that the web server sends them as they are (nginx's gzip_static and
brotli_static) instead of compressing each response, and a phone downloads a fraction of the
bytes. Before the swap, after every other plugin has written its files (list it last in
PLUGINS): a file the build took from the published site unchanged takes its copies with it."""

from core import stages

from .hooks import before_swap, declare


def register():
    stages.declare.connect(declare)
    stages.before_swap.connect(before_swap)
