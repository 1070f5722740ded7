"""Listings are cut into pages that never move: numbered from the oldest, a full page keeps its
items for ever, and a publication changes the listing's own page and at most two numbered ones;
an item dated in the past changes the one part of its dates."""

from hypothesis import given
from hypothesis import strategies as st

from communiques_site.bilingual.pagination import Cut, paginate, parts


def url(number):
    return "/fr/" if number is None else f"/fr/page/{number}/"


def pages(items, size, shown=lambda item: True, cut=None):
    cut_parts = parts(items, size, lambda item: (item,), cut or Cut())
    return {page.url: page for page in paginate(cut_parts, size, url, shown)}


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


def published(items, size, ends=()):
    """The pages of `items` (newest first) cut over the published `ends`, and the ends they
    freeze for the next build."""
    cut = Cut(list(ends))
    return pages(sorted(items, reverse=True), size, cut=cut), cut.made


@given(st.integers(1, 200), st.integers(1, 25), st.data())
def test_an_item_dated_in_the_past_changes_the_part_of_its_dates_and_no_other(count, size, data):
    items = list(range(1, count + 1))
    before, ends = published(items, size)
    # Older than the newest item: before the first, or between two (keys are unique).
    late = data.draw(st.integers(0, count - 1)) + 0.5
    after, _ = published([*items, late], size, ends)
    assert set(after) == set(before)  # no page comes or goes
    changed = [name for name in before if name != "/fr/" and after[name] != before[name]]
    assert len(changed) == 1
    holding = after[changed[0]]
    assert late in holding.items
    assert [item for item in holding.items if item != late] == before[changed[0]].items
    numbered = [item for page in after.values() if page.number for item in page.items]
    assert sorted(numbered) == sorted([*items, late])  # every item on one numbered page
    assert after["/fr/"].total == count + 1


@given(st.lists(st.integers(1, 30), min_size=1, max_size=12), st.integers(1, 25))
def test_parts_frozen_build_after_build_are_the_parts_cut_from_nothing(publications, size):
    """Without late items the frozen parts are the parts counted from the oldest: the first
    build of a site with no published parts shows what its earlier builds showed."""
    items, ends = [], []
    for count in publications:
        items += range(len(items) + 1, len(items) + count + 1)
        kept, ends = published(items, size, ends)
        assert kept == pages(sorted(items, reverse=True), size)


def test_the_published_ends_place_an_item_on_the_part_of_its_dates():
    # Parts of 2 frozen at 2 and 4: 3.5 joins the second part, which shows 3.
    listing, ends = published([1, 2, 3, 3.5, 4, 5], 2, [(2,), (4,)])
    assert listing["/fr/page/2/"].items == [4, 3.5, 3]
    assert listing["/fr/page/3/"].items == [5]
    assert ends == [(2,), (4,)]  # the third is not full
    assert listing["/fr/"].items == [5, 4, 3.5, 3]
