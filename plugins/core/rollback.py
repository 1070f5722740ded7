"""Put the previous publication back: the tree kept beside the live one (core.atomic) is
swapped in, in one step, and the live one is kept in its place (a second rollback undoes the
first). Refused when the live site publishes a communiqué the previous one does not: the record
is permanent, and a communiqué once public never disappears, not even by a rollback; correct
it with an update or withdraw it instead."""

from collections.abc import Callable
from pathlib import Path

from . import atomic, publication


class Refused(Exception):
    """The rollback would remove a published communiqué, or there is nothing to roll back to."""


def rollback(final: str, removed: Callable[[Path, Path], list[str]]) -> list[tuple[str, str]]:
    """Swap the kept previous publication in; the plan of what changed (core.publication), for
    the mirrors and the caches. `removed(live, previous)`: the communiqués the live tree
    publishes and the previous one does not (the content model knows: communiques.record).
    Raises Refused with the sentence to show."""
    live = Path(final)
    previous = atomic.kept(live)
    if not previous.is_dir() or not live.is_dir():
        raise Refused(f"there is no previous publication of {live} to put back ({previous})")
    lost = removed(live, previous)
    if lost:
        raise Refused(
            f"rolling back would remove {len(lost)} communiqué"
            f"{'s' if len(lost) != 1 else ''} published since ({', '.join(lost)}); "
            "the record is permanent: publish a correction (invoke update) or a withdrawal "
            "(invoke withdraw) instead"
        )
    steps = publication.plan(publication.complete(str(live)), publication.complete(str(previous)))
    atomic.exchange(previous, live)
    publication.write_purge_list(str(live), publication.urls(steps))
    return steps
