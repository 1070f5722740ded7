"""When each content file last changed: its last commit, or its modification time when it has
uncommitted changes or the content is not in git.

Git's log of ten years of daily commits takes seconds to read, and only its newest commits are
new to a build: the times are kept in the cache with the commit they were read at, and a later
build reads only the commits since (the whole log again when history was rewritten)."""

import json
import os
import subprocess


def last_changes(paths, root, cache_dir=None):
    """{path: seconds since the epoch} for the given absolute paths (strings)."""
    times = {}
    top = _git_toplevel(root)
    committed = _committed(root, top, cache_dir) if top else {}
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


def _committed(root, top, cache_dir):
    """{path: time of its last commit}, from the cache and the commits since it was written."""
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    if not head:
        return {}
    path = os.path.join(cache_dir, "git-times.json") if cache_dir else None
    known = _load(path, root)
    if known and known["head"] == head:
        return known["times"]
    since = None
    if known and _git(root, "merge-base", "--is-ancestor", known["head"], head) is not None:
        since = known["head"]
    times = _git_times(root, top, since)
    if since:
        times = {**known["times"], **times}
    if path:
        _save(path, {"root": str(root), "head": head, "times": times})
    return times


def _load(path, root):
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            known = json.load(file)
    except (OSError, ValueError):
        return None
    return known if known.get("root") == str(root) else None


def _save(path, known):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(f"{path}.tmp", "w", encoding="utf-8") as file:
        json.dump(known, file)
    os.replace(f"{path}.tmp", path)


def _git_times(root, top, since=None):
    """{path: time} of the newest commit of each file, of the commits after `since`."""
    span = [f"{since}..HEAD"] if since else []
    out = _git(root, "log", "--format=@%ct", "--name-only", "--no-renames", *span, "--", ".")
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
