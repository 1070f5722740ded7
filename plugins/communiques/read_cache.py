"""What earlier builds learnt from the content, so that a build reads only what changed.

Two levels, in one file of the cache folder:

- each file, by its path and what the file system says of it (size, modification time,
  inode): the facts later steps need (digest, line hashes, review date, declared exceptions)
  and its own problems. A file whose stat is unchanged is not opened, let alone parsed;
  a fresh clone gives every file new times, so its first build reads everything.
- each case, by the paths and digests of its files: the checked, assembled Case (its bodies
  rendered) and the problems found across its files.

An entry is valid only for the same code, registries and catalogs, the same Markdown setup and
the same drafts folder: the file's name carries a digest of all of these, so a change to any
starts a new cache. A damaged or missing cache is only a slower build.
"""

import gc
import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

import yaml

from core.fingerprint import add_files

from . import markdown_cache


@dataclass(frozen=True)
class FileFacts:
    """What the steps after reading need of a file, without its text."""

    path: str
    shown: str
    lang: str
    name_id: str
    digest: str
    line_hashes: str
    lines: dict  # field -> line, for messages about later changes
    body_line: int
    reviewed: float | None  # the translator's review date, seconds since the epoch
    exceptions: tuple

    @classmethod
    def of(cls, document) -> "FileFacts":
        reviewed = document.values.get("reviewed")
        return cls(
            str(document.path),
            document.shown,
            document.lang,
            document.name_id,
            document.digest,
            document.line_hashes,
            document.lines,
            document.body_line,
            reviewed.timestamp() if reviewed is not None else None,
            tuple(document.exceptions),
        )

    def line(self, path, default=1):
        return self.lines.get(path, default)


def _version(data_dir, catalogs, drafts_prefix):
    hasher = hashlib.sha256(f"{yaml.__version__} {markdown_cache.VERSION} {drafts_prefix}".encode())
    add_files(hasher, [Path(__file__).parent], "*.py")
    add_files(hasher, [data_dir], "*.yaml")
    add_files(hasher, [catalogs], "*.po")  # the template's sample texts, in every language
    return hasher.hexdigest()[:16]


class ReadCache:
    def __init__(self, cache_dir, data_dir, catalogs, drafts_prefix):
        name = f"read-{_version(data_dir, catalogs, drafts_prefix)}.pickle"
        self.path = Path(cache_dir) / name
        self.files, self.cases = {}, {}
        if self.path.exists():
            # Tens of thousands of objects: the collector would walk them all again and again.
            gc.disable()
            try:
                with self.path.open("rb") as handle:
                    self.files, self.cases = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                self.files, self.cases = {}, {}
            finally:
                gc.enable()
        self.kept_files, self.kept_cases = {}, {}
        self.changed = False

    def file(self, path: str, stat: tuple):
        """(FileFacts or None, problems) of a file unchanged since it was read, or None."""
        entry = self.files.get(path)
        if entry is None or entry[0] != stat:
            return None
        self.kept_files[path] = entry
        return entry[1]

    def keep_file(self, path, stat, facts, problems):
        self.kept_files[path] = (stat, (facts, problems))
        self.changed = True

    @staticmethod
    def case_key(facts) -> tuple:
        return tuple(sorted((f.path, f.digest) for f in facts))

    def case(self, key):
        """(Case or None, problems) of a case whose files are unchanged, or None."""
        entry = self.cases.get(key)
        if entry is not None:
            self.kept_cases[key] = entry
        return entry

    def keep_case(self, key, case, problems):
        self.kept_cases[key] = (case, problems)
        self.changed = True

    def save(self):
        """Keep what this build saw: files and cases removed since leave the cache with them."""
        unchanged = len(self.kept_files) == len(self.files) and len(self.kept_cases) == len(
            self.cases
        )
        if not self.changed and unchanged:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(
                (self.kept_files, self.kept_cases), handle, protocol=pickle.HIGHEST_PROTOCOL
            )
        temporary.replace(self.path)
