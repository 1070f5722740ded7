"""Typography over the catalogs' translations, in place.

    python scripts/typography.py theme/translations/*/LC_MESSAGES/messages.po

In every language, a number and the word after it are joined by a no-break space (U+00A0): "24
ساعة", "18 ans", "12–24 h" never break after their number. In French (the catalog's `Language`
header), as the bodies of the communiqués already have it: typographic apostrophes (’) and a
narrow no-break space (U+202F) before : ; ! ? and inside « ».

Only the text of each msgstr changes: placeholders (%(name)s), HTML tags, URLs, e-mail addresses
and the .po's escapes are left as they are; the file keeps its order, its comments and its line
breaks (`invoke catalogs` would rewrap it). Running it again changes nothing. A colon between
two letters or digits is notation (clé:quantité, 12:30), not punctuation: it stays as it is.
"""

import re
import sys
from pathlib import Path

NBSP, NNBSP = "\u00a0", "\u202f"
SPACES = " \u00a0\u202f"
BEFORE_SPACE = ":;!?"  # French puts a thin space before these
# After such a sign: the end of the text, a space, a closing guillemet or parenthesis, or an
# escape (\n): then the sign is punctuation.
AFTER_PUNCTUATION = " \u00a0\u202f»)\\"
COMPARISON = "<>≤≥~≈"  # "≤ 6 h": the sign stays with its number
PROTECTED = re.compile(
    r"%\(\w+\)[sd]|%[sd%]"  # placeholders
    r"|<[^<>]*>"  # HTML tags
    r"|https?://[^\s\"<>]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\\."  # the .po's escapes: \" \n \\
)
ENTRY_START = re.compile(r'^(msgstr(?:\[\d+\])?) "(.*)"$')
CONTINUATION = re.compile(r'^"(.*)"$')
LANGUAGE = re.compile(r'^"Language: (\w+)\\n"$', re.M)


def protected_positions(text: str) -> set[int]:
    return {i for match in PROTECTED.finditer(text) for i in range(*match.span())}


def is_punctuation(text: str, i: int) -> bool:
    """A : ; ! ? that ends a phrase (not the colon of 'clé:quantité' or '12:30')."""
    following = text[i + 1 : i + 2]
    return text[i] in BEFORE_SPACE and i > 0 and (not following or following in AFTER_PUNCTUATION)


def joined_number(text: str, i: int) -> str | None:
    """The no-break space that character i (a space) becomes between a number and its unit, or
    between a comparison sign and its number; None when it is not such a space."""
    previous, following = text[i - 1 : i], text[i + 1 : i + 2]
    if text[i] == " " and previous.isdigit() and following.isalpha():
        return NBSP
    if text[i] == " " and previous and previous in COMPARISON and following.isdigit():
        return NBSP
    return None


def french(text: str, i: int) -> str:
    """What character i of a French translation becomes."""
    char, previous = text[i], text[i - 1 : i]
    following = text[i + 1 : i + 2]
    if char == "'":
        return "’"
    if char in " \u00a0" and (previous == "«" or following == "»"):
        return NNBSP
    if char in " \u00a0" and following and is_punctuation(text, i + 1):
        return NNBSP
    if is_punctuation(text, i) and previous not in SPACES and previous not in BEFORE_SPACE:
        return NNBSP + char
    if char == "«" and following not in SPACES:
        return char + NNBSP
    if char == "»" and previous not in SPACES:
        return NNBSP + char
    return char


def any_language(text: str, i: int) -> str:
    return joined_number(text, i) or text[i]


def french_and_numbers(text: str, i: int) -> str:
    return joined_number(text, i) or french(text, i)


def typeset_parts(parts: list[str], rule) -> list[str]:
    """The parts of one msgstr (its first line and continuations), typeset as one text (a space
    and its colon may sit on two lines) and cut again where they were cut."""
    text = "".join(parts)
    skip = protected_positions(text)
    out, start = [], 0
    for part in parts:
        end = start + len(part)
        out.append("".join(text[i] if i in skip else rule(text, i) for i in range(start, end)))
        start = end
    return out


def msgstr_blocks(lines: list[str]):
    """(first line number, [the parts of the msgstr]) for every translation but the header."""
    i = 0
    while i < len(lines):
        match = ENTRY_START.match(lines[i])
        if not match:
            i += 1
            continue
        first, parts = i, [match.group(2)]
        i += 1
        while i < len(lines) and (continued := CONTINUATION.match(lines[i])):
            parts.append(continued.group(1))
            i += 1
        if not (first > 0 and lines[first - 1] == 'msgid ""'):
            yield first, parts


def rewrite(source: str) -> str:
    """A catalog's text with its translations typeset by the rules of its language."""
    language = LANGUAGE.search(source)
    is_french = bool(language) and language.group(1) == "fr"
    rule = french_and_numbers if is_french else any_language
    lines = source.split("\n")
    for first, parts in list(msgstr_blocks(lines)):
        new = typeset_parts(parts, rule)
        keyword = ENTRY_START.match(lines[first]).group(1)
        lines[first] = f'{keyword} "{new[0]}"'
        for offset, part in enumerate(new[1:], start=1):
            lines[first + offset] = f'"{part}"'
    return "\n".join(lines)


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        before = path.read_text(encoding="utf-8")
        after = rewrite(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"{path}: typeset")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
