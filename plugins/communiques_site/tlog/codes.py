"""Verification codes: 8 characters of Crockford's base32 (no I, L, O, U: nothing to misread
from a screenshot or over the telephone), shown as two groups of four.

A case's code comes from its first entry in the log (its publication in its first logged
language): the first 40 bits of SHA-256("communiques-code\\n" || id || "\\n" || at || "\\n" ||
attempt), attempt 0. If a case earlier in the log has that code already, attempt 1, 2… is
used: a code, once given, stays with its case, and anyone holding the log can recompute every
code.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def crockford(data: bytes, length: int = 8) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    return "".join(ALPHABET[(number >> (bits - 5 * (i + 1))) & 31] for i in range(length))


def candidate(case_id: str, at: str, attempt: int) -> str:
    seed = f"communiques-code\n{case_id}\n{at}\n{attempt}".encode()
    return crockford(hashlib.sha256(seed).digest()[:5])


def assign(entries: Iterable[bytes]) -> dict[str, str]:
    """{case id: code} from the log's entries, in their order."""
    return assign_values(json.loads(data) for data in entries)


def assign_values(values: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """{case id: code} from the log's entries as JSON values (id, kind, at), in their order."""
    codes: dict[str, str] = {}
    taken = set()
    for value in values:
        if value["kind"] != "publication" or value["id"] in codes:
            continue
        attempt = 0
        while (code := candidate(value["id"], value["at"], attempt)) in taken:
            attempt += 1
        codes[value["id"]] = code
        taken.add(code)
    return codes


def shown(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def read(typed: str) -> str:
    """What someone typed, as a code: case, dashes, spaces and look-alikes forgiven."""
    return typed.strip().upper().translate(ALIASES)
