"""What a publication changes, and in which order it goes out.

Every published tree carries its inventory (`.publication.json`): each file's path and a digest
of its bytes (the compressed copies and dot files included, the inventory apart). The
difference between two inventories is the publication: the files to put and the files to
delete, in an order that never lets a reader follow a link to a file not there yet:

    targets first: theme files, search bundles, log tiles, images (what pages link to)
    then the communiqués' pages, then every other page (listings, cities, offences, archives,
    statistics), the new files of these kinds before the changed ones (no published page
    links to a new file before a changed page does), then feeds and the sitemap's parts, its
    index, the open data, the log's checkpoint,
    then the build's manifest and record, and the inventory last of all;
    deletions after everything, pages before what they linked to.

A file's compressed copies go just before it. `plan` is the one place that says this order:
the live tree published in place follows it (core.inplace), and so do the mirrors and the
object store (`invoke publish --mirror/--target`). `urls` turns a plan into the
addresses a cache in front must forget: a page's file and its folder's URL.
"""

import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Iterable

import orjson

INVENTORY = ".publication.json"
COPIES = (".gz", ".br")
# The dot files of a tree, in the order they go out after everything they describe.
LAST = (
    ".build-inputs.json",
    ".listing-parts.json",  # the listings' frozen parts (bilingual.pagination)
    ".published-record.json",
    ".build-manifest.json",
    INVENTORY,
)


def digest_file(path: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def read(root: str | None) -> dict[str, str]:
    """The inventory of a published tree; {} when it has none (everything is sent again)."""
    if not root:
        return {}
    try:
        with open(os.path.join(root, INVENTORY), "rb") as file:
            files: dict[str, str] = orjson.loads(file.read())
            return files
    except (OSError, ValueError):
        return {}


def inventory(
    root: str, published: str | None = None, previous: dict[str, str] | None = None
) -> dict[str, str]:
    """{path: digest} of every file under `root` but the inventory. A file that is the published
    one (the same inode: the build linked it) keeps the published digest without being read."""
    previous = previous or {}
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if relative == INVENTORY:
                continue
            known = previous.get(relative)
            if known and published and _same_inode(path, os.path.join(published, relative)):
                found[relative] = known
            else:
                found[relative] = digest_file(path)
    return dict(sorted(found.items()))


def merge(previous: dict[str, str], staged: dict[str, str], kept: set[str]) -> dict[str, str]:
    """The inventory of a site published in place: the files staged, and the published files
    kept with their compressed copies (the build that kept a file did not compress it again).
    In the published order (sorted), sorted again only when a file is new. This runs on every
    publication over every file of the site: a set difference (C's loop) leaves the files
    neither kept nor staged, and only those are looked at in Python."""
    files = dict(previous)
    for path in previous.keys() - kept - staged.keys():
        if not (path.endswith(COPIES) and path.rsplit(".", 1)[0] in kept):
            del files[path]
    new = staged.keys() - files.keys()
    files.update(staged)
    return dict(sorted(files.items())) if new else files


def _same_inode(a: str, b: str) -> bool:
    try:
        one, two = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)


def write(root: str, files: dict[str, str]) -> str:
    """Write the inventory of `root`; the digest of the file written (`complete` without
    reading it again)."""
    data = orjson.dumps(files, option=orjson.OPT_SORT_KEYS)
    with open(os.path.join(root, INVENTORY), "wb") as file:
        file.write(data)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def complete(root: str) -> dict[str, str]:
    """The inventory of `root` with the inventory file itself: everything a copy must hold."""
    files = dict(read(root))
    files[INVENTORY] = digest_file(os.path.join(root, INVENTORY))
    return files


def differences(root: str) -> tuple[list[str], list[str], list[str]]:
    """(missing, altered, unknown): the files of the served tree `root` against its inventory.
    A publication in place writes only what changed and keeps the rest as it finds it, so a
    file removed or changed by hand stays so until a build makes the whole tree again; this
    reads every file to find them. The dot files a build keeps beside the inventory (the lock)
    and the inventory itself are not counted."""
    files = read(root)
    missing, altered = [], []
    for path, digest in files.items():
        full = os.path.join(root, path)
        if not os.path.isfile(full):
            missing.append(path)
        elif digest_file(full) != digest:
            altered.append(path)
    unknown = []
    for folder, _, names in os.walk(root):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            if relative not in files and relative != INVENTORY:
                unknown.append(relative)
    return missing, altered, sorted(unknown)


def _base(path: str) -> tuple[str, int]:
    """(the file a compressed copy is of, 0 for a copy, 1 for the file itself)."""
    for suffix in COPIES:
        if path.endswith(suffix):
            return path[: -len(suffix)], 0
    return path, 1


def rank(path: str) -> int:
    """Where a file goes in a publication (see the module's docstring)."""
    base, _ = _base(path)
    if base in LAST:
        return 10 + LAST.index(base)
    parts = base.split("/")
    name = parts[-1]
    if base == "log/checkpoint":
        return 7
    if name == "pagefind-entry.json":
        return 2  # a search bundle's entry names its other files: after them
    if parts[0] == "data":
        return 6
    if base in ("sitemap.xml", "robots.txt"):
        return 5
    if parts[0] == "sitemaps":
        return 4  # the index (5) lists them: a new part goes out before it
    if len(parts) > 1 and parts[1] == "feeds" and not name.endswith(".html"):
        return 4
    if name.endswith(".html"):
        return 2 if len(parts) > 2 and parts[1] == "communiques" else 3
    return 1  # what pages link to: theme files, search bundles, log tiles, images


PAGES = 3  # the last rank of what pages link to and of pages


def plan(previous: dict[str, str], new: dict[str, str]) -> list[tuple[str, str]]:
    """[(action, path)]: ("put", path) for every new or changed file, ("delete", path) for every
    file gone, in the order of publication."""
    puts = [path for path, digest in new.items() if previous.get(path) != digest]
    deletions = [path for path in previous if path not in new]

    def order(path: str) -> tuple[bool, int, str, int]:
        base, itself = _base(path)
        where = rank(path)
        # New pages and what they link to go before any page that changed: until a changed
        # page links to them, no reader reaches them, so the links among them (a communiqué
        # and its translation link to each other) are never followed half-published.
        return path in previous or where > PAGES, where, base, itself

    steps = [("put", path) for path in sorted(puts, key=order)]
    steps += [("delete", path) for path in sorted(deletions, key=order, reverse=True)]
    return steps


def urls(steps: Iterable[tuple[str, str]]) -> list[str]:
    """The addresses a cache must forget after `steps`: each changed file's URL (its copies are
    the same URL in another encoding) and, for an index.html, its folder's URL. Dot files are
    never served, so never cached."""
    found: dict[str, None] = {}  # in order, each once: a list's `in` made it quadratic
    for _, path in steps:
        base, _ = _base(path)
        if any(part.startswith(".") for part in base.split("/")):
            continue
        found["/" + base] = None
        if base == "index.html" or base.endswith("/index.html"):
            found["/" + base[: -len("index.html")]] = None
    return list(found)


def purge_list(final: str) -> str:
    """Where a publication writes its URLs to purge, one a line, for a CDN's purge API: beside
    the served folder, outside what nginx serves."""
    return f"{os.path.normpath(final)}.purge-urls.txt"


def write_purge_list(final: str, addresses: Iterable[str]) -> str:
    path = purge_list(final)
    with open(f"{path}.tmp", "w", encoding="utf-8") as file:
        file.writelines(f"{address}\n" for address in addresses)
    os.replace(f"{path}.tmp", path)
    return path


def purge(cache: str, addresses: Iterable[str], timeout: float = 10) -> list[str]:
    """Send a PURGE for each address to the cache at `cache` (http://host:port); the addresses it
    did not purge, with why."""
    failed = []
    for address in addresses:
        request = urllib.request.Request(cache.rstrip("/") + address, method="PURGE")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            if error.code != 404:  # not in the cache: nothing to forget
                failed.append(f"{address}: {error.code} {error.reason}")
        except OSError as error:
            failed.append(f"{address}: {error}")
    return failed


# What nginx sends for each file (deploy/nginx.conf), for stores that do not negotiate: an
# object store serves each object with the type and cache rule it was uploaded with.
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript",
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
SHORT = "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"
FEEDS_AND_DATA = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"
YEAR = "public, max-age=31536000, immutable"


def media_type(path: str) -> str:
    base, _ = _base(path)
    if base == "log/checkpoint":
        return "text/plain; charset=utf-8"
    if base.startswith("data/") and base.endswith(".json"):
        return "application/json; charset=utf-8"
    suffix = os.path.splitext(base)[1]
    return MEDIA_TYPES.get(suffix, "application/octet-stream")


def encoding(path: str) -> str | None:
    """The Content-Encoding of a compressed copy, None for a file as it is."""
    return {".gz": "gzip", ".br": "br"}.get(os.path.splitext(path)[1])


def cache_rule(path: str) -> str:
    base, _ = _base(path)
    parts = base.split("/")
    if parts[0] == "log" and len(parts) > 1 and parts[1] == "tile":
        return SHORT if ".p/" in base else YEAR
    if parts[0] == "theme":
        hashed = parts[-1].split(".")
        if len(hashed) >= 3 and len(hashed[-2]) == 10 and _hex(hashed[-2]):
            return YEAR
        return "public, max-age=86400"
    if parts[0] == "data" or base.endswith((".atom", ".rss", ".json")):
        return FEEDS_AND_DATA
    return SHORT


def _hex(text: str) -> bool:
    return all(character in "0123456789abcdef" for character in text)
