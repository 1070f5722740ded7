"""When each content file last changed: its last commit, or its modification time when it has
uncommitted changes or the content is not in git. Asked of git once per build."""

import os
import subprocess


def last_changes(paths, root):
    """{path: seconds since the epoch} for the given absolute paths (strings)."""
    times = {}
    top = _git_toplevel(root)
    committed = _git_times(root, top) if top else {}
    dirty = _git_dirty(root, top) if top else set()
    for path in paths:
        real = os.path.realpath(path) if top else path
        if real in committed and real not in dirty:
            times[path] = committed[real]
        else:
            times[path] = os.stat(path).st_mtime
    return times


def _git(root, *args):
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def _git_toplevel(root):
    out = _git(root, "rev-parse", "--show-toplevel")
    return os.path.realpath(out.strip()) if out else None


def _git_times(root, top):
    out = _git(root, "log", "--format=@%ct", "--name-only", "--no-renames", "--", ".")
    times = {}
    if not out:
        return times
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line and current is not None:
            times.setdefault(os.path.join(top, line), current)  # newest commit comes first
    return times


def _git_dirty(root, top):
    out = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if not out:
        return set()
    return {os.path.join(top, line[3:]) for line in out.splitlines() if len(line) > 3}
