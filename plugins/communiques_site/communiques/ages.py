"""Ages stated in a text, written in digits or in words, in Arabic or French.

An age is a number of years said of a person: after a word for an age ("âgé de", "يبلغ من
العمر", "أعمارهم بين") or right after a word for a person ("une fillette de 9 ans", "قاصر 16
سنة"), or an Arabic ordinal of a person's years ("في الخامسة عشرة من عمره"). A number of years
said of anything else ("il y a 2 ans", "منذ 3 سنوات", "une peine de 10 ans") is not an age.
Approximations ("moins de 18 ans", "أقل من 18 سنة") are not exact ages and are not returned.

Patterns read the folded text (see folding.py): one writing for hamza seats, ta marbuta,
accents and digits.
"""

import re
from collections.abc import Iterable, Iterator

from .folding import MARKS, fold

SPACE = r"[ \t\u00a0]+"
LETTERS_ONLY = r"[^\W\d_]*"

# Arabic number words up to nineteen, folded, masculine and feminine, with their case endings
# (اثنا / اثني, ثمان / ثماني). "عشر" after a unit makes a teen: خمسة عشر, خمس عشرة.
ARABIC_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدى": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
# "سنتين" and "عامين" are a number by themselves: two years.
ARABIC_DUALS = {"سنتين": 2, "سنتان": 2, "عامين": 2, "عامان": 2}
FRENCH_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
}  # fmt: skip
ARABIC_ORDINALS = {
    "الاول": 1, "الاولى": 1, "الثاني": 2, "الثانيه": 2, "الثالث": 3, "الثالثه": 3,
    "الرابع": 4, "الرابعه": 4, "الخامس": 5, "الخامسه": 5, "السادس": 6, "السادسه": 6,
    "السابع": 7, "السابعه": 7, "الثامن": 8, "الثامنه": 8, "التاسع": 9, "التاسعه": 9,
    "العاشر": 10, "العاشره": 10, "الحادي": 1, "الحاديه": 1,
}  # fmt: skip


def _words(words: Iterable[str]) -> str:
    """An alternation of `words`, longest first (so that "خمسه" is not read as "خمس")."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


ARABIC_NUMBER = rf"(?:{_words(ARABIC_UNITS)}){MARKS}(?:{SPACE}عشر{MARKS}ه?{MARKS})?(?![^\W\d_])"
# "dix-sept" is also written "dix sept".
FRENCH_NUMBER = rf"(?:{_words(FRENCH_NUMBERS).replace(re.escape('-'), '[- ]')})\b"
NUMBER = rf"(?:\d{{1,2}}(?!\d)|{FRENCH_NUMBER}|{ARABIC_NUMBER})"
YEARS = rf"(?:{SPACE}|(?<=\d))(?:ans?\b|(?:سنه|سنوات|سنين|عاما|عام|اعوام|ربيعا){MARKS}(?![^\W\d_]))"
AND = rf"(?:\s*[,،]\s*|{SPACE}(?:et|ou|a){SPACE}|(?:{SPACE})?(?:و|او|الي){MARKS}(?:{SPACE})?)"
# "21 et 24 ans", "19 و23 سنة": the numbers of one statement, then its word for years; or a
# dual, which carries its own ("سنتين").
AGES = (
    rf"(?:(?P<ages>{NUMBER}(?:{AND}{NUMBER})*){YEARS}"
    rf"|(?P<dual>{_words(ARABIC_DUALS)}){MARKS}(?![^\W\d_]))"
)

AGE_WORD = (
    r"(?:العمر|عمره|عمرها|عمرهما|عمرهم|اعمارهم|اعمارهما|اعمارهن|يبلغ|تبلغ|يبلغان|تبلغان|"
    r"يبلغون|البالغ|البالغه|البالغين|البالغان|البالغتين|يناهز|تناهز|agee?s?)"
)
# Words allowed between the word for an age and the number: "âgé de", "يبلغ من العمر",
# "أعمارهم بين", "âgés respectivement de". "moins de" is not one: it states no exact age.
BETWEEN = r"(?:de|d'|respectivement|environ|من|العمر|حوالي|ما|بين|علي|التوالي|entre)"
FRENCH_PERSON = (
    r"(?:mineur|majeur|individu|enfant|fillette|garcon|fille|bebe|nourrisson|adolescent|eleve|"
    r"ecolier|collegien|lyceen|victime|jeune|gamin|petit|frere|soeur|fils|suspect|homme|femme)"
)
ARABIC_PERSON = (
    r"(?:قاصر|شخص|شاب|شابه|فتاه|طفل|طفله|رضيع|رضيعه|تلميذ|تلميذه|ضحيه|صبي|صبيه|مراهق|"
    r"مراهقه|امراه|رجل|سيده)"
)
ARABIC_PREFIX = r"(?:وال|بال|لل|ال|و|ب|ل)?"
# Years counted after a word that is not a person's ("il y a 2 ans") are left alone.
STATED_AGES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        rf"(?<![^\W\d_]){ARABIC_PREFIX}{AGE_WORD}(?:{SPACE}{BETWEEN})*{SPACE}{AGES}",
        rf"\b{FRENCH_PERSON}{LETTERS_ONLY}{SPACE}(?:de{SPACE}|d'){AGES}",
        rf"(?<![^\W\d_]){ARABIC_PREFIX}{ARABIC_PERSON}{SPACE}"
        rf"(?:(?:ذات|ذو|ذي|عمره|عمرها){SPACE})?{AGES}",
        rf"(?<![^\W\d_])(?P<ordinal>{_words(ARABIC_ORDINALS)}){MARKS}"
        rf"(?P<teen>{SPACE}عشر{MARKS}ه?{MARKS})?{SPACE}من{SPACE}(?:ال)?عمر",
    )
)
GATE = re.compile(r"ans?\b|سن|عام|اعوام|ربيع|عمر", re.I)
NUMBER_IN_AGES = re.compile(NUMBER, re.I)


def _value(number: str) -> int:
    """The value of one number of NUMBER: digits, French words or Arabic words."""
    if number.isdigit():
        return int(number)
    plain = re.sub(MARKS, "", number.lower())
    french = FRENCH_NUMBERS.get(plain.replace(" ", "-"))
    if french is not None:
        return french
    words = plain.split()
    if len(words) == 2:  # a unit and "عشر": a teen
        return ARABIC_UNITS[words[0]] + 10
    return ARABIC_UNITS[words[0]]


def age_matches(folded: str) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, ages) of every statement of ages in a folded text."""
    if not GATE.search(folded):
        return
    for pattern in STATED_AGES:
        for match in pattern.finditer(folded):
            yield match.start(), match.end(), _ages(match)


def _ages(match: re.Match[str]) -> list[int]:
    """The ages one match states."""
    if "ordinal" in match.re.groupindex:
        value = ARABIC_ORDINALS[re.sub(MARKS, "", match["ordinal"])]
        return [value + 10 if match["teen"] else value]
    if match["dual"]:
        return [2]
    return [_value(n) for n in NUMBER_IN_AGES.findall(match["ages"])]


def stated_ages(text: str) -> list[tuple[int, int]]:
    """(line offset, age) of every age the text states ("âgé de 16 ans", "يبلغ من العمر ستة
    عشر عاما", "un mineur de 16 ans"), sorted."""
    folded = fold(text)
    found: set[tuple[int, int]] = set()
    for start, _, ages in age_matches(folded):
        offset = folded.count("\n", 0, start)
        found.update((offset, age) for age in ages)
    return sorted(found)
