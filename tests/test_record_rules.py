"""The rules of the published record (communiques/record.py), one by one, without a site build:
its functions called on hand-made cases, file facts and records. tests/test_record.py tries the
same rules through whole builds."""

import hashlib
import json
from datetime import datetime, timedelta

import pytest

from communiques_site.communiques import record
from communiques_site.communiques.model import Case, Text, Update, Video, Withdrawal
from communiques_site.communiques.read_cache import FileFacts
from communiques_site.core.problems import Problems

CASE = "2026-11-27-casablanca-robbery"
AT = datetime(2026, 11, 27, 9, 30)
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"
NOTE = (
    "changed since it was published on 2026-11-27, with no change note; say what changed with "
    f"an update (invoke update {CASE} --kind minor for a correction, major for a new fact) or "
    "undo the change"
)


def short(line):
    return hashlib.blake2b(line.encode(), digest_size=3).hexdigest()


def facts(path, text, lang=None, name_id=CASE, free=(), lines=None, body_line=6, digest=None):
    lang = lang or path.rsplit(".", 2)[-2]
    return FileFacts(
        path=f"/site/{path}",
        shown=path,
        lang=lang,
        name_id=name_id,
        digest=digest or hashlib.sha256(text.encode()).hexdigest(),
        line_hashes=record.line_hashes(text, free),
        lines={"id": 2, "published": 3, "title": 4} if lines is None else lines,
        body_line=body_line,
        reviewed=None,
        exceptions=(),
    )


def case(case_id=CASE, paths=(AR, FR), updates=(), withdrawn=None, draft=False):
    return Case(
        id=case_id,
        type="arrest",
        original_lang="ar",
        published=AT,
        city="casablanca",
        issuer="dgsn",
        offences=("robbery",),
        video=Video("tiktok", AT - timedelta(hours=3), None, "authentic"),
        arrested_at=AT,
        suspects=(),
        sought=0,
        initial_status="arrested",
        seized=(),
        updates=tuple(updates),
        withdrawn=withdrawn,
        texts={
            path.rsplit(".", 2)[-2]: Text(path.rsplit(".", 2)[-2], path, "t", "s", None, "<p/>")
            for path in paths
        },
        draft=draft,
    )


TEXT = "---\nid: x\npublished: 2026-11-27\ntitle: t\n---\nline one\nline two\n"


def published(text=TEXT, changes=0, **files):
    """A record of CASE with a file per language: files = {lang: (path, text)}."""
    files = files or {"ar": (AR, text), "fr": (FR, text)}
    return {
        CASE: {
            "published": AT.isoformat(),
            "changes": changes,
            "files": {
                lang: record._file(facts(path, body)) for lang, (path, body) in files.items()
            },
        }
    }


def checked(previous, texts, embargoed=(), changes=0, lines=None, body_line=6):
    """check() of `previous` against content of CASE's files {path: text}."""
    files = [facts(path, text, lines=lines, body_line=body_line) for path, text in texts.items()]
    paths = [fact.shown for fact in files]
    current = record.entries([case(paths=paths, updates=[_update()] * changes)], files)
    problems = Problems()
    record.check(previous, current, set(embargoed), files, problems)
    return [str(p) for p in problems.items]


def _update():
    return Update(AT + timedelta(days=1), "minor", None, {"fr": "Correction."})


# line_hashes


def test_line_hashes_numbers_each_line_from_one_with_a_six_digit_hash():
    assert record.line_hashes("a\nb\n") == f"1:{short('a')}.2:{short('b')}.3:{short('')}"
    assert len(short("a")) == 6


def test_line_hashes_leaves_out_the_free_lines_by_number_only():
    assert record.line_hashes("a\nb\na", free=[1]) == f"2:{short('b')}.3:{short('a')}"
    assert record.line_hashes("a\nb", free=iter([2])) == f"1:{short('a')}"


def test_line_hashes_of_an_empty_text_is_its_one_empty_line():
    assert record.line_hashes("") == f"1:{short('')}"


# changes and entries


def test_changes_count_updates_and_a_withdrawal():
    assert record.changes(case()) == 0
    assert record.changes(case(updates=[_update(), _update()])) == 2
    withdrawal = Withdrawal(AT + timedelta(days=2), {"fr": "Erreur."})
    assert record.changes(case(updates=[_update()], withdrawn=withdrawal)) == 2
    assert record.changes(case(withdrawn=withdrawal)) == 1


def test_entries_record_each_file_by_language_and_leave_drafts_out():
    ar, fr = facts(AR, TEXT), facts(FR, "autre\n", lines={"published": 3})
    other = "2026-11-28-rabat-theft"
    draft = case(other, paths=(f"content/drafts/{other}.fr.md",), draft=True)
    entries = record.entries([draft, case(updates=[_update()])], [fr, ar])
    assert entries == {
        CASE: {
            "published": "2026-11-27T09:30:00",
            "changes": 1,
            "files": {
                "ar": {"path": AR, "digest": ar.digest, "lines": ar.line_hashes, "id_line": 2},
                "fr": {"path": FR, "digest": fr.digest, "lines": fr.line_hashes, "id_line": 1},
            },
        }
    }
    assert list(entries[CASE]["files"]) == ["ar", "fr"]


# load, write, _by_language, removed_since


def test_write_then_load_gives_the_record_back(tmp_path):
    entries = published()
    record.write(tmp_path, entries)
    text = (tmp_path / ".published-record.json").read_text(encoding="utf-8")
    assert text == json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert record.load(tmp_path) == entries
    assert record.load(str(tmp_path)) == entries


def test_write_keeps_arabic_as_it_is(tmp_path):
    record.write(tmp_path, {"ك": {"published": "", "changes": 0, "files": {}}})
    assert (tmp_path / record.RECORD).read_text(encoding="utf-8") == (
        '{"ك":{"changes":0,"files":{},"published":""}}'
    )


def test_no_record_loads_as_none(tmp_path):
    assert record.load(None) == {}
    assert record.load("") == {}
    assert record.load(tmp_path) == {}


@pytest.mark.parametrize("text", ["{not json", ""])
def test_an_unreadable_record_loads_as_none(tmp_path, text):
    (tmp_path / record.RECORD).write_text(text, encoding="utf-8")
    assert record.load(tmp_path) == {}


def test_a_record_that_is_not_text_loads_as_none(tmp_path):
    (tmp_path / record.RECORD).write_bytes(b"\xff\xfe{}")
    assert record.load(tmp_path) == {}


def test_a_record_that_cannot_be_read_loads_as_none(tmp_path):
    (tmp_path / record.RECORD).mkdir()
    assert record.load(tmp_path) == {}


def test_an_old_record_by_path_is_read_by_language(tmp_path):
    old = {
        CASE: {
            "published": "2026-11-27T09:30:00",
            "changes": 0,
            "files": {AR: {"digest": "d1", "lines": "1:aaaaaa"}, FR: {"digest": "d2"}},
        }
    }
    (tmp_path / record.RECORD).write_text(json.dumps(old), encoding="utf-8")
    assert record.load(tmp_path) == {
        CASE: {
            "published": "2026-11-27T09:30:00",
            "changes": 0,
            "files": {
                "ar": {"digest": "d1", "lines": "1:aaaaaa", "path": AR},
                "fr": {"digest": "d2", "path": FR},
            },
        }
    }


def test_a_record_by_language_is_read_as_it_is():
    entry = published()[CASE]
    assert record._by_language(entry) == entry


def test_removed_since_names_what_the_older_tree_lacks(tmp_path):
    live, previous = tmp_path / "live", tmp_path / "previous"
    live.mkdir()
    previous.mkdir()
    entry = published()[CASE]
    record.write(live, {"c": entry, "a": entry, "b": entry})
    record.write(previous, {"b": entry, "d": entry})
    assert record.removed_since(live, previous) == ["a", "c"]
    assert record.removed_since(previous, live) == ["d"]
    assert record.removed_since(live, tmp_path / "none") == ["a", "b", "c"]


# check


def test_the_same_content_passes():
    assert checked(published(), {AR: TEXT, FR: TEXT}) == []


def test_a_moved_file_passes():
    moved = {AR.replace("2026", "archive", 1): TEXT, FR: TEXT}
    assert checked(published(), moved) == []


def test_a_deleted_case_is_reported_per_file_at_its_id_line():
    message = (
        "was published on 2026-11-27 and cannot be deleted: its address is a promise; restore "
        f"the file and withdraw the communiqué instead (invoke withdraw {CASE} --reason '…')"
    )
    assert checked(published(), {}) == [f"{AR}:2: file: {message}", f"{FR}:2: file: {message}"]
    # in the order of their paths, whatever the record's order
    previous = published(fr=(FR, TEXT), ar=(AR, TEXT))
    assert checked(previous, {}) == [f"{AR}:2: file: {message}", f"{FR}:2: file: {message}"]


def test_a_deleted_file_of_an_old_record_is_reported_at_line_one():
    previous = published()
    del previous[CASE]["files"]["fr"]["id_line"]
    assert checked(previous, {AR: TEXT}) == [
        f"{FR}:1: file: was published on 2026-11-27 and cannot be deleted: its address is a "
        "promise; restore the file and withdraw the communiqué instead "
        f"(invoke withdraw {CASE} --reason '…')"
    ]


def test_a_lost_language_is_reported_even_with_a_change_note():
    problems = checked(published(), {AR: TEXT + "more\n"}, changes=1)
    assert problems == [
        f"{FR}:2: file: was published on 2026-11-27 and cannot be deleted: its address is a "
        "promise; restore the file and withdraw the communiqué instead "
        f"(invoke withdraw {CASE} --reason '…')"
    ]


def test_a_file_of_another_case_does_not_stand_for_a_lost_one():
    files = [facts(AR, TEXT), facts(FR, TEXT, name_id="2026-11-28-other")]
    current = record.entries([case()], files)
    problems = Problems()
    record.check(published(), current, set(), files, problems)
    assert [(p.path, p.field) for p in problems.items] == [(FR, "file")]


def test_a_case_back_under_embargo_is_reported_at_each_file_publication_date():
    message = (
        "the communiqué was published on 2026-11-27 and cannot go back under embargo; restore "
        "its publication date"
    )
    assert checked(published(), {AR: TEXT + "x", FR: TEXT}, embargoed={CASE}) == [
        f"{AR}:3: published: {message}",
        f"{FR}:3: published: {message}",
    ]
    # a file with no publication line: its first line
    assert checked(published(), {AR: TEXT, FR: TEXT}, embargoed={CASE}, lines={}) == [
        f"{AR}:1: published: {message}",
        f"{FR}:1: published: {message}",
    ]


def test_the_embargo_of_another_case_is_not_this_one():
    assert checked(published(), {AR: TEXT, FR: TEXT}, embargoed={"other"}) == []


def test_a_silent_change_is_reported_at_its_first_line_and_field():
    changed = TEXT.replace("line two", "line 2")
    assert checked(published(), {AR: TEXT, FR: changed}) == [f"{FR}:7: body: {NOTE}"]
    title = TEXT.replace("title: t", "title: T")
    assert checked(published(), {AR: title, FR: TEXT}) == [f"{AR}:4: title: {NOTE}"]


def test_every_changed_language_is_reported():
    changed = TEXT.replace("line one", "line 1")
    assert checked(published(), {AR: changed, FR: changed}) == [
        f"{AR}:6: body: {NOTE}",
        f"{FR}:6: body: {NOTE}",
    ]


def test_a_change_with_a_new_change_note_passes():
    changed = TEXT.replace("line two", "line 2")
    assert checked(published(), {AR: changed, FR: changed}, changes=1) == []
    assert checked(published(changes=1), {AR: TEXT, FR: changed}, changes=2) == []


def test_a_change_with_no_new_note_is_reported_even_if_notes_were_there():
    changed = TEXT.replace("line two", "line 2")
    assert checked(published(changes=1), {AR: TEXT, FR: changed}, changes=1) == [
        f"{FR}:7: body: {NOTE}"
    ]


def test_a_change_note_taken_away_does_not_excuse_a_change():
    changed = TEXT.replace("line two", "line 2")
    assert checked(published(changes=2), {AR: TEXT, FR: changed}, changes=1) == [
        f"{FR}:7: body: {NOTE}"
    ]


def test_a_translation_added_later_is_free():
    previous = published(ar=(AR, TEXT))
    assert checked(previous, {AR: TEXT, FR: "anything\n"}) == []


def test_lines_added_at_the_end_are_reported_at_the_first_new_one():
    assert checked(published(), {AR: TEXT + "\nnew", FR: TEXT}) == [f"{AR}:9: body: {NOTE}"]


def test_lines_removed_at_the_end_are_reported_after_the_last_kept_one():
    shorter = "---\nid: x\npublished: 2026-11-27\ntitle: t\n---\nline one"
    assert checked(published(), {AR: TEXT, FR: shorter}) == [f"{FR}:7: body: {NOTE}"]


def test_a_line_inserted_is_reported_where_it_is():
    inserted = TEXT.replace("line one\n", "line one\ninserted\n")
    assert checked(published(), {AR: TEXT, FR: inserted}) == [f"{FR}:7: body: {NOTE}"]


def test_a_change_of_free_lines_only_passes():
    previous = {
        CASE: {
            "published": AT.isoformat(),
            "changes": 0,
            "files": {"fr": record._file(facts(FR, TEXT + "reviewed: 1", free=[8]))},
        }
    }
    files = [facts(FR, TEXT + "reviewed: 2", free=[8])]
    current = record.entries([case(paths=(FR,))], files)
    problems = Problems()
    record.check(previous, current, set(), files, problems)
    assert problems.items == []


def test_the_field_reported_is_the_innermost_on_or_above_the_line():
    fact = facts(FR, TEXT, lines={"suspects": 4, "suspects[0]": 5, "suspects[0].age": 5, "id": 2})
    fact_body = 8
    fact = FileFacts(**{**fact.__dict__, "body_line": fact_body})
    assert record._field_at(fact, 1) == "front matter"
    assert record._field_at(fact, 2) == "id"
    assert record._field_at(fact, 3) == "id"
    assert record._field_at(fact, 4) == "suspects"
    assert record._field_at(fact, 5) == "suspects[0].age"
    assert record._field_at(fact, 7) == "suspects[0].age"
    assert record._field_at(fact, 8) == "body"
    assert record._field_at(fact, 9) == "body"


def test_first_difference():
    lines = record.line_hashes("a\nb\nc")
    assert record._first_difference(lines, lines) is None
    assert record._first_difference(lines, record.line_hashes("a\nB\nc")) == 2
    assert record._first_difference(lines, record.line_hashes("A\nb\nc")) == 1
    assert record._first_difference(lines, record.line_hashes("a\nb\nc\nd")) == 4
    assert record._first_difference(lines, record.line_hashes("a\nb")) == 3
    assert record._first_difference(lines, record.line_hashes("a")) == 2
    # free lines left out: numbers are the new version's
    assert record._first_difference(lines, record.line_hashes("x\na\nb\nC", free=[1])) == 4
    assert record._first_difference(lines, record.line_hashes("x\na\nb\nc", free=[1])) is None


def test_each_case_is_checked_whatever_the_cases_before_it():
    """A deleted case, one back under embargo, one changed with its note and one whose first
    language changed only a free line (its second a silent change): the next language's and the
    next case's silent changes are still reported."""
    ids = ["a-deleted", "b-embargoed", "c-noted", "d-free", "e-silent"]
    reviewed = TEXT + "reviewed: 1"
    before = [
        facts(f"content/{i}.{lang}.md", reviewed, name_id=i, free=[8])
        for i in ids
        for lang in ("ar", "fr")
    ]
    previous = record.entries(
        [case(i, paths=(f"content/{i}.ar.md", f"content/{i}.fr.md")) for i in ids], before
    )
    changed = {
        "content/c-noted.ar.md": TEXT.replace("line one", "line 1") + "reviewed: 1",
        "content/d-free.ar.md": TEXT + "reviewed: 2",
        "content/d-free.fr.md": TEXT.replace("line one", "line 1") + "reviewed: 1",
        "content/e-silent.fr.md": TEXT.replace("line two", "line 2") + "reviewed: 1",
    }
    files = [
        facts(fact.shown, changed.get(fact.shown, reviewed), name_id=fact.name_id, free=[8])
        for fact in before
        if fact.name_id != "a-deleted"
    ]
    cases = [
        case(
            i,
            paths=(f"content/{i}.ar.md", f"content/{i}.fr.md"),
            updates=[_update()] if i == "c-noted" else (),
        )
        for i in ids[1:]
    ]
    problems = Problems()
    record.check(previous, record.entries(cases, files), {"b-embargoed"}, files, problems)
    assert [(p.path, p.line, p.field) for p in problems.items] == [
        ("content/a-deleted.ar.md", 2, "file"),
        ("content/a-deleted.fr.md", 2, "file"),
        ("content/b-embargoed.ar.md", 3, "published"),
        ("content/b-embargoed.fr.md", 3, "published"),
        ("content/d-free.fr.md", 6, "body"),
        ("content/e-silent.fr.md", 7, "body"),
    ]
