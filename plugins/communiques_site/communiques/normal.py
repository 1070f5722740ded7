"""A text as a reader sees it: one normalisation, made when a file is read, for every check.

Text pasted from messaging apps carries invisible characters (zero-width spaces and joiners,
left-to-right and right-to-left marks, soft hyphens) and letters written in a decomposed form
(an alef and a combining hamza instead of أ) or in a compatibility form (fullwidth digits,
Arabic presentation forms). A reader sees the same words; a pattern that compares code points
does not. Three forms, each a step further from the file:

- `published`: what the site publishes, pages, feeds and open data alike: NFC, without the
  invisible characters. Zero-width joiners and non-joiners go too: Arabic and French spell no
  word with them (Persian does), and a word split by one is a word that search and the open
  data's users never find. The left-to-right and right-to-left marks go as well: the site's
  templates isolate every run whose direction matters (dir, <bdi>), so a mark typed in the
  text only changes how the text is shown, never what it says.
- `compared`: what registry keys, choices and initials are compared in: `published` in NFKC
  (fullwidth and mathematical letters and digits, ligatures and presentation forms read as the
  letters and digits they show), with every dash read as '-'.
- `seen`: what the privacy check reads: `compared`, with the letters of other alphabets that
  look like Latin ones read as those (an ID card number typed with a Cyrillic А), the Persian
  forms of Arabic letters read as the Arabic ones (ی, ک), and without the short vowels and the
  tatweel (مُحَمَّد and مـحـمـد are محمد).

None of them removes or adds a line break: a position's line in any form is its line in the
file. The characters no text may hold (the bidirectional overrides and isolates, which make a
text read in another order than it is written, and control characters) are not normalised
away: `refused` finds them, so that the officer is told, and the file is not published.
"""

import re
import unicodedata
from collections.abc import Iterable

# Unicode's format characters (category Cf) and the other default-ignorable code points: shown
# as nothing. Listed, not computed at import (1.1 million code points); test_normal checks the
# list against the running Python's Unicode data. Left out: the prepended concatenation marks
# (U+0600-0605, U+06DD, U+070F, U+0890-0891, U+08E2, U+110BD, U+110CD), which are Cf but
# visible signs written before a number.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner, LRM, RLM
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, isolates, deprecated controls
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # unassigned default-ignorables, interlinear annotation
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags (which can spell out hidden ASCII), variation selectors
)


def _char_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


INVISIBLE = re.compile(_char_class(INVISIBLE_RANGES))
# The direction marks (LRM, RLM, ALM): the site's own pages, written by its maintainers, place
# them where a bracket after a Latin name must sit right in Arabic text; they keep them.
MARKS = "\u200e\u200f\u061c"
INVISIBLE_BUT_MARKS = re.compile(f"(?![{MARKS}]){INVISIBLE.pattern}")
# Embeddings, overrides and isolates: they reorder what follows them (the "Trojan Source"
# family). Refused in every field.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Control characters (a tab and a line break excepted: the front matter reports its tabs
# itself), the line and paragraph separators (which YAML counts as line breaks and editors do
# not, so lines would disagree) and the two noncharacters YAML refuses.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
REFUSED = re.compile(f"{BIDI_CONTROLS.pattern}|{CONTROLS.pattern}")

# Every dash a keyboard or a word processor types, read as the hyphen-minus.
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58", "-"))
# Cyrillic and Greek letters drawn like Latin ones, and the Persian forms of Arabic letters:
# one character for one character.
_LOOKALIKES = (
    "АВСЕНІЈКМОРЅТХУаеіјорсѕхуԁԛԝҮҺһӀ" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν" + "یکۍېہەھ",
    "ABCEHIJKMOPSTXYaeijopcsxydqwYHhI" + "ABEZHIKMNOPTYXoiv" + "يكييههه",
)
# Short vowels, tanween, shadda, sukun, the small alef, and the tatweel: no reader needs them
# to recognise a word.
_ARABIC_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656"
_ARABIC_MARKS += "\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670\u0640"
SEEN = str.maketrans(
    _LOOKALIKES[0], _LOOKALIKES[1], _ARABIC_MARKS
)  # applied after NFC, which has already composed the hamza of an alef (ا + ٔ -> أ)
# A search is ten times cheaper than a translation that changes nothing: most texts have none.
HAS_DASH = re.compile("[\u2010-\u2015\u2212\ufe58]")
HAS_SEEN = re.compile(f"[{_LOOKALIKES[0]}{_ARABIC_MARKS}]")


def published(text: str, keep_marks: bool = False) -> str:
    """The text as the site publishes it: NFC, without invisible characters (but the
    direction marks when `keep_marks`)."""
    if text.isascii():
        return text  # the fast path: most French lines, every key and date
    invisible = INVISIBLE_BUT_MARKS if keep_marks else INVISIBLE
    if invisible.search(text):
        text = invisible.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def compared(text: str) -> str:
    """The text as keys, choices and initials are compared: `published`, in NFKC, with every
    dash a '-'."""
    if text.isascii():
        return text
    text = published(text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(DASHES) if HAS_DASH.search(text) else text


def seen(text: str) -> str:
    """The text as the privacy check reads it: `compared`, with look-alike letters read as the
    letters they look like, and without Arabic short vowels and tatweel."""
    if text.isascii():
        return text
    text = compared(text)
    if not HAS_SEEN.search(text):
        return text
    text = text.translate(SEEN)
    # A mark taken out may leave two characters that compose (ا ّ ٔ): normalised again.
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def refused(text: str) -> list[tuple[int, str]]:
    """(line, character) of every character no text may hold, once per line and character;
    `text` is a whole file, its first line is 1."""
    if text.isascii() and not CONTROLS.search(text):
        return []
    found = []
    for match in REFUSED.finditer(text):
        entry = (text.count("\n", 0, match.start()) + 1, match[0])
        if entry not in found:
            found.append(entry)
    return found


def without_refused(text: str) -> str:
    """The text with the refused characters removed, line breaks kept: what the rest of the
    reading checks, so that every other problem of the file is reported in the same run."""
    return REFUSED.sub("", text)


def refusal(char: str) -> str:
    """What an officer is told about a refused character: which it is, and what to do."""
    if is_bidi_control(char):
        what = "an invisible character that changes the order in which the text is shown"
    else:
        what = "a control character, which is not text"
    return f"contains {describe(char)}, {what}; delete it (retype the line if you cannot see it)"


# The names of the control characters, which the Unicode database leaves out.
C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)  # fmt: skip
OTHER_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE", 0xFFFE: "NONCHARACTER", 0xFFFF: "NONCHARACTER"}


def describe(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: a character as Unicode names it."""
    code = ord(char)
    if code < 0x20:
        name = C0_NAMES[code]
    else:
        name = OTHER_NAMES.get(code, "") or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"


def is_bidi_control(char: str) -> bool:
    return bool(BIDI_CONTROLS.fullmatch(char))


def foreign(value: str) -> str | None:
    """The first character of `value` that is not ASCII, or None: what keys and ids may not
    hold, and what a message must name, since it may look like an ASCII one."""
    return None if value.isascii() else next(char for char in value if not char.isascii())


def kind_of(char: str) -> str:
    """What a character of a key or id is, for a message: why it is not the ASCII one it may
    look like."""
    if unicodedata.category(char) == "Nd":
        return "a digit other than 0-9"
    script = unicodedata.name(char, "").split(" ")[0]
    if char.isalpha() and script not in ("LATIN", "FULLWIDTH", "MATHEMATICAL"):
        return f"a letter of the {script.capitalize()} alphabet, not a Latin one"
    if char.isalpha():
        return "a letter that is not one of the ASCII letters a-z"
    return "a character that is not ASCII"


def ascii_skeleton(value: str) -> str:
    """The ASCII spelling a reader would take `value` for: look-alike letters, accents and
    digits of other systems read as ASCII ones (for a 'did you mean')."""
    out = []
    for char in compared(value).translate(SEEN):
        if unicodedata.category(char) == "Nd":
            out.append(str(unicodedata.digit(char)))
        else:
            out.append(unicodedata.normalize("NFKD", char)[0].lower())
    return "".join(out)


def western_digits(value: str) -> str:
    """`value` with every decimal digit written 0-9 (٢٠٢٦ -> 2026)."""
    return "".join(
        str(unicodedata.digit(char)) if unicodedata.category(char) == "Nd" else char
        for char in value
    )
