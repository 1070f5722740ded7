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
import subprocess
from datetime import UTC, datetime

from .fingerprint import code_folders, installed
from .settings import Settings

INPUTS = ".build-inputs.json"
SETTING = "CORE_INPUTS"  # the runner gives the build its key under this name
# Settings that change how a build runs, not what it makes.
NOT_INPUTS = ("WRITE_SELECTED", SETTING, "CORE_WHOLE")


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
