"""Site search with Pagefind: a search page per language, and an index (a bundle) per language
and quarter of the listed communiqués, which the search page searches together. Before the swap
the changed quarters are indexed again into the staging folder, the others are linked from the
published site (a failed index fails the build; the published site stays as it was)."""

from communiques_site.core import stages

from .hooks import before_swap, derive


def register() -> None:
    stages.derive.connect(derive)
    stages.before_swap.connect(before_swap)
