"""The files that hold every listed case, assembled from monthly parts kept in the cache folder.

communiques.csv and .json, case_offences.csv, the cities' files and the workbook's case and
offence sheets list the cases oldest first, and change with every publication. The cases of a
month (of publication, in UTC: a run of that order) are a part: its bytes in each of those
files, and their compression (core.deflate) for the gzip copies and the workbook, are kept in
the cache folder (`stats-parts/<month>.pickle`) under a key made of its cases' keys, which hold
the case's digest and the build's (registries, languages, site URL, this code). Its cases' rows
are kept beside it (`<month>.rows.pickle`). A publication makes again the parts whose key
changed, from the rows of the cases that did not change and of those that did, and renumbers
the workbook rows of a part whose first row moved (a case came or went before it); the other
parts are read as bytes. Whatever the cache holds, the files are the same bytes as a build from
nothing's.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from communiques_site.core.deflate import LEVEL, Deflated, piece
from communiques_site.core.outputs import Outputs

from . import xlsx
from .opendata import Serialised

if TYPE_CHECKING:
    from communiques_site.communiques.model import Case

# A part's texts compressed for a gzip copy or a zip entry; a city's texts ("city:<key>") are
# not: its file is small, and compress makes its copies.
COMPRESSED = ("csv", "json", "offences", "sheet", "offence-sheet")
SHEETS = ("sheet", "offence-sheet")
CITY = "city:"
# The sheets' parts are compressed again whenever a case comes or goes before them (their rows
# are numbered): at zlib's level 6, as zipfile does. On a month of the 10,000-case benchmark's
# case sheet (613 kB) level 9 took 27.7 ms for 82.9 kB, level 6 7.2 ms for 85.6 kB.
SHEET_LEVEL = 6
FOLDER = "stats-parts"


class Part(NamedTuple):
    key: str  # of its cases, in order
    first: tuple[int, int]  # the workbook rows its case and offence rows are numbered from
    rows: tuple[int, int]  # how many case and offence rows it has
    texts: dict[str, bytes]  # its bytes in each file: "csv", "json" (items), … "city:<key>"
    pieces: dict[str, bytes]  # those of COMPRESSED, compressed alone


def _month(case: Case) -> str:
    return case.published.astimezone(UTC).strftime("%Y-%m")


def _load(path: Path) -> object:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError):
        return None  # made again


def _save(path: Path, value: object) -> None:
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(value, handle, 5)
    temporary.replace(path)


class Parts:
    """The listed cases' parts, read from the cache folder or made (`make`: a case's rows)."""

    def __init__(self, cache_path: str, outputs: Outputs, make: Callable[[Case], Serialised]):
        self.folder = Path(cache_path) / FOLDER
        self.outputs = outputs
        self.make = make
        # Before the monthly parts, every case's rows were one file: no longer read.
        (Path(cache_path) / "stats-rows.pickle").unlink(missing_ok=True)

    def of(self, cases: Sequence[Case]) -> Iterator[Part]:
        """The parts of `cases` (listed, oldest first) in order, one month at a time; then the
        parts of months no longer listed are removed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        first = (2, 2)  # row 1 is the header
        months = set()
        for month, group in itertools.groupby(cases, key=_month):
            found = list(group)
            part = self._part(month, found, first)
            months.add(month)
            yield part
            first = (first[0] + part.rows[0], first[1] + part.rows[1])
        for path in self.folder.iterdir():
            if path.name.split(".")[0] not in months:
                path.unlink(missing_ok=True)

    def _part(self, month: str, cases: list[Case], first: tuple[int, int]) -> Part:
        keys = [self.outputs.digest("stats-rows", case.id, case.digest) for case in cases]
        key = self.outputs.digest("stats-part", *keys)
        loaded = _load(self.folder / f"{month}.pickle")
        part = Part(*loaded) if isinstance(loaded, tuple) and len(loaded) == 5 else None
        if part is not None and part.key == key and part.first == first:
            return part
        kept = _load(self.folder / f"{month}.rows.pickle")
        known = kept if isinstance(kept, dict) else {}
        rows = [
            Serialised(*known[k]) if k in known else self.make(case)
            for k, case in zip(keys, cases, strict=True)
        ]
        if part is None or part.key != key:
            _save(
                self.folder / f"{month}.rows.pickle", dict(zip(keys, map(tuple, rows), strict=True))
            )
            part = _made(key, first, cases, rows)
        else:  # the same cases, their workbook rows numbered from another row
            part = _made(key, first, cases, rows, part)
        _save(self.folder / f"{month}.pickle", tuple(part))
        return part


def _made(
    key: str,
    first: tuple[int, int],
    cases: list[Case],
    rows: list[Serialised],
    same: Part | None = None,
) -> Part:
    """The part of `cases` (their `rows`); `same`: its texts but the workbook's are kept."""
    offence_rows = [row for case_rows in rows for row in case_rows.offences_xlsx]
    sheets = {
        "sheet": xlsx.numbered([case_rows.xlsx for case_rows in rows], first[0]).encode(),
        "offence-sheet": xlsx.numbered(offence_rows, first[1]).encode(),
    }
    if same is not None:
        texts = {**same.texts, **sheets}
        pieces = {
            **same.pieces,
            **{name: piece(text, SHEET_LEVEL) for name, text in sheets.items()},
        }
        return Part(key, first, same.rows, texts, pieces)
    cities: dict[str, list[str]] = {}
    for case, case_rows in zip(cases, rows, strict=True):
        cities.setdefault(case.city, []).append(case_rows.csv)
    texts = {
        "csv": "".join(case_rows.csv for case_rows in rows).encode(),
        "json": ",\n".join(case_rows.json for case_rows in rows).encode(),
        "offences": "".join(case_rows.offences_csv for case_rows in rows).encode(),
        **sheets,
        **{CITY + city: "".join(lines).encode() for city, lines in cities.items()},
    }
    pieces = {
        name: piece(texts[name], SHEET_LEVEL if name in SHEETS else LEVEL) for name in COMPRESSED
    }
    return Part(key, first, (len(rows), len(offence_rows)), texts, pieces)


@dataclass
class Assembled:
    """What the parts made: each large file's compression (by its path under /data/), for its
    gzip copy, and the workbook's two case sheets."""

    deflated: dict[str, Deflated] = field(default_factory=dict)
    sheets: dict[str, Deflated] = field(default_factory=dict)  # "case", "offences"


class Heads(NamedTuple):
    csv: str  # the header line of communiques.csv and the cities' files
    offences: str  # of case_offences.csv
    sheet: str  # the case sheet's header row (xlsx.header)
    offence_sheet: str


def assemble(
    parts: Iterable[Part],
    heads: Heads,
    wanted: set[str],
    file: Callable[[str], Path],
    listed: bool,
) -> Assembled:
    """Write the files of `wanted` (paths under /data/: "communiques.csv", "communiques.json",
    "case_offences.csv", "cities/<key>.csv") from `parts` (`listed`: there is one at least),
    and compress the workbook's sheets; each file is written as the parts come, none is held
    whole."""
    done = Assembled()
    # With no case, the list is written as json.dumps writes an empty one.
    json_ends = (b"[\n", b"\n]\n") if listed else (b"[]\n", b"")
    big = {
        "communiques.csv": ("csv", heads.csv.encode(), b""),
        "communiques.json": ("json", *json_ends),
        "case_offences.csv": ("offences", heads.offences.encode(), b""),
    }
    handles = {path: file(path).open("wb") for path in big if path in wanted}
    cities: dict[str, list[bytes]] = {
        path.removeprefix("cities/").removesuffix(".csv"): [heads.csv.encode()]
        for path in wanted
        if path.startswith("cities/")
    }
    sheets = {
        "case": ("sheet", Deflated([((xlsx.SHEET_HEAD + heads.sheet).encode(), None)])),
        "offences": (
            "offence-sheet",
            Deflated([((xlsx.SHEET_HEAD + heads.offence_sheet).encode(), None)]),
        ),
    }
    try:
        for path, handle in handles.items():
            done.deflated[path] = Deflated([(big[path][1], None)])
            handle.write(big[path][1])
        separator = (b",\n", piece(b",\n"))
        for number, part in enumerate(parts):
            for path, handle in handles.items():
                name = big[path][0]
                if name == "json" and number:
                    done.deflated[path].add(*separator)
                    handle.write(separator[0])
                done.deflated[path].add(part.texts[name], part.pieces[name])
                handle.write(part.texts[name])
            for city, texts in cities.items():
                texts.append(part.texts.get(CITY + city, b""))
            for name, deflated in sheets.values():
                deflated.add(part.texts[name], part.pieces[name])
        for path, handle in handles.items():
            if big[path][2]:
                done.deflated[path].add(big[path][2])
                handle.write(big[path][2])
    finally:
        for handle in handles.values():
            handle.close()
    for city, texts in cities.items():
        file(f"cities/{city}.csv").write_bytes(b"".join(texts))
    for kind, (_, deflated) in sheets.items():
        deflated.add(xlsx.SHEET_TAIL.encode())
        done.sheets[kind] = deflated
    return done
