"""Listings cut into pages that never move.

Pages are numbered from the oldest: page 1 holds the first `size` communiqués ever published,
page 2 the next, and so on. A full page keeps its number and its communiqués for ever: a new
communiqué goes on the listing's own page and on the newest numbered page, until `size` of them
have filled it; the next one starts a new page. So a citation of `/fr/page/12/` keeps showing
what was cited, and a new communiqué changes the listing's own page and the newest numbered
page (and, once per part, the "newer" link of the one before), not all of them.

The parts are cut over every published item, withdrawn ones included (a withdrawn communiqué
leaves the listing, not its place): a withdrawal changes its own page, no other. The listing's
own page shows the newest part, and the one before it while the newest holds fewer than
`size`, so that it never shows only one or two communiqués; every part also has its numbered
page, the newest included (it fills up as communiqués are published).
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    number: int | None  # None: the listing's own page; n: the n-th part from the oldest
    items: list  # newest first
    total: int | None  # how many items the listing shows in all (on its own page only)
    url: str
    previous_url: str | None  # newer
    next_url: str | None  # older


def paginate(
    items: Sequence[T],
    size: int,
    url_for: Callable[[int | None], str],
    shown: Callable[[T], bool] = lambda item: True,
) -> Iterator[Page]:
    """The listing's own page, then every numbered page. `items` are newest first; `shown`
    says which of them are listed (the others still hold their place)."""
    oldest_first = items[::-1]
    parts = [oldest_first[start : start + size] for start in range(0, len(items), size)]

    def listed(part: Sequence[T]) -> list[T]:
        return [item for item in reversed(part) if shown(item)]

    # The parts on the listing's own page: the newest, and the one before while it is not full.
    on_home = 2 if len(parts) > 1 and len(parts[-1]) < size else 1
    first_on_home = max(0, len(parts) - on_home)
    home = url_for(None)
    yield Page(
        None,
        [item for part in reversed(parts[first_on_home:]) for item in listed(part)],
        sum(1 for item in items if shown(item)),
        home,
        None,
        url_for(first_on_home) if first_on_home else None,
    )
    # Every part has its page, those on the listing's own page too: the number of pages only
    # grows, so an address once published (by this scheme or the one before) stays.
    count = len(parts)
    for number in range(1, count + 1):
        yield Page(
            number,
            listed(parts[number - 1]),
            None,  # would change every numbered page at each publication
            url_for(number),
            url_for(number + 1) if number < count else home,
            url_for(number - 1) if number > 1 else None,
        )
