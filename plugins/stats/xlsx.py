"""The tables as one workbook, /data/communiques.xlsx, for spreadsheet users.

Why a workbook rather than a CSV with a byte-order mark: Excel opens a CSV with the list
separator of the computer's locale (";" in French locales), so a comma-separated file lands in
a single column there, BOM or not. A workbook has no separator or encoding to guess, and keeps
numbers, booleans and dates typed. It holds the case table, its long offence table, the
withdrawn communiqués and the registries, one sheet each, and a last sheet describing every
column in English and in each site language whose catalog translates the descriptions.

Unchanged data must give an unchanged file (rsync, caches and readers compare bytes), but
openpyxl stamps the document's properties and every zip entry with the time of the save: both
are set here to the data's own last change instead.
"""

import io
import zipfile
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from .opendata import typed_rows

# When there is no case at all: any fixed moment will do (a zip cannot date before 1980).
EPOCH = datetime(2000, 1, 1)
COLUMNS_SHEET = "columns"


def _cells(table):
    """The rows as Excel values: datetimes as naive UTC datetimes (Excel has no time zones)."""
    kinds = table.types
    datetimes = [name for name in table.columns if kinds[name] == "datetime"]
    for row in typed_rows(table):
        for name in datetimes:
            if row[name] is not None:
                row[name] = datetime.strptime(row[name], "%Y-%m-%dT%H:%M:%SZ")
        yield [row[name] for name in table.columns]


def _descriptions(tables, languages):
    """description, then description_<code> of each language, in the site's order, that
    describes some field: a language whose catalog translates none gets no empty column."""
    fields = [field for table in tables for field in table.fields]
    translated = [f"description_{language.code}" for language in languages]
    return ["description", *(name for name in translated if any(name in f for f in fields))]


def _describe_columns(book, tables, languages):
    sheet = book.create_sheet(COLUMNS_SHEET)
    descriptions = _descriptions(tables, languages)
    sheet.append(["sheet", "column", "type", *descriptions])
    for table in tables:
        for field in table.fields:
            texts = [field.get(name) for name in descriptions]
            sheet.append([table.name, field["name"], field["type"], *texts])


def _restamped(data, stamp):
    """The same archive, every entry dated `stamp` instead of the time it was written."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            archive.writestr(entry, source.read(info))
    return buffer.getvalue()


def to_xlsx(tables, moment, languages):
    """The workbook of `tables` as bytes, its columns described in the site's `languages`;
    `moment` (aware, or None) dates it."""
    stamp = moment.astimezone(UTC).replace(tzinfo=None) if moment else EPOCH
    book = Workbook(write_only=True)  # streams rows: no cell objects kept per sheet
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A2"  # the header stays in view
        sheet.append(table.columns)
        for cells in _cells(table):
            sheet.append(cells)
    _describe_columns(book, tables, languages)
    book.properties.creator = "Direction générale de la Sûreté nationale"
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which would set `modified` to now.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _restamped(buffer.getvalue(), stamp)
