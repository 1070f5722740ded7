"""The published record is permanent: a published communiqué cannot disappear or change
silently; a change comes with its note (invoke update), a retraction is a withdrawal."""

import json
import shutil

import invoke
import pytest

import tasks
from communiques_site.communiques import editing
from sites import (
    ROOT,
    TRANSLATION,
    case_files,
    case_paths,
    codes,
    make_site,
    translation_paths,
    with_minor_update,
    words,
)

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
        for path in case_paths(CASE)
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
    for path, text in with_minor_update(CASE).items():
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
    ar = site.content / "communiques/2026" / f"{CASE}.ar.md"
    others = {code: site.content / "communiques/2026" / f"{CASE}.{code}.md" for code in codes()[1:]}
    editing.add_update(
        ar, "2026-11-28T10:00", wording("ar", "towrite"), kind="major", status="charged"
    )
    for code, path in others.items():
        editing.add_update(path, "2026-11-28T10:00", wording(code, "todo"))
    result = site.build()
    assert [str(p) for p in result.problems] == [
        f'{AR}:25: updates[0].note: still holds the placeholder "[للتحرير]"; write it',
        *(
            f"content/communiques/2026/{CASE}.{code}.md:8: updates[0].note: still holds the "
            f'placeholder "{wording(code, "todo")}"; write it'
            for code in sorted(others)
        ),
    ]
    ar.write_text(ar.read_text().replace('"[للتحرير]"', "توجيه التهمة."))
    for code, path in others.items():
        path.write_text(path.read_text().replace(f'"{wording(code, "todo")}"', "Inculpation."))
    assert site.build().ok
    editing.add_withdrawal(ar, "نشر عن طريق الخطأ.", at="2026-11-28T11:00")
    for path in others.values():
        editing.add_withdrawal(path, "Publié par erreur.")
    assert site.build().ok
    page = (site.output / f"fr/communiques/{CASE}/index.html").read_text(encoding="utf-8")
    assert "Publié par erreur." in page and "Inculpation." in page


# The record is kept by id and language, wherever the files lie: what a tester got through
# when it was kept by path (a file moved to another folder, then edited).

CHANGED = (
    "changed since it was published on 2026-11-27, with no change note; say what changed with "
    f"an update (invoke update {CASE} --kind minor for a correction, major for a new fact) or "
    "undo the change"
)


def moved(site, language, folder, change=None):
    """The file of `language` moved to `folder` (under content/communiques), maybe edited."""
    source = site.content / f"communiques/2026/{CASE}.{language}.md"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    return site.write(
        f"communiques/{folder}/{CASE}.{language}.md", change(text) if change else text
    )


def messages(result):
    return [str(p) for p in result.problems]


def test_a_moved_file_is_still_the_published_communique(tmp_path):
    site, before = published_site(tmp_path)
    moved(site, "fr", "2019", lambda text: text.replace("du suspect.", "du suspect présumé."))
    problems = messages(site.build())
    assert f"content/communiques/2019/{CASE}.fr.md:7: body: {CHANGED}" in problems
    assert untouched(site, before)


def test_a_moved_file_unchanged_is_no_silent_change(tmp_path):
    """Only the folder rule speaks of it: its text is the one published."""
    site, _ = published_site(tmp_path)
    moved(site, "ar", "2019")
    assert not [p for p in messages(site.build()) if "no change note" in p]


def test_a_title_edit_is_refused(tmp_path):
    site, before = published_site(tmp_path)
    text = TRANSLATION.format(id=CASE).replace("pour vol avec violence", "pour vol")
    site.write(f"communiques/2026/{CASE}.fr.md", text, raw=True)
    assert messages(site.build()) == [f"{FR}:4: title: {CHANGED}"]
    assert untouched(site, before)


def test_a_front_matter_edit_is_refused(tmp_path):
    site, before = published_site(tmp_path)
    original = case_files(CASE)[f"communiques/2026/{CASE}.ar.md"]
    site.write(f"communiques/2026/{CASE}.ar.md", original.replace("age: 24", "age: 25"), raw=True)
    assert messages(site.build()) == [f"{AR}:16: suspects[0].age: {CHANGED}"]
    assert untouched(site, before)


def test_a_body_line_that_looks_like_a_free_line_is_not_free(tmp_path):
    """Only the front matter's own `reviewed:` line may change without a note."""
    site, _ = published_site(tmp_path)
    text = TRANSLATION.format(id=CASE) + "reviewed: texte publié.\n"
    site.write(f"communiques/2026/{CASE}.fr.md", text, raw=True)
    site.build()  # published with that line: it is now part of the record
    site.write(f"communiques/2026/{CASE}.fr.md", text.replace("publié", "récrit"), raw=True)
    assert messages(site.build()) == [f"{FR}:8: body: {CHANGED}"]


def test_a_renamed_id_is_a_deleted_communique(tmp_path):
    site, before = published_site(tmp_path)
    for path in site.content.glob(f"communiques/2026/{CASE}.*"):
        path.unlink()
    other = "2026-11-27-casablanca-theft"
    for path, text in case_files(other).items():
        site.write(path, text, raw=True)
    problems = messages(site.build())
    assert [p.split(": ", 2)[:2] for p in problems] == [
        [f"{p}:2", "file"] for p in case_paths(CASE)
    ]
    assert all("cannot be deleted" in p for p in problems)
    assert untouched(site, before)


def test_a_published_translation_cannot_be_deleted(tmp_path):
    site, before = published_site(tmp_path)
    (site.content / FR.removeprefix("content/")).unlink()
    problems = messages(site.build())
    assert [p for p in problems if "cannot be deleted" in p] == [
        f"{FR}:2: file: was published on 2026-11-27 and cannot be deleted: its address is a "
        f"promise; restore the file and withdraw the communiqué instead (invoke withdraw {CASE} "
        "--reason '…')"
    ]
    assert untouched(site, before)


def test_a_translation_added_later_is_published(tmp_path):
    site = make_site(tmp_path, {f"communiques/2026/{CASE}.ar.md": case_files(CASE)[AR[8:]]})
    site.build()
    for path, text in case_files(CASE).items():
        site.write(path, text, raw=True)
    assert site.build().ok
    assert (site.output / f"fr/communiques/{CASE}/index.html").exists()


def test_a_published_communique_cannot_go_back_under_embargo(tmp_path):
    site, before = published_site(tmp_path)
    original = case_files(CASE)[AR[8:]]
    site.write(
        AR[8:],
        original.replace("published: 2026-11-27T18:30", "published: 2026-11-27T23:30"),
        raw=True,
    )
    problems = messages(site.build(COMMUNIQUES={"now": "2026-11-27T20:00+01:00"}))
    assert problems == [
        f"{path}:{line}: published: the communiqué was published on 2026-11-27 and cannot go "
        "back under embargo; restore its publication date"
        for path, line in ((AR, 6), *((p, 1) for p in translation_paths(CASE)))
    ]
    assert untouched(site, before)


def test_a_record_kept_by_path_is_read_by_language(tmp_path):
    """The record a site published before this change still holds its communiqués."""

    site, _ = published_site(tmp_path)
    path = site.output / ".published-record.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    for entry in record.values():
        entry["files"] = {file.pop("path"): file for file in entry["files"].values()}
    path.write_text(json.dumps(record), encoding="utf-8")
    moved(site, "fr", "2019", lambda text: text.replace("du suspect.", "du suspect présumé."))
    assert f"content/communiques/2019/{CASE}.fr.md:7: body: {CHANGED}" in messages(site.build())


def test_invoke_validate_checks_the_record_as_the_guides_promise(tmp_path, monkeypatch, capsys):
    """The guides (sections 6 and 14) say that `invoke validate` refuses a silent change to a
    published communiqué, before any commit or push: the task itself, run on a project whose
    content is a published site's."""
    site, _ = published_site(tmp_path / "site")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    for name in ("theme", "plugins"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(site.content, project / "content")
    source = project / "content" / FR[8:]
    text = source.read_text(encoding="utf-8").replace("du suspect.", "du suspect présumé.")
    source.unlink()
    (project / "content/communiques/2019").mkdir()
    (project / f"content/communiques/2019/{CASE}.fr.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(tasks, "ROOT", project)
    with pytest.raises(invoke.Exit) as stopped:
        tasks.validate(invoke.Context(), published=str(site.output))
    printed = capsys.readouterr().out.splitlines()
    assert f"content/communiques/2019/{CASE}.fr.md:7: body: {CHANGED}" in printed
    assert stopped.value.code == 1


def test_a_published_communique_moved_to_the_drafts_is_deleted_for_validate_too(tmp_path):
    """`invoke validate` reads the drafts; the build does not: both must refuse, or the server's
    gate (validate) lets through a push that no build can publish."""
    from communiques_site.communiques.loading import load
    from sites import site_settings

    site, _ = published_site(tmp_path)
    for language in codes():
        source = site.content / f"communiques/2026/{CASE}.{language}.md"
        site.write(f"drafts/{CASE}.{language}.md", source.read_text(encoding="utf-8"), raw=True)
        source.unlink()
    settings = site_settings(
        PATH=str(site.content),
        CACHE_PATH=str(tmp_path / "cache"),
        COMMUNIQUES={"now": "2026-11-28T12:00+01:00"},
    )
    _, problems = load(settings, drafts=True, published=str(site.output))
    every = case_paths(CASE)
    assert [p.path for p in problems.sorted() if "cannot be deleted" in p.message] == every
    assert [p.path for p in site.build().problems if "cannot be deleted" in p.message] == every
