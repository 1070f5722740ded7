"""Split a communiqué file into its YAML front matter and its Markdown body.

The front matter is composed into YAML nodes (with line numbers) rather than loaded, so that every
later message can point at the line of the field it is about, and so that the schema, not YAML's
implicit typing, decides what `no` or `2026-11-27` means.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml

from . import normal

try:
    Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results
    Loader = yaml.SafeLoader

FENCE = "---"
Report = Callable[[int, str, str], None]  # (line, field, message) of a problem of the file


@dataclass
class Source:
    """A file's front matter nodes and body, with the line where each starts."""

    root: yaml.MappingNode
    body: str
    body_line: int


def decode(raw: bytes, report: Report) -> str | None:
    """Text of a file; a BOM and CRLF line ends are accepted. None when it is not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        report(
            line,
            "file",
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x} on this line); "
            "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load(raw: bytes, report: Report, keep_marks: bool = False) -> tuple[str, Source | None] | None:
    """(text, Source) of a file's bytes, the text as a reader sees it (normal.published), or
    (text, None) after reporting why it cannot be split, or None when it is not UTF-8 at all.

    The characters no text may hold (normal.refused) are reported with the field whose lines
    hold them, then left out of what is read, so that every other problem of the file is
    reported in the same run; the file is not valid, and nothing of it is published.
    `keep_marks`: the direction marks are kept (normal.published), for the site's own pages."""
    text = decode(raw, report)
    if text is None:
        return None
    refused = normal.refused(text)
    if refused:
        text = normal.without_refused(text)
    text = normal.published(text, keep_marks)
    source = split(text, report)
    where = _field_at(source)
    for line, char in refused:
        report(line, where(line), normal.refusal(char))
    return text, source


def _field_at(source: Source | None) -> Callable[[int], str]:
    """A function giving the name of the field written on a line of the file (`body` below the
    front matter; the field of the last key above it: a value may span several lines)."""
    if source is None:
        return lambda line: "file"
    keys = sorted(_keys(source.root, ""), key=lambda entry: entry[0])

    def field(line: int) -> str:
        if line >= source.body_line:
            return "body"
        above = [path for key_line, path in keys if key_line <= line]
        return above[-1] if above else "front matter"

    return field


def _keys(node: yaml.Node, prefix: str) -> Iterator[tuple[int, str]]:
    """(line, path) of every key and list item of the front matter, paths as schema.Reader
    writes them (video.platform, suspects[0].age)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = prefix + str(key.value)
            yield key.start_mark.line + 2, path
            yield from _keys(value, path + ".")
    elif isinstance(node, yaml.SequenceNode):
        base = prefix.rstrip(".")
        for index, item in enumerate(node.value):
            yield item.start_mark.line + 2, f"{base}[{index}]"
            yield from _keys(item, f"{base}[{index}].")


def split(text: str, report: Report) -> Source | None:
    """The front matter's YAML nodes and the body, or None after reporting why not."""
    if not text.strip():
        report(1, "file", "is empty; start from the template: invoke new --help")
        return None
    lines = text.split("\n")
    if lines[0].strip() != FENCE:
        report(
            1,
            "front matter",
            "the file must start with a line '---', then the fields, then another '---'; "
            "add the missing '---' on the first line",
        )
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)
    except StopIteration:
        report(
            1,
            "front matter",
            "the front matter opened on line 1 is never closed; "
            "add a line '---' after the last field, before the text",
        )
        return None
    front = "\n".join(lines[1:end])
    tabs = [number for number, line in enumerate(lines[1:end], start=2) if "\t" in line]
    for number in tabs:
        report(
            number,
            "front matter",
            "a tab on this line; the fields are indented with spaces only: "
            "replace the tab with spaces",
        )
    if tabs:
        return None
    try:
        root = yaml.compose(front, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        line, message = _yaml_problem(error)
        report(line, "front matter", message)
        return None
    except yaml.YAMLError as error:
        report(1, "front matter", f"YAML error: {error}; fix the front matter")
        return None
    if root is None:
        report(1, "front matter", "is empty; fill in the fields (see invoke new)")
        return None
    if not isinstance(root, yaml.MappingNode):
        report(
            root.start_mark.line + 2,
            "front matter",
            "must be a list of 'field: value' lines; write one field per line",
        )
        return None
    alias = _first_alias(root)
    if alias is not None:
        report(
            alias.start_mark.line + 2,
            "front matter",
            "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full",
        )
        return None
    body = "\n".join(lines[end + 1 :])
    return Source(root=root, body=body, body_line=end + 2)


# What YAML's messages mean for an officer, and how to fix it.
YAML_PROBLEMS = {
    "mapping values are not allowed": "a ':' where none is expected: align this line with "
    "the field above it, or put quotes around a value that contains ': '",
    "did not find expected key": "this line is not aligned with the fields around it; "
    "indent it as they are (spaces only)",
    "did not find expected '-' indicator": "this line is not aligned with the list item above "
    "it; indent it as the other fields of the item are",
    "could not find expected ':'": "a field without ':'; write 'name: value'",
}


def _yaml_problem(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """(line in the file, message) of a YAML error. A key whose ':' is missing is reported
    by YAML on the next line; the line it was scanning is the one to fix."""
    mark = error.problem_mark or error.context_mark
    if error.context == "while scanning a simple key" and error.context_mark:
        mark = error.context_mark
    line = mark.line + 2 if mark else 1  # + the opening '---', and counting from 1
    problem = error.problem or error.context or "invalid YAML"
    for start, meaning in YAML_PROBLEMS.items():
        if problem.startswith(start):
            return line, f"{meaning} (YAML: {problem})"
    return line, (
        f"YAML error: {problem}; check the indentation, and put quotes around "
        "a value that contains ':' or '#' or starts with a quote"
    )


def _first_alias(root: yaml.Node) -> yaml.Node | None:
    """A node reached twice, which only an alias can do. Stops at the first: a
    'billion laughs' file is a small graph of nodes and is refused without expanding it."""
    seen = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None
