#!/usr/bin/env python3
"""Check the public log of the national police communiqués, from anywhere: a monitor.

    python3 verify.py https://communiques.dgsn.gov.ma --key 'NAME+HASH+KEY' [--id ID]
        [--code CODE] [--text-file FILE] [--state FILE]

Needs Python 3.10+ and the `cryptography` library (pip install cryptography), nothing else:
this file is a second implementation of the log's rules, apart from the site's own code.

It fetches the log's signed head (/log/checkpoint) and checks its signature with the verifier
key you pinned (--key, published on the site's verify page, /.well-known/communiques-log-key and
in the README; kept in the state file after the first run). It fetches every entry and every
hash tile, recomputes the tree (RFC 6962) and checks that the entries hash to the signed root
and that every tile holds the right hashes. It then checks that the log extends the last head
it saved in the state file: an entry rewritten or removed, or a second head of the same size
with another root (a fork), is reported. With --id, --code or --text-file (the body of a
communiqué as copied from anywhere) it prints the entries of that communiqué and where they
are in the log. The exit status is 0 when everything holds; otherwise 1, with a sentence
saying what does not hold.
"""

import argparse
import base64
import hashlib
import json
import sys
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

WIDTH = 256  # hashes or entries in a full tile (tile height 8)
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Failure(Exception):
    """Something that does not hold; its message says what."""


# Fetching: a site's address, or a folder that holds a built site (for a copy or a mirror).


def fetch(base: str, path: str) -> bytes:
    if not base.startswith(("http://", "https://")):
        try:
            return (Path(base) / path).read_bytes()
        except OSError as error:
            raise Failure(f"{path} cannot be read from {base} ({error.strerror})") from error
    url = base.rstrip("/") + "/" + path
    request = urllib.request.Request(url, headers={"User-Agent": "communiques-log-monitor"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise Failure(f"{url} cannot be fetched ({error})") from error


# RFC 6962 hashing and the C2SP tlog-tiles layout.


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def levels(leaves):
    found = [list(leaves)]
    while len(found[-1]) > 1:
        below = found[-1]
        found.append([node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])
    return found


def tree_hash(tree, size):
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


def tile_path(level, n, width=WIDTH):
    text = f"{n:03d}"
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    index = "/".join([*(f"x{g}" for g in groups[:-1]), groups[-1]])
    return f"log/tile/{level}/{index}" + (f".p/{width}" if width < WIDTH else "")


def unbundle(data: bytes, path: str):
    entries, at = [], 0
    while at < len(data):
        if at + 2 > len(data):
            raise Failure(f"{path} ends inside an entry's length")
        length = int.from_bytes(data[at : at + 2], "big")
        if at + 2 + length > len(data):
            raise Failure(f"{path} ends inside an entry")
        entries.append(data[at + 2 : at + 2 + length])
        at += 2 + length
    return entries


# C2SP signed-note (Ed25519) and tlog-checkpoint.


def parse_key(line: str):
    parts = line.strip().split("+", 2)
    if len(parts) != 3:
        raise Failure("the verifier key is not name+hash+key")
    name, hash_hex, encoded = parts
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError as error:
        raise Failure("the verifier key is not base64") from error
    if len(raw) != 33 or raw[0] != 1:
        raise Failure("the verifier key is not an Ed25519 key")
    key_id = hashlib.sha256(name.encode() + b"\n\x01" + raw[1:]).digest()[:4]
    if key_id.hex() != hash_hex:
        raise Failure("the verifier key's hash does not match its name and key")
    return name, key_id, raw[1:]


def open_checkpoint(note: bytes, key: str):
    """(origin, size, root) of a checkpoint signed by `key`."""
    name, key_id, public = parse_key(key)
    try:
        text = note.decode()
    except UnicodeDecodeError as error:
        raise Failure("the checkpoint is not text") from error
    body, sep, signatures = text.rpartition("\n\n")
    if not sep:
        raise Failure("the checkpoint has no signature")
    for line in signatures.splitlines():
        fields = line.split(" ")
        if len(fields) != 3 or fields[0] != "\u2014" or fields[1] != name:
            continue
        try:
            blob = base64.b64decode(fields[2], validate=True)
        except ValueError:
            continue
        if blob[:4] != key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(blob[4:], (body + "\n").encode())
        except InvalidSignature as error:
            raise Failure(
                f"the checkpoint's signature by {name} does not verify: it was altered"
            ) from error
        lines = body.split("\n")
        if len(lines) < 3 or not lines[1].isdigit():
            raise Failure("the checkpoint is not origin, size and root hash")
        if lines[0] != name:
            raise Failure(f"the checkpoint's origin {lines[0]!r} is not the key's {name!r}")
        try:
            root = base64.b64decode(lines[2], validate=True)
        except ValueError as error:
            raise Failure("the checkpoint's root hash is not base64") from error
        return lines[0], int(lines[1]), root
    raise Failure(f"the checkpoint is not signed by the pinned key {name}")


# What a reader holds: a verification code, a body copied from a page.


def codes_of(entries):
    """{case id: code}: the site's rule (communiques_site/tlog/codes.py), written again here."""
    codes, taken = {}, set()
    for data in entries:
        value = json.loads(data)
        if value["kind"] != "publication" or value["id"] in codes:
            continue
        attempt = 0
        while True:
            seed = f"communiques-code\n{value['id']}\n{value['at']}\n{attempt}".encode()
            number = int.from_bytes(hashlib.sha256(seed).digest()[:5], "big")
            code = "".join(CODE_ALPHABET[(number >> (35 - 5 * i)) & 31] for i in range(8))
            if code not in taken:
                break
            attempt += 1
        codes[value["id"]] = code
        taken.add(code)
    return codes


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_code(typed: str) -> str:
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
    return typed.strip().upper().translate(table)


# The monitor.


def audit(base, key):
    """(origin, size, root, entries) of the log at `base`, every entry and tile checked."""
    origin, size, root = open_checkpoint(fetch(base, "log/checkpoint"), key)
    entries = []
    for n in range((size + WIDTH - 1) // WIDTH):
        path = tile_path("entries", n, min(WIDTH, size - n * WIDTH))
        entries += unbundle(fetch(base, path), path)
    if len(entries) != size:
        raise Failure(
            f"the entry bundles hold {len(entries)} entries; the checkpoint counts {size}"
        )
    tree = levels([leaf_hash(entry) for entry in entries])
    if tree_hash(tree, size) != root:
        raise Failure(
            "the entries served do not hash to the signed root: an entry bundle was altered"
        )
    level = 0
    while 8 * level < len(tree) and tree[8 * level]:
        row = tree[8 * level]
        for n in range((len(row) + WIDTH - 1) // WIDTH):
            part = row[n * WIDTH : (n + 1) * WIDTH]
            path = tile_path(level, n, len(part))
            if fetch(base, path) != b"".join(part):
                raise Failure(f"{path} does not hold the hashes of the signed entries")
        level += 1
    return origin, size, root, entries, tree


def consistent(saved, size, root, tree):
    """Raise unless the log extends the head saved by an earlier run."""
    if not saved:
        return None
    old_size, old_root = saved["size"], base64.b64decode(saved["root"])
    if size < old_size:
        raise Failure(
            f"the log shrank from {old_size} entries (saved {saved['seen']}) to {size}: "
            "entries were removed"
        )
    if size == old_size and root != old_root:
        raise Failure(
            f"two signed heads of the same size {size} have different roots: the log forked "
            "(its history was rewritten)"
        )
    if tree_hash(tree, old_size) != old_root:
        raise Failure(
            f"the first {old_size} entries no longer hash to the root saved "
            f"{saved['seen']}: the log's history was rewritten"
        )
    return old_size


def main(argv=None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("site", help="the site's address (https://…) or a folder of a built site")
    cli.add_argument("--key", help="the verifier key to pin (name+hash+key)")
    cli.add_argument("--state", default="communiques-monitor.json", help="where heads are saved")
    cli.add_argument("--id", action="append", default=[], help="a communiqué's id")
    cli.add_argument("--code", action="append", default=[], help="a verification code")
    cli.add_argument("--text-file", action="append", default=[], help="a body copied from a page")
    args = cli.parse_args(argv)
    state_path = Path(args.state)
    try:
        state = json.loads(state_path.read_text()) if state_path.exists() else {}
    except ValueError:
        print(f"FAILED: {state_path} is not a monitor's state file", file=sys.stderr)
        return 1
    key = args.key or state.get("key")
    if not key:
        print("FAILED: no verifier key: pin one with --key (see the verify page)", file=sys.stderr)
        return 1
    if state.get("key") and args.key and args.key != state["key"]:
        print(
            f"FAILED: {args.key} is not the key pinned in {state_path} ({state['key']}); a new "
            "key is a new log: use another --state file",
            file=sys.stderr,
        )
        return 1
    try:
        origin, size, root, entries, tree = audit(args.site, key)
        since = consistent(state.get("head"), size, root, tree)
        found = find(args, entries)
    except Failure as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    print(f"log {origin}: signature verified with the pinned key")
    print(f"size {size}, root {base64.b64encode(root).decode()}")
    print(f"every entry and every hash tile checked against the signed root ({size} entries)")
    if since is None:
        print(f"first run: this head is saved in {state_path}")
    else:
        print(f"consistent with the head saved earlier (size {since}): no entry was rewritten")
    for line in found:
        print(line)
    from datetime import UTC, datetime

    seen = datetime.now(UTC).isoformat(timespec="seconds")
    state = {
        "key": key,
        "head": {"size": size, "root": base64.b64encode(root).decode(), "seen": seen},
    }
    state_path.write_text(json.dumps(state, indent=1) + "\n")
    return 0


def find(args, entries):
    """Lines saying where each communiqué asked for is in the log; Failure if one is not."""
    lines = []
    values = [json.loads(entry) for entry in entries]
    codes = codes_of(entries) if args.code else {}
    by_code = {code: case_id for case_id, code in codes.items()}
    wanted = [(f"id {case_id}", lambda v, c=case_id: v["id"] == c) for case_id in args.id]
    for typed in args.code:
        case_id = by_code.get(read_code(typed))
        if case_id is None:
            raise Failure(f"{typed} is not the verification code of any communiqué in the log")
        wanted.append((f"code {typed} ({case_id})", lambda v, c=case_id: v["id"] == c))
    for name in args.text_file:
        digest = hashlib.sha256(normalise(Path(name).read_text(encoding="utf-8")).encode())
        hexa = digest.hexdigest()
        wanted.append((f"the text of {name}", lambda v, h=hexa: v["body"] == h))
    for what, match in wanted:
        hits = [(n, v) for n, v in enumerate(values) if match(v)]
        if not hits:
            raise Failure(f"{what}: no entry of the signed log matches")
        lines.append(f"{what}: {len(hits)} entries in the signed log")
        for n, v in hits:
            lines.append(f"  entry {n}: {v['kind']} ({v['lang']}) of {v['at']}, {v['url']}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
