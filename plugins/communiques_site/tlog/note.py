"""Signed notes (C2SP signed-note) with Ed25519, and checkpoints (C2SP tlog-checkpoint).

Keys are written as Go's golang.org/x/mod/sumdb/note writes them, so that its tools read them:
the signer `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>` and the verifier
`<name>+<hash>+<base64(0x01 || public key)>`, the hash the first 4 bytes of
SHA-256(name || 0x0A || 0x01 || public key), as 8 hex digits.
"""

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = b"\x01"
DASH = "\u2014"  # the em dash that starts a signature line


class NoteError(ValueError):
    """A note, key or checkpoint that does not hold; the message says what."""


def key_hash(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


def valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


@dataclass(frozen=True)
class Signer:
    name: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> bytes:
        return self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def verifier_key(self) -> str:
        return verifier_line(self.name, self.public)

    @property
    def verifier(self) -> "Verifier":
        return Verifier(self.name, self.public)

    def text(self) -> str:
        seed = self.private.private_bytes_raw()
        encoded = base64.b64encode(ED25519 + seed).decode()
        return f"PRIVATE+KEY+{self.name}+{key_hash(self.name, self.public).hex()}+{encoded}"

    def sign(self, text: str) -> str:
        """The signed note of `text` (which ends with a newline)."""
        signature = self.private.sign(text.encode())
        blob = base64.b64encode(key_hash(self.name, self.public) + signature).decode()
        return f"{text}\n{DASH} {self.name} {blob}\n"


def new_signer(name: str) -> Signer:
    if not valid_name(name):
        raise NoteError(f"{name!r} cannot name a key: no spaces and no '+'")
    return Signer(name, Ed25519PrivateKey.generate())


def verifier_line(name: str, public: bytes) -> str:
    encoded = base64.b64encode(ED25519 + public).decode()
    return f"{name}+{key_hash(name, public).hex()}+{encoded}"


def parse_signer(text: str) -> Signer:
    parts = text.strip().split("+", 4)  # base64 has "+" too
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise NoteError("is not a signing key (PRIVATE+KEY+<name>+<hash>+<key>)")
    name, hash_hex, encoded = parts[2:]
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError as error:
        raise NoteError("its key is not base64") from error
    if len(raw) != 33 or raw[:1] != ED25519:
        raise NoteError("is not an Ed25519 key")
    signer = Signer(name, Ed25519PrivateKey.from_private_bytes(raw[1:]))
    if key_hash(name, signer.public).hex() != hash_hex:
        raise NoteError("its hash does not match its name and key")
    return signer


@dataclass(frozen=True)
class Verifier:
    name: str
    public: bytes

    @classmethod
    def parse(cls, line: str) -> "Verifier":
        parts = line.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key is <name>+<hash>+<key>")
        name, hash_hex, encoded = parts
        try:
            raw = base64.b64decode(encoded, validate=True)
        except ValueError as error:
            raise NoteError("the verifier key is not base64") from error
        if len(raw) != 33 or raw[:1] != ED25519:
            raise NoteError("the verifier key is not an Ed25519 key")
        if key_hash(name, raw[1:]).hex() != hash_hex:
            raise NoteError("the verifier key's hash does not match its name and key")
        return cls(name, raw[1:])

    def open(self, note: str) -> str:
        """The text of a note this key signed; NoteError otherwise."""
        text, sep, signatures = note.rpartition("\n\n")
        if not sep:
            raise NoteError("has no signature")
        wanted = key_hash(self.name, self.public)
        for line in signatures.splitlines():
            fields = line.split(" ")
            if len(fields) != 3 or fields[0] != DASH or fields[1] != self.name:
                continue
            try:
                blob = base64.b64decode(fields[2], validate=True)
            except ValueError:
                continue
            if blob[:4] != wanted:
                continue
            try:
                Ed25519PublicKey.from_public_bytes(self.public).verify(
                    blob[4:], (text + "\n").encode()
                )
            except InvalidSignature as error:
                raise NoteError(f"its signature by {self.name} does not verify") from error
            return text + "\n"
        raise NoteError(f"is not signed by {self.name}")


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        lines = text.split("\n")
        if len(lines) < 4 or not lines[1].isdigit():
            raise NoteError("is not a checkpoint (origin, size, root hash)")
        try:
            root = base64.b64decode(lines[2], validate=True)
        except ValueError as error:
            raise NoteError("its root hash is not base64") from error
        if len(root) != 32:
            raise NoteError("its root hash is not 32 bytes")
        return cls(lines[0], int(lines[1]), root)
