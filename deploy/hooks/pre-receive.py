"""The gate of the published branch, on the server: a push is refused when its tree does not
validate (the messages of `invoke validate`: path:line: field: message) or, when the repository
asks for it, when a commit is not reviewed by a second officer (a `Reviewed-by:` trailer naming a
key of the registry of officers). Other branches are not gated: officers share work there.

Installed by deploy/hooks/install.py; settings in the bare repository's git config:
    communiques.branch          the published branch (main)
    communiques.requireReview   true: every new commit of that branch needs a Reviewed-by
    communiques.officers        the registry of officer keys, one a line (deploy/officers.txt of
                                the publishing checkout: the registry as last accepted)
"""

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # beside this script (git runs it from the bare repository)


def main() -> int:
    branch = common.config("communiques.branch", "main")
    refused = 0
    for _old, new, ref in common.updates(sys.stdin):
        if ref != f"refs/heads/{branch}":
            continue
        if new == common.ZERO:
            common.say(f"refused: {ref} is the published branch; it cannot be deleted.")
            refused += 1
            continue
        problems = validation_problems(new) + review_problems(new)
        for problem in problems:
            common.say(problem)
        if problems:
            count = len(problems)
            common.say(
                f"refused: {count} problem{'s' if count != 1 else ''} in {new[:10]}; "
                "nothing was published. Fix them and push again."
            )
            refused += 1
    return 1 if refused else 0


def validation_problems(commit: str) -> list[str]:
    """The problems `invoke validate` finds in the pushed tree, run with the pushed tree's own
    code: the same check the post-receive build will make."""
    with tempfile.TemporaryDirectory(prefix="communiques-push-") as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", commit], capture_output=True)
        if archive.returncode:
            return [f"{commit[:10]}: git archive: {archive.stderr.decode().strip()}"]
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        # Against the record of the served site: a push cannot delete or silently rewrite a
        # published communiqué.
        served = common.config("communiques.served")
        arguments = ["validate", *(["--published", served] if served else [])]
        checked = common.invoke(arguments, cwd=folder)
    if checked.returncode == 0:
        return []
    # Its lines are the problems, then its count, which we say in our own words.
    return [line for line in checked.stdout.splitlines() if line.strip()] or [
        checked.stderr.strip() or "invoke validate failed"
    ]


def review_problems(commit: str) -> list[str]:
    """One problem per new commit without a valid Reviewed-by trailer, when reviews are asked."""
    if not common.config_bool("communiques.requireReview"):
        return []
    registry = Path(
        common.config("communiques.officers", str(common.CHECKOUT / "deploy/officers.txt"))
    )
    try:
        officers = common.officer_keys(registry)
    except OSError as error:
        return [f"{registry}: communiques.officers: cannot read the registry of officers: {error}"]
    return [
        problem
        for new_commit in common.new_commits(commit)
        if (problem := common.review_problem(new_commit, officers))
    ]


if __name__ == "__main__":
    sys.exit(main())
