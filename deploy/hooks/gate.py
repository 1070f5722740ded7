"""The rules of the published branch that the server judges before any pushed code runs: who may
change what (officers the content, maintainers the rest), the second officer's review, links in
the tree, a history that only grows, and one push at a time."""

import fcntl
import os
import time
from pathlib import Path

import common
import messages

CONTENT = "content/"
# Beyond this, a push that has waited for another one to update the branch goes on (that
# push's git process is stuck, not updating): the check of the branch's tip still stands.
TURN_WAIT = 60


def review_problem(commit: common.Commit, officers: set[str]) -> str | None:
    """Why the commit lacks a second officer's review, or None: a Reviewed-by must name a key of
    the registry other than those of the commit's author and committer (four eyes)."""
    if _reviewed_by(commit, officers):
        return None
    where = {"commit": commit.sha[:10], "subject": commit.subject}
    own = [key for key in commit.reviewers if key in (commit.author, commit.committer)]
    unknown = [key for key in commit.reviewers if key not in officers]
    if own:
        return messages.REVIEW_OWN.format(**where, key=own[0])
    if unknown:
        return messages.REVIEW_UNKNOWN.format(**where, key=unknown[0])
    return messages.REVIEW_MISSING.format(**where)


def outside_content(commit: common.Commit) -> list[str]:
    """The paths outside content/ that the commit changes."""
    return [path for path in common.changed_paths(commit.sha) if not path.startswith(CONTENT)]


def maintainer_problem(commit: common.Commit, maintainers: set[str]) -> str | None:
    """Why the commit may not change what it changes outside content/, or None: the hooks, the
    tasks, the plugins, the settings and the theme are the gate and the build of the next push,
    so only a maintainer writes or reviews them."""
    outside = outside_content(commit)
    if not outside or commit.author in maintainers or _reviewed_by(commit, maintainers):
        return None
    shown = ", ".join(outside[:3]) + (f" and {len(outside) - 3} more" if len(outside) > 3 else "")
    return messages.MAINTAINER_NEEDED.format(
        commit=commit.sha[:10], subject=commit.subject, paths=shown
    )


def _reviewed_by(commit: common.Commit, keys: set[str]) -> bool:
    return any(
        key in keys and key not in (commit.author, commit.committer) for key in commit.reviewers
    )


def link_problems(sha: str) -> list[str]:
    """One problem per symbolic link of the pushed tree: a link in content/ would publish (or
    let the build read) a file that was never reviewed as content, one elsewhere a file outside
    the checkout."""
    return [
        (messages.SYMLINK_IN_CONTENT if path.startswith(CONTENT) else messages.SYMLINK).format(
            path=path
        )
        for path in common.symbolic_links(sha)
    ]


def history_problem(old: str, new: str, branch: str) -> str | None:
    """A push that would drop published commits (a force-push, a rewritten history)."""
    if old == common.ZERO or common.is_ancestor(old, new):
        return None
    return messages.NOT_FAST_FORWARD.format(commit=new[:10], published=old[:10], branch=branch)


def take_turn(ref: str, old: str, branch: str) -> str | None:
    """Claim the next update of `ref`, or say why it is no longer ours to make.

    git locks the ref only after pre-receive, and then fails with its own words ("cannot lock
    ref … but expected …") when another push updated it meanwhile. So the hook claims the update
    under a lock of its own, naming the git process that will make it, and a later push waits
    while a claimed update is still to come; then the ref either is where this push started from,
    or has moved and the push is refused in plain words."""
    path = Path(common.git("rev-parse", "--absolute-git-dir").strip()) / "communiques-push.claim"
    ours = str(os.getppid())  # the git receive-pack that runs this hook and updates the ref
    deadline = time.monotonic() + TURN_WAIT
    while True:
        with path.open("a+", encoding="utf-8") as claim:
            fcntl.flock(claim, fcntl.LOCK_EX)
            claim.seek(0)
            pending = _pending(claim.read().split(), ours, ref)
            if not pending or time.monotonic() >= deadline:
                current = common.tip(ref)
                if current != old:
                    return messages.OVERTAKEN.format(branch=branch, current=current[:10])
                claim.seek(0)
                claim.truncate()
                claim.write(f"{ours} {ref} {old}\n")
                return None
        time.sleep(0.1)


def _pending(claim: list[str], ours: str, ref: str) -> bool:
    """Whether another push claimed `ref` and has not updated it yet (nor given up)."""
    if len(claim) != 3 or claim[0] == ours or claim[1] != ref:
        return False
    return _alive(int(claim[0])) and common.tip(ref) == claim[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
