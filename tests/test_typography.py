"""Language and typography: lists in each language's alphabetical order, numbers that never break
from their units, French punctuation in the catalogs."""

import re
import sys

import lxml.html
import pytest
from babel import Locale
from babel.messages.pofile import read_po

from communiques_site.bilingual.collation import collated
from communiques_site.core.i18n import Formats
from conftest import ROOT, language
from sites import catalogued, codes, demo_codes

sys.path.insert(0, str(ROOT / "scripts"))
import typography  # the scripts folder is not a package

NBSP, NNBSP = "\u00a0", "\u202f"


def catalog(code):
    with (ROOT / "theme/translations" / code / "LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle)


def translations(code):
    return [(m.id, m.string) for m in catalog(code) if m.id and isinstance(m.string, str)]


def french_languages():
    """The site's languages whose locale is French (the rules below are French typography)."""
    return [code for code in codes() if Locale.parse(language(code).locale).language == "fr"]


def listed(demo_site, url):
    page = lxml.html.parse(str(demo_site / url.lstrip("/") / "index.html")).getroot()
    return [a.text_content() for a in page.xpath("//ul[contains(@class,'index-list')]/li/a")]


def before(names, first, second):
    return names.index(first) < names.index(second)


def test_french_lists_follow_french_order_not_code_points():
    names = ["Tiznit", "Témara", "Boujdour", "Béni Mellal", "Larache", "Laâyoune"]
    assert collated(names, language("fr")) == [
        "Béni Mellal",
        "Boujdour",
        "Laâyoune",
        "Larache",
        "Témara",
        "Tiznit",
    ]
    assert sorted(names)[0] == "Boujdour"  # what Python's order did


def test_arabic_lists_put_the_hamza_forms_of_alif_with_alif():
    # In code points أ (U+0623) comes before إ (U+0625): أكادير before إفران, إنزكان.
    names = ["أكادير", "إنزكان", "إفران", "بركان", "آسفي"]
    assert collated(names, language("ar")) == ["آسفي", "إفران", "أكادير", "إنزكان", "بركان"]


def test_the_cities_and_offences_pages_are_collated(demo_site):
    cities = listed(demo_site, "/fr/cities/")
    assert before(cities, "Béni Mellal", "Boujdour")
    assert before(cities, "Témara", "Tiznit")
    assert before(cities, "Laâyoune", "Larache")
    assert before(listed(demo_site, "/ar/cities/"), "إفران", "أكادير")
    open_data = lxml.html.parse(str(demo_site / "fr/open-data/index.html")).getroot()
    per_city = [
        li.text.split(" — ")[0]
        for li in open_data.xpath("//li[a[contains(@href, '.csv') and contains(@href, 'cities/')]]")
    ]
    assert before(per_city, "Béni Mellal", "Boujdour")  # through the templates' collate filter
    offences = listed(demo_site, "/fr/offences/")
    assert before(
        offences,
        "détention et consommation de drogues",
        "diffusion d’allégations et de faits mensongers",
    )


def test_numbers_and_their_units_never_break():
    for code in codes():
        formats = Formats(language(code))
        for quantity in (formats.hours(20), formats.hours(100), formats.years(17)):
            assert " " not in quantity and NBSP in quantity, (code, quantity)
    assert Formats(language("ar")).hours(20) == "20\u00a0ساعة"
    assert Formats(language("fr")).years(2) == "2\u00a0ans"
    assert Formats(language("fr")).percent(0.125) == "12,5\u00a0%"


def test_the_facts_keep_20_hours_on_one_line(demo_site):
    """The durations and ages of the facts box (Babel's); the bodies are the officers' text."""
    durations = re.compile(r"\d[ \u00a0](?:ساعة|ساعات|أيام|يوما|سنة|سنوات|heures?|jours|ans?)\b")
    found = []
    for path in demo_site.glob("*/communiques/*/index.html"):
        page = lxml.html.parse(str(path)).getroot()
        for facts in page.xpath("//*[contains(@class, 'facts')]"):
            found += durations.findall(facts.text_content())
    assert found and all(NBSP in duration for duration in found), set(found)


def bare(text):
    """A translation without what typography must not touch: placeholders, tags, URLs, e-mails."""
    return typography.PROTECTED.sub("", text)


def test_french_translations_use_typographic_apostrophes_and_thin_spaces():
    codes = french_languages()
    assert codes
    faults = []
    punctuation = re.compile(r"(.)([:;!?])(?=[\s»)]|$)")
    for code in codes:
        for _, text in translations(code):
            shown = bare(text)
            if "'" in shown:
                faults.append(("straight apostrophe", text))
            for match in punctuation.finditer(shown):
                if match.group(1) != NNBSP:
                    faults.append((f"no U+202F before {match.group(2)}", text))
            if re.search(r"«(?!\u202f)|(?<!\u202f)»", shown):
                faults.append(("guillemets without U+202F inside", text))
    assert not faults, "run scripts/typography.py on the catalogs:\n" + "\n".join(map(str, faults))


def test_numbers_in_the_catalogs_keep_their_units():
    for code in catalogued():
        for _, text in translations(code):
            assert not re.search(r"\d [^\W\d]", bare(text)), (code, text)


def test_the_typography_script_leaves_notation_and_placeholders_alone():
    po = (
        'msgid "x"\nmsgstr "L\'état : %(n)s, clé:quantité à 12:30, voir https://a.ma/?q=a '
        'ou presse@dgsn.gov.ma ; « mot » !"\n'
        'msgid "y"\nmsgstr ""\n"au plus 24 heures "\n": fin"\n'
    )
    header = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
    done = typography.rewrite(header + po)
    assert "L’état\u202f: %(n)s, clé:quantité à 12:30" in done
    assert "https://a.ma/?q=a ou presse@dgsn.gov.ma\u202f; «\u202fmot\u202f»\u202f!" in done
    assert '"au plus 24\u00a0heures\u202f"\n": fin"' in done  # across the .po's lines
    assert typography.rewrite(done) == done


def test_a_month_standing_alone_starts_with_a_capital_in_french(demo_site):
    """CLDR writes French months in lower case, as a sentence does; a heading, a title and a
    link that is a month alone start with a capital (Novembre 2026), the sentence keeps it."""
    page = lxml.html.parse(str(demo_site / "fr/archives/2026/10/index.html"))
    assert page.findtext(".//h1") == "Octobre 2026"
    assert page.findtext(".//title").startswith("Octobre 2026 · ")
    assert "publiés en octobre 2026," in page.xpath("string(//meta[@name='description']/@content)")
    pager = page.xpath("//a[@rel='next' or @rel='prev']/text()")
    assert pager == ["Novembre 2026", "Septembre 2026"]
    months = lxml.html.parse(str(demo_site / "fr/archives/index.html")).xpath(
        "//main//a[contains(@href, '/archives/2026/')]/text()"
    )
    assert months and all(month[0].isupper() for month in months)
    arabic = lxml.html.parse(str(demo_site / "ar/archives/2026/10/index.html"))
    assert arabic.findtext(".//h1") == "أكتوبر 2026"


def forms_of(french):
    """The Arabic plural forms of the status whose French singular or plural is given."""
    with (ROOT / "theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        fr = read_po(handle)
    with (ROOT / "theme/translations/ar/LC_MESSAGES/messages.po").open("rb") as handle:
        ar = read_po(handle)
    (key,) = [m.id for m in fr if m.context == "persons" and french in m.string]
    return ar.get(key, context="persons").string


def test_a_status_said_of_persons_agrees_with_their_number_in_arabic(demo_site):
    """ "أُفرج عنه" is one man; the demo's Kenitra case released two: "أُفرج عنهما". The
    catalog's plural forms are CLDR's for Arabic (six categories), as Babel gives them."""
    from babel.messages.plurals import get_plural

    with (ROOT / "theme/translations/ar/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == get_plural("ar").num_plurals == 6
    assert catalog.plural_expr == get_plural("ar").plural_expr
    forms = catalog.get(("Released", "Released"), context="persons").string
    # Plural indexes of 1, 2, 3 to 10, 11 to 99, 100 (one, two, few, many, other).
    assert forms[1:] == ("أُفرج عنه", "أُفرج عنهما", "أُفرج عنهم", "أُفرج عنهم", "أُفرج عنهم")
    page = lxml.html.parse(
        str(demo_site / "ar/communiques/2026-06-05-kenitra-vandalism/index.html")
    )
    assert len(page.xpath("//ul[@class='suspects']/li")) == 2
    badges = page.xpath("//span[contains(@class, 'status-released')]/text()")
    assert badges and set(badges) == {"أُفرج عنهما"}
    # French agrees too: two persons referred are "Déférés", one "Déféré".
    for case, persons, wanted in [
        ("2025-11-10-beni-mellal-snatch-theft", 2, "Déférés devant le parquet"),
        ("2026-08-03-casablanca-knife-fight", 2, "Condamnés"),
    ]:
        page = lxml.html.parse(str(demo_site / f"fr/communiques/{case}/index.html"))
        assert len(page.xpath("//ul[@class='suspects']/li")) == persons
        assert set(page.xpath("//span[contains(@class, 'status ')]/text()")) == {wanted}
        arabic = lxml.html.parse(str(demo_site / f"ar/communiques/{case}/index.html"))
        badges = set(arabic.xpath("//span[contains(@class, 'status ')]/text()"))
        assert badges == {forms_of(wanted)[2]}, badges


def test_a_type_and_a_status_never_read_alike():
    """A listing shows the type and the status side by side: "بحث جار" (type) beside "البحث
    جار" (status) read as the same words. No two labels of the types and statuses share their
    words, the article set aside, in either language."""
    from communiques_site.core.labels import LABELS

    for lang in catalogued():
        with (ROOT / f"theme/translations/{lang}/LC_MESSAGES/messages.po").open("rb") as handle:
            catalog = read_po(handle)
        labels = [catalog.get(m).string for m in LABELS["type"].values()]
        labels += [catalog.get(m).string for m in LABELS["status"].values()]

        def words(label):
            return frozenset(re.sub(r"^(ال|l['’]|la |le )", "", w) for w in label.split())

        shown = [words(label) for label in labels]
        assert len(set(shown)) == len(shown), (lang, labels)


@pytest.mark.parametrize("lang", demo_codes())
def test_column_prefixes_are_isolated_latin_runs(demo_site, lang):
    """In Arabic text a name that ends in "_" (title_) is drawn "_title" unless it is a run
    of its own: each is a <code> element (site.css: direction ltr, unicode-bidi isolate)."""
    page = lxml.html.parse(str(demo_site / f"{lang}/open-data/index.html"))
    prefix = re.compile(r"\b[a-z]+_(?![a-z0-9])")
    loose = []
    for node in page.xpath("//main//text()"):
        if prefix.search(node) and not (
            node.getparent().tag == "code" and node.is_text and prefix.fullmatch(node.strip())
        ):
            loose.append(str(node))
    assert not loose
    codes = page.xpath("//main//code/text()")
    assert {"title_", "url_", "reason_"} <= set(codes)
