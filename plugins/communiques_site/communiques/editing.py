"""Change notes written into a case's files by `invoke update` and `invoke withdraw`: the
entry in each language's file, with the notes the officer must write clearly marked (validation
refuses the marks until they are replaced)."""

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .schema import ZONE

FENCE = "---"
# What JSON leaves as it is but YAML does not: C1 controls and DEL (refused as unprintable), the
# next-line, line and paragraph separators (read as line ends), BOMs and non-characters.
UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _front_end(lines: list[str]) -> int:
    """Index of the closing fence of the front matter."""
    return next(i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE)


def _insert_into_list(lines: list[str], key: str, item: list[str]) -> list[str]:
    """`item` (lines) appended to the top-level list `key`, created before the closing fence
    when the file has none."""
    end = _front_end(lines)
    start = next((i for i in range(1, end) if lines[i].rstrip() == f"{key}:"), None)
    if start is None:
        return [*lines[:end], f"{key}:", *item, *lines[end:]]
    after = start + 1
    while after < end and (lines[after].startswith((" ", "-")) or not lines[after].strip()):
        after += 1
    return [*lines[:after], *item, *lines[after:]]


def _append_field(lines: list[str], field: list[str]) -> list[str]:
    end = _front_end(lines)
    return [*lines[:end], *field, *lines[end:]]


def stamp(now: datetime | None = None) -> str:
    """Now, in Moroccan time, as the front matter writes it."""
    return (now or datetime.now(ZONE)).astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`: a JSON string
    is one (backslashes, quotes, line ends and control characters escaped), once the
    characters YAML reads as line ends or refuses as unprintable are escaped too."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found[0]):04x}", json.dumps(text, ensure_ascii=False))


def add_update(
    path: Path, at: str, note: str, kind: str | None = None, status: str | None = None
) -> None:
    """An update entry in one file: the original gets its kind (and status), every file a note."""
    item = [f"  - at: {at}"]
    if kind:
        item.append(f"    kind: {kind}")
    if status:
        item.append(f"    status: {status}")
    item.append(f"    note: {quoted(note)}")
    _rewrite(path, lambda lines: _insert_into_list(lines, "updates", item))


def add_withdrawal(path: Path, reason: str, at: str | None = None) -> None:
    field = ["withdrawn:", *([f"  at: {at}"] if at else []), f"  reason: {quoted(reason)}"]
    _rewrite(path, lambda lines: _append_field(lines, field))


def _rewrite(path: Path, change: Callable[[list[str]], list[str]]) -> None:
    text = path.read_text(encoding="utf-8-sig")
    lines = change(text.split("\n"))
    path.write_text("\n".join(lines), encoding="utf-8")
