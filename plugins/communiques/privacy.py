"""What identifies a person, found in free text before anything is published.

Every title, summary, district, body, change note and reason is scanned, in both languages and
both digit systems. A hit stops the build unless its line carries an explicit, reasoned
exception: the marker `<!-- privacy-ok: <reason> -->` at the end of the line, or the exact text
listed in the front matter under `privacy_exceptions` with a reason.
"""

import re
from dataclasses import dataclass

EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MARKER = re.compile(r"<!--\s*privacy-ok:\s*(?P<reason>[^>]*?)\s*-->")
ARABIC_LETTER = "\u0621-\u064a"
SEP = r"[ \t\u00a0.\-]?"  # within a line: a number never spans two

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
    (
        "licence plate",
        re.compile(
            rf"(?<!\d)\d{{1,6}}\s*[-|/]\s*(?:[{ARABIC_LETTER}]|[A-Z]{{1,2}})\s*[-|/]\s*\d{{1,2}}"
            rf"(?!\d)|\bW{{1,2}}\s?-?\d{{4,6}}\b"
        ),
    ),
    ("national identity card number", re.compile(r"(?<![\w-])[A-Z]{1,2}\s?\d{5,7}(?![\w-])")),
    (
        "street address",
        re.compile(
            r"(?:زنقة|شارع|درب|ممر|إقامة|عمارة)\s[^\n،,.؛]{1,40}?[،,]?\s*(?:رقم|ر\.)\s*\d+"
            r"|\b(?:rue|avenue|av\.|boulevard|bd|impasse|derb|résidence|immeuble)\b[^\n;.]{1,40}?"
            r",?\s*(?:n°|nº|no\.?|numéro)\s*\d+"
            r"|\b\d{1,4}\s*,?\s*(?:rue|avenue|boulevard|bd|impasse)\b",
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
    "licence plate": re.compile(r"\d\s*[-|/]|W\s?-?\d"),
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


def mask(text):
    """Enough of the match for the officer to find it, not enough to republish it."""
    if len(text) <= 4:
        return "•" * len(text)
    middle = "".join("•" if ch.isalnum() else ch for ch in text[2:-2])
    return text[:2] + middle + text[-2:]


def scan(text, first_line, allowed=()):
    """Hits in `text` (whose first line is `first_line` of the file), exceptions applied."""
    readable = text.translate(EASTERN_DIGITS)
    if not WORTH_SCANNING.search(readable):
        return []  # every kind of hit has a digit, an @ or a / in it
    hits, taken = [], []
    for kind, pattern in PATTERNS:
        if not GATES[kind].search(readable):
            continue
        for match in pattern.finditer(readable):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue  # one thing is reported once, under its first kind
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            if MARKER.search(text[line_start : len(text) if line_end < 0 else line_end]):
                continue
            found = text[start:end]
            if any(found in exception or exception in found for exception in allowed):
                continue
            taken.append((start, end))
            hits.append(Hit(first_line + text.count("\n", 0, start), kind, mask(found)))
    return sorted(hits, key=lambda hit: hit.line)


def strip_markers(text):
    """The text as published: exception markers are for reviewers, not readers."""
    return MARKER.sub("", text)


def markers(text, first_line):
    """(line, reason) of every exception marker, for `invoke validate` to list."""
    return [
        (first_line + offset, match["reason"])
        for offset, line in enumerate(text.split("\n"))
        for match in MARKER.finditer(line)
    ]


AGE_CONTEXT = re.compile(
    r"العمر|عمره|عمرها|أعمارهم|أعمارهما|يبلغ|تبلغ|يبلغان|يبلغون|البالغ|البالغة|البالغين|"
    r"\bâgée?s?\b",
    re.I,
)
# "un mineur de 17 ans", "قاصر 17 سنة": a number of years right after a word for a person.
AGE_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*(?:ans\b|سنة|عاما)", re.I)
PERSON_BEFORE = re.compile(r"(?:mineur|majeur|individu|قاصر|شخص|شاب|فتاة)\S*\s+(?:de\s+)?$", re.I)


def stated_ages(text):
    """(line offset, age) of every age the text states ("âgé de 16 ans", "يبلغ من العمر 16
    سنة", "un mineur de 16 ans"). Every age word opens its own window, so a second age in the
    same sentence is not hidden by the first."""
    found = set()
    for offset, line in enumerate(text.translate(EASTERN_DIGITS).split("\n")):
        for match in AGE_CONTEXT.finditer(line):
            window = line[match.end() : match.end() + 40].split(".")[0]
            found.update((offset, int(n)) for n in re.findall(r"(?<!\d)(\d{1,2})(?!\d)", window))
        for match in AGE_WORDS.finditer(line):
            if PERSON_BEFORE.search(line[max(0, match.start() - 25) : match.start()]):
                found.add((offset, int(match.group(1))))
    return sorted(found)


PRIOR_RECORD = re.compile(r"السوابق|سوابق قضائية|سوابق|antécédents", re.I)


def prior_record_lines(text):
    """Line offsets where the text speaks of a person's prior record."""
    return [offset for offset, line in enumerate(text.split("\n")) if PRIOR_RECORD.search(line)]
