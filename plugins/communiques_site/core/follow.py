"""The publishing checkout follows the published branch of the bare repository officers push to.

deploy/hooks/install.py names that repository and branch in the checkout's git config
(communiques.repository, communiques.branch). Every `invoke publish --output` of the checkout,
the post-receive hook's as the scheduled one's, brings the checkout to that branch's tip while it
holds the lock of the served folder: a publication that waited for another builds what is
pushed now, never an older commit, and a push whose publication timed out is published by the
next scheduled build. A checkout without these settings (an officer's clone) is left alone.
"""

import os
import subprocess
from collections.abc import Callable
from pathlib import Path


class Stuck(Exception):
    """git could not bring the checkout to the tip (its words)."""


def record(root: Path, repository: str, branch: str) -> None:
    """Name the bare repository and its published branch in the checkout's git config (the
    hook does it at every push: on a server installed before install.py wrote them, the
    scheduled line follows the branch from the first push on)."""
    for name, value in (("communiques.repository", repository), ("communiques.branch", branch)):
        if _git(root, "config", name, check=False) != value:
            _git(root, "config", name, value)


def follow(root: Path, say: Callable[[str], object] = print) -> bool:
    """Bring the checkout `root` to the published branch's tip; True when it moved."""
    repository = _git(root, "config", "communiques.repository", check=False)
    if not repository:
        return False
    branch = _git(root, "config", "communiques.branch", check=False) or "main"
    _git(root, "fetch", "--quiet", repository, f"refs/heads/{branch}")
    tip, head = _rev(root, "FETCH_HEAD"), _rev(root, "HEAD")
    if tip == head:
        return False
    if _git(root, "merge-base", "--is-ancestor", head, tip, check=False) is None:
        say(
            f"{root} is at {head[:10]}, which {branch} of {repository} ({tip[:10]}) does not "
            "contain: the checkout is not moved back; publishing it as it is"
        )
        return False
    _git(root, "reset", "--quiet", "--hard", tip)
    return True


def _rev(root: Path, name: str) -> str:
    commit = _git(root, "rev-parse", name)
    assert commit is not None  # checked: a failure raised Stuck
    return commit


def _git(root: Path, *args: str, check: bool = True) -> str | None:
    """git's output in `root`, or None when it failed and `check` is False. Without git's
    variables of a hook (GIT_DIR…), which name the bare repository, not this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    if done.returncode and check:
        raise Stuck(f"git {args[0]}: {done.stderr.strip() or done.returncode}")
    return done.stdout.strip() if done.returncode == 0 else None
