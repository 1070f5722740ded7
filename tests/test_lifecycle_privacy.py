"""Lifecycle (updates, withdrawal, embargo, drafts) and privacy, on small real sites."""

import json

import lxml.etree
import lxml.html
import pytest

from communiques_site.communiques.privacy import scan
from privacy_corpus import CATCH, PASS, names_registry
from sites import ORIGINAL, TRANSLATION, case_files, load_content, make_site, withdrawn

CASE = "2026-11-27-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"


def problems_of(tmp_path, original=ORIGINAL, translation=TRANSLATION, each=None):
    return load_content(tmp_path, case_files(CASE, original, translation, each))


def with_updates(*updates, original=ORIGINAL):
    """Add updates: (at, kind, status or None, Arabic note, the translations' note): the
    original with them, and the edit that writes their notes in every translation (case_files'
    `each`)."""
    ar = "updates:\n" + "".join(
        f"  - at: {at}\n    kind: {kind}\n"
        + (f"    status: {status}\n" if status else "")
        + f"    note: {note_ar}\n"
        for at, kind, status, note_ar, _ in updates
    )
    fr = "updates:\n" + "".join(
        f"  - at: {at}\n    note: {note_fr}\n" for at, _, _, _, note_fr in updates
    )

    def each(text):
        return text.replace("translation_of: ar\n", "translation_of: ar\n" + fr)

    return (
        original.replace(
            "status: referred-to-prosecutor\n", "status: referred-to-prosecutor\n" + ar
        ),
        each,
    )


# Privacy


def test_privacy_corpus_has_no_miss_and_no_false_alarm():
    assert len(CATCH) >= 100 and len(PASS) >= 110
    kinds = {kind for kind, _ in CATCH}
    assert {"person's name", "minor's age", "licence plate"} <= kinds
    arabic = [text for _, text in CATCH if any("\u0600" <= ch <= "\u06ff" for ch in text)]
    assert len(arabic) >= 20 and len(CATCH) - len(arabic) >= 20  # both languages
    assert any(ch in "٠١٢٣٤٥٦٧٨٩" for _, text in CATCH for ch in text)  # both digit systems
    names = names_registry()
    misses = [
        text for kind, text in CATCH if [h.kind for h in scan(text, 1, (), names)][:1] != [kind]
    ]
    alarms = [text for text in PASS if scan(text, 1, (), names)]
    assert misses == []
    assert alarms == []


def test_privacy_hit_stops_the_build_with_file_and_line(tmp_path):
    original = ORIGINAL.replace(
        "من توقيف المشتبه فيه.", "من توقيف المشتبه فيه.\n\nرقم هاتفه 0612345678."
    )
    _, found = problems_of(tmp_path, original)
    assert found == [f'{AR}:24: privacy: phone number "06••••••78"; remove it or add an exception']


def test_privacy_is_checked_in_every_free_text_field(tmp_path):
    translation = TRANSLATION.replace(
        "summary: Interpellation d'un individu apparu dans une vidéo.",
        "summary: Le compte @casa_boy a diffusé la vidéo.",
    )
    _, found = problems_of(tmp_path, translation=translation)
    assert found == [
        f'{FR}:5: privacy: social-media handle "@c•••_•oy"; remove it or add an exception'
    ]


def test_a_marked_line_is_an_exception_listed_for_reviewers(tmp_path):
    line = "للتبليغ: 0537000000 <!-- privacy-ok: public number of the police, not a person -->"
    original = ORIGINAL.replace("من توقيف المشتبه فيه.", "من توقيف المشتبه فيه.\n\n" + line)
    index, found = problems_of(tmp_path, original)
    assert found == []
    assert index.exceptions == [(AR, 24, "marker", "public number of the police, not a person")]
    assert "privacy-ok" not in index.cases[0].texts["ar"].body_html


def test_a_marked_line_is_published_without_its_marker(tmp_path):
    line = "للتبليغ: 0537000000 <!-- privacy-ok: public number of the police, not a person -->"
    original = ORIGINAL.replace("من توقيف المشتبه فيه.", "من توقيف المشتبه فيه.\n\n" + line)
    index, _ = problems_of(tmp_path, original)
    body = lxml.html.fragment_fromstring(index.cases[0].texts["ar"].body_html, create_parent="div")
    assert [p.text_content().strip() for p in body.iter("p")][-1] == "للتبليغ: 0537000000"


def test_a_listed_string_is_an_exception(tmp_path):
    original = ORIGINAL.replace(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\nprivacy_exceptions:\n  - text: '0537000000'\n"
        "    reason: the police's public number\n",
    ).replace("من توقيف المشتبه فيه.", "من توقيف المشتبه فيه. للتبليغ: 0537000000")
    index, found = problems_of(tmp_path, original)
    assert found == []
    assert index.exceptions == [(AR, 22, "0537000000", "the police's public number")]


def test_a_minors_exact_age_is_refused(tmp_path):
    original = ORIGINAL.replace("age: 24", "age: 16").replace(
        "custody: police-custody", "custody: minor-supervision"
    )
    translation = TRANSLATION.replace("du suspect.", "du suspect, âgé de 16 ans.")
    _, found = problems_of(tmp_path, original, translation)
    assert found == [
        f'{FR}:7: privacy: a child\'s exact age ("16"); write "mineur" (minor) instead of the age'
    ]


def test_acquitted_case_has_no_persons_details_anywhere(tmp_path):
    original, each = with_updates(
        (
            "2026-11-29T10:00",
            "major",
            "acquitted",
            "حكمت المحكمة ببراءته.",
            "Le tribunal l'a acquitté.",
        ),
    )
    original = original.replace(
        "custody: police-custody", "custody: police-custody\n    initials: م.ق"
    )
    translation = TRANSLATION.replace(
        "translation_of: ar\n", "translation_of: ar\nsuspects:\n  - initials: M.Q\n"
    )
    site = make_site(tmp_path, case_files(CASE, original, translation, each))
    assert site.build(COMMUNIQUES={"now": "2026-12-01T12:00+01:00"}).ok
    needles = ["م.ق", "M.Q", "24 ans", "24 سنة", "a des antécédents", "من ذوي السوابق"]
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".atom", ".rss", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            for needle in needles:
                assert needle not in text, (path, needle)
    rows = (site.output / "data/communiques.csv").read_text(encoding="utf-8")
    assert ",true," in rows.splitlines()[1]  # details_removed
    page = lxml.html.parse(str(site.output / f"fr/communiques/{CASE}/index.html"))
    assert "retirées" in page.xpath("string(//p[@class='scrubbed'])")


# Lifecycle


def test_status_history_on_the_page(tmp_path):
    original, each = with_updates(
        ("2026-11-28T09:00", "minor", None, "تصحيح خطأ مادي.", "Correction d'une erreur."),
        ("2026-11-29T10:00", "major", "charged", "تمت متابعته.", "Il a été poursuivi."),
    )
    site = make_site(tmp_path, case_files(CASE, original, each=each))
    assert site.build(COMMUNIQUES={"now": "2026-12-01T12:00+01:00"}).ok
    page = lxml.html.parse(str(site.output / f"fr/communiques/{CASE}/index.html"))
    assert page.xpath("string(//p[@class='current-status']/span)") == "Poursuivi"
    assert "Mis à jour le" in page.xpath("string(//p[@class='dateline'])")
    history = page.xpath("//ol[@class='timeline']/li")
    assert len(history) == 3
    assert "Correction d'une erreur." in history[1].text_content()
    assert "Il a été poursuivi." in history[2].text_content()
    listing = lxml.html.parse(str(site.output / "fr/cities/casablanca/index.html"))
    assert listing.xpath("string(//p[@class='case-status'])").strip() == "Poursuivi"


def test_update_with_an_unknown_status_is_refused(tmp_path):
    original, each = with_updates(
        ("2026-11-29T10:00", "major", "jailed", "ملاحظة.", "Note."),
    )
    _, found = problems_of(tmp_path, original, each=each)
    assert found == [
        f"{AR}:24: updates[0].status: 'jailed' is not one of the allowed values; use one of: "
        "under-investigation, referred-to-prosecutor, charged, released, convicted, acquitted, "
        "no-offence"
    ]


def test_update_older_than_the_previous_one_is_refused(tmp_path):
    original, each = with_updates(
        ("2026-11-30T10:00", "major", "charged", "أ.", "A."),
        ("2026-11-29T10:00", "minor", None, "ب.", "B."),
    )
    _, found = problems_of(tmp_path, original, each=each)
    assert found == [
        f"{AR}:26: updates[1].at: is not after update 1; updates are listed oldest first, "
        "each after the one before"
    ]


def withdrawn_files():
    original = ORIGINAL.replace(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\nwithdrawn:\n  at: 2026-11-28T09:00\n"
        "  reason: نشر عن طريق الخطأ.\n",
    )
    files = case_files(CASE, original, each=withdrawn())
    files.update(
        case_files(
            "2026-11-26-tanger-theft",
            ORIGINAL.replace("casablanca", "tanger")
            .replace("2026-11-27T18:30", "2026-11-26T23:30")
            .replace("2026-11-27T10:00", "2026-11-26T10:00"),
        )
    )
    return files


def test_withdrawn_case_everywhere(tmp_path):
    site = make_site(tmp_path, withdrawn_files())
    assert site.build().ok
    page = lxml.html.parse(str(site.output / f"fr/communiques/{CASE}/index.html"))
    assert "Publié par erreur." in page.xpath("string(//div[contains(@class,'notice-withdrawn')])")
    assert page.xpath("//section[@class='body']")  # the text is kept, marked
    for listing in (
        "fr/index.html",
        "fr/cities/casablanca/index.html",
        "fr/offences/robbery-violence/index.html",
    ):
        assert f"/communiques/{CASE}/" not in (site.output / listing).read_text()
    stats = json.loads((site.output / "data/stats.json").read_text())
    assert stats["national"]["cases"] == 1
    assert stats["cities"]["casablanca"]["cases"] == 0
    assert CASE not in (site.output / "data/communiques.csv").read_text()
    withdrawn = (site.output / "data/withdrawn.csv").read_text().splitlines()
    assert withdrawn[1].startswith(f"{CASE},2026-")  # id, published, withdrawn_at, reasons
    for feed in site.output.glob("fr/feeds/**/*.atom"):
        root = lxml.etree.parse(str(feed)).getroot()
        entries = [
            e for e in root if e.tag.endswith("}entry") and CASE in lxml.etree.tostring(e).decode()
        ]
        # Updates: its withdrawal; the log of changes: its publication and its withdrawal; the
        # feeds that listed it: its entry, marked withdrawn.
        listed = feed.stem in ("all", "casablanca", "robbery-violence", "arrest")
        wanted = {"updates.atom": 1, "changes.atom": 2}.get(feed.name, 1 if listed else 0)
        assert len(entries) == wanted, feed
        if listed:
            (entry,) = entries
            assert entry.findtext("{http://www.w3.org/2005/Atom}id").endswith(f"/{CASE}/fr")
            assert entry.findtext("{http://www.w3.org/2005/Atom}title").startswith("Retrait")


def test_embargoed_case_is_not_built_until_its_time(tmp_path):
    later = "2026-11-29-casablanca-robbery"
    files = case_files(later, ORIGINAL.replace("2026-11-27T18:30", "2026-11-29T18:30"))
    site = make_site(tmp_path, files)
    assert site.build().ok  # now: 2026-11-28 12:00
    assert not list(site.output.rglob(f"*{later}*"))
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".atom", ".rss", ".json", ".csv", ".xml"):
            assert later not in path.read_text(encoding="utf-8"), path
    assert site.build(COMMUNIQUES={"now": "2026-11-29T18:30+01:00"}).ok
    assert (site.output / f"ar/communiques/{later}/index.html").exists()


@pytest.mark.parametrize("drafts", [False, True])
def test_drafts_are_built_only_in_preview(tmp_path, drafts):
    files = {path.replace("communiques/", "drafts/"): text for path, text in case_files().items()}
    site = make_site(tmp_path, files)
    assert site.build(COMMUNIQUES={"now": "2026-11-28T12:00+01:00", "drafts": drafts}).ok
    page = site.output / f"fr/communiques/{CASE}/index.html"
    assert page.exists() == drafts
    if drafts:
        assert lxml.html.parse(str(page)).xpath("//div[contains(@class, 'notice-draft')]")


def test_publishconf_never_builds_drafts():
    import runpy

    from conftest import ROOT

    settings = runpy.run_path(str(ROOT / "publishconf.py"))
    assert settings["COMMUNIQUES"]["drafts"] is False


def test_translation_older_than_its_original_is_listed_until_reviewed(tmp_path):
    import os

    files = case_files()
    site = make_site(tmp_path, files)
    original = site.content / f"communiques/2026/{CASE}.ar.md"
    translation = site.content / f"communiques/2026/{CASE}.fr.md"
    os.utime(translation, (1_700_000_000, 1_700_000_000))  # 2023: before the original
    index, found = load_content(tmp_path, {})
    assert found == []
    assert [(s.path, s.original) for s in index.stale] == [(FR, AR)]
    assert site.build().ok
    page = lxml.html.parse(str(site.output / "fr/translations/index.html"))
    assert FR in page.xpath("string(//main)")

    reviewed = files[f"communiques/2026/{CASE}.fr.md"].replace(
        "translation_of: ar\n", "translation_of: ar\nreviewed: 2030-01-01T10:00\n"
    )
    translation.write_text(reviewed, encoding="utf-8")
    os.utime(translation, (1_700_000_000, 1_700_000_000))
    assert original.exists()
    index, found = load_content(tmp_path, {})
    assert found == [] and index.stale == []


def test_a_prior_record_in_the_text_of_an_acquitted_case_is_refused(tmp_path):
    original, each = with_updates(
        ("2026-11-29T10:00", "major", "acquitted", "حكمت المحكمة ببراءته.", "Acquitté."),
    )
    translation = TRANSLATION.replace("du suspect.", "du suspect, sans antécédents judiciaires.")
    _, found = problems_of(tmp_path, original, translation, each)
    assert found == [
        f"{FR}:10: privacy: a prior record of a person whose case ended as acquitted; their "
        "details leave every page: remove it from the text"
    ]


def test_a_prior_record_is_reported_at_its_own_line(tmp_path):
    original, each = with_updates(
        ("2026-11-29T10:00", "major", "acquitted", "حكمت المحكمة ببراءته.", "Acquitté."),
    )
    translation = TRANSLATION.replace(
        "du suspect.", "du suspect.\n\nIl était connu pour ses antécédents judiciaires."
    )
    _, found = problems_of(tmp_path, original, translation, each)
    assert found == [
        f"{FR}:12: privacy: a prior record of a person whose case ended as acquitted; their "
        "details leave every page: remove it from the text"
    ]


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("أحدهما يبلغ من العمر 19 سنة والثاني قاصر يبلغ من العمر 17 سنة", [17, 19]),
        ("un mineur de 17 ans apparu dans la vidéo", [17]),
        ("توقيف قاصر 16 سنة", [16]),
        ("deux individus âgés de 21 et 24 ans", [21, 24]),
        ("il y a 2 ans, un individu", []),
        ("منذ 3 سنوات", []),
        ("خلال 48 ساعة", []),
    ],
)
def test_ages_stated_in_text(text, ages):
    from communiques_site.communiques.ages import stated_ages

    assert [age for _, age in stated_ages(text)] == ages


def test_an_update_dated_in_the_future_waits_for_its_time(tmp_path):
    original, each = with_updates(
        ("2026-11-29T10:00", "major", "charged", "توجيه التهمة.", "Inculpation."),
    )
    site = make_site(tmp_path, case_files(CASE, original, each=each))
    assert site.build().ok  # now: 2026-11-28T12:00+01:00
    page = lxml.html.parse(str(site.output / f"fr/communiques/{CASE}/index.html"))
    assert "Inculpation." not in page.getroot().text_content()
    assert site.build(COMMUNIQUES={"now": "2026-11-29T10:00+01:00"}).ok
    page = lxml.html.parse(str(site.output / f"fr/communiques/{CASE}/index.html"))
    assert "Inculpation." in page.getroot().text_content()


def test_a_withdrawal_comes_after_the_last_update(tmp_path):
    original, each = with_updates(
        ("2026-11-28T10:00", "major", "charged", "توجيه التهمة.", "Inculpation."),
    )
    original = original.replace(
        "    note: توجيه التهمة.\n",
        "    note: توجيه التهمة.\nwithdrawn:\n  at: 2026-11-28T09:00\n  reason: خطأ.\n",
    )

    def withdrawn(text):
        return each(text).replace(
            "    note: Inculpation.\n", "    note: Inculpation.\nwithdrawn:\n  reason: Erreur.\n"
        )

    _, found = problems_of(tmp_path, original, each=withdrawn)
    assert [f for f in found if "withdrawn.at" in f] == [
        f"{AR}:27: withdrawn.at: is not after the last update; a withdrawal comes after "
        "everything else; check the date"
    ]
