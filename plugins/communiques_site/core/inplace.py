"""Publish by difference, in place: the staging folder holds only the files the build wrote,
and each file that changed is renamed into the live tree, one at a time, in the order of
core.publication.plan (targets before the pages that link to them, deletions last). A rename
replaces a file in one step, so a reader gets the old file or the new one, never half of one,
and never a link to a file that is not there yet.

Before the first rename a journal beside the served folder says what the publication does; a
publication stopped half-way (a crash, a full disk) is completed from it by the next run,
before anything else (`recover`). Every step can be done again: a file still in the staging
folder has not gone out yet.

What a publication replaces or deletes is kept, hard-linked, in a folder that becomes
`<served>.previous` when it is done (core.atomic.kept): with the dot files of the site it
replaced, it is what `invoke rollback` puts back (core.rollback), by the same means.
"""

import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import atomic, publication

Step = tuple[str, str]  # ("put" or "delete", path under the served folder)

# Who follows a publication step by step (the broken-link test): each is called with the step
# just done. Not a plugin hook: nothing of a build may act between two renames.
watchers: list[Callable[[str, str], None]] = []


def journal(final: str | Path) -> Path:
    """Where the publication under way into `final` is written down, outside what is served."""
    final = Path(final)
    return final.with_name(f"{final.name}.journal.json")


def publish(final: str | Path, staging: str | Path, steps: Sequence[Step]) -> None:
    """Put `steps` from `staging` into the live `final`; the replaced files become the kept
    previous publication, and the staging folder goes."""
    final, staging = Path(final), Path(staging)
    undo = final.with_name(f"{final.name}.undo-{time.time_ns()}")
    undo.mkdir()
    # The dot files say which site the kept files are of (the inventory, the record that a
    # rollback checks): kept even when this publication does not change them.
    for name in publication.LAST:
        if (final / name).is_file():
            os.link(final / name, undo / name)
    record = {"staging": str(staging), "undo": str(undo), "steps": [list(s) for s in steps]}
    written = journal(final).with_name(f"{journal(final).name}.tmp")
    with written.open("w", encoding="utf-8") as file:
        json.dump(record, file)
        file.flush()
        os.fsync(file.fileno())
    written.replace(journal(final))
    _complete(final)


def recover(final: str | Path) -> list[Step] | None:
    """Complete the publication a run left half-done; its steps, None when there was none."""
    if not journal(final).exists():
        return None
    return _complete(Path(final))


def _complete(final: Path) -> list[Step]:
    with journal(final).open(encoding="utf-8") as file:
        record = json.load(file)
    staging, undo = Path(record["staging"]), Path(record["undo"])
    steps: list[Step] = [(action, path) for action, path in record["steps"]]
    emptied: set[Path] = set()
    for action, name in steps:
        live = final / name
        if action == "put":
            source = staging / name
            if not os.path.lexists(source):
                continue  # renamed before the run stopped
            if os.path.lexists(live) and not os.path.lexists(undo / name):
                _move(live, undo / name, os.link)
            _move(source, live, os.rename)
        elif os.path.lexists(live):
            _move(live, undo / name, os.rename)
            emptied.add(live.parent)
        for watch in watchers:
            watch(action, name)
    _remove_empty(emptied, final)
    publication.write_purge_list(str(final), publication.urls(steps))
    if staging.exists():
        # Renamed first: the next build of this process stages under the same name.
        trash = final.with_name(f"{final.name}.trash-{time.time_ns()}")
        staging.rename(trash)
        atomic.remove_later(trash)
    if undo.exists():
        atomic.keep_previous(final, undo)
    journal(final).unlink()
    return steps


def _move(source: Path, target: Path, how: Callable[[Path, Path], None]) -> None:
    try:
        how(source, target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        how(source, target)


def _remove_empty(folders: set[Path], final: Path) -> None:
    """The folders a deletion left empty, as a build from nothing would not make them."""
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        while folder != final and final in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
