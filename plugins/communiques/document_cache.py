"""Files already read and checked, kept by the hash of their bytes: an unchanged file is not
parsed, validated and scanned again at every build.

An entry is valid only for the same bytes at the same place, read by the same code against the
same registries and catalogs: the cache file's name carries a digest of this package's code, of
the registries and of the catalogs, so a change to any starts a new cache.
"""

import hashlib
import pickle
from pathlib import Path

import yaml

from core.fingerprint import add_files


def _version(data_dir, catalogs):
    hasher = hashlib.sha256(yaml.__version__.encode())
    add_files(hasher, [Path(__file__).parent], "*.py")
    add_files(hasher, [data_dir], "*.yaml")
    add_files(hasher, [catalogs], "*.po")  # the template's sample texts, in every language
    return hasher.hexdigest()[:16]


class DocumentCache:
    def __init__(self, cache_dir, data_dir, catalogs):
        self.path = Path(cache_dir) / f"documents-{_version(data_dir, catalogs)}.pickle"
        self.entries = {}
        if self.path.exists():
            try:
                with self.path.open("rb") as handle:
                    self.entries = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                self.entries = {}  # a damaged cache is only a slower build
        self.kept = {}
        self.changed = False

    @staticmethod
    def key(path, shown, raw):
        return (str(path), shown, hashlib.sha256(raw).hexdigest())

    def get(self, key):
        """(document, problems) of an unchanged file, or None."""
        return self.entries.get(key)

    def keep(self, key, document, problems):
        if key not in self.entries:
            self.changed = True
        self.kept[key] = (document, problems)

    def save(self):
        """Keep what this build read: files removed since leave the cache with it."""
        if not self.changed and len(self.kept) == len(self.entries):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(self.kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)
