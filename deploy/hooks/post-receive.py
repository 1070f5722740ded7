"""After a push to the published branch: bring the publishing checkout to the pushed commit,
build it with publishconf.py straight into the folder nginx serves (core.atomic stages beside
it and swaps it in: readers never see half a site; a failed build leaves the old one), then
ping the WebSub hubs: `invoke publish --output <served folder>`.

The checkout update and the publication hold the lock of the served folder (core.lock), the
one the scheduled build and a manual publish take, so that none of them reads the checkout
half-updated or swaps the folder at the same time.

Settings in the bare repository's git config (deploy/hooks/install.py writes them):
    communiques.branch   the published branch (main)
    communiques.served   the folder nginx serves (/srv/www/communiques)
    communiques.wait     seconds to wait for a build that holds the lock (600)
"""

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # beside this script (git runs it from the bare repository)

sys.path.insert(0, str(common.CHECKOUT / "plugins"))
from core import lock


def main() -> int:
    branch = common.config("communiques.branch", "main")
    pushed = [new for _, new, ref in common.updates(sys.stdin) if ref == f"refs/heads/{branch}"]
    if not pushed or pushed[-1] == common.ZERO:
        return 0
    served = common.config("communiques.served")
    if not served:
        common.say("not published: set communiques.served (deploy/hooks/install.py --served)")
        return 1
    wait = float(common.config("communiques.wait", "600"))
    try:
        with lock.hold(lock.lock_path(served), wait=wait, say=common.say):
            checkout(pushed[-1])
            # It takes the same lock: core.lock lets it through, as we hold it for it.
            done = common.invoke(["publish", "--output", served], common.CHECKOUT, capture=False)
    except lock.Busy as busy:
        common.say(f"not published yet: {busy}; the next scheduled build will publish it.")
        return 1
    if done.returncode:
        common.say("not published: see above; the site that was live stays live.")
    return done.returncode


def checkout(commit: str) -> None:
    """The publishing checkout at `commit`, its untracked cache and output kept (the record of
    the feeds already announced to the hubs lives in cache/)."""
    for args in (["fetch", "--quiet", "origin"], ["reset", "--quiet", "--hard", commit]):
        subprocess.run(["git", *args], cwd=common.CHECKOUT, env=common.project_env(), check=True)


if __name__ == "__main__":
    sys.exit(main())
