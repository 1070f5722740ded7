"""What earlier builds learnt from the content, so that a build reads only what changed.

Two levels, in one file per content folder (a year) in the cache folder:

- each file, by its path in the project and what the file system says of it (size,
  modification time, inode): the facts later steps need (digest, line hashes, review date,
  declared exceptions) and its own problems. A file whose stat is unchanged is not opened, let
  alone parsed; one whose stat changed is hashed, and read again only when its bytes changed
  (a fresh clone gives every file new times and inodes).
- each case, by the paths and digests of its files: the checked, assembled Case (its bodies
  rendered) and the problems found across its files.

Paths are the project's (`content/2024/…`), not the machine's: a clone in another folder (a CI
workspace that moves) finds the cache of the one before it.

An entry is valid only for the same code, registries and catalogs, the same Markdown setup and
the same drafts folder: the file's name carries a digest of all of these, so a change to any
starts a new cache. A damaged or missing cache is only a slower build.
"""

import gc
import hashlib
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from communiques_site.core.fingerprint import add_files
from communiques_site.core.problems import Problem

from . import documents, markdown_cache
from .model import Case


@dataclass(frozen=True)
class FileFacts:
    """What the steps after reading need of a file, without its text."""

    path: str
    shown: str
    lang: str
    name_id: str
    digest: str
    line_hashes: str
    lines: dict[str, int]  # field -> line, for messages about later changes
    body_line: int
    reviewed: float | None  # the translator's review date, seconds since the epoch
    exceptions: tuple[tuple[int, str, str], ...]  # (line, what, reason)

    @classmethod
    def of(cls, document: documents.Document) -> "FileFacts":
        reviewed = document.values.get("reviewed")
        # The same field names in every file: one string each in a shard's pickle (pickle
        # writes an object once), which unpickles a third fewer objects (a fifth less time).
        lines = {sys.intern(field): line for field, line in document.lines.items()}
        return cls(
            str(document.path),
            document.shown,
            sys.intern(document.lang),
            document.name_id,
            document.digest,
            document.line_hashes,
            lines,
            document.body_line,
            reviewed.timestamp() if reviewed is not None else None,
            tuple(document.exceptions),
        )

    def line(self, path: str, default: int = 1) -> int:
        return self.lines.get(path, default)


def _version(data_dir: str | Path, catalogs: str | Path, drafts_prefix: str) -> str:
    hasher = hashlib.sha256(f"{yaml.__version__} {markdown_cache.VERSION} {drafts_prefix}".encode())
    add_files(hasher, [Path(__file__).parent], "*.py")
    add_files(hasher, [data_dir], "*.yaml")
    add_files(hasher, [catalogs], "*.po")  # the template's sample texts, in every language
    return hasher.hexdigest()[:16]


def _digest(path: str) -> str | None:
    """The digest of a file as documents.read makes it; None if it cannot be read."""
    try:
        return documents.digest(Path(path).read_bytes())
    except OSError:
        return None


def _shard(path: str) -> str:
    """The folder a content file is in (a year, the drafts): the cache is kept in one file
    per folder, so that a publication rewrites the current year's, not ten years'."""
    return path.rpartition("/")[0].rpartition("/")[2]


class ReadCache:
    # shard -> {shown: (stat, (facts, problems))}, {case key: (case, problems)}: this build's
    files: dict[str, dict[str, tuple[tuple[int, int, int], tuple[FileFacts | None, list[Problem]]]]]
    cases: dict[str, dict[tuple[tuple[str, str], ...], tuple[Case | None, list[Problem]]]]
    kept_files: dict[
        str, dict[str, tuple[tuple[int, int, int], tuple[FileFacts | None, list[Problem]]]]
    ]
    kept_cases: dict[str, dict[tuple[tuple[str, str], ...], tuple[Case | None, list[Problem]]]]
    changed: set[str]

    def __init__(
        self,
        cache_dir: str | Path,
        data_dir: str | Path,
        catalogs: str | Path,
        drafts_prefix: str,
    ) -> None:
        self.folder = Path(cache_dir) / f"read-{_version(data_dir, catalogs, drafts_prefix)}"
        self.files, self.cases = {}, {}  # shard -> {path: entry}, {case key: entry}
        # Tens of thousands of objects: the collector would walk them all again and again.
        gc.disable()
        try:
            for shard in sorted(self.folder.glob("*.pickle")):
                try:
                    with shard.open("rb") as handle:
                        self.files[shard.stem], self.cases[shard.stem] = pickle.load(handle)
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    self.files.pop(shard.stem, None)  # a damaged shard is only a slower build
                    self.cases.pop(shard.stem, None)
        finally:
            # Made while the collector was off, they would all be young: its next collections
            # would walk them all, twice, on their way to the oldest generation. They live as
            # long as the build (which unfreezes them at its end: core.build).
            gc.freeze()
            gc.enable()
        self.kept_files, self.kept_cases = {}, {}
        self.changed = set()  # the shards with new entries

    def file(
        self, path: str, shown: str, stat: tuple[int, int, int]
    ) -> tuple[FileFacts | None, list[Problem]] | None:
        """(FileFacts or None, problems) of a file unchanged since it was read, or None.
        `path`: where it is on this machine; `shown`: its path in the project."""
        shard = _shard(shown)
        entry = self.files.get(shard, {}).get(shown)
        if entry is None:
            return None
        facts = entry[1][0]
        if entry[0] != stat:
            # Its stat changed, its bytes maybe not: a fresh clone or checkout gives every file
            # new times and inodes (a publisher that clones for each publication). Hashing the
            # 20,000 files of 10,000 cases takes a fraction of a second; reading them again
            # took minutes.
            if facts is None or _digest(path) != facts.digest:
                return None
            entry = (stat, entry[1])
            self.changed.add(shard)
        if facts is not None and facts.path != path:  # the project was cloned elsewhere
            entry = (entry[0], (replace(facts, path=path), entry[1][1]))
            self.changed.add(shard)
        self.kept_files.setdefault(shard, {})[shown] = entry
        return entry[1]

    def keep_file(
        self,
        shown: str,
        stat: tuple[int, int, int],
        facts: FileFacts | None,
        problems: list[Problem],
    ) -> None:
        shard = _shard(shown)
        self.kept_files.setdefault(shard, {})[shown] = (stat, (facts, problems))
        self.changed.add(shard)

    @staticmethod
    def case_key(facts: Iterable[FileFacts]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((f.shown, f.digest) for f in facts))

    def case(self, key: tuple[tuple[str, str], ...]) -> tuple[Case | None, list[Problem]] | None:
        """(Case or None, problems) of a case whose files are unchanged, or None."""
        shard = _shard(key[0][0])
        entry = self.cases.get(shard, {}).get(key)
        if entry is not None:
            self.kept_cases.setdefault(shard, {})[key] = entry
        return entry

    def keep_case(
        self, key: tuple[tuple[str, str], ...], case: Case | None, problems: list[Problem]
    ) -> None:
        shard = _shard(key[0][0])
        self.kept_cases.setdefault(shard, {})[key] = (case, problems)
        self.changed.add(shard)

    def save(self) -> None:
        """Keep what this build saw, rewriting only the shards that changed: files and cases
        removed since leave the cache with them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for shard in set(self.files) | set(self.kept_files) | set(self.kept_cases):
            files, cases = self.kept_files.get(shard, {}), self.kept_cases.get(shard, {})
            path = self.folder / f"{shard}.pickle"
            if not files and not cases:
                path.unlink(missing_ok=True)
                continue
            same = len(files) == len(self.files.get(shard, ())) and len(cases) == len(
                self.cases.get(shard, ())
            )
            if shard not in self.changed and same:
                continue
            temporary = path.with_suffix(".tmp")
            with temporary.open("wb") as handle:
                pickle.dump((files, cases), handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(path)
