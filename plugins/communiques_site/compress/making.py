"""Which files get compressed copies, and the copies themselves, deterministic: the same bytes
make the same copies on every machine (no name, no time in the gzip header), so a mirror or a
cache never sees a copy change when its file did not."""

import gzip
import io
import os

import brotli

# The text files of the site: pages, styles, scripts, images drawn as text, feeds, data, the
# feeds' XSLT. Pagefind's index files (.pf_fragment, .pf_index, .pf_meta, .pf_filter) and its
# WebAssembly (.pagefind) are compressed by Pagefind already and are left as they are; its
# scripts and stylesheets are plain text like the theme's.
SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".xsl", ".json", ".csv", ".atom", ".rss")
COPIES = (".gz", ".br")


def wanted(name: str, size: int, threshold: int) -> bool:
    return name.endswith(SUFFIXES) and size >= threshold


def gzipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    # mtime 0 and no file name: the header is the same for the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def brotlied(data: bytes, text: bool = True) -> bytes:
    mode = brotli.MODE_TEXT if text else brotli.MODE_GENERIC
    return brotli.compress(data, mode=mode, quality=11)


def compress(path: str) -> int:
    """Write path.gz and path.br; the bytes they hold together."""
    with open(path, "rb") as file:
        data = file.read()
    written = 0
    for suffix, made in ((".gz", gzipped(data)), (".br", brotlied(data))):
        temporary = f"{path}{suffix}.tmp"
        with open(temporary, "wb") as file:
            file.write(made)
        os.replace(temporary, path + suffix)
        written += len(made)
    return written
