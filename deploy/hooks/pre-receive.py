"""The gate of the published branch, on the server. A push to it is refused when:

- it would rewrite the branch's history (a force-push) or another push updated it meanwhile;
- a commit it adds to the branch changes anything outside content/ (the code, the settings, the
  theme: the gate and the build of the next push) without being written or reviewed by a
  maintainer (a `Reviewed-by:` naming a key of the registry of maintainers);
- the repository asks for reviews and a commit it adds lacks a second officer's `Reviewed-by:`;
- its tree holds a symbolic link, or does not validate (the messages of `invoke validate`:
  path:line: field: message).

"A commit it adds" is every commit reachable from the pushed tip and not from the branch's
previous tip, whatever other branches hold it. Other branches are not gated: officers share
work there. The pushed code runs (`invoke validate` of the pushed tree) only once the rules
above that need no code have passed.

Installed by deploy/hooks/install.py; settings in the bare repository's git config:
    communiques.branch          the published branch (main)
    communiques.requireReview   true: every new commit of that branch needs a Reviewed-by
    communiques.officers        the registry of officer keys, one a line (deploy/officers.txt of
                                the publishing checkout: the registry as last accepted)
    communiques.maintainers     the registry of maintainer keys (deploy/maintainers.txt of the
                                publishing checkout)
"""

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # beside this script (git runs it from the bare repository)
import gate
import messages


def main() -> int:
    branch = common.config("communiques.branch", "main")
    refused = 0
    for old, new, ref in common.updates(sys.stdin):
        if ref != f"refs/heads/{branch}":
            continue
        if new == common.ZERO:
            common.say(messages.DELETED.format(ref=ref))
            refused += 1
            continue
        problems = problems_of(old, new, ref, branch)
        # Last, when all else is right: the claim makes a later push wait for this one.
        if not problems and (overtaken := gate.take_turn(ref, old, branch)):
            problems = [overtaken]
        for problem in problems:
            common.say(problem)
        if problems and not problems[-1].startswith("refused: "):
            count = len(problems)
            common.say(
                messages.REFUSED.format(
                    count=f"{count} problem{'s' if count != 1 else ''}", commit=new[:10]
                )
            )
        refused += bool(problems)
    return 1 if refused else 0


def problems_of(old: str, new: str, ref: str, branch: str) -> list[str]:
    """What is wrong with the update of the published branch from `old` to `new`, the rules
    that need no pushed code first."""
    if common.tip(ref) != old:
        return [messages.OVERTAKEN.format(branch=branch, current=common.tip(ref)[:10])]
    if rewritten := gate.history_problem(old, new, branch):
        return [rewritten]
    commits = common.new_commits(old, new)
    beyond = [commit for commit in commits if gate.outside_content(commit)]
    code = registry_problems("maintainers", beyond, gate.maintainer_problem, always=True)
    problems = code + registry_problems("officers", commits, gate.review_problem)
    problems += gate.link_problems(new)
    if code:
        return [*problems, messages.NOT_VALIDATED.format(commit=new[:10])]
    return problems + (validation_problems(new) if not problems else [])


def registry_problems(who: str, commits, rule, always: bool = False) -> list[str]:
    """One problem per commit that `rule` refuses against the registry of `who` (officers,
    maintainers) as last accepted, or the one problem that the registry cannot be read."""
    if not commits or (not always and not common.config_bool("communiques.requireReview")):
        return []
    setting = f"communiques.{who}"
    registry = Path(common.config(setting, str(common.CHECKOUT / f"deploy/{who}.txt")))
    try:
        keys = common.registry_keys(registry)
    except OSError as error:
        reason = error.strerror or str(error)
        return [
            messages.REGISTRY_UNREADABLE.format(
                registry=registry, setting=setting, who=who, error=reason
            )
        ]
    return [problem for commit in commits if (problem := rule(commit, keys))]


def validation_problems(commit: str) -> list[str]:
    """The problems `invoke validate` finds in the pushed tree, run with the pushed tree's own
    code: the same check the post-receive build will make."""
    with tempfile.TemporaryDirectory(prefix="communiques-push-") as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", commit], capture_output=True)
        if archive.returncode:
            error = archive.stderr.decode().strip()
            return [messages.ARCHIVE_FAILED.format(commit=commit[:10], error=error)]
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")  # no link left: gate.link_problems
        # Against the record of the served site: a push cannot delete or silently rewrite a
        # published communiqué.
        served = common.config("communiques.served")
        arguments = ["validate", *(["--published", served] if served else [])]
        checked = common.invoke(arguments, cwd=folder)
    if checked.returncode == 0:
        return []
    # Its lines are the problems, then its count, which we say in our own words.
    return [line for line in checked.stdout.splitlines() if line.strip()] or [
        checked.stderr.strip()
        or messages.VALIDATE_FAILED.format(commit=commit[:10], code=checked.returncode)
    ]


if __name__ == "__main__":
    sys.exit(main())
