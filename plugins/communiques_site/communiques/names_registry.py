"""Read content/data/names.yaml into a names.Names, once per build.

The file's sections are lists of words in each language (see its header comment); the cities of
content/data/cities.yaml are added to its exceptions, so that no city is ever a person's name.
"""

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from communiques_site.core.problems import Problems

from . import normal
from .folding import fold
from .frontmatter import Loader
from .names import ARABIC, PROCLITICS, Names
from .normal import seen

if TYPE_CHECKING:
    from .registry import City

SECTIONS = (
    "given_names",
    "given_names_also_words",
    "family_prefixes",
    "titles",
    "place_words",
    "not_family_names",
    "exceptions",
)
# The list this project ships with, for a site whose data folder has none of its own.
SHIPPED = Path(__file__).resolve().parents[3] / "content" / "data" / "names.yaml"


def load(
    path: str | Path,
    shown: str,
    problems: Problems,
    cities: "Mapping[str, City] | None" = None,
) -> Names | None:
    """The Names of the registry at `path` (the shipped list when the site has none), with the
    names of `cities` as exceptions; None after reporting why it cannot be read."""
    path = Path(path)
    if not path.exists():
        path = SHIPPED
    try:
        text = path.read_text(encoding="utf-8-sig")
        for line, char in normal.refused(text):
            problems.add(shown, line, "names", normal.refusal(char))
        data = yaml.load(normal.without_refused(text), Loader=Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "names", f"cannot be read ({error}); fix the YAML")
        return None
    lists = _lists(data, shown, problems)
    if lists is None:
        return None
    places = lists["exceptions"] + [
        name for entry in (cities or {}).values() for name in entry.name.values()
    ]
    return build(lists, places)


def _lists(data: object, shown: str, problems: Problems) -> dict[str, list[str]] | None:
    """{section: [words of every list]}, or None after reporting what is malformed. A section
    holds a list per script or language ({ar: [...], fr: [...]}): names are caught in any text."""
    lists: dict[str, list[str]] = {}
    for section in SECTIONS:
        value = data.get(section) if isinstance(data, dict) else None
        if (
            not isinstance(value, dict)
            or not value
            or not all(isinstance(words, list) for words in value.values())
        ):
            problems.add(
                shown,
                1,
                f"names.{section}",
                "needs a list of words for each script, e.g. {ar: [...], fr: [...]}",
            )
            return None
        lists[section] = [str(word) for words in value.values() for word in words]
    return lists


def build(lists: Mapping[str, list[str]], places: Iterable[str] = ()) -> Names:
    """A Names from plain lists of words (names.yaml's sections)."""

    def folded(section: str) -> list[str]:
        """The section's words in one spelling; a final alef maqsura in both (مصطفى, مصطفي)."""
        words = [fold(seen(word)).lower() for word in lists[section]]
        return words + [word[:-1] + "ي" for word in words if word.endswith("ى")]

    given: set[str] = set()
    compounds: dict[str, set[tuple[str, ...]]] = {}
    for name in folded("given_names"):
        first, *rest = name.split()
        if rest:
            compounds.setdefault(first, set()).add(tuple(rest))
            if first == "عبد":
                given.add(first + "".join(rest))  # written joined too: عبدالله
        else:
            given.add(first)
    also_words = set(folded("given_names_also_words"))
    starts = given | also_words | set(compounds) | {"عبد"}
    gate = starts | {p + word for word in starts if ARABIC.match(word) for p in PROCLITICS}
    exceptions = sorted({fold(seen(place)) for place in places}, key=len, reverse=True)
    return Names(
        given=frozenset(given),
        also_words=frozenset(also_words),
        compounds={k: frozenset(v) for k, v in compounds.items()},
        prefixes=frozenset(folded("family_prefixes")),
        titles=frozenset(folded("titles")),
        place_words=frozenset(folded("place_words")),
        not_family=frozenset(folded("not_family_names")),
        exceptions=_phrases(exceptions) if exceptions else None,
        gate=frozenset(gate),
    )


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for every phrase, in any case, with any space or hyphen between its words,
    as a whole word (a proclitic may be joined to an Arabic one)."""
    alternatives = "|".join(
        r"[ \t\u00a0-]+".join(map(re.escape, phrase.split())) for phrase in phrases
    )
    return re.compile(rf"(?<![^\W\d_])[وفبلك]?(?:{alternatives})(?![^\W\d_])", re.I)
