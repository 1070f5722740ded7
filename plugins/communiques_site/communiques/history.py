"""When each content file last changed: its last commit, or its modification time when it has
uncommitted changes or the content is not in git.

Git's log of ten years of daily commits takes seconds to read, and only its newest commits are
new to a build: the times are kept in the cache with the commit they were read at, and a later
build reads only the commits since (the whole log again when history was rewritten). They are
kept by each file's path in the repository, not on this machine: a clone in another folder
reads only the commits the cache has not seen."""

import functools
import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def last_changes(
    paths: Iterable[str], root: str | Path, cache_dir: str | Path | None = None
) -> dict[str, float]:
    """{path: seconds since the epoch} for the given absolute paths (strings)."""
    times = {}
    top = _git_toplevel(root)
    committed = _committed(root, top, cache_dir) if top else {}
    dirty = _git_dirty(root) if top else set()
    # Git names a file by its real path. Each folder is resolved once: resolving each path (an
    # lstat of every folder on its way) took 0.4 s of a publication at 10,000 cases. A content
    # file is never a link itself: the read stage refuses every link under the content folder
    # (placement.LINK) before anything asks when a file changed.
    resolved = functools.cache(os.path.realpath)
    start = len(top) + 1 if top else 0
    for path in paths:
        # Its path in the repository, as git's log and status name it.
        named = (
            os.path.join(resolved(os.path.dirname(path)), os.path.basename(path))[start:]
            if top
            else path
        )
        if named in committed and named not in dirty:
            times[path] = committed[named]
        else:
            times[path] = os.stat(path).st_mtime
    return times


def _git(root: str | Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def _git_toplevel(root: str | Path) -> str | None:
    out = _git(root, "rev-parse", "--show-toplevel")
    return os.path.realpath(out.strip()) if out else None


def _committed(root: str | Path, top: str, cache_dir: str | Path | None) -> dict[str, float]:
    """{path: time of its last commit}, from the cache and the commits since it was written."""
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    if not head:
        return {}
    path = os.path.join(cache_dir, "git-times.json") if cache_dir else None
    # The log read is of the root's folder in the repository (`-- .`), wherever it is cloned.
    where = os.path.relpath(os.path.realpath(root), top)
    known = _load(path, where)
    if known and known["head"] == head:
        return known["times"]
    since = None
    if known and _git(root, "merge-base", "--is-ancestor", known["head"], head) is not None:
        since = known["head"]
    times = _git_times(root, since)
    if since and known:  # `since` comes from `known`
        times = {**known["times"], **times}
    if path:
        _save(path, {"root": where, "head": head, "times": times})
    return times


def _load(path: str | None, where: str) -> dict[str, Any] | None:
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as file:
            known = json.load(file)
    except (OSError, ValueError):
        return None
    return known if known.get("root") == where else None


def _save(path: str, known: Mapping[str, Any]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(f"{path}.tmp", "w", encoding="utf-8") as file:
        json.dump(known, file)
    os.replace(f"{path}.tmp", path)


def _git_times(root: str | Path, since: str | None = None) -> dict[str, float]:
    """{path in the repository: time} of the newest commit of each file, of the commits after
    `since`."""
    span = [f"{since}..HEAD"] if since else []
    out = _git(root, "log", "--format=@%ct", "--name-only", "--no-renames", *span, "--", ".")
    times: dict[str, float] = {}
    if not out:
        return times
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line and current is not None:
            times.setdefault(line, current)  # newest commit comes first
    return times


def _git_dirty(root: str | Path) -> set[str]:
    out = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if not out:
        return set()
    return {line[3:] for line in out.splitlines() if len(line) > 3}  # paths in the repository
