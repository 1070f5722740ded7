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


def git(*args: str) -> str:
    """The output of a git command in the bare repository the hook runs in."""
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def tip(ref: str) -> str:
    """The commit `ref` names now in the bare repository, or ZERO when it does not exist."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    return found.stdout.strip() or ZERO


def is_ancestor(old: str, new: str) -> bool:
    return subprocess.run(["git", "merge-base", "--is-ancestor", old, new]).returncode == 0


def registry_keys(registry: Path) -> set[str]:
    """The keys of a registry (of officers, of maintainers): one a line; `#` starts a comment."""
    lines = registry.read_text(encoding="utf-8").splitlines()
    return {key.lower() for line in lines if (key := line.split("#", 1)[0].strip())}


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # the officer's key: the part of the commit's e-mail before the @
    committer: str
    subject: str
    reviewers: tuple[str, ...]  # the values of its Reviewed-by trailers


# Fields and records separated by control characters, which no subject or trailer contains.
LOG_FORMAT = "%H%x1f%ae%x1f%ce%x1f%s%x1f%(trailers:key=Reviewed-by,valueonly,separator=%x1f)%x1e"


def new_commits(old: str, new: str) -> list[Commit]:
    """Every commit the push makes part of the branch: reachable from `new` and not from `old`
    (all of them for a new branch). Other refs do not count: a commit pushed to a shared branch
    first joins the published one only now, and is judged now."""
    since = [] if old == ZERO else ["--not", old]
    commits = []
    for record in git("log", f"--format={LOG_FORMAT}", new, *since).split("\x1e"):
        if not record.strip():
            continue
        sha, author, committer, subject, *reviewers = record.strip("\n").split("\x1f")
        commits.append(
            Commit(sha, _key(author), _key(committer), subject, tuple(_reviewers(reviewers)))
        )
    return commits


def changed_paths(sha: str) -> list[str]:
    """The paths a commit changes. A merge's own changes are those that differ from every
    parent (`-c`): what it takes from a parent was judged with the commit that brought it."""
    listed = git("diff-tree", "-r", "-c", "--root", "--no-renames", "--name-only", "-z", sha)
    # diff-tree names the commit first, then the paths.
    return [path for path in listed.split("\0")[1:] if path]


def symbolic_links(sha: str) -> list[str]:
    """The paths of the commit's tree that are symbolic links (mode 120000)."""
    entries = git("ls-tree", "-r", "-z", "--full-tree", sha).split("\0")
    return [entry.split("\t", 1)[1] for entry in entries if entry.startswith("120000 ")]


def _key(email: str) -> str:
    return email.partition("@")[0].strip().lower()


def _reviewers(values):
    return [value.strip().lower() for value in values if value.strip()]
