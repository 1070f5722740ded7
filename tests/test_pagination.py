"""Listings are cut into pages that never move: numbered from the oldest, a full page keeps its
items for ever, and a publication changes the listing's own page and at most two numbered ones."""

from hypothesis import given
from hypothesis import strategies as st

from communiques_site.bilingual.pagination import paginate


def url(number):
    return "/fr/" if number is None else f"/fr/page/{number}/"


def pages(items, size, shown=lambda item: True):
    return {page.url: page for page in paginate(items, size, url, shown)}


def test_the_own_page_holds_the_newest_part_and_the_one_before_while_it_is_not_full():
    newest_first = list(range(45, 0, -1))  # 45 items, 1 the oldest
    listing = pages(newest_first, 20)
    assert listing["/fr/"].items == list(range(45, 20, -1))  # parts 3 (5 items) and 2
    assert listing["/fr/"].next_url == "/fr/page/1/"
    assert list(listing) == ["/fr/", "/fr/page/1/", "/fr/page/2/", "/fr/page/3/"]
    first = listing["/fr/page/1/"]
    assert first.items == list(range(20, 0, -1))
    assert (first.previous_url, first.next_url) == ("/fr/page/2/", None)
    newest = listing["/fr/page/3/"]
    assert newest.items == list(range(45, 40, -1))
    assert (newest.previous_url, newest.next_url) == ("/fr/", "/fr/page/2/")


def test_a_short_listing_has_its_page_1_and_an_empty_one_none():
    listing = pages([3, 2, 1], 20)
    assert list(listing) == ["/fr/", "/fr/page/1/"]
    assert listing["/fr/"].total == 3
    assert listing["/fr/"].next_url is None
    assert list(pages([], 20)) == ["/fr/"]


def test_every_address_of_the_numbering_from_the_newest_still_exists():
    """Until November 2026 pages 2…ceil(n / size) were numbered from the newest."""
    for count in (0, 1, 20, 21, 45, 64, 100):
        listing = pages(list(range(count, 0, -1)), 20)
        for number in range(2, -(-count // 20) + 1):
            assert f"/fr/page/{number}/" in listing


def test_a_withdrawn_item_leaves_its_page_and_moves_no_other():
    newest_first = list(range(80, 0, -1))
    before = pages(newest_first, 20)
    after = pages(newest_first, 20, shown=lambda item: item != 5)
    assert after["/fr/page/1/"].items == [i for i in range(20, 0, -1) if i != 5]
    for name in ("/fr/page/2/", "/fr/page/3/", "/fr/"):
        assert after[name].items == before[name].items
    assert after["/fr/"].total == 79


@given(st.integers(0, 300), st.integers(1, 25))
def test_a_publication_keeps_every_full_page_and_changes_at_most_two(count, size):
    before = pages(list(range(count, 0, -1)), size)
    after = pages(list(range(count + 1, 0, -1)), size)
    assert set(before) <= set(after)  # an address, once published, stays
    changed = [name for name in before if name != "/fr/" and after[name] != before[name]]
    # The newest page fills up; once per part, the one before gets its "newer" link.
    assert len(changed) <= 2
    for name, page in before.items():
        if name != "/fr/" and len(page.items) == size:
            assert after[name].items == page.items
    assert len(set(after) - set(before)) <= 1
    on_home = after["/fr/"].items
    assert on_home[0] == count + 1
    assert size <= len(on_home) < 2 * size or len(on_home) == count + 1
    numbered = [item for page in after.values() if page.number for item in page.items]
    assert sorted(numbered) == list(range(1, count + 2))  # every item on one numbered page
