"""What officers' tools and hostile hands write, refused with a sentence: time-zone offsets that
no clock has, symbolic links, files the build would ignore, a communiqué in another year's
folder, dates before the service began, texts longer than any communiqué, invisible text."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from communiques_site.communiques import editing
from sites import ORIGINAL, TRANSLATION, case_files, make_site
from test_validation import AR, CASE, FR, check, edit, messages


@pytest.mark.parametrize("offset", ["+25:00", "-24:00", "+99:99", "+01:60", "-12:30", "+14:01"])
def test_an_offset_no_clock_has_is_refused_with_its_line(tmp_path, offset):
    found = messages(
        tmp_path, edit("published: 2026-11-27T18:30", f"published: 2026-11-27T18:30{offset}")
    )
    assert found == [
        f"{AR}:6: published: '{offset}' in '2026-11-27T18:30{offset}' is not a time-zone offset "
        "(hours from -12 to +14, minutes below 60); write +01:00 or +00:00 as Moroccan time has "
        "it, or leave the offset out (the time is then read as Moroccan legal time)"
    ]


@pytest.mark.parametrize("offset", ["+01:00", "+0100", "Z", "-12:00", "+14:00"])
def test_a_real_offset_is_read(tmp_path, offset):
    text = edit("published: 2026-11-27T18:30", f"published: 2026-11-27T18:30{offset}")
    found = check(tmp_path, case_files(CASE, text))[1]
    assert found == [] or all("published" in p for p in found)  # a far offset moves the day


LINK = (
    "file: is a symbolic link; a communiqué or registry must be a file of its own: replace "
    "the link with the file it points to"
)


def test_a_symbolic_link_to_a_file_outside_is_refused(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    outside = tmp_path / "secret.md"
    outside.write_text(TRANSLATION.format(id=CASE), encoding="utf-8")
    (site.content / FR[8:]).unlink()
    (site.content / FR[8:]).symlink_to(outside)
    result = site.build()
    assert f"{FR}:1: {LINK}" in [str(p) for p in result.problems]
    assert not (site.output / f"fr/communiques/{CASE}/index.html").exists()


@pytest.mark.parametrize("where", ["communiques/2026/linked", "data/more", "pages/linked.fr.md"])
def test_a_symbolic_link_anywhere_in_content_is_refused(tmp_path, where):
    site = make_site(tmp_path / "site", case_files(CASE))
    target = tmp_path / "elsewhere"
    target.mkdir()
    (site.content / where).symlink_to(target)
    assert f"content/{where}:1: {LINK}" in [str(p) for p in site.build().problems]


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        (f"{CASE}.fr.MD", f"rename it {CASE}.fr.md"),
        (f"{CASE}.fr.Md", f"rename it {CASE}.fr.md"),
        (f"{CASE}.fr.markdown", "rename it <id>.<lang>.md if it is a communiqué, or remove it"),
        (f"{CASE}.fr.md.txt", "rename it <id>.<lang>.md if it is a communiqué, or remove it"),
    ],
)
def test_a_file_the_build_would_ignore_is_refused(tmp_path, name, fix):
    files = case_files(CASE)
    files[f"communiques/2026/{name}"] = files.pop(FR[8:])
    found = check(tmp_path, files)[1]
    assert (
        f"content/communiques/2026/{name}:1: file: the build reads only the files whose name "
        f"ends in '.md' (lower case); {fix}"
    ) in found


@pytest.mark.parametrize(
    ("folder", "where"),
    [
        ("2025", "the folder '2025'"),
        ("2026/old", "the folder '2026/old'"),
        ("", "no year's folder"),
    ],
)
def test_a_communique_lies_in_the_folder_of_its_year(tmp_path, folder, where):
    files = case_files(CASE)
    files[f"communiques/{folder}/{CASE}.fr.md".replace("//", "/")] = files.pop(FR[8:])
    shown = f"content/communiques/{folder}/{CASE}.fr.md".replace("//", "/")
    assert check(tmp_path, files)[1] == [
        f"{shown}:1: file: is in {where}, but its id is of 2026; move it to {FR}"
    ]


def test_a_date_before_the_service_is_refused(tmp_path):
    old = "2024-11-27-casablanca-robbery"
    found = check(tmp_path, case_files(old, ORIGINAL.replace("2026-", "2024-")))[1]
    assert found == [
        f"content/communiques/2024/{old}.ar.md:6: published: 2024-11-27 is before the first "
        "communiqué of the service (2025-01-01, COMMUNIQUES['first_published']); check the year"
    ]


def test_a_pasted_document_is_refused_before_it_is_scanned(tmp_path):
    body = "نص " * 5000  # 15,000 characters
    found = messages(tmp_path, ORIGINAL + body)
    assert found == [
        f"{AR}:22: body: is 15,041 characters long; a communiqué has at most 12,000 (about "
        "2,000 words): shorten it"
    ]


def test_a_huge_file_is_refused_unread(tmp_path):
    found = messages(tmp_path, ORIGINAL + "x" * 300_000)
    assert found == [
        f"{AR}:1: file: is 293 KiB; a communiqué's file has at most 256 KiB: check that no "
        "other document was pasted into it"
    ]


def test_a_summary_longer_than_any_communique_is_refused(tmp_path):
    long = "ملخص " * 130
    found = messages(tmp_path, edit("summary: توقيف شخص ظهر في مقطع فيديو.", f"summary: {long}"))
    assert found == [f"{AR}:5: summary: is 649 characters long; it has at most 600: shorten it"]


def test_a_list_longer_than_any_communique_is_refused(tmp_path):
    updates = "".join(
        f"  - at: 2026-11-28T{10 + i // 60:02d}:{i % 60:02d}\n    kind: minor\n    note: تصحيح.\n"
        for i in range(51)
    )
    found = messages(
        tmp_path,
        edit(
            "status: referred-to-prosecutor\n",
            f"status: referred-to-prosecutor\nupdates:\n{updates}",
        ),
    )
    assert found[0] == (
        f"{AR}:22: updates: has 51 entries; a communiqué has at most 50: check the list"
    )


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200b\u200c\u200d\u2060", "\u200f \ufeff\n\u200e"]
)
def test_a_body_of_invisible_characters_is_no_text(tmp_path, invisible):
    found = messages(
        tmp_path, ORIGINAL.replace("تمكنت عناصر الشرطة من توقيف المشتبه فيه.\n", invisible)
    )
    assert f"{AR}:21: body: the communiqué has no text; write it below the closing '---'" in found


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
@settings(max_examples=200, deadline=None)
def test_the_tasks_write_what_they_are_given(tmp_path_factory, reason):
    """`invoke withdraw --reason 'C:\\x'` wrote YAML that did not read back."""
    path = tmp_path_factory.mktemp("withdraw") / f"{CASE}.fr.md"
    path.write_text(TRANSLATION.format(id=CASE), encoding="utf-8")
    editing.add_withdrawal(path, reason, at="2026-11-28T10:00")
    editing.add_update(path, "2026-11-28T09:00", reason, kind="minor")
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["withdrawn"]["reason"] == reason
    assert front["updates"][0]["note"] == reason
