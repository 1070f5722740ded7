"""The tables as one workbook, /data/communiques.xlsx, for spreadsheet users.

Why a workbook rather than a CSV with a byte-order mark: Excel opens a CSV with the list
separator of the computer's locale (";" in French locales), so a comma-separated file lands in
a single column there, BOM or not. A workbook has no separator or encoding to guess, and keeps
numbers, booleans and dates typed. It holds the case table, its long offence table, the
withdrawn communiqués and the registries, one sheet each, and a last sheet describing every
column in English and in each site language whose catalog translates the descriptions.

The SpreadsheetML is written here rather than by openpyxl, which took ten seconds for 10,000
cases: a row is a string made once per case and kept in the build's cache (opendata), so a new
case costs its own row and the compression of the file. Unchanged data give an unchanged file
(rsync, caches and readers compare bytes): nothing here reads the clock; the document and every
zip entry are dated by the data's own last change.
"""

import re
import struct
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from communiques_site.core.deflate import Deflated
from communiques_site.core.languages import Languages

if TYPE_CHECKING:
    from .opendata import Table

# When there is no case at all: any fixed moment will do (a zip cannot date before 1980).
EPOCH = datetime(2000, 1, 1)
EXCEL_EPOCH = datetime(1899, 12, 30)
COLUMNS_SHEET = "columns"
# Stands for the row's number in a row made before its place in the sheet is known.
ROW = "\x00"
# Characters XML 1.0 cannot carry (openpyxl refuses them too).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATETIME_STYLE = "1"  # the second cell format of styles.xml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPE = "application/vnd.openxmlformats-officedocument"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STYLES = (
    f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def _letters(number: int) -> str:
    """The column letters of the 0-based column `number`: A, …, Z, AA, …"""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    value = escape(ILLEGAL.sub("", value))
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<is><t{space}>{value}</t></is>"


def _cell(value: str, kind: str) -> tuple[str, str]:
    """A cell's type attribute and content for the CSV text `value` of a schema `kind`."""
    if kind == "boolean":
        return ' t="b"', f"<v>{int(value == 'true')}</v>"
    if kind in ("integer", "number"):
        return ' t="n"', f"<v>{value}</v>"
    if kind == "datetime":
        # Excel has no time zones: the UTC time as a day number in the date format.
        days = (datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ") - EXCEL_EPOCH).total_seconds()
        return f' s="{DATETIME_STYLE}" t="n"', f"<v>{days / 86400!r}</v>"
    return ' t="inlineStr"', _text(value)


def row(values: Sequence[str], kinds: Sequence[str]) -> str:
    """One row of a sheet from CSV texts and their schema kinds; an empty text is no cell.
    Its number is ROW, set by `sheet`."""
    cells = []
    for number, (value, kind) in enumerate(zip(values, kinds, strict=True)):
        if value != "":
            attributes, content = _cell(value, kind)
            cells.append(f'<c r="{_letters(number)}{ROW}"{attributes}>{content}</c>')
    return f'<row r="{ROW}">{"".join(cells)}</row>'


def header(columns: Sequence[str]) -> str:
    return row(columns, ["string"] * len(columns))


# A worksheet's XML around its rows: its first row frozen.
SHEET_HEAD = (
    f'{HEAD}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    "<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


def numbered(rows: Sequence[str], first: int) -> str:
    """`rows` (from `row`) numbered from `first`: a part of a sheet."""
    return "".join(text.replace(ROW, str(number)) for number, text in enumerate(rows, first))


def sheet(rows: Sequence[str]) -> str:
    """A worksheet of `rows` (from `row`, the header first)."""
    return SHEET_HEAD + numbered(rows, 1) + SHEET_TAIL


def columns_sheet(tables: Sequence["Table"], languages: Languages) -> str:
    """The last sheet: every column of every sheet, its type and its descriptions."""
    descriptions = _descriptions(tables, languages)
    rows = [header(["sheet", "column", "type", *descriptions])]
    for table in tables:
        for field in table.fields:
            texts = [field.get(name) or "" for name in descriptions]
            values = [table.name, field["name"], field["type"], *texts]
            rows.append(row(values, ["string"] * len(values)))
    return sheet(rows)


def _descriptions(tables: Sequence["Table"], languages: Languages) -> list[str]:
    """description, then description_<code> of each language, in the site's order, that
    describes some field: a language whose catalog translates none gets no empty column."""
    fields = [field for table in tables for field in table.fields]
    translated = [f"description_{language.code}" for language in languages]
    return ["description", *(name for name in translated if any(name in f for f in fields))]


def _w3c(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def workbook(
    sheets: Sequence[tuple[str, str | Deflated]], moment: datetime | None, path: Path
) -> None:
    """Write the workbook of `sheets` ((name, XML of `sheet`, or its bytes with their
    compression), in order) at `path`; `moment` (aware, or None) dates it."""
    stamp = moment.astimezone(UTC).replace(tzinfo=None) if moment else EPOCH
    numbers = range(1, len(sheets) + 1)
    parts = {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="{PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.spreadsheetml.sheet.'
            'main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{TYPE}.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.'
            'openxmlformats-package.core-properties+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
                f'ContentType="{TYPE}.spreadsheetml.worksheet+xml"/>'
                for n in numbers
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'{HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
            'Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{PACKAGE}/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        ),
        "docProps/core.xml": (
            f'{HEAD}<cp:coreProperties xmlns:cp="{PACKAGE}/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator>Direction générale de la Sûreté nationale</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_w3c(stamp)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_w3c(stamp)}</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "xl/workbook.xml": (
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, (name, _) in zip(numbers, sheets, strict=True)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in numbers
            )
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{RELATIONSHIPS}/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": HEAD + STYLES,
        **{f"xl/worksheets/sheet{n}.xml": xml for n, (_, xml) in zip(numbers, sheets, strict=True)},
    }
    entries = {
        name: part if isinstance(part, Deflated) else Deflated([(part.encode("utf-8"), None)])
        for name, part in parts.items()
    }
    path.write_bytes(_zip(entries, stamp))


def _zip(entries: dict[str, Deflated], stamp: datetime) -> bytes:
    """A zip archive of `entries`, deflated, every one dated `stamp` (APPNOTE 6.3: local
    headers, then the central directory). Written here rather than by zipfile, which cannot
    take data compressed already: a sheet's parts are compressed once (core.deflate)."""
    time = stamp.hour << 11 | stamp.minute << 5 | stamp.second // 2
    date = (stamp.year - 1980) << 9 | stamp.month << 5 | stamp.day
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, entry in entries.items():
        stream, encoded = entry.stream(), name.encode("ascii")
        if max(offset, entry.size, len(stream)) >= 0xFFFFFFFF:
            raise ValueError(f"{name}: too large for a zip without its 64-bit extension")
        # version 2.0 needed (deflate), no flags, method 8 (deflate)
        common = struct.pack(
            "<HHHHHIIIH", 20, 0, 8, time, date, entry.crc, len(stream), entry.size, len(encoded)
        )
        local = b"PK\x03\x04" + common + struct.pack("<H", 0) + encoded
        # made by Unix (3), 2.0: the external attributes are its permissions (rw-r--r--)
        directory.append(
            b"PK\x01\x02"
            + struct.pack("<H", 3 << 8 | 20)
            + common
            + struct.pack("<HHHHII", 0, 0, 0, 0, 0o100644 << 16, offset)
            + encoded
        )
        out += [local, stream]
        offset += len(local) + len(stream)
    central = b"".join(directory)
    count = len(entries)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), offset, 0)
    return b"".join(out) + central + end
