"""Properties of the privacy check, on strings generated from grammars (Hypothesis).

Deterministic (derandomize=True: the same examples at every run, so CI never flakes) and
modest (a few dozen examples per property: the whole file runs in a few seconds).
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from communiques_site.communiques.privacy import mask, scan
from privacy_corpus import CATCH, PASS, names_registry

NAMES = names_registry()
EXAMPLES = settings(max_examples=60, derandomize=True, deadline=None, database=None)
WESTERN_TO_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def kinds(text):
    return [hit.kind for hit in scan(text, 1, (), NAMES)]


def digits(count):
    return st.text("0123456789", min_size=count, max_size=count)


# Eastern Arabic digits


@EXAMPLES
@given(st.sampled_from([text for _, text in CATCH] + PASS))
def test_eastern_digits_behave_like_western_ones(text):
    eastern = text.translate(WESTERN_TO_EASTERN)
    western_hits = scan(text, 1, (), NAMES)
    eastern_hits = scan(eastern, 1, (), NAMES)
    assert [(h.line, h.kind) for h in eastern_hits] == [(h.line, h.kind) for h in western_hits]
    assert [h.masked.translate(WESTERN_TO_EASTERN) for h in western_hits] == [
        h.masked.translate(WESTERN_TO_EASTERN) for h in eastern_hits
    ]


# What must always be caught, generated from its grammar


SEPARATORS = st.sampled_from(["", " ", ".", "-"])


@st.composite
def phone_numbers(draw):
    """Moroccan numbers: 0 or +212 / 00212, then 5 to 8 and eight digits, in groups."""
    prefix = draw(st.sampled_from(["0", "+212 ", "+212", "00212 ", "00212", "+212 (0)"]))
    number = draw(st.sampled_from("5678")) + draw(digits(8))
    separator = draw(SEPARATORS)
    if draw(st.booleans()):  # in pairs, as most write them: 06 12 34 56 78
        head, pairs = number[0], [number[i : i + 2] for i in range(1, 9, 2)]
        body = (head if prefix != "0" else "0" + head) + separator + separator.join(pairs)
        return body if prefix == "0" else prefix + body
    return prefix + number if prefix != "0" else "0" + number


@st.composite
def identity_cards(draw):
    """CIN: one or two capitals, then five to seven digits."""
    letters = draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=2))
    return letters + draw(st.sampled_from(["", " "])) + draw(digits(draw(st.integers(5, 7))))


@st.composite
def plates(draw):
    """Number (1 to 6 digits), letter, region (1 to 89), in either order, any separator."""
    number = str(draw(st.integers(1, 999_999)))
    region = str(draw(st.integers(1, 89)))
    letter = draw(st.sampled_from(["أ", "ب", "د", "هـ", "و", "ط", "A", "B", "D", "H", "W"]))
    separator = draw(st.sampled_from(["-", "/", "|", " - ", " | "]))
    if len(number) >= 3 and letter != "و":
        separator = draw(st.sampled_from([separator, " ", ""]))  # loose forms need 3 digits
    parts = [number, letter, region]
    if draw(st.booleans()):
        parts.reverse()  # typed region first in right-to-left text
    return separator.join(parts)


@EXAMPLES
@given(phone_numbers(), st.sampled_from(["اتصلوا بالرقم {} للإبلاغ", "joignable au {}", "{}"]))
def test_phone_numbers_are_always_caught(number, sentence):
    assert "phone number" in kinds(sentence.format(number))


@EXAMPLES
@given(identity_cards(), st.sampled_from(["بطاقة التعريف رقم {}", "titulaire de la CIN {}"]))
def test_identity_card_numbers_are_always_caught(card, sentence):
    """WW and W18 before digits read as a temporary plate: reported all the same."""
    expected = (
        "licence plate" if card.startswith(("WW", "W18")) else "national identity card number"
    )
    assert kinds(sentence.format(card)) == [expected]


@EXAMPLES
@given(plates(), st.sampled_from(["السيارة تحمل لوحة الترقيم {} ", "immatriculée {}", "{}"]))
def test_plates_are_always_caught(plate, sentence):
    assert "licence plate" in kinds(sentence.format(plate))


# The mask


@EXAMPLES
@given(st.text(min_size=0, max_size=40))
def test_the_mask_reveals_the_first_two_and_last_two_characters_at_most(text):
    """Two characters at each end stay readable (enough to find the string); every other
    letter or digit is hidden, whatever the string."""
    masked = mask(text)
    assert len(masked) == len(text)
    shown = [i for i, (a, b) in enumerate(zip(text, masked, strict=True)) if a == b and a.isalnum()]
    assert len(shown) <= 4
    assert all(i < 2 or i >= len(text) - 2 for i in shown)


# The official register is never flagged


MONTHS_AR = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "نونبر", "دجنبر"]
MONTHS_FR = ["janvier", "mars", "mai", "juin", "novembre", "décembre"]
DAY = st.integers(1, 28)
REGISTER_AR = [
    st.builds("يوم {} {} {}".format, DAY, st.sampled_from(MONTHS_AR), st.integers(2020, 2027)),
    st.builds("بتاريخ {:02d}/{:02d}/{}".format, DAY, st.integers(1, 12), st.integers(2020, 2027)),
    st.builds("على الساعة {:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
    st.builds("طبقا للفصل {} من القانون الجنائي".format, st.integers(1, 612)),
    st.builds("مبلغ {} درهم".format, st.integers(1, 2_000_000)),
    st.builds("حجز {} قرصا مخدرا".format, st.integers(1, 5000)),
    st.builds("شخص يبلغ من العمر {} سنة".format, st.integers(18, 90)),
    st.builds("خلال {} ساعة".format, st.integers(1, 96)),
    st.sampled_from(["بشارع محمد الخامس", "بشارع الحسن الثاني", "بحي سيدي مومن"]),
]
REGISTER_FR = [
    st.builds("le {} {} {}".format, DAY, st.sampled_from(MONTHS_FR), st.integers(2020, 2027)),
    st.builds("le {:02d}/{:02d}/{}".format, DAY, st.integers(1, 12), st.integers(2020, 2027)),
    st.builds("vers {}h{:02d}".format, st.integers(0, 23), st.integers(0, 59)),
    st.builds("en vertu de l'article {} du Code pénal".format, st.integers(1, 612)),
    st.builds("une somme de {} dirhams".format, st.integers(1, 2_000_000)),
    st.builds("la saisie de {} comprimés".format, st.integers(1, 5000)),
    st.builds("un individu âgé de {} ans".format, st.integers(18, 90)),
    st.sampled_from(["avenue Hassan II", "boulevard Mohammed V", "avenue Mohammed VI"]),
]


@EXAMPLES
@given(st.lists(st.one_of(REGISTER_AR), min_size=1, max_size=5), st.sampled_from(["، ", " ", " و"]))
def test_arabic_register_is_never_flagged(phrases, joiner):
    text = joiner.join(phrases) + "."
    assert scan(text, 1, (), NAMES) == []


@EXAMPLES
@given(st.lists(st.one_of(REGISTER_FR), min_size=1, max_size=5), st.sampled_from([", ", " et "]))
def test_french_register_is_never_flagged(phrases, joiner):
    text = joiner.join(phrases).capitalize() + "."
    assert scan(text, 1, (), NAMES) == []
