"""After a push to the published branch: `invoke publish --output <served folder>` while holding
the lock of the served folder (core.lock), then, once it is released, `invoke ping`.

Holding the lock, the hook brings the publishing checkout to the published branch's tip in this
bare repository (core.follow: the tip when it holds the lock, not the commit of this push, which
a later push may have passed meanwhile); `invoke publish` builds it with publishconf.py straight
into the folder nginx serves (core.atomic stages beside it and swaps it in: readers never see
half a site; a failed build leaves the old one) and queues the WebSub pings of the changed
feeds. The pings are sent after the lock is released: a hub that does not answer never holds up
a publication.

Settings in the bare repository's git config (deploy/hooks/install.py writes them):
    communiques.branch   the published branch (main)
    communiques.served   the folder nginx serves (/srv/www/communiques)
    communiques.wait     seconds to wait for a build that holds the lock (600)
"""

import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # beside this script (git runs it from the bare repository)
import messages

from communiques_site.core import follow, lock


def main() -> int:
    branch = common.config("communiques.branch", "main")
    pushed = [new for _, new, ref in common.updates(sys.stdin) if ref == f"refs/heads/{branch}"]
    if not pushed or pushed[-1] == common.ZERO:
        return 0
    served = common.config("communiques.served")
    if not served:
        common.say(messages.SERVED_UNSET)
        return 1
    wait = float(common.config("communiques.wait", "600"))
    bare = common.git("rev-parse", "--absolute-git-dir").strip()
    try:
        follow.record(common.CHECKOUT, bare, branch)
        with lock.hold(lock.lock_path(served), wait=wait, say=common.say):
            before = live(served)
            # Here rather than in the build's own process, so that the build is one process
            # (the one a signal stops) running the code of the commit it builds.
            follow.follow(common.CHECKOUT, say=common.say)
            # It takes the same lock: core.lock lets it through, as we hold it for it.
            done = common.invoke(["publish", "--output", served], common.CHECKOUT, capture=False)
    except lock.Busy as busy:
        common.say(messages.BUSY.format(busy=busy))
        return 1
    except follow.Stuck as stuck:
        common.say(messages.NOT_FOLLOWED.format(branch=branch, error=stuck))
        return 1
    if done.returncode < 0:
        stopped = {"signal": -done.returncode, "name": signal.Signals(-done.returncode).name}
        swapped = live(served) != before
        common.say((messages.KILLED_AFTER_SWAP if swapped else messages.KILLED).format(**stopped))
        return 1
    if done.returncode:
        common.say(messages.FAILED)
        return done.returncode
    return common.invoke(["ping"], common.CHECKOUT, capture=False).returncode


def live(served: str) -> tuple[int, int] | None:
    """Which folder is live: a swap puts another one (another inode) at the served path."""
    try:
        found = Path(served).stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


if __name__ == "__main__":
    sys.exit(main())
