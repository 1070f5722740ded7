"""The published record is permanent: a communiqué once published cannot disappear from the
content, and its files cannot change unless the same change adds an update (or a withdrawal)
that says what changed.

Each build leaves in its output a record of the published cases: for each file its digest and a
short hash of each line, and how many changes (updates, withdrawal) the case had. The next build
compares the content with the record of the site it is about to replace, so the check holds for
`invoke publish` (the record travels with the site) and for every local build alike.
"""

import hashlib
import json
from datetime import datetime
from pathlib import Path

RECORD = ".published-record.json"  # a dot file: built and uploaded, never served (nginx)
# Lines that may change without a change note: a translator's "reviewed" date says nothing
# new to readers.
FREE_LINES = ("reviewed:",)


def line_hashes(text: str) -> str:
    """'line:hash' for each line that counts, six hex digits a hash, dot-separated: enough to
    find where two versions part, and to say at which line of the new one."""
    return ".".join(
        f"{number}:{hashlib.blake2b(line.encode(), digest_size=3).hexdigest()}"
        for number, line in enumerate(text.split("\n"), start=1)
        if not line.startswith(FREE_LINES)
    )


def changes(case) -> int:
    return len(case.updates) + (case.withdrawn is not None)


def entries(cases, documents) -> dict:
    """The record of `cases` (as written in the files: future updates included)."""
    by_path = {document.shown: document for document in documents}
    record = {}
    for case in cases:
        if case.draft:
            continue
        files = {text.path: by_path[text.path] for text in case.texts.values()}
        record[case.id] = {
            "published": case.published.isoformat(),
            "changes": changes(case),
            "files": {
                path: {"digest": doc.digest, "lines": doc.line_hashes, "id_line": doc.line("id")}
                for path, doc in sorted(files.items())
            },
        }
    return record


def load(folder) -> dict:
    path = Path(folder) / RECORD if folder else None
    if path is None or not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # an unreadable record cannot hold a change back; the next build writes one


def write(folder, record) -> None:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (Path(folder) / RECORD).write_text(text, encoding="utf-8")


def check(previous, current, documents, problems) -> None:
    """Report every published case that disappeared or changed without a change note."""
    by_path = {document.shown: document for document in documents}
    for case_id, before in sorted(previous.items()):
        day = datetime.fromisoformat(before["published"]).date().isoformat()
        now = current.get(case_id)
        if now is None:
            if not any(path in by_path for path in before["files"]):
                _deleted(case_id, before, day, problems)
            continue
        if now["changes"] > before["changes"]:
            continue  # the same change says what changed
        for path, file in now["files"].items():
            old = before["files"].get(path)
            if old is None or old["digest"] == file["digest"]:
                continue
            line = _first_difference(old["lines"], file["lines"])
            if line is None:
                continue  # only free lines changed (a translator's review date)
            field = _field_at(by_path[path], line)
            problems.add(
                path,
                line,
                field,
                f"changed since it was published on {day}, with no change note; say what "
                f"changed with an update (invoke update {case_id} --kind minor for a "
                "correction, major for a new fact) or undo the change",
            )


def _deleted(case_id, before, day, problems):
    for path, file in sorted(before["files"].items()):
        problems.add(
            path,
            file.get("id_line", 1),
            "file",
            f"was published on {day} and cannot be deleted: its address is a promise; "
            f"restore the file and withdraw the communiqué instead "
            f"(invoke withdraw {case_id} --reason '…')",
        )


def _first_difference(old, new):
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


def _field_at(document, line):
    """The front-matter field on or above `line`, or the body."""
    if line >= document.body_line:
        return "body"
    above = [(at, name) for name, at in document.lines.items() if at <= line and "." not in name]
    return max(above)[1] if above else "front matter"
