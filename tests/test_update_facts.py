"""An update changes a case's facts from its date on: read and checked like the case's own
fields, applied everywhere (page, listings, feeds, figures, open data, search), its history kept
(the page's timeline, /data/fact_changes.csv), the privacy rules holding after it."""

import csv
import json

import lxml.html

from sites import ORIGINAL, case_files, load_content, make_site

CASE = "2026-11-20-casablanca-robbery"
AR = f"content/communiques/2026/{CASE}.ar.md"
FR = f"content/communiques/2026/{CASE}.fr.md"

# A search: the video out on the 19th, the communiqué on the 20th, nobody arrested yet.
SEARCH = (
    ORIGINAL.replace("type: arrest", "type: search")
    .replace("2026-11-27T18:30", "2026-11-20T18:30")
    .replace("2026-11-26T21:00", "2026-11-19T21:00")
    .replace(
        """arrested_at: 2026-11-27T10:00
suspects:
  - age: 24
    sex: male
    prior_record: "yes"
    custody: police-custody
status: referred-to-prosecutor
""",
        "sought: 1\nstatus: under-investigation\n",
    )
)
ARREST_UPDATE = """updates:
  - at: {at}
    kind: major
    type: arrest
    status: referred-to-prosecutor
    arrested_at: {arrested}
    suspects:
      - age: 31
        sex: male
        prior_record: "no"
        custody: police-custody
    sought: 0
    note: توقيف المشتبه فيه المبحوث عنه.
"""
FR_UPDATE = "updates:\n  - at: {at}\n    note: Interpellation du suspect recherché.\n"


def files(at="2026-11-22T12:00", arrested="2026-11-22T09:00", extra="", original=None, notes=""):
    """The case's files with the arrest update (and `extra` ones) in the original, its note (and
    `notes`) in every translation."""
    original = original or SEARCH.replace(
        "status: under-investigation\n",
        "status: under-investigation\n" + ARREST_UPDATE.format(at=at, arrested=arrested) + extra,
    )

    def each(text):
        return text.replace(
            "translation_of: ar\n", "translation_of: ar\n" + FR_UPDATE.format(at=at) + notes
        )

    return case_files(CASE, original, each=each)


def test_a_search_that_ends_in_an_arrest_has_the_arrests_facts(tmp_path):
    index, found = load_content(tmp_path, files())
    assert found == []
    (case,) = index.cases
    assert (case.type, case.status, case.sought) == ("arrest", "referred-to-prosecutor", 0)
    assert case.arrested_at.isoformat() == "2026-11-22T09:00:00+01:00"
    assert [s.age for s in case.suspects] == [31]
    assert case.response_hours == 60.0
    assert [(c.field, c.old, c.new) for c in case.changes] == [
        ("type", "search", "arrest"),
        ("status", "under-investigation", "referred-to-prosecutor"),
        ("arrested_at", None, case.arrested_at),
        ("persons_arrested", 0, 1),
        ("sought", 1, 0),
    ]
    assert case.written.type == "search" and case.written.suspects == ()


def test_an_update_not_out_yet_changes_nothing(tmp_path):
    """The build's now is the 28th: an update of the 29th is not applied yet."""
    index, found = load_content(tmp_path, files(at="2026-11-29T12:00"))
    assert found == []
    (case,) = index.cases
    assert (case.type, case.status, case.sought, case.arrested_at) == (
        "search",
        "under-investigation",
        1,
        None,
    )
    assert case.suspects == () and case.changes == ()


def test_an_arrest_after_the_update_that_reports_it_is_refused(tmp_path):
    _, found = load_content(tmp_path, files(arrested="2026-11-22T13:00"))
    assert found == [
        f"{AR}:21: updates[0].arrested_at: is after the date of this update; an update reports "
        "an arrest already made; check both times"
    ]


def test_an_arrest_before_a_communique_that_reported_none_is_refused(tmp_path):
    _, found = load_content(tmp_path, files(arrested="2026-11-20T09:00"))
    assert found == [
        f"{AR}:21: updates[0].arrested_at: is before published, when the communiqué reported "
        "nobody arrested; check the date, or correct the communiqué with 'arrested_at:' among "
        "its facts"
    ]


def test_an_update_that_makes_an_arrest_without_one_is_refused(tmp_path):
    original = SEARCH.replace(
        "status: under-investigation\n",
        "status: under-investigation\nupdates:\n  - at: 2026-11-22T12:00\n    kind: major\n"
        "    type: arrest\n    note: توقيف.\n",
    )
    _, found = load_content(tmp_path, files(original=original))
    assert found == [
        f"{AR}:19: updates[0].type: makes the case an arrest, but no arrest is given by then; "
        "add 'arrested_at:' to this update (the time of the first arrest, the persons arrested)"
    ]


def test_released_persons_are_numbered_among_those_arrested(tmp_path):
    extra = (
        "  - at: 2026-11-23T12:00\n    kind: major\n    released: [1, 2]\n"
        "    note: الإفراج.\n  - at: 2026-11-24T12:00\n    kind: minor\n    released: [1]\n"
        "    note: الإفراج.\n"
    )
    translation_notes = (
        "  - at: 2026-11-23T12:00\n    note: Libération.\n"
        "  - at: 2026-11-24T12:00\n    note: Libération.\n"
    )
    case = files(extra=extra, notes=translation_notes)
    _, found = load_content(tmp_path, case)
    assert found == [
        f"{AR}:31: updates[1].released[1]: there is no person 2: 1 arrested by this update; "
        "number them in the order listed, the communiqué's suspects first, then each update's",
        f"{AR}:35: updates[2].released[0]: person 1 was released by an earlier update; remove "
        "the number",
    ]


def test_a_translation_does_not_write_the_facts_of_an_update(tmp_path):
    case = files()
    path = f"communiques/2026/{CASE}.fr.md"
    case[path] = case[path].replace("    note: Interp", "    sought: 0\n    note: Interp")
    _, found = load_content(tmp_path, case)
    assert found == [
        f"{FR}:6: updates[0].sought: is a fact; facts are written once, in the original ({AR}): "
        "remove it here"
    ]


def test_an_update_is_read_like_the_case_s_own_fields(tmp_path):
    case = files()
    path = f"communiques/2026/{CASE}.ar.md"
    case[path] = (
        case[path]
        .replace("      - age: 31", "      - age: 7")
        .replace("    sought: 0", "    sought: many")
    )
    _, found = load_content(tmp_path, case)
    assert found == [
        f"{AR}:23: updates[0].suspects[0].age: 7 is outside 10..100; check the number",
        f"{AR}:27: updates[0].sought: 'many' is not a whole number; write digits only, e.g. 3",
    ]


def test_a_minor_arrested_by_an_update_has_no_initials(tmp_path):
    case = files()
    path = f"communiques/2026/{CASE}.ar.md"
    case[path] = (
        case[path]
        .replace("      - age: 31", "      - age: 16")
        .replace(
            "        custody: police-custody\n    sought: 0",
            "        custody: minor-supervision\n        initials: م.ع.\n    sought: 0",
        )
    )
    _, found = load_content(tmp_path, case)
    assert found == [
        f"{AR}:27: updates[0].suspects[0].initials: a minor's initials are never published; "
        "remove the line"
    ]


def _site(tmp_path, extra=""):
    site = make_site(tmp_path / "site", files(extra=extra))
    result = site.build()
    assert result.ok, result.problems
    return site


def _rows(site, name):
    with (site.output / "data" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_current_facts_are_on_the_page_in_the_listing_the_data_and_the_figures(tmp_path):
    site = _site(tmp_path)
    page = lxml.html.parse(str(site.output / "fr/communiques" / CASE / "index.html"))
    facts = {
        dt.text_content().strip(): dd.text_content().strip()
        for dt, dd in zip(
            page.xpath("//section[@class='facts']//dt"),
            page.xpath("//section[@class='facts']//dd"),
            strict=True,
        )
    }
    assert facts["Type"] == "Interpellation"
    assert "Toujours recherchés" not in facts
    assert facts["Première interpellation"].startswith("dimanche 22 novembre 2026")
    assert "31\u00a0ans" in facts["Personnes interpellées"]
    changes = page.xpath("//ul[@class='fact-changes']/li")
    assert [li.get("data-field") for li in changes] == [
        "type",
        "status",
        "arrested_at",
        "persons_arrested",
        "sought",
    ]
    assert changes[0].text_content().strip() == (
        "Type\u202f: Interpellation (auparavant\u202f: Recherches en cours)"
    )
    home = lxml.html.parse(str(site.output / "fr/index.html"))
    assert "Recherches en cours" not in home.xpath("string(//main)")
    (row,) = _rows(site, "communiques.csv")
    assert (row["type"], row["persons_arrested"], row["sought"]) == ("arrest", "1", "0")
    assert (row["arrested_at"], row["response_hours"]) == ("2026-11-22T08:00:00Z", "60.0")
    assert [(r["field"], r["old"], r["new"]) for r in _rows(site, "fact_changes.csv")] == [
        ("type", "search", "arrest"),
        ("status", "under-investigation", "referred-to-prosecutor"),
        ("arrested_at", "", "2026-11-22T08:00:00Z"),
        ("persons_arrested", "0", "1"),
        ("sought", "1", "0"),
    ]
    stats = json.loads((site.output / "data/stats.json").read_text(encoding="utf-8"))
    national = stats["national"]
    assert national["persons_arrested"] == 1 and national["response_hours_median"] == 60.0
    assert national["cases_by_type"]["arrest"] == 1 and national["open_cases"] == 0
    feed = (site.output / "fr/feeds/types/arrest.atom").read_text(encoding="utf-8")
    assert CASE in feed
    package = json.loads((site.output / "data/datapackage.json").read_text(encoding="utf-8"))
    assert "fact_changes.csv" in {resource["path"] for resource in package["resources"]}


def test_an_acquittal_after_an_update_removes_the_persons_it_added_everywhere(tmp_path):
    extra = "  - at: 2026-11-25T12:00\n    kind: major\n    status: acquitted\n    note: البراءة.\n"
    notes = "  - at: 2026-11-25T12:00\n    note: Acquittement.\n"
    site = make_site(tmp_path / "site", files(extra=extra, notes=notes))
    result = site.build()
    assert result.ok, result.problems
    (row,) = _rows(site, "communiques.csv")
    assert (row["ages"], row["sexes"], row["prior_records"]) == ("", "", "")
    assert row["persons_details_removed"] == "1"
    for change in _rows(site, "fact_changes.csv"):
        assert "31" not in change["old"] + change["new"]
    for output in site.output.rglob("*"):
        if output.is_file() and output.suffix in (".html", ".atom", ".rss", ".json", ".csv"):
            text = output.read_text("utf-8")
            assert not any(age in text for age in ("31\u00a0ans", "31 ans", "31 سنة")), output
            assert "no prior record" not in text and "sans antécédents" not in text, output


def test_persons_released_and_a_video_found_misleading_later(tmp_path):
    extra = (
        "  - at: 2026-11-23T12:00\n    kind: major\n    released: [1]\n"
        "    verification: misleading\n    note: الإفراج.\n"
    )
    case = files(extra=extra, notes="  - at: 2026-11-23T12:00\n    note: Libération.\n")
    site = make_site(tmp_path / "site", case)
    result = site.build()
    assert result.ok, result.problems
    index, found = load_content(tmp_path / "index", case)
    assert found == []
    (read,) = index.cases
    assert [s.custody for s in read.suspects] == ["released"]
    assert read.video.verification == "misleading"
    assert [(c.field, c.old, c.new) for c in read.changes_at(read.updates[1].at)] == [
        ("persons_released", 0, 1),
        ("verification", "authentic", "misleading"),
    ]
    page = lxml.html.parse(str(site.output / "fr/communiques" / CASE / "index.html"))
    assert "remis en liberté" in page.xpath("string(//ul[@class='suspects'])")
    (row,) = _rows(site, "communiques.csv")
    assert row["verification"] == "misleading"
    stats = json.loads((site.output / "data/stats.json").read_text(encoding="utf-8"))
    assert stats["national"]["fake_videos"] == 1


def test_a_change_note_does_not_keep_the_age_of_a_person_acquitted_later(tmp_path):
    """The notes are on the page: once nobody stands accused, an age in a note is refused like
    one in the text."""
    extra = "  - at: 2026-11-25T12:00\n    kind: major\n    status: acquitted\n    note: البراءة.\n"
    case = files(extra=extra, notes="  - at: 2026-11-25T12:00\n    note: Acquittement.\n")
    path = f"communiques/2026/{CASE}.fr.md"
    case[path] = case[path].replace(
        "    note: Interpellation du suspect recherché.\n",
        "    note: Interpellation du suspect recherché, âgé de 31 ans.\n",
    )
    _, found = load_content(tmp_path, case)
    assert found == [
        f'{FR}:6: privacy: an age ("31") of a person whose case ended as acquitted; their '
        "details leave every page: remove it from the text"
    ]
