"""What plugins derived from one item in earlier builds (a case in a language, an entry of the
log), by the digest of what it was derived from: a publication derives again only what changed,
not the whole archive.

One file per plugin and kind in the cache folder, named by the build's digest (code, theme,
registries, settings that reach the output, libraries: core.outputs.build_digest), so that
a change to any of these starts afresh. A key must hold everything else the value depends on.
A build keeps the entries it asked for and drops the others (a removed case leaves with it);
it writes the file only when its keys changed (a value is a function of its key). A
publication removes the files of every other build digest (prune), of kinds no longer asked for
too. A missing or damaged file is only a slower build.
"""

import pickle
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FOLDER = "memo"


class Memo:
    def __init__(self, cache: str | Path, name: str, base: str) -> None:
        self.folder = Path(cache) / FOLDER
        self.name = name
        self.path = self.folder / f"{name}{_suffix(base)}"
        self.old: dict[Hashable, Any] = {}
        self.new: dict[Hashable, Any] = {}
        try:
            with self.path.open("rb") as handle:
                self.old = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.old = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value of `key`: an earlier build's, or made now."""
        if key in self.new:
            value: T = self.new[key]
            return value
        value = self.old[key] if key in self.old else make()
        self.new[key] = value
        return value

    def save(self) -> None:
        """Keep this build's entries (prune removes the files of other build digests)."""
        if self.new.keys() == self.old.keys():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(self.new, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)


def prune(cache: str | Path, base: str) -> None:
    """Remove the files of other build digests, whatever their kind: none is read again (a
    kind no build asks for any more went with a code change, which changed the digest too)."""
    folder = Path(cache) / FOLDER
    if not folder.is_dir():
        return
    for path in folder.glob("*.pickle"):
        if not path.name.endswith(_suffix(base)):
            path.unlink(missing_ok=True)


def _suffix(base: str) -> str:
    """How the files of the build of digest `base` end."""
    return f"-{base[:16]}.pickle"
