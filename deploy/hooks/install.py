"""Install the gate and the publication into the bare repository officers push to.

    /srv/communiques/.venv/bin/python /srv/communiques/deploy/hooks/install.py \\
        /srv/git/communiques.git --served /srv/www/communiques [--require-review] \\
        [--log-key /srv/communiques/log.key --log-name communiques.dgsn.gov.ma/log]

Run it with the Python of the publishing checkout's .venv: the hooks run with it. They are
two-line stubs calling the scripts of this checkout, so that a push that changes them changes
the hooks too (the gate in force is the one of the last accepted commit; only a maintainer may
change it). The settings go into the bare repository's git config, where the hooks read them;
the checkout's own git config names the bare repository and its published branch, whose tip
every `invoke publish --output` of the checkout (the hook's, the scheduled one) builds.
"""

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
STUB = """\
#!/bin/sh
# Installed by {installer}: the hook is {script}.
exec {python} {script}
"""


def main(argv=None) -> None:
    args = parser().parse_args(argv)
    if args.log_key:
        make_log_key(Path(args.log_key), args.log_name)
    repo = Path(args.repo).resolve()
    if not (repo / "HEAD").exists() or not (repo / "hooks").is_dir():
        sys.exit(f"{repo} is not a bare git repository (git init --bare {repo})")
    for name in ("pre-receive", "post-receive"):
        hook = repo / "hooks" / name
        hook.write_text(
            STUB.format(
                installer=Path(__file__).resolve(),
                python=shlex.quote(sys.executable),
                script=shlex.quote(str(HOOKS / f"{name}.py")),
            )
        )
        hook.chmod(0o755)
        print(f"Installed {hook}")
    settings = {
        "communiques.branch": args.branch,
        "communiques.served": str(Path(args.served).resolve()),
        "communiques.requireReview": "true" if args.require_review else "false",
        "communiques.wait": str(args.wait),
        # The published branch's history is the record: git itself refuses to rewrite it too.
        "receive.denyNonFastForwards": "true",
    }
    for who in ("officers", "maintainers"):
        if getattr(args, who):
            settings[f"communiques.{who}"] = str(Path(getattr(args, who)).resolve())
    for name, value in settings.items():
        subprocess.run(["git", "--git-dir", str(repo), "config", name, value], check=True)
        print(f"git config {name} {value}")
    checkout = HOOKS.parents[1]
    for name, value in {
        "communiques.repository": str(repo),
        "communiques.branch": args.branch,
    }.items():
        subprocess.run(["git", "-C", str(checkout), "config", name, value], check=True)
        print(f"git -C {checkout} config {name} {value}")


def make_log_key(path: Path, name: str) -> None:
    """The log's signing key, readable by the publishing user alone (publishconf.py's
    LOG['key'] names it); its verifier key is printed for the README and the monitors."""
    from communiques_site.tlog.note import NoteError, new_signer

    if path.exists():
        sys.exit(f"{path} exists already; a log keeps its key (README.md: rotating the log key)")
    try:
        signer = new_signer(name)
    except NoteError as error:
        sys.exit(f"--log-name: {error}")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(signer.text() + "\n")
    print(f"Created {path} (mode 600): keep it on this server only")
    print(f"Verifier key: {signer.verifier_key}")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    cli.add_argument("repo", help="the bare repository officers push to")
    cli.add_argument("--served", required=True, help="the folder nginx serves (its root)")
    cli.add_argument("--branch", default="main", help="the published branch")
    cli.add_argument(
        "--require-review",
        action="store_true",
        help="every commit of the published branch needs a Reviewed-by: <second officer's key>",
    )
    cli.add_argument(
        "--officers",
        help="the registry of officer keys (default: deploy/officers.txt of this checkout)",
    )
    cli.add_argument(
        "--maintainers",
        help="the registry of the keys of those who may change or review what lies outside "
        "content/ (default: deploy/maintainers.txt of this checkout)",
    )
    cli.add_argument("--wait", type=int, default=600, help="seconds to wait for a running build")
    cli.add_argument("--log-key", help="create the transparency log's signing key at this path")
    cli.add_argument(
        "--log-name",
        default="communiques.dgsn.gov.ma/log",
        help="the log's origin, which names its key (no spaces, no '+')",
    )
    return cli


if __name__ == "__main__":
    main()
