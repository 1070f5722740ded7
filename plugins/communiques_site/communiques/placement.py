"""Which files under content/ the build reads, and what is wrong with those it would not: a
file it would ignore must not pass for published (`.MD`, `.markdown`), a symbolic link would
publish whatever it points to, and a communiqué lies in the folder of its year."""

import os
import re
from collections.abc import Callable

from communiques_site.core.problems import Problems

from .settings import CommuniquesOptions

# A file found: (path, (size, modification time in ns, inode)).
Found = tuple[str, tuple[int, int, int]]
Display = Callable[[str], str]  # a path as messages show it

SUFFIX = ".md"
YEAR = re.compile(r"\d{4}")
LINK = (
    "is a symbolic link; a communiqué or registry must be a file of its own: replace the link "
    "with the file it points to"
)


def content_files(
    content: str,
    conf: CommuniquesOptions,
    problems: Problems,
    display: Display,
    drafts: bool | None = None,
) -> list[Found]:
    """[(path, (size, modification time, inode))] of every communiqué file, in order; what
    cannot be one is reported. `display` shows a path as messages do."""
    folders = [(conf.folder, True)]
    if conf.drafts if drafts is None else drafts:
        folders.append((conf.drafts_folder, False))
    files: list[Found] = []
    for folder, by_year in folders:
        found: list[Found] = []
        _walk(os.path.join(content, folder), "", by_year, found, problems, display)
        files += sorted(found)
    _no_links(content, {conf.folder, conf.drafts_folder}, problems, display)
    return files


def _walk(
    top: str,
    relative: str,
    by_year: bool,
    found: list[Found],
    problems: Problems,
    display: Display,
) -> None:
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_symlink():
            problems.add(display(entry.path), 1, "file", LINK)
        elif entry.is_dir():
            _walk(entry.path, f"{relative}{entry.name}/", by_year, found, problems, display)
        elif not entry.name.endswith(SUFFIX):
            problems.add(display(entry.path), 1, "file", _not_read(entry.name))
        else:
            if by_year:
                _check_year(entry.path, relative, entry.name, problems, display)
            stat = entry.stat()
            found.append((entry.path, (stat.st_size, stat.st_mtime_ns, stat.st_ino)))


def _not_read(name: str) -> str:
    if name.lower().endswith(SUFFIX):
        fix = f"rename it {name[: -len(SUFFIX)]}{SUFFIX}"
    else:
        fix = "rename it <id>.<lang>.md if it is a communiqué, or remove it"
    return f"the build reads only the files whose name ends in '{SUFFIX}' (lower case); {fix}"


def _check_year(path: str, relative: str, name: str, problems: Problems, display: Display) -> None:
    """A communiqué lies in `<folder>/<year>/`, the year its id begins with."""
    year = name[:4]
    if not YEAR.fullmatch(year):
        return  # the name itself is reported when the file is read
    folder = relative.rstrip("/")
    if folder == year:
        return
    where = f"the folder '{folder}'" if folder else "no year's folder"
    target = display(os.path.join(path[: -len(relative) - len(name)], year, name))
    problems.add(
        display(path),
        1,
        "file",
        f"is in {where}, but its id is of {year}; move it to {target}",
    )


def _no_links(content: str, walked: set[str], problems: Problems, display: Display) -> None:
    """Symbolic links anywhere else under content/ (the registries, the site's pages)."""
    for path, folders, names in os.walk(content):
        if path == content:
            folders[:] = [name for name in folders if name not in walked]
        for name in sorted(folders + names):
            if os.path.islink(os.path.join(path, name)):
                problems.add(display(os.path.join(path, name)), 1, "file", LINK)
