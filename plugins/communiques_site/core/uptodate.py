"""A build whose inputs are all as they were for the published site does nothing: the site is
already what it would make.

The inputs are every file under the content, theme and plugin folders (by path, size,
modification time and inode: no file is read), the settings, the installed libraries and the
content's git commit (the log of translations to review reads the commit times). The
published build writes them, and the first moment its output expires (an embargo that ends,
by the real clock; a build at a given moment, COMMUNIQUES["now"], never expires), into its
output folder: they are swapped in with the site they describe.
"""

import hashlib
import json
import os
import runpy
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from .fingerprint import code_folders, installed
from .settings import Settings

INPUTS = ".build-inputs.json"
SETTING = "CORE_INPUTS"  # the runner gives the build its key under this name
# Settings that change how a build runs, not what it makes.
NOT_INPUTS = ("WRITE_SELECTED", SETTING, "CORE_WHOLE")
# What Pelican makes absolute from the settings file's folder (pelican.settings.read_settings).
FOLDERS = ("PATH", "OUTPUT_PATH", "THEME", "CACHE_PATH")
NEEDED = ("PATH", "OUTPUT_PATH", "THEME")  # the key's folders and the published key's


def given(settings_file: str, override: Mapping[str, Any]) -> dict[str, Any]:
    """The settings as the settings file and `override` give them, their folders made absolute
    as Pelican makes them: what the key is made of, known without importing Pelican. Its
    defaults are not in it: they are its version's, which the key has (installed)."""
    found = runpy.run_path(settings_file)
    settings = {name: value for name, value in found.items() if name.isupper()}
    settings.update(override)
    base = os.path.dirname(os.path.abspath(settings_file))

    def absolute(path: str) -> str:
        return path if os.path.isabs(path) else os.path.normpath(os.path.join(base, path))

    for name in FOLDERS:
        if settings.get(name) is not None:
            made = absolute(settings[name])
            if name != "THEME" or os.path.exists(made):  # a theme may be a name, Pelican's
                settings[name] = made
    if settings.get("PLUGIN_PATHS") is not None:
        settings["PLUGIN_PATHS"] = [absolute(path) for path in settings["PLUGIN_PATHS"]]
    if any(settings.get(name) is None for name in NEEDED):
        from pelican.settings import read_settings  # Pelican's defaults say where they are

        read = read_settings(settings_file, override=dict(override))
        settings.update({name: read[name] for name in NEEDED if settings.get(name) is None})
    return settings


def _settings_text(settings: Settings) -> str:
    def plain(value: object) -> str:
        if callable(value):  # a function's address changes with each process; its code is an input
            return getattr(value, "__qualname__", type(value).__name__)
        return str(value)

    chosen = {k: v for k, v in settings.items() if k.isupper() and k not in NOT_INPUTS}
    return json.dumps(chosen, sort_keys=True, default=plain)


def _git_head(folder: str) -> str:
    try:
        return subprocess.run(
            ["git", "-C", folder, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# GNU find: a line per file (path, size, modification time, inode), a symbolic link standing
# for its target (the content refuses links; a theme or plugin folder may have them). Its stat
# calls are C's: at 50,000 cases (100,000 files) Python's own loop spent 0.46 s in them, most of
# what "nothing changed" took.
FIND = ("-name", "__pycache__", "-prune", "-o", "-type", "f", "-printf", "%p %s %T@ %i\n")


def _files(folder: str | os.PathLike[str]) -> bytes:
    """What the file system says of every file under `folder`. The lines come in the order of
    the folders' entries, which only a change to the folder changes: a needless build at worst,
    never a stale site (any change to a file changes its line)."""
    try:
        return subprocess.run(
            ["find", "-L", os.fspath(folder), *FIND], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        # Not GNU's find (no -printf), or a link that loops: Python's walk, a line a file.
        lines = []
        for top, subfolders, names in os.walk(folder):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                stat = os.stat(os.path.join(top, name))
                lines.append(f"{top}/{name} {stat.st_size} {stat.st_mtime_ns} {stat.st_ino}\n")
        return "".join(lines).encode()


def key(settings: Settings) -> str:
    hasher = hashlib.blake2b(_settings_text(settings).encode(), digest_size=20)
    for folder in [settings["PATH"], settings["THEME"], *code_folders(settings)]:
        hasher.update(_files(folder))
    hasher.update(installed().encode())
    hasher.update(_git_head(settings["PATH"]).encode())
    return hasher.hexdigest()


def is_current(settings: Settings, inputs: str) -> bool:
    """True when the published site was built from these inputs and has not expired."""
    try:
        with open(os.path.join(settings["OUTPUT_PATH"], INPUTS), encoding="utf-8") as file:
            published = json.load(file)
    except (OSError, ValueError):
        return False
    if published.get("inputs") != inputs:
        return False
    expires = published.get("expires")
    return expires is None or datetime.now(UTC) < datetime.fromisoformat(expires)


def write(folder: str, inputs: str, expires: datetime | None) -> None:
    record = {"inputs": inputs, "expires": expires.isoformat() if expires else None}
    with open(os.path.join(folder, INPUTS), "w", encoding="utf-8") as file:
        json.dump(record, file)
