"""The tree and its static files, as C2SP tlog-tiles lays them out: RFC 6962 hashing, hash
tiles of height 8 at tile/<L>/<N>[.p/<W>], entry bundles at tile/entries/<N>[.p/<W>].

The whole tree is kept as its levels of complete subtrees: level k holds the hash of every
complete subtree of 2**k leaves, left to right. A hash tile of level L is a slice of level 8L,
so the tiles and the root come from the same lists.
"""

import hashlib
from collections.abc import Iterator

HEIGHT = 8
WIDTH = 1 << HEIGHT  # hashes (or entries) in a full tile


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def levels(leaves: list[bytes]) -> list[list[bytes]]:
    """Level 0 is the leaves; level k+1 pairs the complete subtrees of level k."""
    found = [list(leaves)]
    while len(found[-1]) > 1:
        below = found[-1]
        found.append([node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])
    return found


def extend(known: list[list[bytes]], leaves: list[bytes]) -> list[list[bytes]]:
    """The levels of the tree with `leaves` appended: only the right edge is hashed again."""
    found = [list(known[0]) + list(leaves)] if known else [list(leaves)]
    k = 0
    while len(found[k]) > 1:
        below = found[k]
        done = known[k + 1] if k + 1 < len(known) else []
        done = done[: len(below) // 2]
        start = len(done)
        done = list(done) + [
            node_hash(below[2 * i], below[2 * i + 1]) for i in range(start, len(below) // 2)
        ]
        found.append(done)
        k += 1
    return found


def root(tree: list[list[bytes]], size: int | None = None) -> bytes:
    """RFC 6962's tree hash of the first `size` leaves (all by default): the complete subtrees
    of its binary decomposition, folded from the right."""
    size = len(tree[0]) if size is None else size
    if size == 0:
        return hashlib.sha256(b"").digest()
    hashes, start = [], 0
    for k in range(size.bit_length() - 1, -1, -1):
        if size & (1 << k):
            hashes.append(tree[k][start >> k])
            start += 1 << k
    value = hashes.pop()
    while hashes:
        value = node_hash(hashes.pop(), value)
    return value


def index_path(n: int) -> str:
    """A tile index as tlog-tiles writes it: 1234067 -> x001/x234/067."""
    text = f"{n:03d}"
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    return "/".join([*(f"x{g}" for g in groups[:-1]), groups[-1]])


def tile_path(level: int | str, n: int, width: int = WIDTH) -> str:
    """`level`: a number, or "entries" for an entry bundle."""
    return f"tile/{level}/{index_path(n)}" + (f".p/{width}" if width < WIDTH else "")


def hash_tiles(tree: list[list[bytes]]) -> Iterator[tuple[str, bytes, bool]]:
    """(path, bytes, full) of every hash tile of the tree."""
    level = 0
    while HEIGHT * level < len(tree) and tree[HEIGHT * level]:
        row = tree[HEIGHT * level]
        for n in range(0, (len(row) + WIDTH - 1) // WIDTH):
            part = row[n * WIDTH : (n + 1) * WIDTH]
            yield tile_path(level, n, len(part)), b"".join(part), len(part) == WIDTH
        level += 1


def bundle(entries: list[bytes]) -> bytes:
    """An entry bundle: each entry as its big-endian 16-bit length and its bytes."""
    return b"".join(len(entry).to_bytes(2, "big") + entry for entry in entries)


def unbundle(data: bytes) -> list[bytes]:
    entries, at = [], 0
    while at < len(data):
        if at + 2 > len(data):
            raise ValueError("an entry bundle ends inside an entry's length")
        length = int.from_bytes(data[at : at + 2], "big")
        if at + 2 + length > len(data):
            raise ValueError("an entry bundle ends inside an entry")
        entries.append(data[at + 2 : at + 2 + length])
        at += 2 + length
    return entries


def entry_bundles(entries: list[bytes]) -> Iterator[tuple[str, bytes, bool]]:
    """(path, bytes, full) of every entry bundle."""
    for n in range(0, (len(entries) + WIDTH - 1) // WIDTH):
        part = entries[n * WIDTH : (n + 1) * WIDTH]
        yield tile_path("entries", n, len(part)), bundle(part), len(part) == WIDTH
