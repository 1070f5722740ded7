"""People's names in free text: after a cue word (المدعو, le nommé, M.), or a given name of the
registry (content/data/names.yaml) followed by another name.

A given name alone never stops the build: many are everyday words too (سعيد, أمين, نور), and
"a man called Karim" names no one. Two names in a row, or a cue word and a name, do. Places and
institutions named after people (avenue Hassan II, مستشفى ابن سينا, the cities of the registry)
never count.

The registry is read once per build (names_registry.load) into a `Names`, immutable, shared by
every file.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"[^\W\d_]+")
# Punctuation read as spaces, so that str.split (much faster than a pattern) gives the words
# the gate looks up: "Mohamed," and "(محمد" are words too.
PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(".,;:!?()[]{}«»\"'“”‘’،؛؟-–—/|*_#<>…", " "))
ARABIC = re.compile(r"[\u0621-\u064a]")
PROCLITICS = "وفبلك"  # one-letter words written joined to the next: ومحمد, لمحمد
# Words that start a French sentence or phrase with a capital and are not names: "Selon Karim"
# is a given name alone, not a full name.
FRENCH_FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "et", "selon", "par",
    "pour", "avec", "sans", "chez", "dans", "sur", "contre", "apres", "avant", "depuis",
    "lors", "quand", "si", "mais", "or", "donc", "ni", "car", "ce", "cette", "ces", "son",
    "sa", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "a",
    "au", "aux", "en", "entre", "vers", "monsieur", "madame", "mademoiselle", "m", "mme",
    "mlle",
})  # fmt: skip
# Endings of the adjectives between a place word and its name: hôpital régional Hassan II,
# lycée qualifiant Ibn Sina, المستشفى الجهوي محمد الخامس.
ADJECTIVE_ENDINGS = ("al", "ale", "aux", "ique", "ic", "if", "ive", "ant", "ante", "el", "ier",
                     "iere", "aire", "ee")  # fmt: skip

SPACE = r"[ \t\u00a0]+"
OPENING = r"[«\"“'(\[]*[ \t\u00a0]*"
# The Arabic cue words, folded (المسماة -> المسماه), with و/ف and the article's forms بال/لل, and
# their dual and plural endings; "الملقب بـ" takes its preposition too. A name has two letters
# at least: initials (المدعو ع.م) are not a name.
ARABIC_CUE = re.compile(
    r"(?<![^\W\d_])[وف]?(?:ال|بال|لل)(?:مدعو|مدعوه|مسم[ىي]|مسماه|ملقب|ملقبه|مكن[ىي]|مكناه)"
    rf"(?:ين|ان|تين|تان)?{SPACE}(?:بـ?(?:{SPACE})?)?{OPENING}"
    r"(?P<name>[\u0621-\u064a\u0640]{2,})(?![\u0621-\u064a])"
)
FRENCH_CUE = re.compile(
    r"(?<![\w.])(?:[Ll]e nomme|[Ll]a nommee|[Ll]es nommee?s|[Dd]enommee?s?|[Uu]n certain|"
    r"[Uu]ne certaine|[Ii]dentifiee?s? comme(?: etant)?|[Ss]urnommee?s?|[Aa]lias|"
    r"[Cc]onnue?s? sous le nom de|M\.|MM\.|Mmes?\.?|Mlles?\.?|Monsieur|Madame|Mademoiselle)"
    rf"{SPACE}{OPENING}(?P<name>[A-Z][A-Za-z'-]+)(?!\w)"
)


@dataclass(frozen=True)
class Names:
    """The registry, folded: Latin words in lower case, Arabic ones in one spelling."""

    given: frozenset[str]  # names and nothing else
    also_words: frozenset[str]  # names that are everyday words too
    # first word -> the rest of each compound name (عبد الله, نور الدين)
    compounds: dict[str, frozenset[tuple[str, ...]]]
    prefixes: frozenset[str]
    titles: frozenset[str]
    place_words: frozenset[str]
    not_family: frozenset[str]
    exceptions: re.Pattern[str] | None
    gate: frozenset[str]  # every word that can start a name, with the proclitics joined

    def find(self, folded: str) -> list[tuple[int, int]]:
        """(start, end) of every person's name in a folded text (see folding.py)."""
        spans = [m.span("name") for m in ARABIC_CUE.finditer(folded)]
        spans += [
            m.span("name")
            for m in FRENCH_CUE.finditer(folded)
            if m["name"].lower() not in self.not_family
        ]
        if not self.gate.isdisjoint(folded.lower().translate(PUNCTUATION_TO_SPACE).split()):
            spans += _full_names(self, folded)
        if spans and self.exceptions is not None:
            places = [m.span() for m in self.exceptions.finditer(folded)]
            spans = [s for s in spans if not any(s[0] < b and a < s[1] for a, b in places)]
        return sorted(set(spans))


Token = tuple[int, int, str]  # start, end, text


def _full_names(names: Names, folded: str) -> list[tuple[int, int]]:
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(folded)]
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        given = _given_at(names, folded, tokens, index)
        if given is None:
            index += 1
            continue
        strong, last = given
        end = _family_after(names, folded, tokens, last, strong)
        start = _family_before(names, folded, tokens, index) if end is None else index
        if (end is not None or start is not None) and not _in_a_place(names, tokens, index):
            first = index if start is None else start
            found.append((tokens[first][0], tokens[last if end is None else end][1]))
        index = last + 1
    return found


def _word(token: str) -> str:
    return token.lower()


def _adjacent(folded: str, tokens: Sequence[Token], left: int, right: int) -> bool:
    """The two tokens are one space or hyphen apart: the same name, not two phrases."""
    if right >= len(tokens):
        return False
    gap = folded[tokens[left][1] : tokens[right][0]]
    return 0 < len(gap) <= 3 and gap.strip(" \t\u00a0-") == ""


def _is_latin_capital(word: str) -> bool:
    return word[:1].isupper() and not ARABIC.match(word)


def _lookup(names: Names, word: str) -> str | None:
    """The registry's spelling of `word` when a given name (or a compound one) can start with
    it, proclitic or not; else None."""
    lowered = _word(word)
    if ARABIC.match(word):
        candidates = [lowered] + ([lowered[1:]] if lowered[0] in PROCLITICS else [])
    elif _is_latin_capital(word):
        candidates = [lowered]
    else:
        return None
    starts = (names.given, names.also_words, names.compounds)
    return next((c for c in candidates if any(c in words for words in starts)), None)


def _given_at(
    names: Names, folded: str, tokens: Sequence[Token], index: int
) -> tuple[bool, int] | None:
    """(strong, index of its last token) when a given name starts at `index`."""
    word = _lookup(names, tokens[index][2])
    if word is None:
        return None
    for rest in sorted(names.compounds.get(word, ()), key=len, reverse=True):
        last = index + len(rest)
        if last < len(tokens) and all(
            _adjacent(folded, tokens, i - 1, i) and _word(tokens[i][2]) == part
            for i, part in zip(range(index + 1, last + 1), rest, strict=True)
        ):
            return True, last
    if word == "عبد" and _adjacent(folded, tokens, index, index + 1):
        return True, index + 1  # عبد and any word: a compound given name
    if word in names.given or word in names.also_words:
        return word in names.given, index
    return None  # the start of a compound name, alone: نور is "light"


def _family_after(
    names: Names, folded: str, tokens: Sequence[Token], last: int, strong: bool
) -> int | None:
    """Index of the last token of the name that follows a given name, or None."""
    following = last + 1
    if not _adjacent(folded, tokens, last, following):
        return None
    word = tokens[following][2]
    lowered = _word(word)
    if lowered in names.not_family or lowered in names.titles:
        return None
    nxt = _given_at(names, folded, tokens, following)
    if nxt is not None and (strong or nxt[0]):
        return nxt[1]  # two given names: unless both are everyday words
    if lowered in names.prefixes:
        after = following + 1
        if _adjacent(folded, tokens, following, after) and _name_like(tokens[after][2]):
            return after
        return None
    if ARABIC.match(word):
        return following if _arabic_family_name(names, lowered, strong) else None
    if _is_latin_capital(word) and (len(word) > 1 or folded[tokens[following][1] :][:1] == "."):
        return following
    return None


def _arabic_family_name(names: Names, word: str, strong: bool) -> bool:
    """العلوي after محمد; بنعلي, بوزيد: a family name. After a name that is also a word
    (سعيد, نور), only a nisba (a family name ending in ي) or a joined prefix count."""
    joined = len(word) >= 5 and word[:2] in ("بن", "بو")
    if word.startswith("ال") and len(word) >= 4:
        return strong or word.endswith("ي")
    return joined


def _name_like(word: str) -> bool:
    return bool(ARABIC.match(word)) or _is_latin_capital(word)


def _family_before(names: Names, folded: str, tokens: Sequence[Token], index: int) -> int | None:
    """Alaoui Mohamed: a French family name written before the given name."""
    before = index - 1
    if before < 0 or not _adjacent(folded, tokens, before, index):
        return None
    word = tokens[before][2]
    lowered = _word(word)
    if not _is_latin_capital(word) or len(word) < 3:
        return None
    if lowered in FRENCH_FUNCTION_WORDS or lowered in names.titles:
        return None
    if lowered in names.place_words or lowered in names.not_family:
        return None
    return before


def _in_a_place(names: Names, tokens: Sequence[Token], index: int) -> bool:
    """The name follows a place word (avenue, مستشفى), maybe with titles and adjectives between."""
    before = index - 1
    while before >= 0 and _word(tokens[before][2]) in names.titles:
        before -= 1
    for _ in range(3):
        if before < 0:
            return False
        word = _word(tokens[before][2])
        bare = word[1:] if word[:1] in PROCLITICS and word[1:] in names.place_words else word
        if word in names.place_words or bare in names.place_words:
            return True
        if not _is_adjective(word):
            return False
        before -= 1
    return False


def _is_adjective(word: str) -> bool:
    if ARABIC.match(word):
        return word.startswith("ال") and word.endswith(("ي", "يه"))
    return word.endswith(ADJECTIVE_ENDINGS)
