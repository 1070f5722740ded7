"""What must never reach the open data or the feeds, checked on every file they are made of:
a minor's exact age or prior record, the details of a person acquitted (or of a case with no
offence), and anything of a withdrawn case but its id, dates and reason.

The checks read every file under /data and every feed, whatever their layout, so that a new
export cannot slip past them."""

import csv
import io
import json

import lxml.etree
import pytest

from sites import ORIGINAL, TRANSLATION, case_files, codes, make_site, noted, withdrawn

MINOR = "2026-11-27-casablanca-minor"
ACQUITTED = "2026-11-27-casablanca-acquitted"
WITHDRAWN = "2026-11-27-tanger-withdrawn"
NOW = "2026-12-01T12:00+01:00"

SUSPECTS = """\
suspects:
  - age: 24
    sex: male
    prior_record: "yes"
    custody: police-custody
"""


def with_suspects(text, suspects):
    return text.replace(SUSPECTS, "suspects:\n" + suspects)


def minor_case():
    suspects = (
        '  - age: 16\n    sex: female\n    prior_record: "yes"\n    custody: minor-supervision\n'
        '  - age: 37\n    sex: male\n    prior_record: "no"\n    custody: police-custody\n'
    )
    return case_files(MINOR, with_suspects(ORIGINAL, suspects))


def acquitted_case():
    suspects = '  - age: 41\n    sex: female\n    prior_record: "yes"\n    custody: released\n'
    original = with_suspects(ORIGINAL, suspects).replace(
        "status: referred-to-prosecutor\n",
        "status: referred-to-prosecutor\nupdates:\n  - at: 2026-11-29T10:00\n    kind: major\n"
        "    status: acquitted\n    note: حكمت المحكمة ببراءتها.\n",
    )
    return case_files(
        ACQUITTED, original, each=noted("2026-11-29T10:00", "Le tribunal l’a acquittée.")
    )


WITHDRAWN_TITLE = "Interpellation à Tanger d’un individu filmé en train de menacer des passants"
WITHDRAWN_BODY = "Un sabre et deux téléphones portables ont été saisis en sa possession."


def withdrawn_case():
    original = (
        ORIGINAL.replace("city: casablanca", "city: tanger")
        .replace("issuer: police-casablanca", "issuer: police-tanger")
        .replace(
            "status: referred-to-prosecutor\n",
            "status: referred-to-prosecutor\n"
            "withdrawn:\n  at: 2026-11-28T09:00\n  reason: نشر عن طريق الخطأ.\n",
        )
    )
    translation = TRANSLATION.replace(
        "title: Interpellation d'un individu pour vol avec violence", f"title: {WITHDRAWN_TITLE}"
    ).replace(
        "Les éléments de la police ont procédé à l'interpellation du suspect.", WITHDRAWN_BODY
    )
    return case_files(WITHDRAWN, original, translation, withdrawn())


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    files = {**minor_case(), **acquitted_case(), **withdrawn_case()}
    site = make_site(tmp_path_factory.mktemp("leaks"), files)
    result = site.build(COMMUNIQUES={"now": NOW})
    assert result.ok, [str(p) for p in result.problems]
    return site.output


def tables(output):
    """(file, rows as dicts of strings) of every table under /data: CSV, JSON lists, xlsx."""
    for path in sorted((output / "data").rglob("*")):
        if path.suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            yield path, list(csv.DictReader(io.StringIO(text)))
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, list) and all(isinstance(row, dict) for row in data):
                yield path, [{k: "" if v is None else str(v) for k, v in r.items()} for r in data]
        elif path.suffix == ".xlsx":
            from openpyxl import load_workbook

            for sheet in load_workbook(path, read_only=True).worksheets:
                values = [["" if v is None else str(v) for v in row] for row in sheet.values]
                if values:
                    header = values[0]
                    yield (
                        f"{path}#{sheet.title}",
                        [dict(zip(header, row, strict=True)) for row in values[1:]],
                    )


def rows_of(output, case_id):
    found = [
        (path, row) for path, rows in tables(output) for row in rows if case_id in row.values()
    ]
    assert found, f"{case_id} is in no table"
    return found


def published_files(output):
    """Every data file and every feed, as text."""
    for path in [*(output / "data").rglob("*"), *output.glob("*/feeds/**/*")]:
        if path.suffix in (".csv", ".json", ".atom", ".rss"):
            yield path, path.read_text(encoding="utf-8-sig")


def listed(value):
    return value.split("|") if value else []


def test_a_minors_age_and_prior_record_never_reach_the_data(output):
    for path, row in rows_of(output, MINOR):
        if "ages" in row:
            assert listed(row["ages"]) == ["minor", "37"], path
        if "prior_records" in row:
            assert listed(row["prior_records"]) == ["", "no"], path
        assert "16" not in row.values(), path
    assert any("prior_records" in row for _, row in rows_of(output, MINOR))


def test_an_acquitted_persons_details_never_reach_the_data(output):
    for path, row in rows_of(output, ACQUITTED):
        for column in ("ages", "sexes", "prior_records"):
            assert row.get(column, "") == "", (path, column, row.get(column))
        for column in ("adults", "minors"):  # counts of the persons whose details are shown
            assert row.get(column, "") in ("", "0"), (path, column, row.get(column))
        assert "41" not in row.values(), path
        assert "female" not in row.values(), path
    assert any(
        row.get("details_removed") in ("true", "True") for _, row in rows_of(output, ACQUITTED)
    )


def test_a_withdrawn_case_leaves_only_its_id_dates_and_reason(output):
    allowed = {"id", "published", "withdrawn", "withdrawn_at", *(f"reason_{c}" for c in codes())}
    for path, row in rows_of(output, WITHDRAWN):
        shown = {column for column, value in row.items() if value not in ("", "true", "True")}
        assert shown <= allowed, (path, shown - allowed)
    for path, text in published_files(output):
        assert WITHDRAWN_BODY not in text, path
        if path.suffix == ".rss":
            for item in lxml.etree.fromstring(text.encode()).iter("item"):
                if WITHDRAWN in item.findtext("guid"):
                    tags = {child.tag.rsplit("}", 1)[-1] for child in item}
                    assert not tags & {"category", "point"}, (path, tags)
        if "data" in path.parts:
            assert WITHDRAWN_TITLE not in text, path


def test_the_checks_see_every_data_file(output):
    """The rules above are only as good as the files they read."""
    seen = {str(path).split("#")[0] for path, _ in tables(output)}
    written = {str(p) for p in (output / "data").rglob("*") if p.suffix in (".csv", ".xlsx")}
    assert written <= seen
