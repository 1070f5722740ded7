"""What a cache entry was made from: the names and bytes of the files it depends on."""

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

# The package of the site's plugins (plugins/communiques_site/).
PACKAGE = Path(__file__).resolve().parent.parent


def code_folders(settings: Mapping[str, Any]) -> list[str | Path]:
    """Where the build's plugin code lies: this package, and the folders of any other plugins
    (PLUGIN_PATHS)."""
    return [PACKAGE, *settings.get("PLUGIN_PATHS", [])]


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


def add_files(hasher: Hasher, folders: Iterable[str | Path], pattern: str) -> None:
    """Feed `hasher` every file matching `pattern` under `folders`, in a stable order."""
    for folder in folders:
        for path in sorted(Path(folder).rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(str(path.relative_to(folder)).encode())
                hasher.update(path.read_bytes())


def installed() -> str:
    """The installed libraries and their versions: Markdown, the sanitiser, Jinja, Babel… make
    the output as much as the site's own code does. The names of their metadata folders say
    both (`jinja2-3.1.4.dist-info`): parsing every METADATA file instead cost 0.15 s, twice a
    build, a tenth of what publishing one communiqué should cost."""
    names: set[str] = set()
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as entries:
                names.update(entry.name for entry in entries if entry.name.endswith(METADATA))
        except OSError:
            continue  # a zip, or a folder that is gone
    return " ".join(sorted(names))


METADATA = (".dist-info", ".egg-info")
