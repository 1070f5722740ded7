"""A file's bytes with their DEFLATE stream made of pieces compressed one by one.

A piece ends with a full flush: the compressor forgets what came before, so pieces compressed
apart and put end to end are one valid stream (RFC 1951; zlib's gzjoin works the same way). A
file assembled from parts that rarely change (the open data, month by month) keeps each part's
piece and compresses only the parts that changed; its gzip copy (compress) and its zip entry
(the workbook) are the pieces joined. The bytes are the same on every machine and in every
build of the same parts, whether they were compressed now or kept.
"""

import struct
import zlib
from collections.abc import Iterable

LEVEL = 9  # once per part, not at every publication: the best
# The gzip header with no name and no time (RFC 1952): the same bytes for the same content.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
END = b"\x03\x00"  # an empty last block (fixed Huffman codes, end of block)


def piece(data: bytes, level: int = LEVEL) -> bytes:
    """`data` compressed alone, ending byte-aligned with the compressor's memory emptied."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


class Deflated:
    """Bytes added in order, each with its piece (made when not given): their compressed
    stream, checksum and size, not the bytes themselves (the caller writes them)."""

    def __init__(self, parts: Iterable[tuple[bytes, bytes | None]] = ()) -> None:
        self.pieces: list[bytes] = []
        self.crc = 0
        self.size = 0
        for data, made in parts:
            self.add(data, made)

    def add(self, data: bytes, made: bytes | None = None) -> None:
        self.pieces.append(piece(data) if made is None else made)
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)

    def stream(self) -> bytes:
        """The raw DEFLATE stream of the whole (a zip entry's data)."""
        return b"".join(self.pieces) + END

    def gzip(self) -> bytes:
        """The gzip file of the whole: one member, no name, no time."""
        trailer = struct.pack("<II", self.crc, self.size & 0xFFFFFFFF)
        return GZIP_HEADER + self.stream() + trailer
