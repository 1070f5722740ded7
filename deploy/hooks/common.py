"""What the server's git hooks share: their settings (the bare repository's git config), the
pushed updates, the project's tasks, and the rule of the second officer's review."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The publishing checkout these scripts belong to (e.g. /srv/communiques, COMMUNIQUES_HOME in
# the README): its .venv runs them, its tasks build the site.
CHECKOUT = Path(__file__).resolve().parents[2]
ZERO = "0" * 40  # git's name for "no commit": a ref created or deleted


def say(line: str) -> None:
    """To the officer who pushed: git shows a hook's output as `remote: …`."""
    print(line, file=sys.stderr, flush=True)


def config(name: str, default: str = "") -> str:
    """A setting of the bare repository the hook runs in (git runs hooks there)."""
    found = subprocess.run(["git", "config", name], capture_output=True, text=True)
    return found.stdout.strip() or default


def config_bool(name: str) -> bool:
    found = subprocess.run(["git", "config", "--bool", name], capture_output=True, text=True)
    return found.stdout.strip() == "true"


def updates(lines) -> list[tuple[str, str, str]]:
    """(old, new, ref) of every ref the push updates, as git writes them on stdin."""
    return [tuple(line.split()) for line in lines if line.strip()]


def project_env() -> dict:
    """The environment for the project's tasks: without git's GIT_DIR and friends, which point
    at the bare repository and would mislead the build's own git calls (communiques.history)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def invoke(args: list[str], cwd, capture: bool = True) -> subprocess.CompletedProcess:
    """Run a task of the project in `cwd` with the .venv that runs this hook."""
    command = [str(Path(sys.executable).parent / "invoke"), *args]
    output = subprocess.PIPE if capture else sys.stderr
    return subprocess.run(
        command, cwd=cwd, env=project_env(), stdout=output, stderr=output, text=True
    )


def officer_keys(registry: Path) -> set[str]:
    """The keys of the registry of officers: one a line; `#` starts a comment."""
    lines = registry.read_text(encoding="utf-8").splitlines()
    return {key for line in lines if (key := line.split("#", 1)[0].strip())}


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # the officer's key: the part of the commit's e-mail before the @
    committer: str
    subject: str
    reviewers: tuple[str, ...]  # the values of its Reviewed-by trailers


# Fields and records separated by control characters, which no subject or trailer contains.
LOG_FORMAT = "%H%x1f%ae%x1f%ce%x1f%s%x1f%(trailers:key=Reviewed-by,valueonly,separator=%x1f)%x1e"


def new_commits(tip: str) -> list[Commit]:
    """The commits a push brings: reachable from `tip` and from no ref yet."""
    log = subprocess.run(
        ["git", "log", f"--format={LOG_FORMAT}", tip, "--not", "--all"],
        capture_output=True,
        text=True,
        check=True,
    )
    commits = []
    for record in log.stdout.split("\x1e"):
        if not record.strip():
            continue
        sha, author, committer, subject, *reviewers = record.strip("\n").split("\x1f")
        commits.append(
            Commit(sha, _key(author), _key(committer), subject, tuple(_reviewers(reviewers)))
        )
    return commits


def _key(email: str) -> str:
    return email.partition("@")[0].strip().lower()


def _reviewers(values):
    return [value.strip().lower() for value in values if value.strip()]


def review_problem(commit: Commit, officers: set[str]) -> str | None:
    """Why the commit lacks a second officer's review, or None: a Reviewed-by must name a key of
    the registry other than those of the commit's author and committer (four eyes)."""
    if any(
        key in officers and key not in (commit.author, commit.committer) for key in commit.reviewers
    ):
        return None
    where = f"commit {commit.sha[:10]} ({commit.subject}): Reviewed-by"
    own = [key for key in commit.reviewers if key in (commit.author, commit.committer)]
    unknown = [key for key in commit.reviewers if key not in officers]
    if own:
        return f"{where}: {own[0]} is the key of the commit's own officer; a second officer reviews"
    if unknown:
        return (
            f"{where}: '{unknown[0]}' is not a key of the registry of officers; name the "
            "reviewer by key (e.g. officer-0042), not by name"
        )
    return (
        f"{where}: missing; a second officer reviews the change, then: "
        'git commit --amend --trailer "Reviewed-by: <their key>"'
    )
