"""Read one communiqué file: its name, its front matter against the schema, its body."""

import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .schema import ID_PATTERN, LANGUAGES, Reader

NAME_PATTERN = re.compile(r"^(?P<id>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class Document:
    path: Path
    shown: str  # the path as messages show it
    lang: str
    name_id: str  # the case's id as the file name gives it
    values: dict
    lines: dict
    body: str = ""
    body_line: int = 1
    valid: bool = True  # no problem was found in this file on its own

    @property
    def id(self):
        return self.values.get("id")

    @property
    def is_translation(self):
        return "translation_of" in self.values

    def line(self, path, default=1):
        return self.lines.get(path, default)


def read(path, shown, registries, problems):
    """A Document (not `valid` when it has problems of its own), or None when even its name
    does not say which case and language it is."""

    def report(line, name, message):
        problems.add(shown, line, name, message)

    start = len(problems)

    match = NAME_PATTERN.match(path.name)
    if not match or match["lang"] not in LANGUAGES:
        report(
            1,
            "file",
            f"the name must be <id>.ar.md or <id>.fr.md, not '{path.name}'; rename the file",
        )
        return None
    unreadable = Document(path, shown, match["lang"], match["id"], {}, {}, valid=False)
    text = frontmatter.decode(path.read_bytes(), report)
    if text is None:
        return unreadable
    source = frontmatter.split(text, report)
    if source is None:
        return unreadable
    reader = Reader(registries, report)
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
    )
    case_id = values.get("id")
    if case_id is not None:
        _check_id(document, match["id"], report)
    if not source.body.strip():
        report(
            source.body_line - 1,
            "body",
            "the communiqué has no text; write it below the closing '---'",
        )
    document.valid = len(problems) == start
    return document


def _check_id(document, name_id, report):
    case_id = document.values["id"]
    line = document.line("id")
    if not ID_PATTERN.match(case_id):
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
