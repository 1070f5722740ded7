"""Which files get compressed copies, and the copies themselves, deterministic: the same bytes
make the same copies on every machine (no name, no time in the gzip header), so a mirror or a
cache never sees a copy change when its file did not."""

import gzip
import hashlib
import io
import os

import brotli

# The text files of the site: pages, styles, scripts, images drawn as text, feeds, data, the
# feeds' XSLT. Pagefind's index files (.pf_fragment, .pf_index, .pf_meta, .pf_filter) and its
# WebAssembly (.pagefind) are compressed by Pagefind already and are left as they are; its
# scripts and stylesheets are plain text like the theme's.
SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".xsl", ".json", ".csv", ".atom", ".rss")
COPIES = (".gz", ".br")
# Brotli's quality by file: 11, its best, only for what every visitor fetches (the stylesheets,
# scripts and drawings, a few dozen files); 5 for the rest. Measured on 600 files of a 1,000-case
# build (process time, one core): quality 11 costs 25 ms a file for copies 13.4 % of the file,
# quality 6 0.55 ms for 15.3 % (gzip -9: 16.9 %); at 10,000 cases (some 40,000 files) 11
# everywhere is some 1,000 s of processor time for 2 % of the bytes of a page. Quality 5 (the
# lowest of Brotli's better matcher) against 6, on 400 pages and feeds of a 10,000-case build:
# 8 % less time for 0.3 % more bytes; on its communiques.json (14.7 MB), made again at every
# publication, 0.08 s against 0.15 s for the same size.
BEST = (".css", ".js", ".svg", ".xsl")
QUALITY, BEST_QUALITY = 5, 11
# gzip's level: 9 but for files of a megabyte or more (a city's open data, the sitemap's pages):
# on the 10,000-case communiques.json (14.7 MB) level 9 took 0.35 s, level 6 0.16 s for a copy
# 2.8 % larger, and the gzip copy is only for clients without Brotli. The national open data's
# gzip copies are their makers' (build.deflated: joined from parts compressed once).
GZIP_LEVEL, LARGE_GZIP_LEVEL, LARGE = 9, 6, 1 << 20


def wanted(name: str, size: int, threshold: int) -> bool:
    return name.endswith(SUFFIXES) and size >= threshold


def gzipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    level = LARGE_GZIP_LEVEL if len(data) >= LARGE else GZIP_LEVEL
    # mtime 0 and no file name: the header is the same for the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=level, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def brotlied(data: bytes, text: bool = True, quality: int = BEST_QUALITY) -> bytes:
    mode = brotli.MODE_TEXT if text else brotli.MODE_GENERIC
    return brotli.compress(data, mode=mode, quality=quality)


def quality_of(path: str) -> int:
    return BEST_QUALITY if path.endswith(BEST) else QUALITY


def compress(paths: list[str], gzip_copy: bytes | None = None) -> int:
    """Write path.gz and path.br beside each of `paths`, files of the same bytes and kind
    (compressed once: Pagefind writes the same scripts into every bundle's folder); the bytes
    the copies hold together. `gzip_copy`: the gzip copy, made by the file's maker."""
    with open(paths[0], "rb") as file:
        data = file.read()
    gz = gzipped(data) if gzip_copy is None else gzip_copy
    copies = ((".gz", gz), (".br", brotlied(data, quality=quality_of(paths[0]))))
    written = 0
    for path in paths:
        for suffix, made in copies:
            temporary = f"{path}{suffix}.tmp"
            with open(temporary, "wb") as file:
                file.write(made)
            os.replace(temporary, path + suffix)
            written += len(made)
    return written


def same_bytes(root: str, names: list[str]) -> list[list[str]]:
    """`names` (under `root`) in groups of the same bytes and the same Brotli quality, in the
    order of their first name."""
    groups: dict[tuple, list[str]] = {}
    for name in names:
        with open(os.path.join(root, name), "rb") as file:
            digest = hashlib.blake2b(file.read(), digest_size=16).digest()
        groups.setdefault((digest, quality_of(name)), []).append(os.path.join(root, name))
    return list(groups.values())
