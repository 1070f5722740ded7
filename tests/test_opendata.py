"""The open data as researchers' tools read it: pandas, frictionless, a spreadsheet."""

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import lxml.html
import openpyxl
import pandas as pd
import pytest

from sites import demo_codes

PACKAGE = "datapackage.json"
DATETIME = "%Y-%m-%dT%H:%M:%SZ"
# What pandas must infer, with no option, from a column of each Table Schema type.
DTYPES = {"integer": "int64", "number": "float64", "boolean": "bool"}


def package(data):
    return json.loads((data / PACKAGE).read_text(encoding="utf-8"))


def resources(data):
    """(resource, its Table Schema) for every resource of datapackage.json."""
    schemas = {}
    for resource in package(data)["resources"]:
        path = resource["schema"]
        if path not in schemas:
            schemas[path] = json.loads((data / path).read_text(encoding="utf-8"))
        yield resource, schemas[path]


def read_rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def validate(data):
    """frictionless's report of the package, as its command line gives it."""
    checker = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(checker), "validate", "--json", str(data / PACKAGE)], capture_output=True, text=True
    )
    return json.loads(result.stdout)


def check_types(frame, fields, where):
    for field in fields:
        column = frame[field["name"]]
        wanted = DTYPES.get(field["type"])
        if wanted:
            assert str(column.dtype) == wanted, (where, field["name"], column.dtype)
        elif field["type"] == "datetime" and not pd.api.types.is_datetime64_any_dtype(column):
            parsed = pd.to_datetime(column, format=DATETIME, utc=True)
            assert parsed.notna().sum() == column.notna().sum(), (where, field["name"])


def test_every_table_reads_with_the_types_its_schema_promises(demo_site):
    data = demo_site / "data"
    checked = 0
    for resource, schema in resources(data):
        path = data / resource["path"]
        frame = pd.read_json(path) if path.suffix == ".json" else pd.read_csv(path)
        if frame.empty:  # a city without a case yet: a header, no type to infer
            continue
        assert list(frame.columns) == [field["name"] for field in schema["fields"]], path
        check_types(frame, schema["fields"], resource["name"])
        checked += 1
    assert checked > 20


def test_a_withdrawn_case_is_an_id_in_withdrawn_csv_and_nothing_else(demo_site):
    data = demo_site / "data"
    withdrawn = read_rows(data / "withdrawn.csv")
    assert withdrawn and set(withdrawn[0]) == {
        "id",
        "published",
        "withdrawn_at",
        "reason_ar",
        "reason_fr",
    }
    book = openpyxl.load_workbook(data / "communiques.xlsx", read_only=True)
    sheets = {name: str(list(book[name].values)) for name in book.sheetnames}
    files = {
        path: path.read_text(encoding="utf-8")
        for path in data.rglob("*")
        if path.suffix in (".csv", ".json")
    }
    assert data / "stats.json" in files and len(files) > 20
    for row in withdrawn:
        titles = [
            lxml.html.parse(str(demo_site / lang / "communiques" / row["id"] / "index.html"))
            .findtext(".//h1")
            .strip()
            for lang in demo_codes()
        ]
        for path, text in files.items():
            assert (row["id"] in text) == (path.name == "withdrawn.csv"), path
            assert not any(title in text for title in titles), path
        for name, text in sheets.items():
            assert (row["id"] in text) == (name == "withdrawn"), name
            assert not any(title in text for title in titles), name


def test_datapackage_points_at_one_schema_per_kind_of_table(demo_site):
    data = demo_site / "data"
    text = (data / PACKAGE).read_text(encoding="utf-8")
    assert '"fields"' not in text  # no schema inlined, let alone one per city
    cities = [r for r, _ in resources(data) if r["name"].startswith("city-")]
    assert len(cities) > 20
    assert {r["schema"] for r in cities} == {"schemas/communiques.json"}
    named = {r["name"]: r for r, _ in resources(data)}
    assert named["communiques"]["schema"] == named["communiques-json"]["schema"]
    registries = ("offences", "issuers", "platforms", "seized")
    assert {named[kind]["schema"] for kind in registries} == {"schemas/registry.json"}


def test_foreign_keys_are_checked(demo_site, tmp_path):
    """A key that is in no registry makes the package invalid: frictionless checks them."""
    data = tmp_path / "data"
    shutil.copytree(demo_site / "data", data)
    breaks = {
        "communiques.csv": ("city", "atlantis"),
        "cities/casablanca.csv": ("platform", "myspace"),
        "case_offences.csv": ("offence", "jaywalking"),
    }
    for relative, (column, value) in breaks.items():
        rows = read_rows(data / relative)
        rows[0][column] = value
        with (data / relative).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    report = validate(data)
    failed = {
        (task["place"], error["type"]) for task in report["tasks"] for error in task["errors"]
    }
    assert not report["valid"]
    assert failed == {(path, "foreign-key") for path in breaks}


def test_list_columns_match_their_tables(demo_site):
    """What Table Schema cannot check: the '|' lists' keys, and offences against their long
    table."""
    data = demo_site / "data"
    cases = read_rows(data / "communiques.csv")
    ranked = {}
    for row in read_rows(data / "case_offences.csv"):
        ranked.setdefault(row["id"], []).append((int(row["rank"]), row["offence"]))
    assert {case["id"]: case["offences"] for case in cases} == {
        case_id: "|".join(offence for _, offence in sorted(pairs))
        for case_id, pairs in ranked.items()
    }
    seized = {row["key"] for row in read_rows(data / "seized.csv")}
    listed = {item.split(":")[0] for case in cases for item in case["seized"].split("|") if item}
    assert listed and listed <= seized


def test_the_workbook_has_the_rows_of_the_csv_files(demo_site):
    data = demo_site / "data"
    sheets = pd.read_excel(data / "communiques.xlsx", sheet_name=None)
    named = {resource["path"]: resource for resource, _ in resources(data)}
    tables = [path for path in named if "/" not in path and path.endswith(".csv")]
    assert list(sheets) == [named[path]["name"] for path in tables] + ["columns"]
    for path, schema in ((p, s) for r, s in resources(data) if (p := r["path"]) in tables):
        sheet = sheets[named[path]["name"]]
        expected = pd.read_csv(data / path)
        for field in schema["fields"]:
            if field["type"] == "datetime":  # UTC in the CSV; naive (Excel has no zones)
                parsed = pd.to_datetime(expected[field["name"]], format=DATETIME, utc=True)
                expected[field["name"]] = parsed.dt.tz_localize(None)
        pd.testing.assert_frame_equal(sheet, expected, check_dtype=False, obj=path)
        check_types(sheet, schema["fields"], path)


def test_the_workbook_is_dated_by_its_data_not_by_the_build(demo_site):
    """Same data, same bytes: every date openpyxl would take from the clock is the data's
    newest publication, update or withdrawal."""
    data = demo_site / "data"
    moments = [
        row[name]
        for row in read_rows(data / "communiques.csv")
        for name in ("published", "updated")
    ]
    moments += [row["withdrawn_at"] for row in read_rows(data / "withdrawn.csv")]
    newest = datetime.strptime(max(moments), DATETIME)
    with zipfile.ZipFile(data / "communiques.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {newest.timetuple()[:6]}
        core = archive.read("docProps/core.xml").decode()
    stamp = max(moments)
    assert f">{stamp}</dcterms:created>" in core and f">{stamp}</dcterms:modified>" in core


@pytest.mark.parametrize("lang", demo_codes())
def test_the_open_data_page_links_every_file(demo_site, lang):
    data = demo_site / "data"
    page = lxml.html.parse(str(demo_site / lang / "open-data" / "index.html"))
    links = set(page.xpath("//main//a[@dir='ltr']/@href"))
    files = {
        path.relative_to(data).as_posix()
        for path in data.rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br")  # copies of the same files
    }
    assert {resource["path"] for resource, _ in resources(data)} <= files
    assert {f"/data/{path}" for path in files} == {
        link for link in links if link.startswith("/data/")
    }
