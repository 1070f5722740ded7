"""What identifies a person, found in free text before anything is published.

Every title, summary, district, body, change note and reason is scanned, in both languages and
both digit systems. A hit stops the build unless its line carries an explicit, reasoned
exception: the marker `<!-- privacy-ok: <reason> -->` at the end of the line, or the exact text
listed in the front matter under `privacy_exceptions` with a reason.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import normal
from .ages import age_matches
from .folding import EASTERN_DIGITS, FOLD
from .model import MINOR_AGE
from .names import Names

# (kind, start, end, what to show instead of the masked match, or None)
Found = tuple[str, int, int, str | None]

MARKER = re.compile(r"<!--\s*privacy-ok:\s*(?P<reason>[^>]*?)\s*-->")
ARABIC_LETTER = "\u0621-\u064a"
SEP = r"[ \t\u00a0.\-]?"  # within a line: a number never spans two

# Moroccan plates: a number (1 to 6 digits), a letter (Arabic, or its Latin transliteration), a
# region (1 to 89), in either order (RTL text is often typed region first: 6-أ-12345).
# Between them a hyphen, a slash or a bar makes any letter a plate letter. With a space or
# nothing between, only the letters of plates count, and the number has 3 digits at least: "à 12
# H 30" is a time, "بين 19 و 23" two numbers (و is "and": it needs no space on either side).
REGION = r"(?:[1-8]\d|\d)"
STRONG = r"\s*[-|/]\s*"
ANY_LETTER = rf"(?:[{ARABIC_LETTER}]\u0640?|[A-Z]{{1,2}})"
PLATE_LETTER = r"(?:[أابدهطجش]\u0640?|[ABDEHTWJM])"
LOOSE = rf"(?:{STRONG}|[ \t]?)"


PLATE_FORMS = "|".join(
    (
        rf"\d{{1,6}}{STRONG}{ANY_LETTER}{STRONG}{REGION}",
        rf"{REGION}{STRONG}{ANY_LETTER}{STRONG}\d{{1,6}}",
        rf"\d{{3,6}}{LOOSE}{PLATE_LETTER}{LOOSE}{REGION}",
        rf"{REGION}{LOOSE}{PLATE_LETTER}{LOOSE}\d{{3,6}}",
        rf"\d{{3,6}}و{REGION}",
        rf"{REGION}و\d{{3,6}}",
    )
)
# The look-ahead for a digit first: a position that is not one fails before the six forms are
# tried (the pattern runs on every text that has a digit).
PLATE = rf"(?<![\d\w])(?=\d)(?:{PLATE_FORMS})(?![\d\w])"
# Temporary plates: WW (a new vehicle) and W18 (in transit), before or after the number. A
# lone W and digits is an identity card number (CIN), reported as one.
TEMPORARY_PLATE = r"\bW(?:W|18)\s?-?\d{4,6}\b|(?<!\d)\d{4,6}\s?-?W(?:W|18)\b"

# Digits are compared after Eastern Arabic digits are read as Western ones (same length, so
# positions in the text do not move).
PATTERNS = (
    (
        "phone number",
        re.compile(
            rf"(?<![\d\w])(?:(?:\+|00)[ \t]?212{SEP}\(?0?\)?{SEP}|0)[5-8](?:{SEP}\d){{8}}(?!\d)"
        ),
    ),
    # The look-behind makes a match start only at the start of a word: without it, every
    # position of every word would be tried.
    ("e-mail address", re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")),
    (
        "profile URL",
        re.compile(
            r"(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|tiktok|twitter|x|youtube|"
            r"snapchat|linkedin|threads)\.(?:com|net)/[^\s)»\"']+|(?:https?://)?t\.me/[^\s)»\"']+",
            re.I,
        ),
    ),
    ("social-media handle", re.compile(r"(?<![\w.@/])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}\b")),
    ("licence plate", re.compile(rf"{PLATE}|{TEMPORARY_PLATE}")),
    ("national identity card number", re.compile(r"(?<![\w-])[A-Z]{1,2}\s?\d{5,7}(?![\w-])")),
    (
        "street address",
        re.compile(
            r"(?:زنقة|شارع|درب|ممر|إقامة|عمارة)\s[^\n،,.؛]{1,40}?[،,]?\s*(?:رقم|ر\.)\s*\d+"
            r"|\b(?:rue|avenue|av\.|boulevard|bd|impasse|derb|résidence|immeuble)\b[^\n;.]{1,40}?"
            r",?\s*(?:n°|nº|no\.?|numéro)\s*\d+"
            # "45, rue …", but not a year or the minutes of a time ("le 1 mai 2026, avenue …",
            # "à 18:30, rue …")
            r"|(?<![\d:/.hH])(?!(?:19|20)\d\d\b)\d{1,4}\s*,?\s*(?:rue|avenue|boulevard|bd|impasse)\b",
            re.I,
        ),
    ),
    (
        "date of birth",
        re.compile(
            r"(?:المزداد|المزدادة|المزدادين|من مواليد|تاريخ الازدياد|تاريخ الميلاد|مواليد)"
            r"\s*(?:يوم|في|بتاريخ|سنة|عام)?\s*\d{1,4}(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4})?"
            r"|\b(?:née?s?|date de naissance)\s*(?:le|en|:)?\s*\d{1,2}(?:er)?\s*[/.\-]\s*\d{1,2}"
            r"\s*[/.\-]\s*\d{2,4}|\bnée?s?\s+en\s+\d{4}",
            re.I,
        ),
    ),
)


# A cheap test for each kind: most texts have nothing that could be one, and the full
# pattern is then not run at all.
GATES = {
    "phone number": re.compile(r"\d"),
    "e-mail address": re.compile(r"@"),
    "profile URL": re.compile(r"\.(?:com|net)/|t\.me/", re.I),
    "social-media handle": re.compile(r"@"),
    "licence plate": re.compile(rf"\d\s*[-|/]|W|\d[ \t]?[A-Z{ARABIC_LETTER}]"),
    "national identity card number": re.compile(r"[A-Z]\s?\d"),
    "street address": re.compile(
        r"زنقة|شارع|درب|ممر|إقامة|عمارة|rue|av|boulevard|\bbd\b|impasse|derb|résidence|immeuble",
        re.I,
    ),
    "date of birth": re.compile(r"المزداد|مواليد|الازدياد|الميلاد|\bnée?s?\b|naissance", re.I),
}
WORTH_SCANNING = re.compile(r"[0-9@/]")


@dataclass(frozen=True)
class Hit:
    line: int
    kind: str
    masked: str


def mask(text: str) -> str:
    """Enough of the match for the officer to find it, not enough to republish it."""
    if len(text) <= 4:
        return "•" * len(text)
    middle = "".join("•" if ch.isalnum() else ch for ch in text[2:-2])
    return text[:2] + middle + text[-2:]


def scan(
    text: str, first_line: int, allowed: Iterable[str] = (), names: Names | None = None
) -> list[Hit]:
    """Hits in `text` (whose first line is `first_line` of the file), exceptions applied.
    `names`: the names registry (names.Names); without it, people's names are not looked for.
    The text is read as a reader sees it (normal.seen): what is found is shown in that form,
    on the line of the file where it is written."""
    text = normal.seen(text)
    allowed = [normal.seen(exception) for exception in allowed]
    readable = text.translate(EASTERN_DIGITS)
    folded = text.translate(FOLD)
    found = [*_pattern_matches(readable), *_minor_ages(folded)]
    if names is not None:
        found += [("person's name", start, end, None) for start, end in names.find(folded)]
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for kind, start, end, shown in found:
        if any(start < b and a < end for a, b in taken):
            continue  # one thing is reported once, under its first kind
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        if MARKER.search(text[line_start : len(text) if line_end < 0 else line_end]):
            continue
        match = text[start:end]
        if any(match in exception or exception in match for exception in allowed):
            continue
        taken.append((start, end))
        hits.append(Hit(first_line + text.count("\n", 0, start), kind, shown or mask(match)))
    return sorted(hits, key=lambda hit: hit.line)


def _pattern_matches(readable: str) -> Iterator[Found]:
    """(kind, start, end, None) of every match of the patterns, kind by kind."""
    if not WORTH_SCANNING.search(readable):
        return  # every pattern has a digit, an @ or a / in it
    for kind, pattern in PATTERNS:
        if GATES[kind].search(readable):
            for match in pattern.finditer(readable):
                yield kind, match.start(), match.end(), None


def _minor_ages(folded: str) -> Iterator[Found]:
    """(kind, start, end, ages) of every statement of a child's exact age. The ages are shown
    as they are: a number alone identifies no one, and the officer finds the sentence by it."""
    for start, end, ages in age_matches(folded):
        minors = [str(age) for age in ages if age < MINOR_AGE]
        if minors:
            yield "minor's age", start, end, ", ".join(minors)


def strip_markers(text: str) -> str:
    """The text as published: exception markers are for reviewers, not readers."""
    return MARKER.sub("", text)


def markers(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, reason) of every exception marker, for `invoke validate` to list."""
    return [
        (first_line + offset, match["reason"])
        for offset, line in enumerate(text.split("\n"))
        for match in MARKER.finditer(line)
    ]


PRIOR_RECORD = re.compile(r"السوابق|سوابق قضائية|سوابق|antécédents", re.I)


def prior_record_lines(text: str) -> list[int]:
    """Line offsets where the text speaks of a person's prior record."""
    return [offset for offset, line in enumerate(text.split("\n")) if PRIOR_RECORD.search(line)]
