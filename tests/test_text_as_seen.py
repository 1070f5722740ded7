"""The checks read a text as a reader sees it (communiques/normal.py): invisible characters,
decomposed and compatibility forms change nothing of a verdict; the characters that change how
a text reads (bidirectional overrides and isolates) and control characters are refused
wherever they are.

Properties over every string of the privacy corpus and of the registries (Hypothesis,
deterministic as in test_privacy_properties), then what a whole build publishes.
"""

import json
import unicodedata
from pathlib import Path

import lxml.html
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from communiques_site.communiques import documents, normal, registry
from communiques_site.communiques.privacy import scan
from communiques_site.core.problems import Problems
from privacy_corpus import CATCH, DATA, PASS, names_registry
from sites import ORIGINAL, TRANSLATION, case_files, demo_words, make_site

NAMES = names_registry()
EXAMPLES = settings(max_examples=80, derandomize=True, deadline=None, database=None)

# What messaging apps and word processors leave in a text: zero-width space, non-joiner and
# joiner, the left-to-right, right-to-left and Arabic letter marks, word joiner, the BOM (a
# zero-width no-break space inside a text), the soft hyphen.
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u2060",
    "\ufeff",
    "\u00ad",
]
OVERRIDES = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028"]


def _registry_strings():
    """(what the check must say, sentence) for every name and place of the registries: each
    given name after a cue word and before a family name is caught; each city is not."""
    lists = yaml.safe_load((DATA / "names.yaml").read_text(encoding="utf-8"))["given_names"]
    cities = yaml.safe_load((DATA / "cities.yaml").read_text(encoding="utf-8"))
    found = []
    for name in lists["ar"]:
        found += [(True, f"توقيف المدعو {name} بالحي"), (True, f"أوقفت الشرطة {name} العلوي")]
    for name in lists["fr"]:
        found += [(True, f"le nommé {name} a été interpellé"), (True, f"{name} Alaoui, 24 ans")]
    for entry in cities.values():
        found += [(False, f"بمدينة {entry['name']['ar']}"), (False, f"à {entry['name']['fr']}")]
    return found


REGISTRY = _registry_strings()
CORPUS = [text for _, text in CATCH] + PASS + [text for _, text in REGISTRY]


def verdict(text):
    return [(hit.line, hit.kind) for hit in scan(text, 1, (), NAMES)]


def test_the_corpus_and_the_registries_give_the_expected_verdicts_as_written():
    """The properties below compare with these: they must be the right ones to begin with."""
    assert all(verdict(text) for _, text in CATCH)
    assert not [text for text in PASS if verdict(text)]
    assert [text for caught, text in REGISTRY if bool(verdict(text)) != caught] == []


@st.composite
def with_invisible(draw, text):
    """`text` with one to four invisible characters inserted anywhere."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]
    return text


# Compatibility forms: NFKC reads each as the plain character.
def _fullwidth(char):
    return chr(ord(char) - 0x21 + 0xFF01) if "!" <= char <= "~" else None


def _math_digit(char, base):
    return chr(base + int(char)) if "0" <= char <= "9" else None


def _presentation_forms():
    """{Arabic letter: [its presentation forms]} (U+FB50-FDFF, U+FE70-FEFF)."""
    forms = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and "\u0621" <= plain <= "\u064a":
            forms.setdefault(plain, []).append(chr(code))
    return forms


PRESENTATION = _presentation_forms()
MATH_DIGITS = (0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6)  # bold, double-struck, sans…


@st.composite
def in_compatibility_forms(draw, text):
    """`text` with some of its digits and letters written in a compatibility form: fullwidth,
    mathematical digits, Arabic presentation forms."""
    out = []
    for char in text:
        choices = [
            form
            for form in [
                _fullwidth(char) if char.isalnum() else None,
                *[_math_digit(char, base) for base in MATH_DIGITS],
                *PRESENTATION.get(char, []),
            ]
            if form
        ]
        out.append(draw(st.sampled_from(choices)) if choices and draw(st.booleans()) else char)
    return "".join(out)


@EXAMPLES
@given(st.sampled_from(CORPUS).flatmap(lambda text: st.tuples(st.just(text), with_invisible(text))))
def test_invisible_characters_change_no_verdict(pair):
    clean, written = pair
    assert verdict(written) == verdict(clean), repr(written)


@EXAMPLES
@given(st.sampled_from(CORPUS))
def test_decomposed_forms_change_no_verdict(clean):
    for form in ("NFD", "NFKD"):
        written = unicodedata.normalize(form, clean)
        assert verdict(written) == verdict(clean), (form, repr(written))


@EXAMPLES
@given(
    st.sampled_from(CORPUS).flatmap(
        lambda text: st.tuples(st.just(text), in_compatibility_forms(text))
    )
)
def test_compatibility_forms_change_no_verdict(pair):
    clean, written = pair
    assert verdict(written) == verdict(clean), repr(written)


@EXAMPLES
@given(st.sampled_from([text for _, text in CATCH]), st.data())
def test_lines_stay_those_of_the_file(clean, data):
    """Invisible characters on the lines before a hit move it to no other line."""
    before = data.draw(with_invisible("ligne\nسطر\n"))
    assert [line for line, _ in verdict(before + clean)] == [3 for _ in verdict(clean)]


def test_look_alike_letters_and_arabic_marks_change_no_verdict():
    assert verdict("titulaire de la CIN АВ123456") == [(1, "national identity card number")]
    assert verdict("توقيف المدعو مُحَمَّد بالحي") == [(1, "person's name")]
    assert verdict("أوقفت الشرطة مـحـمـد العلوي") == [(1, "person's name")]
    assert verdict("أوقفت الشرطة محمد علی") == verdict("أوقفت الشرطة محمد علي")
    assert verdict("Tél. 06‑12‑34‑56‑78") == [(1, "phone number")]  # non-breaking hyphens


# The forms themselves

PREPENDED_MARKS = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891,
                   0x08E2, 0x110BD, 0x110CD}  # fmt: skip


def test_every_format_character_of_this_python_is_invisible():
    """normal.INVISIBLE is a list: every character Unicode (as this Python knows it) calls a
    format character is on it, but the visible signs written before a number."""
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)) == "Cf"
        and code not in PREPENDED_MARKS
        and not normal.INVISIBLE.match(chr(code))
    ]
    assert missing == []
    assert not any(normal.INVISIBLE.match(chr(code)) for code in PREPENDED_MARKS)


@EXAMPLES
@given(st.text(st.characters(codec="utf-8"), max_size=80))
def test_no_form_moves_a_line(text):
    for form in (normal.published, normal.compared, normal.seen, normal.without_refused):
        assert form(text).count("\n") == text.count("\n"), form


@EXAMPLES
@given(st.text(st.characters(codec="utf-8"), max_size=80))
def test_each_form_is_the_same_when_made_again(text):
    for form in (normal.published, normal.compared, normal.seen):
        assert form(form(text)) == form(text), form


# Refused characters, anywhere in a file

CASE = "2026-11-27-casablanca-robbery"


def read(text, lang="ar"):
    """(document, messages) of one file read as a build reads it."""
    problems = Problems()
    # The repository's registries, in the demo's languages (they have no name in an extra one).
    registries = registry.load(DATA, str, problems, demo_words().languages)
    assert not problems
    path = Path(f"{CASE}.{lang}.md")
    document = documents.read(path, path.name, registries, problems, demo_words(), text.encode())
    return document, [str(p) for p in problems.sorted()]


FILE = ORIGINAL.format(id=CASE)


@EXAMPLES
@given(st.integers(0, len(FILE)), st.sampled_from(OVERRIDES + CONTROLS))
def test_an_override_or_a_control_character_is_refused_anywhere(at, char):
    _, found = read(FILE[:at] + char + FILE[at:])
    line = FILE.count("\n", 0, at) + 1
    assert len(found) == 1, found
    assert found[0].startswith(f"{CASE}.ar.md:{line}: ")
    assert f"contains {normal.describe(char)}, " in found[0]


@EXAMPLES
@given(with_invisible(FILE))
def test_invisible_characters_anywhere_in_a_file_are_not_published(written):
    document, found = read(written)
    clean, _ = read(FILE)
    assert found == []
    assert document.values == clean.values
    assert document.body == clean.body


# What a build publishes

TITLE = "توقيف شخص للاشتباه في تورطه في السرقة بالعنف"
TITLE_FR = "Interpellation d'un individu pour vol avec violence"
BODY_FR = "Les éléments de la police ont procédé à l'interpellation du suspect."


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """A case whose title and text carry every invisible character and a decomposed letter."""
    zw = "".join(INVISIBLE)
    original = ORIGINAL.replace(TITLE, TITLE.replace("توقيف", f"تو{zw}قيف"))
    translation = TRANSLATION.replace(TITLE_FR, f"\u200fInterpellation d'un indi{zw}vidu")
    translation = translation.replace(
        BODY_FR, unicodedata.normalize("NFD", BODY_FR).replace("police", f"po{zw}lice")
    )
    site = make_site(tmp_path_factory.mktemp("seen"), case_files(CASE, original, translation))
    result = site.build()
    assert result.ok, [str(p) for p in result.problems]
    return site.output


def test_the_page_feed_and_open_data_publish_the_text_as_seen(output):
    page = lxml.html.parse(output / "fr" / "communiques" / CASE / "index.html").getroot()
    assert page.findtext(".//h1").strip() == "Interpellation d'un individu"
    # (the site's Markdown writes a typographic apostrophe)
    assert BODY_FR.replace("'", "’") in page.text_content()
    atom = (output / "fr" / "feeds" / "all.atom").read_text(encoding="utf-8")
    assert "<title>Interpellation d'un individu</title>" in atom.replace("&#x27;", "'")
    rows = json.loads((output / "data" / "communiques.json").read_text(encoding="utf-8"))
    assert [row["title_ar"] for row in rows if row["id"] == CASE] == [TITLE]


def test_no_invisible_character_of_the_content_is_published(output):
    """The marks the site's own rendering writes (Babel's numbers in Arabic) are its own; the
    others never come from anywhere but the content."""
    theirs = set(INVISIBLE) - {"\u200e", "\u200f", "\u061c"}
    for path in output.rglob("*"):
        if path.suffix in (".html", ".atom", ".rss", ".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8-sig")
            assert not theirs & set(text), path
