"""One publication at a time: a scheduled build, a push and a manual publish of the same site
take the lock beside its output folder, so that two builds never swap the same folder at once.

The lock is an flock(2) on `<output>.lock`: the kernel drops it when its holder exits, even
killed, so a crashed build never leaves a stale lock. The holder writes who it is into the file
(pid, user, command, since when) so that the one who waits can say whom it waits for.
"""

import fcntl
import getpass
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

Say = Callable[[str], object]  # where a message for the one who waits goes: print

# A process that holds the lock names it here for its children (the post-receive hook runs
# `invoke publish` while it holds it): they must not wait for their own parent.
HELD = "COMMUNIQUES_LOCK_HELD"


class Busy(Exception):
    """Another build held the lock for longer than we could wait."""


def lock_path(output: str | Path) -> Path:
    """The lock file of an output folder: beside it, outside what the web server serves."""
    output = Path(output).resolve()
    return output.with_name(f"{output.name}.lock")


def holder() -> str:
    """Who we are, as the one who waits will read it."""
    since = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])
    return f"pid {os.getpid()}, user {_user()}, since {since}: {command}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a uid without a name (containers)
        return str(os.getuid())


@contextmanager
def hold(
    path: str | Path, wait: float = 600, say: Say = print, poll: float = 0.2
) -> Iterator[None]:
    """Hold the lock file `path`, waiting at most `wait` seconds (0: do not wait) and saying
    once whom we wait for; Busy when the time is up."""
    path = Path(path)
    if os.environ.get(HELD) == str(path):
        yield  # our parent holds it for us
        return
    with path.open("a+", encoding="utf-8") as file:
        _acquire(file, path, wait, say, poll)
        file.seek(0)
        file.truncate()
        file.write(holder() + "\n")
        file.flush()
        os.environ[HELD] = str(path)
        try:
            yield
        finally:
            del os.environ[HELD]
            file.truncate(0)  # the lock itself goes with the file's closing


def _acquire(file: IO[str], path: Path, wait: float, say: Say, poll: float) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        who = read_holder(path)
        if time.monotonic() >= deadline:
            raise Busy(f"another build is publishing {path.with_suffix('')}: {who}")
        if not told:
            say(f"Waiting (at most {wait:.0f} s) for the build that holds {path}: {who}")
            told = True
        time.sleep(poll)


def read_holder(path: str | Path) -> str:
    """What the holder wrote; it may not have written it yet when it has just taken the lock."""
    try:
        return Path(path).read_text(encoding="utf-8").strip() or "holder not yet known"
    except OSError:
        return "holder unknown"
