"""Site search with Pagefind: a search page per language, and one index per language of the
listed communiqués, written into the staging folder before the swap (a failed index fails the
build; the published site stays as it was)."""

from core import stages

from .hooks import before_swap, derive


def register():
    stages.derive.connect(derive)
    stages.before_swap.connect(before_swap)
