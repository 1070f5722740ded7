"""The published record is permanent: a published communiqué cannot disappear or change
silently; a change comes with its note (invoke update), a retraction is a withdrawal."""

from communiques import editing
from sites import TRANSLATION, case_files, make_site, with_minor_update, words

CASE = "2026-11-27-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"


def published_site(tmp_path):
    site = make_site(tmp_path, case_files(CASE))
    assert site.build().ok
    return site, {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}


def untouched(site, before):
    return {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before


def test_a_published_communique_cannot_be_deleted(tmp_path):
    site, before = published_site(tmp_path)
    for path in site.content.glob(f"communiques/2026/{CASE}.*"):
        path.unlink()
    result = site.build()
    assert [str(p) for p in result.problems] == [
        f"{path}:2: file: was published on 2026-11-27 and cannot be deleted: its address is a "
        f"promise; restore the file and withdraw the communiqué instead (invoke withdraw {CASE} "
        "--reason '…')"
        for path in (AR, FR)
    ]
    assert untouched(site, before)


def test_a_silent_change_is_refused_at_its_line(tmp_path):
    site, before = published_site(tmp_path)
    site.write(
        f"communiques/2026/{CASE}.fr.md",
        TRANSLATION.format(id=CASE).replace("du suspect.", "du suspect présumé."),
        raw=True,
    )
    result = site.build()
    assert [str(p) for p in result.problems] == [
        f"{FR}:7: body: changed since it was published on 2026-11-27, with no change note; say "
        f"what changed with an update (invoke update {CASE} --kind minor for a correction, "
        "major for a new fact) or undo the change"
    ]
    assert untouched(site, before)


def test_a_change_with_its_note_is_published(tmp_path):
    site, _ = published_site(tmp_path)
    original, translation = with_minor_update()
    for path, text in case_files(CASE, original, translation).items():
        site.write(path, text.replace("du suspect.", "du suspect présumé."), raw=True)
    assert site.build().ok
    page = (site.output / f"fr/communiques/{CASE}/index.html").read_text(encoding="utf-8")
    assert "du suspect présumé" in page


def test_a_reviewed_date_needs_no_note(tmp_path):
    site, _ = published_site(tmp_path)
    reviewed = TRANSLATION.replace(
        "translation_of: ar\n", "translation_of: ar\nreviewed: 2026-11-28T09:00\n"
    )
    site.write(f"communiques/2026/{CASE}.fr.md", reviewed.format(id=CASE), raw=True)
    assert site.build().ok


def test_invoke_update_and_withdraw_write_entries_that_validate_once_written(tmp_path):
    """What the tasks write: refused until the marked notes are written, then published."""

    site, _ = published_site(tmp_path)
    wording = words()
    ar, fr = (
        site.content / "communiques/2026" / f"{CASE}.ar.md",
        site.content / "communiques/2026" / f"{CASE}.fr.md",
    )
    editing.add_update(
        ar, "2026-11-28T10:00", wording("ar", "towrite"), kind="major", status="charged"
    )
    editing.add_update(fr, "2026-11-28T10:00", wording("fr", "todo"))
    result = site.build()
    assert [str(p) for p in result.problems] == [
        f'{AR}:25: updates[0].note: still holds the placeholder "[للتحرير]"; write it',
        f'{FR}:8: updates[0].note: still holds the placeholder "[À TRADUIRE]"; write it',
    ]
    ar.write_text(ar.read_text().replace('"[للتحرير]"', "توجيه التهمة."))
    fr.write_text(fr.read_text().replace('"[À TRADUIRE]"', "Inculpation."))
    assert site.build().ok
    editing.add_withdrawal(ar, "نشر عن طريق الخطأ.", at="2026-11-28T11:00")
    editing.add_withdrawal(fr, "Publié par erreur.")
    assert site.build().ok
    page = (site.output / f"fr/communiques/{CASE}/index.html").read_text(encoding="utf-8")
    assert "Publié par erreur." in page and "Inculpation." in page
