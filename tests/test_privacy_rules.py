"""The privacy rules of issue 9, each with the exact message an officer reads: people's names,
initials, children's ages, plates, and what the template leaves behind."""

import pytest

from communiques_site.communiques import template
from communiques_site.communiques.privacy import scan
from privacy_corpus import DATA
from sites import ORIGINAL, TRANSLATION, case_files, load_content, make_site, words

CASE = "2026-11-27-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"
AR_BODY = "تمكنت عناصر الشرطة من توقيف المشتبه فيه."
FR_BODY = "Les éléments de la police ont procédé à l'interpellation du suspect."


def messages(tmp_path, original=ORIGINAL, translation=TRANSLATION, extra=None):
    files = case_files(CASE, original, translation)
    files.update(extra or {})
    return load_content(tmp_path, files)[1]


def edit(old, new, text):
    assert old in text, old
    return text.replace(old, new, 1)


def with_initials(arabic, french):
    """The case with one suspect's initials in each file."""
    original = edit(
        "custody: police-custody", f"custody: police-custody\n    initials: {arabic}", ORIGINAL
    )
    translation = edit(
        "translation_of: ar\n",
        f"translation_of: ar\nsuspects:\n  - initials: {french}\n",
        TRANSLATION,
    )
    return original, translation


# People's names


def test_a_name_after_a_cue_word_is_refused(tmp_path):
    original = edit(AR_BODY, "تمكنت عناصر الشرطة من توقيف المدعو ياسين.", ORIGINAL)
    assert messages(tmp_path, original) == [
        f'{AR}:22: privacy: person\'s name "يا•ين"; remove it or add an exception'
    ]


def test_a_full_name_without_a_cue_word_is_refused(tmp_path):
    translation = edit(
        "title: Interpellation d'un individu",
        "title: Interpellation de Mohamed Alaoui",
        TRANSLATION,
    )
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:4: privacy: person\'s name "Mo••••• ••••ui"; remove it or add an exception'
    ]


def test_an_arabic_full_name_in_a_change_note_is_refused(tmp_path):
    original = edit(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\nupdates:\n  - at: 2026-11-28T10:00\n    kind: minor\n"
        "    note: تصحيح اسم الضحية فاطمة الزهراء بنعلي.\n",
        ORIGINAL,
    )
    translation = edit(
        "translation_of: ar\n",
        "translation_of: ar\nupdates:\n  - at: 2026-11-28T10:00\n    note: Correction.\n",
        TRANSLATION,
    )
    assert messages(tmp_path, original, translation) == [
        f'{AR}:24: privacy: person\'s name "فا••• ••••••• •••لي"; remove it or add an exception'
    ]


def test_places_and_cities_named_after_people_pass(tmp_path):
    original = edit(
        AR_BODY,
        "تمكنت عناصر الشرطة من توقيف المشتبه فيه بشارع محمد الخامس قرب مستشفى ابن سينا، "
        "ونقل إلى جامعة القاضي عياض ثم إلى سيدي قاسم.",
        ORIGINAL,
    )
    translation = edit(
        FR_BODY,
        "Interpellation avenue Mohammed V, près de l'hôpital Ibn Sina, au quartier Sidi "
        "Moumen et à l'université Abdelmalek Essaâdi, puis à Sidi Kacem.",
        TRANSLATION,
    )
    assert messages(tmp_path, original, translation) == []


def test_a_name_on_a_marked_line_is_an_exception(tmp_path):
    line = "Le wali Mohamed Alaoui a salué l'opération. <!-- privacy-ok: a public official -->"
    translation = edit(FR_BODY, FR_BODY + "\n\n" + line, TRANSLATION)
    assert messages(tmp_path, translation=translation) == []


def test_the_sites_own_registry_of_names_is_used(tmp_path):
    shipped = (DATA / "names.yaml").read_text(encoding="utf-8")
    names = shipped.replace("Hammou,", "Hammou, Zorro,")
    translation = edit(FR_BODY, "Le suspect Zorro Lechat a été interpellé.", TRANSLATION)
    found = messages(tmp_path, translation=translation, extra={"data/names.yaml": names})
    assert found == [
        f'{FR}:7: privacy: person\'s name "Zo••• ••••at"; remove it or add an exception'
    ]


def test_a_malformed_registry_of_names_stops_the_build(tmp_path):
    found = messages(tmp_path, extra={"data/names.yaml": "given_names: [Mohamed]\n"})
    assert found == [
        "content/data/names.yaml:1: names.given_names: needs a list of words for each script, "
        "e.g. {ar: [...], fr: [...]}"
    ]


# Initials


@pytest.mark.parametrize(
    ("arabic", "french"),
    [("م.ع.", "M.A."), ("م.ع", "M.A"), ("م. ع.", "M. A."), ("م.", "M."), ("م.ع.ب.", "M.A.B.")],
)
def test_initials_as_media_write_them(tmp_path, arabic, french):
    assert messages(tmp_path, *with_initials(arabic, french)) == []


@pytest.mark.parametrize("initials", ["Mohamed Alaoui", "MA", "M.A.B.C.", "Mohamed A."])
def test_more_than_initials_is_refused(tmp_path, initials):
    assert messages(tmp_path, *with_initials("م.ع.", initials)) == [
        f"{FR}:5: suspects[0].initials: '{initials}' is not initials; write one to three "
        "letters each followed by a dot, e.g. M.A."
    ]


def test_a_name_in_the_arabic_initials_is_refused(tmp_path):
    assert messages(tmp_path, *with_initials("محمد العلوي", "M.A.")) == [
        f"{AR}:20: suspects[0].initials: 'محمد العلوي' is not initials; write one to three "
        "letters each followed by a dot, e.g. م.ع."
    ]


def test_initials_in_the_other_script_are_refused(tmp_path):
    assert messages(tmp_path, *with_initials("M.A.", "م.ع.")) == [
        f"{AR}:20: suspects[0].initials: 'M.A.' is in Latin capitals; in this file write the "
        "initials in Arabic letters, e.g. م.ع.",
        f"{FR}:5: suspects[0].initials: 'م.ع.' is in Arabic letters; in this file write the "
        "initials in Latin capitals, e.g. M.A.",
    ]


# Children's ages


def test_a_child_victims_age_is_refused_whoever_the_suspect(tmp_path):
    translation = edit(
        FR_BODY, FR_BODY + " La victime, âgée de seize ans, a été entendue.", TRANSLATION
    )
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:7: privacy: a child\'s exact age ("16"); write "mineur" (minor) instead of the age'
    ]


def test_a_childs_age_in_arabic_words_is_refused(tmp_path):
    original = edit(AR_BODY, AR_BODY + " واعتدى على طفل يبلغ من العمر خمس عشرة سنة.", ORIGINAL)
    assert messages(tmp_path, original) == [
        f'{AR}:22: privacy: a child\'s exact age ("15"); write "قاصر" (minor) instead of the age'
    ]


def test_an_adults_age_in_words_is_published(tmp_path):
    translation = edit(FR_BODY, FR_BODY + " Le suspect, âgé de vingt-quatre ans.", TRANSLATION)
    assert messages(tmp_path, translation=translation) == []


# Plates


def test_a_plate_typed_region_first_is_refused(tmp_path):
    original = edit(AR_BODY, AR_BODY + " على متن سيارة تحمل لوحة الترقيم 6-أ-12345.", ORIGINAL)
    assert messages(tmp_path, original) == [
        f'{AR}:22: privacy: licence plate "6-•-•••45"; remove it or add an exception'
    ]


# What the template leaves behind


def test_a_sample_of_the_template_in_the_district_is_refused(tmp_path):
    original = edit("city: casablanca\n", "city: casablanca\ndistrict: حي سيدي مومن\n", ORIGINAL)
    translation = edit(
        "translation_of: ar\n", "translation_of: ar\ndistrict: Titre du communiqué\n", TRANSLATION
    )
    assert messages(tmp_path, original, translation) == [
        f"{FR}:4: district: still holds the template's sample text; write it"
    ]


def test_the_translation_template_is_refused_until_filled(tmp_path):
    original = edit("city: casablanca\n", "city: casablanca\ndistrict: حي سيدي مومن\n", ORIGINAL)
    original = edit(
        "custody: police-custody", "custody: police-custody\n    initials: م.ع.", original
    )
    site = make_site(tmp_path, case_files(CASE, original, TRANSLATION))
    (site.content / f"communiques/2026/{CASE}.fr.md").unlink()
    values = {"district": "حي سيدي مومن", "suspects": [{"initials": "م.ع."}], "_lang": "ar"}
    wording = words()
    text = template.translation(CASE, wording.languages["fr"], wording, values)
    found = load_content(tmp_path, {f"communiques/2026/{CASE}.fr.md": text})[1]
    assert found == [
        f"{FR}:4: title: still holds the template's sample text; write it",
        f"{FR}:5: summary: still holds the template's sample text; write it",
        f'{FR}:7: district: still holds the placeholder "[À TRADUIRE]"; write it',
        f'{FR}:9: suspects[0].initials: still holds the placeholder "[À TRADUIRE]"; write it',
        f"{FR}:11: body: still holds the template's sample text; write it",
    ]


# Several findings in one text: each at its own line, none hiding another


def test_every_finding_of_a_body_is_reported_at_its_own_line(tmp_path):
    body = "Témoin joignable au 0612345678.\n\nContact : temoin@exemple.ma, le 27 novembre."
    translation = edit(FR_BODY, FR_BODY + "\n\n" + body, TRANSLATION)
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:9: privacy: phone number "06••••••78"; remove it or add an exception',
        f'{FR}:11: privacy: e-mail address "te••••@•••••••.ma"; remove it or add an exception',
    ]


def test_a_marker_excuses_its_own_line_and_no_other(tmp_path):
    marker = "<!-- privacy-ok: the station's public number -->"
    body = (
        f"Permanence : 0522123456. {marker}\n\n"
        "Témoin : 0612345678.\n\n"
        f"Permanence de nuit : 0522654321. {marker}"
    )
    translation = edit(FR_BODY, body, TRANSLATION)
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:9: privacy: phone number "06••••••78"; remove it or add an exception'
    ]


def test_a_listed_exception_excuses_its_text_and_nothing_else(tmp_path):
    original = edit(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\nprivacy_exceptions:\n  - text: 'للتبليغ: 0537000000'\n"
        "    reason: the police's public number\n",
        ORIGINAL,
    )
    original = edit(AR_BODY, AR_BODY + " للتبليغ: 0537000000\n\nرقم الشاهد 0612345678.", original)
    # the three lines of the exception move the body, from line 22 to 25
    assert messages(tmp_path, original) == [
        f'{AR}:27: privacy: phone number "06••••••78"; remove it or add an exception'
    ]


def test_what_two_kinds_find_at_once_is_reported_once_and_hides_nothing_after(tmp_path):
    """An identity card number in a profile's address is the profile's; the children's ages
    on the next line are reported all the same, together."""
    body = (
        "La vidéo a été publiée sur facebook.com/AB123456 hier.\n\n"
        "Deux enfants âgés de 12 et 14 ans ont été entendus."
    )
    translation = edit(FR_BODY, body, TRANSLATION)
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:7: privacy: profile URL "fa••••••.•••/••••••56"; remove it or add an exception',
        f'{FR}:9: privacy: a child\'s exact age ("12, 14"); write "mineur" (minor) instead of '
        "the age",
    ]


def test_a_short_finding_is_masked_whole(tmp_path):
    translation = edit(FR_BODY, FR_BODY + " Le compte @abc a diffusé la vidéo.", TRANSLATION)
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:7: privacy: social-media handle "••••"; remove it or add an exception'
    ]


def test_a_plate_in_each_of_its_orders_is_refused(tmp_path):
    """Region first with any letter between hyphens, region first with a plate letter between
    spaces, and the number and region joined by و either way round."""
    plates = ("6-ع-12345", "6 أ 12345", "12345و6", "6و12345")
    body = "\n\n".join(f"سيارة تحمل لوحة الترقيم {plate} ." for plate in plates)
    original = edit(AR_BODY, body, ORIGINAL)
    assert messages(tmp_path, original) == [
        f'{AR}:{line}: privacy: licence plate "{masked}"; remove it or add an exception'
        for line, masked in zip(
            (22, 24, 26, 28), ("6-•-•••45", "6 • •••45", "12•••و6", "6و•••45"), strict=True
        )
    ]


def test_a_finding_after_a_blank_first_line_is_at_its_own_line(tmp_path):
    """A body may start with an empty line under the front matter's closing `---`."""
    translation = edit(FR_BODY, "\n" + FR_BODY + " Joignable au 0612345678.", TRANSLATION)
    assert messages(tmp_path, translation=translation) == [
        f'{FR}:8: privacy: phone number "06••••••78"; remove it or add an exception'
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("06-12-34-56-78\u200bدرب السلطان رقم 7", ["phone number", "street address"]),
        (
            "زنقة 15 رقم 23\u200bhttps://m.facebook.com/someone.99",
            ["profile URL", "street address"],
        ),
    ],
)
def test_two_findings_that_touch_are_each_reported(text, kinds):
    """Two pieces of personal data with nothing between them but a character no reader sees
    are two findings: the one found second is not taken for part of the first, before it or
    after it."""
    assert sorted(hit.kind for hit in scan(text, 1)) == kinds
