"""What a cache entry was made from: the names and bytes of the files it depends on."""

from collections.abc import Iterable, Mapping
from importlib import metadata
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
    the output as much as the site's own code does."""
    return " ".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()))
