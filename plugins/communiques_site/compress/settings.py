"""The compressed copies' settings: COMPRESS = {...} in pelicanconf.py."""

from communiques_site.core.settings import Option, Schema, at_least_one

SCHEMA = Schema(
    "COMPRESS",
    (
        # Below about 512 bytes a response fits in one packet whatever its encoding, and the
        # copies would cost more disk and inodes than they save.
        Option("threshold", int, 512, "bytes below which a file is sent as it is"),
        Option("workers", int, 2, "processes that compress", check=at_least_one),
        Option("parallel_from", int, 64, "fewer files than this are compressed in one process"),
    ),
    plugin="compress",
)
