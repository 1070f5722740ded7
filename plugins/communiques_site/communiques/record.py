"""The published record is permanent: a communiqué once published cannot disappear from the
content, and its files cannot change unless the same change adds an update (or a withdrawal)
that says what changed.

Each build leaves in its output a record of the published cases, by id and language (wherever
their files lie: moving a file to another folder changes nothing of what was published): for
each file its digest and a short hash of each line, and how many changes (updates, withdrawal)
the case had. The next build compares the content with the record of the site it is about to
replace, so the check holds for `invoke publish` (the record travels with the site) and for
every local build alike.
"""

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import orjson

from communiques_site.core.problems import Problems

from .model import Case

if TYPE_CHECKING:
    from .read_cache import FileFacts

RECORD = ".published-record.json"  # a dot file: built and uploaded, never served (nginx)


class FileRecord(TypedDict, total=False):
    path: str
    digest: str
    lines: str  # line_hashes
    id_line: int  # older records have none


class CaseRecord(TypedDict):
    published: str  # ISO 8601
    changes: int  # updates and withdrawal
    files: dict[str, FileRecord]  # by language


Record = dict[str, CaseRecord]  # by case id


def line_hashes(text: str, free: Iterable[int] = ()) -> str:
    """'line:hash' for each line that counts, six hex digits a hash, dot-separated: enough to
    find where two versions part, and to say at which line of the new one. `free`: the lines
    that may change without a change note (a translator's `reviewed:` date says nothing new to
    readers), given by number so that no other line can pass for one."""
    free = set(free)
    return ".".join(
        f"{number}:{hashlib.blake2b(line.encode(), digest_size=3).hexdigest()}"
        for number, line in enumerate(text.split("\n"), start=1)
        if number not in free
    )


def changes(case: Case) -> int:
    return len(case.updates) + (case.withdrawn is not None)


def entries(cases: Iterable[Case], files: Iterable["FileFacts"]) -> Record:
    """The record of `cases` (as written in the files: future updates included), each file by
    the case's id and its language."""
    by_path = {fact.shown: fact for fact in files}
    record: Record = {}
    for case in cases:
        if case.draft:
            continue
        record[case.id] = {
            "published": case.published.isoformat(),
            "changes": changes(case),
            "files": {lang: _file(by_path[text.path]) for lang, text in sorted(case.texts.items())},
        }
    return record


def _file(fact: "FileFacts") -> FileRecord:
    return {
        "path": fact.shown,
        "digest": fact.digest,
        "lines": fact.line_hashes,
        "id_line": fact.line("id"),
    }


def load(folder: str | Path | None) -> Record:
    return upgraded(read(folder))


def read(folder: str | Path | None) -> Record:
    """The record in `folder` as it is written there (load: as this code reads it)."""
    path = Path(folder) / RECORD if folder else None
    if path is None or not path.exists():
        return {}
    try:
        found: Record = orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}  # an unreadable record cannot hold a change back; the next build writes one
    return found


def upgraded(record: Record) -> Record:
    return {case_id: _by_language(entry) for case_id, entry in record.items()}


def _by_language(entry: CaseRecord) -> CaseRecord:
    """Records written before they were kept by language named each file by its path
    (`<folder>/<id>.<lang>.md`): the language is in the name."""
    files: dict[str, FileRecord] = {}
    for key, file in entry["files"].items():
        if "path" in file:
            files[key] = file
        else:
            files[key.rsplit(".", 2)[-2]] = {**file, "path": key}
    return {**entry, "files": files}


def removed_since(live: str | Path, previous: str | Path) -> list[str]:
    """The ids of the communiqués the tree `live` publishes and the tree `previous` does not:
    what putting `previous` back would remove."""
    return sorted(set(load(live)) - set(load(previous)))


def write(folder: str | Path, record: Record) -> None:
    (Path(folder) / RECORD).write_bytes(orjson.dumps(record, option=orjson.OPT_SORT_KEYS))


def check(
    previous: Record,
    current: Record,
    embargoed: set[str],
    files: Sequence["FileFacts"],
    problems: Problems,
) -> None:
    """Report every published case that disappeared, went back under embargo, lost a language
    or changed without a change note. `current`: the record of every case of the content;
    `embargoed`: the ids of those whose publication is in the future."""
    by_path = {fact.shown: fact for fact in files}
    present = {(fact.name_id, fact.lang) for fact in files}
    for case_id, before in sorted(previous.items()):
        day = datetime.fromisoformat(before["published"]).date().isoformat()
        lost = [file for lang, file in before["files"].items() if (case_id, lang) not in present]
        _deleted(case_id, lost, day, problems)
        now = current.get(case_id)
        if now is None:
            continue  # deleted, or its files did not assemble (their problems are reported)
        if case_id in embargoed:
            for file in now["files"].values():
                problems.add(
                    file["path"],
                    by_path[file["path"]].line("published"),
                    "published",
                    f"the communiqué was published on {day} and cannot go back under embargo; "
                    "restore its publication date",
                )
            continue
        if now["changes"] > before["changes"]:
            continue  # the same change says what changed
        for lang, file in now["files"].items():
            old = before["files"].get(lang)
            if old is None or old["digest"] == file["digest"]:
                continue  # a translation added later; or the same bytes, wherever they lie
            line = _first_difference(old["lines"], file["lines"])
            if line is None:
                continue  # only free lines changed (a translator's review date)
            fact = by_path[file["path"]]
            problems.add(
                file["path"],
                line,
                _field_at(fact, line),
                f"changed since it was published on {day}, with no change note; say what "
                f"changed with an update (invoke update {case_id} --kind minor for a "
                "correction, major for a new fact) or undo the change",
            )


def _deleted(case_id: str, files: list[FileRecord], day: str, problems: Problems) -> None:
    for file in sorted(files, key=lambda file: file["path"]):
        problems.add(
            file["path"],
            file.get("id_line", 1),
            "file",
            f"was published on {day} and cannot be deleted: its address is a promise; "
            f"restore the file and withdraw the communiqué instead "
            f"(invoke withdraw {case_id} --reason '…')",
        )


def _first_difference(old: str, new: str) -> int | None:
    """The line of the new version where it parts from the old one; None if they do not."""
    old_lines, new_lines = old.split("."), new.split(".")
    for a, b in zip(old_lines, new_lines, strict=False):
        if a.split(":")[1] != b.split(":")[1]:
            return int(b.split(":")[0])
    if len(new_lines) > len(old_lines):
        return int(new_lines[len(old_lines)].split(":")[0])
    if len(new_lines) < len(old_lines):
        return int(new_lines[-1].split(":")[0]) + 1  # lines were removed at the end
    return None


def _field_at(fact: "FileFacts", line: int) -> str:
    """The front-matter field on or above `line` (the innermost: `suspects[0].age`), or the
    body."""
    if line >= fact.body_line:
        return "body"
    above = [(at, len(name), name) for name, at in fact.lines.items() if at <= line]
    return max(above)[2] if above else "front matter"
