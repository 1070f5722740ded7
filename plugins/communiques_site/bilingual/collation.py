"""Lists in each language's alphabetical order.

Python's `sorted` compares code points: "Boujdour" before "Béni Mellal", "Tiznit" before
"Témara". ICU's collator for the language's locale (from SITE['languages'], never from its
code) orders accented letters as a French reader looks for them, and Arabic letters with their
hamza forms where an Arabic reader does.
"""

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TypeVar

import icu
import jinja2
from jinja2 import pass_environment
from jinja2.filters import make_attrgetter

from communiques_site.core.languages import Language

T = TypeVar("T")


@cache
def _collator(locale: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(locale))


def sort_key(language: Language) -> Callable[[str], bytes]:
    """The key that orders strings as the language's alphabet does."""
    return _collator(language.locale).getSortKey


def collated(items: Iterable[T], language: Language, text: Callable[[T], str] = str) -> list[T]:
    """The items in the language's order of their `text`."""
    key = sort_key(language)
    return sorted(items, key=lambda item: key(text(item)))


def template_filter(language: Language) -> Callable:
    """`collate` for the templates: `entries|collate("name." ~ lang)` or `strings|collate`."""

    @pass_environment
    def collate(
        environment: jinja2.Environment, items: Iterable[Any], attribute: str | None = None
    ) -> list[Any]:
        text = make_attrgetter(environment, attribute) if attribute else str
        return collated(items, language, text)

    return collate
