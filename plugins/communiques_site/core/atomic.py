"""Build into a fresh folder beside the output and publish it only when the build succeeded,
so that readers never see a half-written site and a failed build leaves the old one untouched.

A first build (no published site) and `invoke build --force` make the complete tree and swap
it in whole (`swap`); every other build stages only what it writes and publishes it file by
file in place (core.inplace)."""

import ctypes
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any  # Pelican (which has no types), or its stand-in in tests

RENAME_EXCHANGE = 2  # linux/fs.h
STAGING_ATTRIBUTE = "core_final_output"


def stage(pelican: Any) -> str:
    """Point the build at a fresh staging folder; the published folder, which generators may
    reuse files from until the swap."""
    final = Path(pelican.output_path).resolve()
    _remove_abandoned(final)
    staging = final.with_name(f"{final.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    setattr(pelican, STAGING_ATTRIBUTE, final)
    pelican.output_path = str(staging)
    return str(final)


def _remove_abandoned(final: Path) -> None:
    """Staging folders left by builds that failed outside our runner (plain `pelican`), and
    folders of replaced files no journal names (core.inplace completed what it had to)."""
    for pattern in ("previous-*", "undo-*", "rollback-*", "trash-*"):
        for folder in final.parent.glob(f"{final.name}.{pattern}"):
            remove_later(folder)
    for folder in final.parent.glob(f"{final.name}.staging-*"):
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap(pelican: Any) -> None:
    """Put the finished build in place of the published one."""
    final: Path | None = getattr(pelican, STAGING_ATTRIBUTE, None)
    if final is None:
        return
    staging = Path(pelican.output_path)
    previous = final.with_name(f"{final.name}.previous-{time.time_ns()}")
    if final.exists() and _exchange(staging, final):
        staging.rename(previous)  # the staging path now holds the previous site
    else:
        if final.exists():
            final.rename(previous)
        staging.rename(final)
    pelican.output_path = str(final)
    # Swapped: from now on nothing is staged, and a failure after the swap (writing the
    # purge list) must never make `discard` remove the live site.
    setattr(pelican, STAGING_ATTRIBUTE, None)
    if previous.exists():
        keep_previous(final, previous)


def kept(final: str | Path) -> Path:
    """Where the publication before the live one is kept, for `invoke rollback`."""
    return Path(final).with_name(f"{Path(final).name}.previous")


def keep_previous(final: str | Path, previous: Path) -> None:
    """Keep the site just replaced (a whole tree whose files are mostly the live ones', or the
    files an in-place publication replaced) as the previous publication; the one kept
    before goes."""
    keep = kept(final)
    if keep.exists():
        older = keep.with_name(f"{keep.name}-{time.time_ns()}")
        keep.rename(older)
        remove_later(older)
    previous.rename(keep)


def exchange(a: str | Path, b: str | Path) -> None:
    """Swap two folders in one step where the system can, in two renames otherwise."""
    if _exchange(a, b):
        return
    a, b = Path(a), Path(b)
    middle = a.with_name(f"{a.name}.exchange-{time.time_ns()}")
    a.rename(middle)
    b.rename(a)
    middle.rename(b)


def remove_later(folder: Path) -> None:
    """Delete the previous site without making the build wait: readers already see the new
    one, and deleting tens of thousands of files takes seconds. Folders a removal did not
    finish are removed by the next build."""
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: str | Path, b: str | Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)


def discard(pelican: Any) -> None:
    """Remove the staging folder of a failed build; the published site stays as it was."""
    if getattr(pelican, STAGING_ATTRIBUTE, None) is not None:
        shutil.rmtree(pelican.output_path, ignore_errors=True)
