"""Read one communiqué file: its name, its front matter against the schema, its body."""

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communiques_site.core.problems import Problems

from . import frontmatter, markup, normal, privacy, record
from .schema import BODY_LENGTH, FILE_SIZE, ID_PATTERN, Reader, initials_problem

if TYPE_CHECKING:
    from .names import Names
    from .registry import Registries
    from .wording import Wording

Report = Callable[[int, str, str], None]  # (line, field, message) of a problem of the file
NAME_PATTERN = re.compile(r"^(?P<id>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class Document:
    path: Path
    shown: str  # the path as messages show it
    lang: str
    name_id: str  # the case's id as the file name gives it
    values: dict[str, Any]  # the front matter, typed by the schema
    lines: dict[str, int]  # field path -> its line
    body: str = ""
    body_line: int = 1
    valid: bool = True  # no problem was found in this file on its own
    digest: str = ""  # sha256 of the file's bytes
    line_hashes: str = ""  # record.line_hashes of its text: where a later change starts
    exceptions: tuple[tuple[int, str, str], ...] = ()  # (line, what, reason) of its exceptions

    @property
    def id(self) -> str | None:
        return self.values.get("id")

    @property
    def is_translation(self) -> bool:
        return "translation_of" in self.values

    def line(self, path: str, default: int = 1) -> int:
        return self.lines.get(path, default)


def digest(raw: bytes) -> str:
    """A content file's digest: of its bytes, as read (the read cache compares it with a file's
    bytes to know whether it changed)."""
    return hashlib.sha256(raw).hexdigest()


def read(
    path: Path,
    shown: str,
    registries: "Registries",
    problems: Problems,
    words: "Wording",
    raw: bytes | None = None,
) -> Document | None:
    """A Document (not `valid` when it has problems of its own), or None when even its name
    does not say which case and language it is. `words`: the site's languages and their words
    (wording.Wording)."""

    def report(line: int, name: str, message: str) -> None:
        problems.add(shown, line, name, message)

    start = len(problems)

    match = NAME_PATTERN.match(path.name)
    codes = words.languages.codes
    if not match or match["lang"] not in codes:
        names = " or ".join(f"<id>.{code}.md" for code in codes)
        report(1, "file", f"the name must be {names}, not '{path.name}'; rename the file")
        return None
    unreadable = Document(path, shown, match["lang"], match["id"], {}, {}, valid=False)
    raw = path.read_bytes() if raw is None else raw
    if len(raw) > FILE_SIZE:
        report(
            1,
            "file",
            f"is {len(raw) // 1024:,} KiB; a communiqué's file has at most {FILE_SIZE // 1024} "
            "KiB: check that no other document was pasted into it",
        )
        return unreadable
    loaded = frontmatter.load(raw, report)
    if loaded is None:
        return unreadable
    text, source = loaded
    if source is None:
        return unreadable
    reader = Reader(registries, report, codes)
    values = reader.read_fields(source.root)
    if values is None:
        return unreadable
    document = Document(
        path=path,
        shown=shown,
        lang=match["lang"],
        name_id=match["id"],
        values=values,
        lines=reader.lines,
        body=source.body,
        body_line=source.body_line,
        digest=digest(raw),
        line_hashes=record.line_hashes(text, free=_free_lines(reader.lines)),
    )
    if len(source.body) > BODY_LENGTH:
        # Before the body is scanned: a pasted document would cost every check its length.
        report(
            source.body_line,
            "body",
            f"is {len(source.body):,} characters long; a communiqué has at most "
            f"{BODY_LENGTH:,} (about 2,000 words): shorten it",
        )
        document.valid = False
        return document
    case_id = values.get("id")
    if case_id is not None:
        _check_id(document, match["id"], report)
    markup.check(document, report)  # before the privacy markers leave the body
    _check_privacy(document, registries.get("names"), report, words)
    _check_finished(document, report, words)
    _check_initials(document, report, words)
    if not source.body.strip():  # invisible characters left with normal.published
        report(
            source.body_line - 1,
            "body",
            "the communiqué has no text; write it below the closing '---'",
        )
    document.valid = len(problems) == start
    return document


def _free_lines(lines: Mapping[str, int]) -> list[int]:
    """The lines that may change after publication without a note: the translator's
    `reviewed:` date, when it is written on one line of the top level."""
    return [lines["reviewed"]] if "reviewed" in lines else []


def _check_id(document: Document, name_id: str, report: Report) -> None:
    case_id = document.values["id"]
    line = document.line("id")
    char = normal.foreign(case_id)
    western = normal.western_digits(case_id)
    if western != case_id and western.isascii():
        report(
            line,
            "id",
            f"'{case_id}' is written with digits other than 0-9; write the id, and name the "
            f"file, with the Western digits 0-9: {western}",
        )
    elif char is not None:
        report(
            line,
            "id",
            f"'{case_id}' contains {normal.describe(char)}, {normal.kind_of(char)}; write "
            "YYYY-MM-DD-<city>-<keyword> in lower-case ASCII letters, digits and '-'",
        )
    elif not ID_PATTERN.match(case_id):
        report(
            line,
            "id",
            f"'{case_id}' is not a valid id; write YYYY-MM-DD-<city>-<keyword> "
            "in lower-case ASCII letters, digits and '-'",
        )
    elif case_id != name_id:
        report(
            line,
            "id",
            f"'{case_id}' does not match the file name '{document.path.name}'; "
            f"rename the file to {case_id}.{document.lang}.md or correct the id",
        )


def _texts(document: Document) -> Iterator[tuple[str, str, int]]:
    """(field, text, first line) of every free text of the file, front matter and body."""
    values = document.values
    for name in ("title", "summary", "district"):
        if name in values:
            yield name, values[name], document.line(name)
    for index, update in enumerate(values.get("updates", [])):
        if "note" in update:
            field = f"updates[{index}].note"
            yield field, update["note"], document.line(field)
    reason = values.get("withdrawn", {}).get("reason")
    if reason:
        yield "withdrawn.reason", reason, document.line("withdrawn.reason")
    yield "body", document.body, document.body_line


def _initials(document: Document) -> Iterator[tuple[str, str, int]]:
    """(field, initials, line) of every suspect's initials in the file, those of the persons
    its updates add included."""
    values = document.values
    lists = [("", values.get("suspects", []))]
    lists += [
        (f"updates[{i}].", update.get("suspects", []))
        for i, update in enumerate(values.get("updates", []))
    ]
    for prefix, suspects in lists:
        for index, suspect in enumerate(suspects):
            if "initials" in suspect:
                field = f"{prefix}suspects[{index}].initials"
                yield field, suspect["initials"], document.line(field)


def _check_privacy(
    document: Document, names: "Names | None", report: Report, words: "Wording"
) -> None:
    listed = document.values.get("privacy_exceptions", [])
    allowed = [entry["text"] for entry in listed]
    for _, text, line in _texts(document):
        for hit in privacy.scan(text, line, allowed, names):
            if hit.kind == "minor's age":
                message = (
                    f'a child\'s exact age ("{hit.masked}"); write '
                    f'"{words(document.lang, "minor")}" (minor) instead of the age'
                )
            else:
                message = f'{hit.kind} "{hit.masked}"; remove it or add an exception'
            report(hit.line, "privacy", message)
    document.exceptions = tuple(
        [
            (line, "marker", reason)
            for line, reason in privacy.markers(document.body, document.body_line)
        ]
        + [
            (document.line(f"privacy_exceptions[{index}]"), entry["text"], entry["reason"])
            for index, entry in enumerate(listed)
        ]
    )
    document.body = privacy.strip_markers(document.body)


def _check_finished(document: Document, report: Report, words: "Wording") -> None:
    """No field still holds what the template wrote: a sample text (in any language, in any
    field: `district: Titre du communiqué`) or a placeholder of `invoke new --translate`."""
    samples, placeholders = words.samples(), words.placeholders()
    for field, text, line in [*_texts(document), *_initials(document)]:
        placeholder = next((mark for mark in placeholders if mark in text), None)
        if placeholder:
            report(line, field, f'still holds the placeholder "{placeholder}"; write it')
        elif text.strip() in samples:
            report(line, field, "still holds the template's sample text; write it")


def _check_initials(document: Document, report: Report, words: "Wording") -> None:
    for field, initials, line in _initials(document):
        if any(mark in initials for mark in words.placeholders()):
            continue  # reported as unfinished
        problem = initials_problem(
            normal.compared(initials), words.languages[document.lang], words.languages
        )
        if problem:
            report(line, field, problem)
