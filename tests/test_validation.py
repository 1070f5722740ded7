"""One test per validation rule, each asserting the exact message an officer reads."""

import re

import pytest

from sites import (
    ORIGINAL,
    TRANSLATION,
    case_files,
    codes,
    languages,
    load_content,
    make_site,
    noted,
    registry_text,
    translation_paths,
)

CASE = "2026-11-27-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"


def check(tmp_path, files):
    """The messages for a site made of `files` (path under content/ -> text)."""
    return load_content(tmp_path, files)


def messages(tmp_path, original=ORIGINAL, translation=TRANSLATION):
    return check(tmp_path, case_files(CASE, original, translation))[1]


def edit(old, new, text=ORIGINAL):
    assert old in text, old
    return text.replace(old, new, 1)


def test_valid_case_has_no_problem(tmp_path):
    index, found = check(tmp_path, case_files(CASE))
    assert found == []
    assert [c.id for c in index.cases] == [CASE]


def test_unknown_field_suggests_the_closest(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: casablanca\ncitty: tanger"))
    assert found == [f"{AR}:8: citty: is not a known field; did you mean 'city'?"]


def test_unknown_field_without_a_close_one(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: casablanca\nweather: sunny"))
    assert found == [
        f"{AR}:8: weather: is not a known field; remove it "
        "(the fields are listed in docs/writing-a-communique.md)"
    ]


def test_a_field_for_a_name_is_refused(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: casablanca\nsuspect_name: x"))
    assert found == [
        f"{AR}:8: suspect_name: is not a known field; no field may hold a person's name; remove it"
    ]


def test_missing_field(tmp_path):
    found = messages(tmp_path, edit("issuer: police-casablanca\n", ""))
    assert found == [f"{AR}:1: issuer: is missing; add 'issuer:' to the front matter"]


def test_missing_field_in_a_group(tmp_path):
    found = messages(tmp_path, edit("  verification: authentic\n", ""))
    assert found == [
        f"{AR}:11: video.verification: is missing; add 'verification:' under this group"
    ]


def test_field_written_twice(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: casablanca\ncity: tanger"))
    assert found == [f"{AR}:8: city: is written twice; keep one"]


def test_wrong_type_list_expected(tmp_path):
    found = messages(tmp_path, edit("offences: [robbery-violence]", "offences: robbery-violence"))
    assert found == [f"{AR}:9: offences: must be a list; write each entry on its own '- ' line"]


def test_wrong_type_single_value_expected(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: [casablanca, tanger]"))
    assert found == [f"{AR}:7: city: must be a single value, not a list or a group"]


def test_wrong_type_number_expected(tmp_path):
    found = messages(tmp_path, edit("age: 24", "age: twenty"))
    assert found == [
        f"{AR}:16: suspects[0].age: 'twenty' is not a whole number; write digits only, e.g. 3"
    ]


def test_empty_value(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city:"))
    assert found == [f"{AR}:7: city: is empty; give it a value or remove the line"]


def test_impossible_date(tmp_path):
    found = messages(
        tmp_path, edit("circulated_at: 2026-11-26T21:00", "circulated_at: 2026-02-30T21:00")
    )
    assert found == [
        f"{AR}:12: video.circulated_at: '2026-02-30T21:00' is not a real date or time "
        "(day is out of range for month); check the day, month and hour"
    ]


def test_impossible_hour(tmp_path):
    found = messages(
        tmp_path, edit("arrested_at: 2026-11-27T10:00", "arrested_at: 2026-11-27T25:00")
    )
    assert found == [
        f"{AR}:14: arrested_at: '2026-11-27T25:00' is not a real date or time "
        "(hour must be in 0..23); check the day, month and hour"
    ]


def test_date_without_time(tmp_path):
    found = messages(tmp_path, edit("arrested_at: 2026-11-27T10:00", "arrested_at: 2026-11-27"))
    assert found == [
        f"{AR}:14: arrested_at: '2026-11-27' has no time; add the time, e.g. 2026-11-27T18:30"
    ]


def test_not_a_date(tmp_path):
    found = messages(tmp_path, edit("arrested_at: 2026-11-27T10:00", "arrested_at: yesterday"))
    assert found == [
        f"{AR}:14: arrested_at: 'yesterday' is not a date and time; "
        "write it as 2026-11-27T18:30 (or with +01:00)"
    ]


def test_datetime_without_offset_is_moroccan_time(tmp_path):
    # 2026-02-20 falls in Ramadan, when Morocco is on UTC+0; in November it is UTC+1.
    original = edit("circulated_at: 2026-11-26T21:00", "circulated_at: 2026-11-26T21:00+00:00")
    index, found = check(tmp_path, case_files(CASE, original))
    assert found == []
    case = index.cases[0]
    assert case.published.utcoffset().total_seconds() == 3600
    assert case.video.circulated_at.utcoffset().total_seconds() == 0
    assert case.response_hours == 12.0


def test_ramadan_offset_comes_from_the_zone_database(tmp_path):
    ramadan = "2026-02-20-casablanca-robbery"
    original = (
        ORIGINAL.replace("2026-11-27T18:30", "2026-02-20T18:30")
        .replace("2026-11-26T21:00", "2026-02-19T21:00")
        .replace("2026-11-27T10:00", "2026-02-20T10:00")
    )
    index, found = check(tmp_path, case_files(ramadan, original))
    assert found == []
    assert index.cases[0].published.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "kind", "bad", "hint"),
    [
        ("city: casablanca", "city: casablnca", 7, "city", "city", "casablnca", "casablanca"),
        (
            "offences: [robbery-violence]",
            "offences: [robbery-violense]",
            9,
            "offences[0]",
            "offence",
            "robbery-violense",
            "robbery-violence",
        ),
        (
            "platform: facebook",
            "platform: facebok",
            11,
            "video.platform",
            "platform",
            "facebok",
            "facebook",
        ),
        (
            "issuer: police-casablanca",
            "issuer: police-casa",
            8,
            "issuer",
            "issuer",
            "police-casa",
            "police-casablanca",
        ),
    ],
)
def test_unknown_key_suggests_the_closest(tmp_path, old, new, line, field, kind, bad, hint):
    registry = {
        "city": "cities",
        "offence": "offences",
        "platform": "platforms",
        "issuer": "issuers",
    }[kind]
    found = messages(tmp_path, edit(old, new))
    assert found == [
        f"{AR}:{line}: {field}: unknown {kind} '{bad}'; did you mean '{hint}'? the keys are in "
        f"content/data/{registry}.yaml (add it there if it is new)"
    ]


def test_value_outside_the_allowed_list(tmp_path):
    found = messages(tmp_path, edit("type: arrest", "type: arest"))
    assert found == [
        f"{AR}:3: type: 'arest' is not one of the allowed values; use one of: "
        "arrest, clarification, search"
    ]


def test_arrest_without_arrested_at(tmp_path):
    found = messages(tmp_path, edit("arrested_at: 2026-11-27T10:00\n", ""))
    assert found == [
        f"{AR}:1: arrested_at: is missing; an arrest communiqué gives the time of the first "
        "arrest (arrested_at: 2026-11-27T10:00)"
    ]


def test_clarification_needs_no_arrest(tmp_path):
    original = edit("type: arrest", "type: clarification")
    original = edit("arrested_at: 2026-11-27T10:00\n", "", original)
    assert messages(tmp_path, original) == []


@pytest.mark.parametrize("age", ["9", "101"])
def test_age_outside_10_to_100(tmp_path, age):
    found = messages(tmp_path, edit("age: 24", f"age: {age}"))
    assert found == [f"{AR}:16: suspects[0].age: {age} is outside 10..100; check the number"]


def test_minor_with_initials(tmp_path):
    original = edit("age: 24", "age: 16")
    original = edit(
        "custody: police-custody", "custody: minor-supervision\n    initials: م.ع", original
    )
    found = messages(tmp_path, original)
    assert found == [
        f"{AR}:20: suspects[0].initials: a minor's initials are never published; remove the line"
    ]


def test_id_that_does_not_match_the_file_name(tmp_path):
    found = messages(tmp_path, edit("id: {id}", "id: 2026-11-27-casablanca-theft"))
    assert found == [
        f"{AR}:2: id: '2026-11-27-casablanca-theft' does not match the file name "
        f"'{CASE}.ar.md'; rename the file to 2026-11-27-casablanca-theft.ar.md or correct the id"
    ]


def test_malformed_id(tmp_path):
    found = messages(tmp_path, edit("id: {id}", "id: Casablanca Robbery"))
    assert found == [
        f"{AR}:2: id: 'Casablanca Robbery' is not a valid id; write "
        "YYYY-MM-DD-<city>-<keyword> in lower-case ASCII letters, digits and '-'"
    ]


def test_id_date_other_than_the_publication_date(tmp_path):
    found = messages(tmp_path, edit("published: 2026-11-27T18:30", "published: 2026-11-28T09:30"))
    assert found == [
        f"{AR}:2: id: starts with a date other than the publication date (2026-11-28); "
        "the id begins with the day of 'published'"
    ]


def test_duplicate_id(tmp_path):
    files = case_files(CASE)
    files[f"communiques/2025/{CASE}.ar.md"] = files[f"communiques/2026/{CASE}.ar.md"]
    found = check(tmp_path, files)[1]
    assert found == [
        f"content/communiques/2025/{CASE}.ar.md:1: file: is in the folder '2025', but its id is "
        f"of 2026; move it to {AR}",
        f"{AR}:2: id: '{CASE}' is already used by content/communiques/2025/{CASE}.ar.md; "
        "give this case its own id",
    ]


def test_file_name_without_language(tmp_path):
    files = case_files(CASE)
    files["communiques/2026/notes.md"] = "---\n---\n"
    found = check(tmp_path, files)[1]
    names = " or ".join(f"<id>.{code}.md" for code in codes())
    assert found == [
        f"content/communiques/2026/notes.md:1: file: the name must be {names}, "
        "not 'notes.md'; rename the file"
    ]


def test_missing_translation(tmp_path):
    files = case_files(CASE)
    del files[f"communiques/2026/{CASE}.fr.md"]
    found = check(tmp_path, files)[1]
    assert found == [
        f"{AR}:2: translation: the French translation is missing; create {FR} "
        f"(invoke new --translate {CASE})"
    ]


def test_translation_that_contradicts_the_original(tmp_path):
    translation = edit("translation_of: ar", "translation_of: ar\ncity: tanger", TRANSLATION)
    found = messages(tmp_path, translation=translation)
    assert found == [
        f"{FR}:4: city: contradicts the original ({AR}); facts are written once, in the "
        "original: remove it here or make it equal"
    ]


def test_translation_may_repeat_a_fact_that_agrees(tmp_path):
    translation = edit("translation_of: ar", "translation_of: ar\ncity: casablanca", TRANSLATION)
    assert messages(tmp_path, translation=translation) == []


def test_translation_of_the_wrong_language(tmp_path):
    translation = edit("translation_of: ar", "translation_of: fr", TRANSLATION)
    found = messages(tmp_path, translation=translation)
    assert found == [f"{FR}:3: translation_of: must be 'ar': the original is {AR}"]


def test_two_originals(tmp_path):
    found = messages(tmp_path, translation=ORIGINAL)
    message = (
        "translation_of: both files of this case carry the facts; keep them in the original "
        "and mark the other one 'translation_of: <language of the original>'"
    )
    assert found == [f"{AR}:1: {message}", f"{FR}:1: {message}"]


def test_update_without_its_translated_note(tmp_path):
    original = edit(
        "status: referred-to-prosecutor",
        "status: referred-to-prosecutor\nupdates:\n  - at: 2026-11-29T10:00\n    kind: major\n"
        "    status: charged\n    note: تمت متابعته.",
    )
    found = messages(tmp_path, original)
    assert found == [
        f"{path}:1: updates: has no change note for the update of 2026-11-29T10:00:00+01:00 in "
        f"{AR}; add '- at: 2026-11-29T10:00:00+01:00' with its 'note:'"
        for path in translation_paths(CASE)
    ]


@pytest.mark.parametrize("at", ["2026-11-27T09:00", "2026-11-27T18:30", "2026-11-27T17:30Z"])
def test_update_older_than_the_communique(tmp_path, at):
    """Before the communiqué, or at the very minute it was published (17:30Z is 18:30 in
    Casablanca): an update says what changed since."""
    original = edit(
        "status: referred-to-prosecutor",
        f"status: referred-to-prosecutor\nupdates:\n  - at: {at}\n    kind: minor\n"
        "    note: تصحيح.",
    )
    found = check(tmp_path, case_files(CASE, original, each=noted(at, "Correction.")))[1]
    assert found == [
        f"{AR}:22: updates[0].at: is not after the communiqué; updates are listed oldest first, "
        "each after the one before"
    ]


def test_published_before_the_video_circulated(tmp_path):
    found = messages(
        tmp_path, edit("circulated_at: 2026-11-26T21:00", "circulated_at: 2026-11-27T20:00")
    )
    assert found == [
        f"{AR}:6: published: is before video.circulated_at; a communiqué follows the video; "
        "check both times"
    ]


def test_arrest_before_the_video_circulated_is_allowed(tmp_path):
    index, found = check(
        tmp_path,
        case_files(CASE, edit("arrested_at: 2026-11-27T10:00", "arrested_at: 2026-11-25T10:00")),
    )
    assert found == []
    assert index.cases[0].response_hours == -35.0


def test_empty_body(tmp_path):
    found = messages(
        tmp_path, ORIGINAL.split("---\n")[0] + "---\n" + ORIGINAL.split("---\n")[1] + "---\n"
    )
    assert found == [f"{AR}:21: body: the communiqué has no text; write it below the closing '---'"]


def test_malformed_yaml_gives_the_yaml_line(tmp_path):
    found = messages(tmp_path, edit("status: referred-to-prosecutor", "status: [oops"))
    assert found == [
        f"{AR}:21: front matter: YAML error: did not find expected ',' or ']'; check the "
        "indentation, and put quotes around a value that contains ':' or '#' or starts with a quote"
    ]


def test_front_matter_not_closed(tmp_path):
    found = messages(tmp_path, ORIGINAL.replace("\n---\n", "\n", 1))
    assert found == [
        f"{AR}:1: front matter: the front matter opened on line 1 is never closed; add a line "
        "'---' after the last field, before the text"
    ]


def test_front_matter_missing(tmp_path):
    found = messages(tmp_path, "تمكنت عناصر الشرطة من توقيف المشتبه فيه.\n")
    assert found == [
        f"{AR}:1: front matter: the file must start with a line '---', then the fields, then "
        "another '---'; add the missing '---' on the first line"
    ]


def test_front_matter_that_is_not_fields(tmp_path):
    found = messages(tmp_path, "---\n- a\n- b\n---\nنص\n")
    assert found == [
        f"{AR}:2: front matter: must be a list of 'field: value' lines; write one field per line"
    ]


def test_empty_file(tmp_path):
    found = messages(tmp_path, "")
    assert found == [f"{AR}:1: file: is empty; start from the template: invoke new --help"]


def test_file_that_is_not_utf8(tmp_path):
    files = case_files(CASE)
    files[f"communiques/2026/{CASE}.ar.md"] = ORIGINAL.format(id=CASE).encode("cp1256")
    found = check(tmp_path, files)[1]
    assert found == [
        f"{AR}:4: file: is not UTF-8 text (byte 0xca on this line); save the file as UTF-8 "
        "(in most editors: Save with encoding, UTF-8)"
    ]


def test_bom_and_crlf_are_accepted(tmp_path):
    files = case_files(CASE)
    files[f"communiques/2026/{CASE}.ar.md"] = (
        "\ufeff" + files[f"communiques/2026/{CASE}.ar.md"]
    ).replace("\n", "\r\n")
    index, found = check(tmp_path, files)
    assert found == []
    assert index.cases[0].city == "casablanca"


def test_billion_laughs_fails_fast_with_a_clear_message(tmp_path):
    bomb = (
        "---\n"
        + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))
        + "---\nنص\n"
    )
    found = messages(tmp_path, bomb)
    assert found == [
        f"{AR}:2: front matter: YAML anchors and aliases (&name, *name) are not allowed; "
        "write the value out in full"
    ]


def test_embargoed_case_is_not_an_error_and_is_listed(tmp_path):
    later = "2026-12-01-casablanca-robbery"
    original = ORIGINAL.replace("published: 2026-11-27T18:30", "published: 2026-12-01T09:00")
    index, found = check(tmp_path, case_files(later, original))
    assert found == []
    assert index.cases == []
    assert [c.id for c in index.embargoed] == [later]


def test_every_problem_of_every_file_is_reported_together(tmp_path):
    files = case_files(CASE, edit("city: casablanca", "city: casablnca"))
    files.update(
        case_files(
            "2026-11-27-tanger-theft",
            edit("age: 24", "age: 200"),
            TRANSLATION.replace("translation_of: ar", "translation_of: ar\nx: 1"),
        )
    )
    found = check(tmp_path, files)[1]
    assert len(found) == 3
    assert [m.split(":")[0] for m in found] == [
        AR,
        "content/communiques/2026/2026-11-27-tanger-theft.ar.md",
        "content/communiques/2026/2026-11-27-tanger-theft.fr.md",
    ]


def test_build_stops_with_every_problem(tmp_path):
    files = case_files(CASE, edit("city: casablanca", "city: casablnca"))
    site = make_site(tmp_path, files)
    result = site.build()
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        f"{AR}:7: city: unknown city 'casablnca'; did you mean 'casablanca'? the keys are in "
        "content/data/cities.yaml (add it there if it is new)"
    ]
    assert not site.output.exists()


def test_cached_reading_follows_every_change(tmp_path):
    """Files are read again when they change, and all of them when the registries change."""
    files = case_files(CASE)
    index, found = check(tmp_path, files)
    assert found == [] and list((tmp_path / "cache").glob("read-*/*.pickle"))
    index, found = check(tmp_path, {})  # nothing changed: from the cache, same result
    assert found == [] and [c.id for c in index.cases] == [CASE]

    broken = files[f"communiques/2026/{CASE}.ar.md"].replace("type: arrest", "type: arest")
    index, found = check(tmp_path, {f"communiques/2026/{CASE}.ar.md": broken})
    assert [m.split(": ")[1] for m in found] == ["type"]

    check(tmp_path, {f"communiques/2026/{CASE}.ar.md": files[f"communiques/2026/{CASE}.ar.md"]})
    cities = registry_text("cities.yaml").replace("casablanca:", "casa:")
    _, found = check(tmp_path, {"data/cities.yaml": cities})
    assert [m.split(": ")[1] for m in found] == ["city"]  # the unchanged file is checked again


def test_problems_of_the_sites_own_pages(tmp_path):
    site = make_site(tmp_path, case_files(CASE))
    site.write("pages/about.fr.md", "---\ntitel: À propos\n---\nTexte.\n", raw=True)
    site.write("pages/press.ar.md", "---\ntitle: الصحافة\n---\nنص.\n", raw=True)
    result = site.build()
    assert not result.ok
    assert [str(p) for p in result.problems] == sorted(
        [
            "content/pages/about.fr.md:1: title: is missing; add 'title:' to the front matter",
            "content/pages/about.fr.md:2: titel: is not a field of a page; use title and summary",
            *(
                f"content/pages/press.{language['code']}.md:1: file: is missing; every page "
                f"exists in every language of the site ({language['english']} too): write this "
                "one's text"
                for language in languages()[1:]
            ),
        ]
    )
    assert not site.output.exists()


def test_front_matter_layout_problems_point_at_the_line_to_fix(tmp_path):
    tab = ORIGINAL.replace("  platform: facebook", "\tplatform: facebook")
    assert messages(tmp_path / "tab", tab) == [
        f"{AR}:11: front matter: a tab on this line; the fields are indented with spaces only: "
        "replace the tab with spaces"
    ]
    dedent = ORIGINAL.replace(
        "  circulated_at: 2026-11-26T21:00", " circulated_at: 2026-11-26T21:00"
    )
    assert messages(tmp_path / "dedent", dedent) == [
        f"{AR}:12: front matter: this line is not aligned with the fields around it; indent it "
        "as they are (spaces only) (YAML: did not find expected key)"
    ]
    colon = ORIGINAL.replace("issuer: police-casablanca", "issuer police-casablanca")
    assert messages(tmp_path / "colon", colon) == [
        f"{AR}:8: front matter: a field without ':'; write 'name: value' "
        "(YAML: could not find expected ':')"
    ]


def test_a_title_has_a_maximum_length(tmp_path):
    long_title = "Interpellation " + "très " * 90 + "longue"
    translation = TRANSLATION.replace(
        "title: Interpellation d'un individu pour vol avec violence", f"title: {long_title}"
    )
    assert messages(tmp_path, translation=translation) == [
        f"{FR}:4: title: is {len(long_title)} characters long; it has at most 200: keep it to "
        "what happened and where, and leave the details to the summary and the text"
    ]


# Characters a reader cannot see (communiques/normal.py)

OVERRIDE = (
    "an invisible character that changes the order in which the text is shown; "
    "delete it (retype the line if you cannot see it)"
)
CONTROL = "a control character, which is not text; delete it (retype the line if you cannot see it)"


@pytest.mark.parametrize(
    "old, new, line, field, char",
    [
        ("title: ", "title: \u202e", 4, "title", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        (
            "  platform: face",
            "  platform: face\u2066",
            11,
            "video.platform",
            "U+2066 LEFT-TO-RIGHT ISOLATE",
        ),
        (
            "    sex: male",
            "    sex: \u202dmale",
            17,
            "suspects[0].sex",
            "U+202D LEFT-TO-RIGHT OVERRIDE",
        ),
        ("المشتبه فيه.", "المشتبه\u2069 فيه.", 22, "body", "U+2069 POP DIRECTIONAL ISOLATE"),
    ],
)
def test_a_bidirectional_override_is_refused_in_any_field(tmp_path, old, new, line, field, char):
    found = messages(tmp_path, edit(old, new))
    assert found == [f"{AR}:{line}: {field}: contains {char}, {OVERRIDE}"]


def test_a_control_character_is_reported_on_its_line_and_field(tmp_path):
    found = messages(tmp_path, edit("title: توقيف", "title: توقيف\x00"))
    assert found == [f"{AR}:4: title: contains U+0000 NULL, {CONTROL}"]


def test_a_refused_character_in_a_file_that_cannot_be_split_is_reported(tmp_path):
    found = messages(tmp_path, edit("status: referred-to-prosecutor\n---\n", "\u202e"))
    assert found == [
        f"{AR}:1: front matter: the front matter opened on line 1 is never closed; add a line "
        "'---' after the last field, before the text",
        f"{AR}:20: file: contains U+202E RIGHT-TO-LEFT OVERRIDE, {OVERRIDE}",
    ]


def test_direction_marks_and_zero_width_characters_are_read_through(tmp_path):
    """What a messaging app leaves in a pasted text is removed, not refused."""
    original = edit("title: ", "title: \u200f")
    original = edit("city: casablanca", "city: casa\u200bblanca", original)
    original = edit("type: arrest", "type: ar\u00adrest", original)
    assert messages(tmp_path, original) == []


def test_a_key_with_a_letter_of_another_alphabet_names_it(tmp_path):
    found = messages(tmp_path, edit("city: casablanca", "city: c\u0430sablanca"))
    assert found == [
        f"{AR}:7: city: unknown city 'c\u0430sablanca': it contains U+0430 CYRILLIC SMALL "
        "LETTER A, a letter of the Cyrillic alphabet, not a Latin one; a key is written with "
        "the ASCII letters a-z, the digits 0-9 and '-' only: retype it (did you mean "
        "'casablanca'?)"
    ]


GREEK = "a letter of the Greek alphabet, not a Latin one"
ACCENTED = "a letter that is not one of the ASCII letters a-z"
KEYS = [
    ("[robbery-violence]", "[robbery-viοlence]", 9, "offences[0]", "offence",
     "U+03BF GREEK SMALL LETTER OMICRON", GREEK, "robbery-violence"),
    ("platform: facebook", "platform: facébook", 11, "video.platform", "platform",
     "U+00E9 LATIN SMALL LETTER E WITH ACUTE", ACCENTED, "facebook"),
    ("issuer: police-casablanca", "issuer: police-casablanca-٢", 8, "issuer", "issuer",
     "U+0662 ARABIC-INDIC DIGIT TWO", "a digit other than 0-9", "police-casablanca"),
]  # fmt: skip


@pytest.mark.parametrize("old, new, line, field, shown, char, kind, hint", KEYS)
def test_every_registry_key_names_the_character_it_should_not_hold(
    tmp_path, old, new, line, field, shown, char, kind, hint
):
    found = messages(tmp_path, edit(old, new))
    bad = new.split(": ")[-1].strip("[]")
    assert found == [
        f"{AR}:{line}: {field}: unknown {shown} '{bad}': it contains {char}, {kind}; a key is "
        "written with the ASCII letters a-z, the digits 0-9 and '-' only: retype it "
        f"(did you mean '{hint}'?)"
    ]


def test_a_key_typed_in_fullwidth_letters_is_the_key(tmp_path):
    assert messages(tmp_path, edit("city: casablanca", "city: ｃａｓａｂｌａｎｃａ")) == []


def test_an_id_in_eastern_arabic_digits_is_shown_in_western_ones(tmp_path):
    eastern = "٢٠٢٦-١١-٢٧-casablanca-robbery"
    found = check(tmp_path, case_files(eastern))[1]
    assert found == sorted(
        f"content/communiques/٢٠٢٦/{eastern}.{lang}.md:2: id: '{eastern}' is written with "
        "digits other than 0-9; write the id, and name the file, with the Western digits 0-9: "
        f"{CASE}"
        for lang in codes()
    )


def test_an_id_with_a_letter_of_another_alphabet_names_it(tmp_path):
    found = messages(tmp_path, edit("id: {id}", "id: 2026-11-27-c\u0430sablanca-robbery"))
    assert found == [
        f"{AR}:2: id: '2026-11-27-c\u0430sablanca-robbery' contains U+0430 CYRILLIC SMALL LETTER "
        "A, a letter of the Cyrillic alphabet, not a Latin one; write "
        "YYYY-MM-DD-<city>-<keyword> in lower-case ASCII letters, digits and '-'"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "الرقم 06\u200d12\u200d34\u200d56\u200d78 المتداول",
        "الرقم 06\u200f12\u200f34\u200f56\u200f78 المتداول",
        "الرقم ０６１２３４５６７８ المتداول",
    ],
)
def test_a_phone_number_written_with_invisible_or_wide_characters_is_refused(tmp_path, text):
    found = messages(tmp_path, edit("تمكنت عناصر الشرطة", f"سطر أول.\n{text}\nتمكنت عناصر الشرطة"))
    assert found == [f'{AR}:23: privacy: phone number "06••••••78"; remove it or add an exception']


def test_a_name_in_decomposed_arabic_after_a_cue_word_is_refused(tmp_path):
    import unicodedata

    body = unicodedata.normalize("NFD", "توقيف المدعو أحمد بالحي.")
    found = messages(tmp_path, edit("تمكنت عناصر الشرطة من توقيف المشتبه فيه.", body))
    assert found == [f'{AR}:22: privacy: person\'s name "••••"; remove it or add an exception']


def test_a_french_name_with_a_zero_width_space_is_refused(tmp_path):
    translation = TRANSLATION.replace("du suspect.", "de Mo\u200bhamed Alaoui.")
    found = messages(tmp_path, translation=translation)
    assert found == [
        f'{FR}:7: privacy: person\'s name "Mo••••• ••••ui"; remove it or add an exception'
    ]


def test_a_site_page_refuses_an_override(tmp_path):
    from communiques_site.bilingual.pages import load_pages
    from communiques_site.core.problems import Problems

    site = make_site(tmp_path, pages=False)
    site.write("pages/about.fr.md", "---\ntitle: À \u202epropos\n---\nTexte.\n", raw=True)
    problems = Problems()
    load_pages(site.content / "pages", problems, lambda path: path.name)
    assert [str(p) for p in problems.sorted()] == [
        f"about.fr.md:2: title: contains U+202E RIGHT-TO-LEFT OVERRIDE, {OVERRIDE}"
    ]


def test_a_site_page_keeps_the_direction_marks_its_authors_place(tmp_path):
    """A right-to-left mark after a Latin name keeps the bracket that follows on the right
    side in Arabic text: the maintainers write them on purpose (accessibility.ar.md)."""
    from communiques_site.bilingual.pages import load_pages
    from communiques_site.core.problems import Problems

    site = make_site(tmp_path, pages=False)
    text = "---\ntitle: حول\n---\nأداة W3C \u200f(Nu HTML Checker) \u200bللتحقق.\n"
    site.write("pages/about.ar.md", text, raw=True)
    problems = Problems()
    pages = load_pages(site.content / "pages", problems, lambda path: path.name)
    assert not problems
    assert "W3C \u200f(Nu HTML Checker) للتحقق" in pages["about"]["ar"].body_html


def test_a_registry_refuses_an_override_and_publishes_its_names_as_seen(tmp_path):
    from communiques_site.communiques import registry
    from communiques_site.core.problems import Problems
    from sites import words

    site = make_site(tmp_path, pages=False)
    cities = (site.content / "data" / "cities.yaml").read_text(encoding="utf-8")
    # The names, not the regions that start with them; English may follow (sites.registry).
    cities = re.sub("fr: Tanger(?=[,}])", "fr: Tan\u200bger", cities)
    cities = re.sub("fr: Casablanca(?=[,}])", "fr: \u202eCasablanca", cities)
    site.write("data/cities.yaml", cities, raw=True)
    problems = Problems()
    loaded = registry.load(
        site.content / "data", lambda path: path.name, problems, words().languages
    )
    assert [str(p) for p in problems.sorted()] == [
        f"cities.yaml:2: cities: contains U+202E RIGHT-TO-LEFT OVERRIDE, {OVERRIDE}"
    ]
    assert loaded["cities"]["tanger"].name["fr"] == "Tanger"


def test_a_number_in_eastern_arabic_or_fullwidth_digits_is_read(tmp_path):
    original = edit("age: 24", "age: ٢٤")
    original = edit("status: referred", "sought: ２\nstatus: referred", original)
    index, found = check(tmp_path, case_files(CASE, original))
    assert found == []
    case = index.cases[0]
    assert [s.age for s in case.suspects] == [24] and case.sought == 2


# de: a language the tests' sites never have (sites.KNOWN).
@pytest.mark.parametrize("also", ["[Casa]", "{de: [Casa]}", "{fr: Casa}", "{fr: [[Casa]]}"])
def test_the_other_names_of_a_registry_entry_are_a_list_per_language(tmp_path, also):
    assert "de" not in codes()
    cities = registry_text("cities.yaml").replace(
        "  lat: 33.5731\n", f"  also: {also}\n  lat: 33.5731\n"
    )
    site = make_site(tmp_path, case_files(CASE))
    site.write("data/cities.yaml", cities)
    result = site.build()
    assert (
        "content/data/cities.yaml:1: cities.casablanca.also: lists the other names readers "
        f"search by, a list per language: also: {{{codes()[-1]}: [..., ...]}}"
    ) in [str(p) for p in result.problems]


def test_the_other_names_of_a_registry_entry_are_read(tmp_path):
    from communiques_site.communiques import registry
    from communiques_site.core.problems import Problems
    from sites import words

    site = make_site(tmp_path, case_files(CASE))
    cities = registry_text("cities.yaml").replace(
        "  lat: 33.5731\n", "  also: {fr: [Casablanka, Casa]}\n  lat: 33.5731\n"
    )
    site.write("data/cities.yaml", cities)
    found = registry.load(site.content / "data", str, Problems(), words().languages)
    assert found["cities"]["casablanca"].also == {"fr": ("Casablanka", "Casa")}
