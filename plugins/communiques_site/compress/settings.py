"""The compressed copies' settings: COMPRESS = {...} in pelicanconf.py."""

from dataclasses import dataclass

from communiques_site.core.settings import Schema, at_least_one, option


@dataclass(frozen=True)
class CompressOptions:
    # Below about 512 bytes a response fits in one packet whatever its encoding, and the
    # copies would cost more disk and inodes than they save.
    threshold: int = option(512, "bytes below which a file is sent as it is")
    workers: int = option(
        2,
        "processes that compress (threads for fewer files than `parallel_from`)",
        check=at_least_one,
    )
    parallel_from: int = option(
        64, "fewer files than this are compressed by threads of the build's process"
    )


SCHEMA = Schema("COMPRESS", CompressOptions, plugin="compress")
