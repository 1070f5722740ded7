"""Listings cut into pages that never move, even when a communiqué is dated in the past.

Pages are numbered from the oldest: page 1 holds the first `size` communiqués ever published,
page 2 the next, and so on. A full page keeps its number and its communiqués for ever: a new
communiqué goes on the listing's own page and on the newest numbered page, until `size` of them
have filled it; the next one starts a new page. So a citation of `/fr/page/12/` keeps showing
what was cited, and a new communiqué changes the listing's own page and the newest numbered
page (and, once per part, the "newer" link of the one before), not all of them.

The cut: a full part is frozen by the key (date, id) of its newest item, and the published site
keeps these ends (`Cut`, in `.listing-parts.json` beside the record). A later build puts every
item on the frozen part whose range holds its key, and cuts only the items newer than the last
frozen end into new parts of `size`. A communiqué dated in the past (entered late) thus joins
the full part of its dates, which then shows `size + 1`, and no other numbered page moves: the
listing's own page (its count) and that one part change, nothing else. A site built from
nothing (no published parts) cuts every `size` items from the oldest, which is the numbering
the parts of a site with no late entries always have.

The parts are cut over every published item, withdrawn ones included (a withdrawn communiqué
leaves the listing, not its place): a withdrawal changes its own page, no other. The listing's
own page shows the newest part, and the one before it while the newest holds fewer than
`size`, so that it never shows only one or two communiqués; every part also has its numbered
page, the newest included (it fills up as communiqués are published).
"""

import json
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Key = tuple  # an item's place in its listing, oldest smallest: (seconds, id, …)


@dataclass(frozen=True)
class Page:
    number: int | None  # None: the listing's own page; n: the n-th part from the oldest
    items: list  # newest first
    total: int | None  # how many items the listing shows in all (on its own page only)
    url: str
    previous_url: str | None  # newer
    next_url: str | None  # older


@dataclass
class Cut:
    """The ends of a listing's full parts, oldest first: the key of the newest item of each.
    `ends` is what the published site froze (read); `made` what this cut freezes (kept)."""

    ends: list[Key] = field(default_factory=list)
    made: list[Key] = field(default_factory=list)


def parts(items: Sequence, size: int, key: Callable[[Any], Key], cut: Cut) -> list[list]:
    """`items` (newest first) in parts, oldest part first, each oldest first. Items up to the
    last frozen end go on the frozen part of their key; the newer ones are cut every `size`.
    `cut.made` gets the ends of every full part of the result."""
    ends = cut.ends
    frozen: list[list] = [[] for _ in ends]
    rest: list = []
    for item in reversed(items):
        place = bisect_left(ends, key(item)) if ends else 0
        if place < len(ends):
            frozen[place].append(item)
        else:
            rest.append(item)
    # A frozen part emptied by a changed date keeps its number: it was published.
    cut_parts = frozen + [rest[start : start + size] for start in range(0, len(rest), size)]
    cut.made = [
        ends[number] if number < len(ends) else key(part[-1])
        for number, part in enumerate(cut_parts)
        if number < len(ends) or len(part) >= size
    ]
    return cut_parts


def paginate(
    cut_parts: list[list],
    size: int,
    url_for: Callable[[int | None], str],
    shown: Callable[[Any], bool] = lambda item: True,
) -> Iterator[Page]:
    """The listing's own page, then every numbered page, from the listing's `parts` (Cuts.parts:
    cut once for every language); `shown` says which items are listed (the others still hold
    their place)."""

    def listed(part: list) -> list:
        return [item for item in reversed(part) if shown(item)]

    # The parts on the listing's own page: the newest, and the one before while it is not full.
    count = len(cut_parts)
    on_home = 2 if count > 1 and len(cut_parts[-1]) < size else 1
    first_on_home = max(0, count - on_home)
    home = url_for(None)
    yield Page(
        None,
        [item for part in reversed(cut_parts[first_on_home:]) for item in listed(part)],
        sum(1 for part in cut_parts for item in part if shown(item)),
        home,
        None,
        url_for(first_on_home) if first_on_home else None,
    )
    # Every part has its page, those on the listing's own page too: the number of pages only
    # grows, so an address once published (by this scheme or the one before) stays.
    for number in range(1, count + 1):
        yield Page(
            number,
            listed(cut_parts[number - 1]),
            None,  # would change every numbered page at each publication
            url_for(number),
            url_for(number + 1) if number < count else home,
            url_for(number - 1) if number > 1 else None,
        )


PARTS = ".listing-parts.json"  # a dot file: built and uploaded with the site, never served


class Cuts:
    """The frozen parts of every listing (by a name: `home`, `cities/rabat`…), read from the
    published site and written into the new one: they travel with the site, as its record."""

    def __init__(self, published: str | None):
        self.published: dict[str, dict] = {}
        path = Path(published) / PARTS if published else None
        if path is not None and path.is_file():
            try:
                self.published = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.published = {}  # cut from the oldest, as a site built from nothing
        self.made: dict[str, tuple[int, Cut]] = {}
        self.parted: dict[str, list[list]] = {}

    def parts(self, name: str, items: Sequence, size: int, key: Callable[[Any], Key]) -> list:
        """The parts of the listing `name` (`parts`), cut once: a listing has the same items in
        every language, and so the same parts."""
        if name not in self.parted:
            self.parted[name] = parts(items, size, key, self.of(name, size))
        return self.parted[name]

    def of(self, name: str, size: int) -> Cut:
        """The cut of a listing, its published ends kept when its page size is the same."""
        if name not in self.made:
            kept = self.published.get(name)
            ends = [tuple(end) for end in kept["ends"]] if kept and kept["size"] == size else []
            self.made[name] = (size, Cut(ends))
        return self.made[name][1]

    def write(self, folder: str) -> None:
        listings = {
            name: {"size": size, "ends": cut.made}
            for name, (size, cut) in sorted(self.made.items())
            if cut.made
        }
        text = json.dumps(listings, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (Path(folder) / PARTS).write_text(text + "\n", encoding="utf-8")
