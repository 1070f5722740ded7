"""Listings cut into numbered pages; page 1 has the listing's own URL."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    number: int
    count: int  # how many pages in all
    total: int  # how many items in all
    items: list
    url: str
    previous_url: str | None
    next_url: str | None


def paginate(items, size, url_for):
    """Every page of `items`; an empty listing still has its (empty) first page."""
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        yield Page(
            number=number,
            count=count,
            total=len(items),
            items=items[(number - 1) * size : number * size],
            url=url_for(number),
            previous_url=url_for(number - 1) if number > 1 else None,
            next_url=url_for(number + 1) if number < count else None,
        )
