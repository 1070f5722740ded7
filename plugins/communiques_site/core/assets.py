"""The theme's files under names that carry a hash of their bytes (`css/site.3f9a0c12d4.css`):
a name that never serves other bytes can be cached for a year by every browser and cache, and
a new stylesheet reaches readers at once under its new name. The plain names stay as well:
feeds name their stylesheet, and other sites or old cached pages may link a plain name."""

import hashlib
import os
from pathlib import Path
from typing import Any

from . import routes
from .settings import Settings

HASH_LENGTH = 10  # hex digits: no two versions of one file collide in a site's lifetime


def fingerprinted(path: str, digest: str) -> str:
    """`css/site.css` -> `css/site.<digest>.css`."""
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    named = f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"
    return f"{folder}/{named}" if folder else named


def fingerprints(settings: Settings) -> dict[str, str]:
    """{path under theme/: its fingerprinted path} for every static file of the theme."""
    names = {}
    theme = Path(settings["THEME"])
    for static in settings.get("THEME_STATIC_PATHS", ["static"]):
        folder = theme / static
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                digest = hashlib.blake2b(path.read_bytes()).hexdigest()[:HASH_LENGTH]
                names[relative] = fingerprinted(relative, digest)
    return names


def link(output: str, settings: Settings, names: dict[str, str]) -> None:
    """Give the theme's files copied into `output` their fingerprinted names too."""
    theme = Path(output) / settings.get("THEME_STATIC_DIR", "theme")
    for plain, named in names.items():
        if (theme / plain).is_file() and not (theme / named).exists():
            os.link(theme / plain, theme / named)


class Routes:
    """The URL contract as templates see it: core.routes, with theme files fingerprinted."""

    def __init__(self, names: dict[str, str]):
        self._names = names

    def __getattr__(self, name: str) -> Any:
        return getattr(routes, name)

    def theme(self, path: str) -> str:
        return routes.theme(self._names.get(path, path))
