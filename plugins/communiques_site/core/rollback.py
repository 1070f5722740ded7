"""Put the previous publication back: what the last publication replaced or deleted, kept
beside the live tree (core.atomic.kept: the whole tree a swap replaced, or the files an
in-place publication replaced), goes back in place, file by file in the order of
core.publication.plan, with a journal (core.inplace); what the rollback replaces is kept in its
turn (a second rollback undoes the first). Refused when the live site publishes a communiqué
the previous one does not: the record is permanent, and a communiqué once public never
disappears, not even by a rollback; correct it with an update or withdraw it instead."""

import time
from collections.abc import Callable
from pathlib import Path

from . import atomic, inplace, publication


class Refused(Exception):
    """The rollback would remove a published communiqué, or there is nothing to roll back to."""


def rollback(final: str | Path, removed: Callable[[Path, Path], list[str]]) -> list[inplace.Step]:
    """Put the kept previous publication back; the plan of what changed (core.publication),
    for the mirrors and the caches. `removed(live, previous)`: the communiqués the live tree
    publishes and the previous one does not (the content model knows: communiques.record;
    the kept folder always holds the record of the site it is of). Raises Refused with the
    sentence to show."""
    final = Path(final)
    inplace.recover(final)
    previous = atomic.kept(final)
    if not previous.is_dir() or not final.is_dir():
        raise Refused(f"there is no previous publication of {final} to put back ({previous})")
    lost = removed(final, previous)
    if lost:
        raise Refused(
            f"rolling back would remove {len(lost)} communiqué"
            f"{'s' if len(lost) != 1 else ''} published since ({', '.join(lost)}); "
            "the record is permanent: publish a correction (invoke update) or a withdrawal "
            "(invoke withdraw) instead"
        )
    steps = publication.plan(publication.complete(str(final)), publication.complete(str(previous)))
    # Out of the way of the folder that will keep what this rollback replaces.
    source = final.with_name(f"{final.name}.rollback-{time.time_ns()}")
    previous.rename(source)
    inplace.publish(final, source, steps)
    return steps
