"""invoke preview: drafts and embargoed items shown and marked, and the press office's page;
none of it in a normal build."""

import lxml.html

from sites import ORIGINAL, case_files, make_site

LATER = "2026-11-29-casablanca-robbery"


def site_with_an_embargo(tmp_path):
    files = case_files()
    later = ORIGINAL.replace("2026-11-27T18:30", "2026-11-29T18:30")
    files.update(case_files(LATER, later))
    return make_site(tmp_path, files)


def test_a_preview_shows_the_embargoed_case_marked_and_the_press_office_page(tmp_path):
    site = site_with_an_embargo(tmp_path)
    assert site.build(COMMUNIQUES={"now": "2026-11-28T12:00+01:00", "preview": True}).ok
    page = lxml.html.parse(str(site.output / f"fr/communiques/{LATER}/index.html")).getroot()
    notice = page.xpath("string(//div[contains(@class, 'notice-draft')])")
    assert "Sous embargo jusqu’au dimanche 29 novembre 2026" in notice
    office = lxml.html.parse(str(site.output / "fr/press-office/index.html")).getroot()
    section = office.xpath("//h2[.='Sous embargo']/following-sibling::ul[1]")[0]
    assert section.xpath(".//a/@href") == [f"/fr/communiques/{LATER}/"]
    robots = office.xpath("//meta[@name='robots']/@content")
    assert robots == ["noindex"]


def test_a_normal_build_has_neither(tmp_path):
    site = site_with_an_embargo(tmp_path)
    assert site.build(COMMUNIQUES={"now": "2026-11-28T12:00+01:00"}).ok
    assert not (site.output / f"fr/communiques/{LATER}").exists()
    assert not (site.output / "fr/press-office").exists()
