"""Communiqués that travel: the preview cards and official images of every demo communiqué,
their OpenGraph, Twitter and schema.org data read back by real parsers (extruct, lxml), the
Arabic read back by an OCR engine (Tesseract), text that never leaves its image, pages that
lose or repeat no line, the download links as Chromium shows them."""

import json
import logging
import os
import random
import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import extruct
import lxml.html
import pytest
import segno
import zxingcpp
from PIL import Image, ImageFont, ImageOps

from communiques_site.core import routes
from communiques_site.share import cards, official
from communiques_site.share.cards import layout_card, make_card
from communiques_site.share.draw import PAPER, qr_image
from communiques_site.share.hooks import fonts_of
from communiques_site.share.official import layout_official, make_pages
from communiques_site.share.settings import SCHEMA
from communiques_site.share.sheets import Heading, Sheet, Verification, paragraphs_of
from conftest import language
from sites import ORIGINAL, TRANSLATION, case_files, codes, demo_codes, make_site, with_minor_update

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "http://localhost:8000"
EMBLEM = str(ROOT / "theme" / "static" / "img" / "emblem.png")
LANGS = tuple(demo_codes())
# The share of a title's words that Tesseract must find on each Arabic card, and on all of them
# (measured on the demo's 62 cards, each line read at two sizes: 0.86 at the least, 1.00 on
# average; with shaping off, 0.0 on every card).
OCR_SHARE = 0.75
OCR_MEAN = 0.9


CODE = Verification("K7QX-2M4P", f"{SITEURL}/v/K7QX2M4P/", "رمز التحقق: K7QX-2M4P")


def fonts():
    return fonts_of(SCHEMA.read({}))


def _communique_pages(demo_site, lang):
    folder = demo_site / lang / "communiques"
    return sorted(folder.glob("*/index.html"))


def _tree(path):
    return lxml.html.parse(str(path)).getroot()


def _shared(page):
    """A page of a communiqué that has images: not withdrawn."""
    return not _tree(page).xpath("//div[contains(@class, 'notice-withdrawn')]")


def _extract(page, url):
    return extruct.extract(
        page.read_text(encoding="utf-8"),
        base_url=url,
        syntaxes=["json-ld", "opengraph"],
        uniform=False,
    )


def _og(data):
    """{property: [values]} of the page's OpenGraph data, as extruct reads it."""
    found = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            found.setdefault(name, []).append(value)
    return found


def _moment(text):
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text
    return moment


# --- Structured data and previews ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_communique_page_has_its_previews_and_structured_data(demo_site, lang):
    pages = [page for page in _communique_pages(demo_site, lang) if _shared(page)]
    assert len(pages) > 50
    other = next(code for code in LANGS if code != lang)
    for page in pages:
        case_id = page.parent.name
        url = SITEURL + routes.communique(lang, case_id)
        tree = _tree(page)
        title = tree.xpath("string(//h1)").strip()
        data = _extract(page, url)
        og = _og(data)
        where = f"{lang}/{case_id}"
        assert og["og:type"] == ["article"], where
        assert og["og:title"] == [title], where
        assert og["og:description"] == tree.xpath("//meta[@name='description']/@content"), where
        assert og["og:url"] == [url], where
        assert og["og:locale"] == [language(lang).locale], where
        assert og["og:locale:alternate"] == [language(other).locale], where
        card = SITEURL + routes.share_card(lang, case_id)
        assert og["og:image"] == [card], where
        assert og["og:image:width"] == ["1200"] and og["og:image:height"] == ["630"], where
        assert title in og["og:image:alt"][0], where
        published = tree.xpath("string(//p[@class='dateline']/time[1]/@datetime)")
        assert _moment(og["article:published_time"][0]) == _moment(published), where
        assert _moment(og["article:modified_time"][0]) >= _moment(published), where
        twitter = {
            meta.get("name"): meta.get("content")
            for meta in tree.xpath("//head/meta[starts-with(@name, 'twitter:')]")
        }
        assert twitter["twitter:card"] == "summary_large_image", where
        assert twitter["twitter:image"] == card and twitter["twitter:title"] == title, where
        assert twitter["twitter:image:alt"] == og["og:image:alt"][0], where
        with Image.open(demo_site / routes.output_file(routes.share_card(lang, case_id))) as im:
            assert im.size == (1200, 630), where
        [article] = [item for item in data["json-ld"] if item["@type"] == "NewsArticle"]
        assert article["headline"] == title, where
        assert article["inLanguage"] == language(lang).locale.replace("_", "-"), where
        assert article["isAccessibleForFree"] is True, where
        assert _moment(article["datePublished"]) == _moment(published), where
        assert _moment(article["dateModified"]) >= _moment(article["datePublished"]), where
        assert article["image"][0]["url"] == card, where
        publisher = article["publisher"]
        assert publisher["@type"] == "GovernmentOrganization", where
        logo = demo_site / publisher["logo"]["url"].removeprefix(SITEURL + "/")
        with Image.open(logo) as im:
            assert im.size == (publisher["logo"]["width"], publisher["logo"]["height"]), where
        place = article["contentLocation"]
        city = tree.xpath("string(//p[@class='kicker']/a)").strip()
        assert place["name"] == city, where
        assert -18 < place["geo"]["longitude"] < 0 and 20 < place["geo"]["latitude"] < 36, where
        translations = article.get("workTranslation") or [article["translationOfWork"]]
        for translation in translations:
            target = translation["@id"].removeprefix(SITEURL)
            assert target == routes.communique(other, case_id), where
            assert (demo_site / routes.output_file(target)).is_file(), where


def test_the_original_and_its_translation_point_at_each_other(demo_site):
    """One side says workTranslation, the other translationOfWork: never both, never none."""
    kinds = set()
    for page in _communique_pages(demo_site, "ar"):
        case_id = page.parent.name
        pair = []
        for lang in LANGS:
            url = SITEURL + routes.communique(lang, case_id)
            path = demo_site / routes.output_file(routes.communique(lang, case_id))
            [article] = _extract(path, url)["json-ld"]
            pair.append(("workTranslation" in article, "translationOfWork" in article))
        assert sorted(pair) == [(False, True), (True, False)], case_id
        kinds.add(pair[0])
    assert len(kinds) == 2  # the demo has originals in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_names_the_government_organization(demo_site, lang):
    url = SITEURL + routes.home(lang)
    data = _extract(demo_site / routes.output_file(routes.home(lang)), url)
    [organisation] = data["json-ld"]
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["url"] == url
    assert organisation["logo"]["url"] == SITEURL + routes.theme("img/emblem.png")
    assert organisation["name"] and organisation["alternateName"]


def test_the_json_ld_cannot_be_closed_by_a_title(tmp_path):
    """A title is the officer's text: whatever it holds stays inside its script element."""
    from communiques_site.share.meta import json_ld

    markup = str(json_ld({"headline": "</script><script>alert(1)</script> & <!--"}))
    assert markup.count("</script>") == 1 and "<!--" not in markup
    page = lxml.html.document_fromstring(f"<html><head>{markup}</head><body></body></html>")
    [script] = page.xpath("//script")
    assert json.loads(script.text)["headline"].startswith("</script>")


# --- The images of the demo ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_official_image_is_there_page_after_page(demo_site, lang):
    counts = []
    for page in _communique_pages(demo_site, lang):
        case_id = page.parent.name
        made = sorted(page.parent.glob("communique-*.png"))
        if not _shared(page):
            assert not made and not (page.parent / "card.png").exists(), case_id
            continue
        assert made, case_id
        for number in range(1, len(made) + 1):
            path = demo_site / routes.output_file(routes.official_image(lang, case_id, number))
            with Image.open(path) as image:
                assert image.size == (1080, 1350), path
        counts.append(len(made))
    assert len(counts) > 50


def test_a_preview_makes_no_image_of_a_draft_or_an_embargoed_case(tmp_path):
    later = "2026-11-29-casablanca-robbery"
    files = case_files()
    files.update(case_files(later, ORIGINAL.replace("2026-11-27T18:30", "2026-11-29T18:30")))
    draft = "2026-11-27-casablanca-theft"
    for path, text in case_files(draft).items():
        files[path.replace("communiques/", "drafts/")] = text
    site = make_site(tmp_path, files)
    result = site.build(
        COMMUNIQUES={"now": "2026-11-28T12:00+01:00", "preview": True, "drafts": True}
    )
    assert result.ok, result.problems
    for lang in codes():
        published = site.output / lang / "communiques" / "2026-11-27-casablanca-robbery"
        assert (published / "card.png").exists() and (published / "communique-1.png").exists()
        for case_id in (later, draft):
            folder = site.output / lang / "communiques" / case_id
            assert (folder / "index.html").exists(), case_id  # the preview shows the page
            assert not list(folder.glob("*.png")), case_id
            page = _tree(folder / "index.html")
            assert not page.xpath("//meta[@property='og:image']"), case_id
            assert not page.xpath("//a[@download]"), case_id
        office = _tree(site.output / lang / "press-office" / "index.html")
        links = office.xpath("//ul[@class='share-list']//a[@download]/@href")
        assert links == [
            routes.official_image(lang, "2026-11-27-casablanca-robbery", 1),
            routes.share_card(lang, "2026-11-27-casablanca-robbery"),
        ]


# --- Arabic shaping, read back by an OCR engine -------------------------------------------

ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
# Letters an OCR engine (or a typist) writes one for the other: compared as one.
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def arabic_words(text):
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if not unicodedata.combining(c))
    return [word.translate(FOLD) for word in ARABIC_WORD.findall(text) if len(word) > 1]


def ocr(images, tmp_path, psm="6"):
    """Tesseract's Arabic reading of each image (one process for all: its start is slow)."""
    paths = []
    for number, image in enumerate(images):
        path = tmp_path / f"ocr-{number}.png"
        image.save(path)
        paths.append(path)
    listing = tmp_path / "ocr.txt"
    listing.write_text("\n".join(map(str, paths)) + "\n")
    result = subprocess.run(
        ["tesseract", str(listing), "stdout", "-l", "ara", "--psm", psm],
        capture_output=True,
        text=True,
        check=True,
    )
    # One page of text per image, each ended by a form feed.
    texts = result.stdout.split("\f")[: len(paths)]
    assert len(texts) == len(paths), result.stderr
    return texts


def found_share(title, text):
    wanted, read = arabic_words(title), set(arabic_words(text))
    return sum(word in read for word in wanted) / len(wanted)


# Tesseract misses a line now and then at one size and reads it at another: each line is read
# at two sizes (letters some 25 and 55 px tall) and a word counts as found if either has it.
SCALES = (0.45, 1.0)


def title_lines(image, card, scale):
    """Each line of the card's title (where its layout put it), in grey, scaled, with paper
    around: read one line at a time, as a reader reads them, the test does not depend on
    Tesseract finding the lines."""
    box, face = card.box, card.measure.faces[card.measure.font.direction]
    ascent, descent = face.getmetrics()
    grey, crops = image.convert("L"), []
    for baseline in card.baselines:
        top, bottom = round(baseline - ascent), round(baseline + descent)
        crop = grey.crop((box.left - 10, top, box.right + 10, bottom))
        size = (round(crop.width * scale), round(crop.height * scale))
        crops.append(ImageOps.expand(crop.resize(size, Image.Resampling.LANCZOS), 30, 255))
    return crops


def read_titles(cards, tmp_path):
    """Tesseract's readings of each (image, layout) card's title, every line at every scale."""
    crops = [
        [line for scale in SCALES for line in title_lines(image, card, scale)]
        for image, card in cards
    ]
    texts = iter(ocr([line for lines in crops for line in lines], tmp_path, psm="7"))
    return [" ".join(next(texts) for _ in lines) for lines in crops]


def arabic_sheet(title, paragraphs=(), verification=None):
    return Sheet(
        lang="ar",
        direction="rtl",
        locale="ar_MA",
        heading="بلاغ",
        title=title,
        paragraphs=tuple(paragraphs),
        dateline="وجدة في 27 غشت 2026",
        letterhead=(
            Heading("ar", "rtl", ("المملكة المغربية", "المديرية العامة للأمن الوطني")),
            Heading("fr", "ltr", ("Royaume du Maroc", "Direction générale de la Sûreté nationale")),
        ),
        address="localhost:8000",
        permalink=f"{SITEURL}/ar/communiques/2026-08-27-oujda-road-stunt/",
        verification=verification,
    )


def demo_titles(demo_site):
    titles = []
    for page in _communique_pages(demo_site, "ar"):
        if _shared(page):
            titles.append((page.parent.name, _tree(page).xpath("string(//h1)").strip()))
    return titles


def test_tesseract_reads_the_title_of_every_arabic_card(demo_site, tmp_path):
    """The card as published, its title region read by Tesseract: most of the title's words
    found means letters joined and words in their order (unshaped Arabic reads as nothing)."""
    titles = demo_titles(demo_site)
    cards = []
    for case_id, title in titles:
        with Image.open(demo_site / routes.output_file(routes.share_card("ar", case_id))) as im:
            # Laid out as the build laid it out: with a code, the title leaves room for the QR.
            sheet = arabic_sheet(title, verification=CODE)
            cards.append((im.convert("RGB"), layout_card(sheet, fonts(), {})))
    texts = read_titles(cards, tmp_path)
    shares = [found_share(title, text) for (_, title), text in zip(titles, texts, strict=True)]
    low = [
        (case_id, round(share, 2))
        for (case_id, _), share in zip(titles, shares, strict=True)
        if share < OCR_SHARE
    ]
    assert not low, low
    assert sum(shares) / len(shares) >= OCR_MEAN


def test_a_card_without_shaping_fails_the_ocr_test(demo_site, tmp_path):
    """The test above can fail: the same titles drawn with Pillow's basic layout (no raqm: no
    joining, no bidi) are not read."""
    titles = demo_titles(demo_site)[:6]
    basic = ImageFont.Layout.BASIC
    cards = []
    for _, title in titles:
        sheet = arabic_sheet(title, verification=CODE)
        image = make_card(sheet, fonts(), EMBLEM, layout=basic)
        cards.append((image, layout_card(sheet, fonts(), {}, basic)))
    texts = read_titles(cards, tmp_path)
    shares = [found_share(title, text) for (_, title), text in zip(titles, texts, strict=True)]
    assert all(share < OCR_SHARE for share in shares), shares


# --- Text stays inside its image, lines are neither lost nor repeated ------------------------


def generated_words(rng, count, long_word=False):
    arabic = [
        "تمكنت",
        "عناصر",
        "الشرطة",
        "القضائية",
        "بولاية",
        "أمن",
        "وجدة",
        "من",
        "توقيف",
        "شخصين",
        "للاشتباه",
        "في",
        "تورطهما",
    ]
    latin = ["Hay", "Al", "Qods", "TikTok", "Facebook", "GPS"]
    words = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.1:
            words.append(rng.choice(latin))
        elif pick < 0.15:
            words.append(str(rng.randint(1, 99999)))
        else:
            words.append(rng.choice(arabic))
    if long_word:
        words.insert(2, "الاستعراضية" * 12)  # wider than any line: cut, not spilled
    return words


def limited(words, limit):
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > limit:
            break
        text = f"{text} {word}".strip()
    return text


def ink_outside(image, box):
    """Pixels that are not paper outside `box` (left, top, right, bottom) below the band."""
    pixels = image.convert("RGB")
    found = 0
    for x0, y0, x1, y1 in (
        (0, box[1], box[0], box[3]),
        (box[2], box[1], image.width, box[3]),
    ):
        region = pixels.crop((x0, y0, x1, y1))
        found += sum(1 for pixel in region.get_flattened_data() if pixel != PAPER)
    return found


@pytest.mark.parametrize("code", (None, CODE))
@pytest.mark.parametrize("seed", range(4))
def test_no_title_leaves_its_card_up_to_the_longest_title(seed, code):
    """Titles of the longest length the validator lets through (TITLE_LENGTH), with Latin runs,
    numbers and a word wider than the card: every line inside the title's box, no ink in the
    card's margins."""
    from communiques_site.communiques.schema import TITLE_LENGTH

    rng = random.Random(seed)
    title = limited(generated_words(rng, 120, long_word=seed % 2 == 0), TITLE_LENGTH)
    assert len(title) > TITLE_LENGTH - 15
    for direction in ("rtl", "ltr"):
        sheet = arabic_sheet(title, verification=code)
        if direction == "ltr":
            sheet = Sheet(**{**sheet.__dict__, "direction": "ltr", "lang": "fr"})
        card = layout_card(sheet, fonts(), {})
        measure = card.measure
        for line in card.title:
            assert measure.line_width(line.words) <= card.box.width + 0.5, line.text
        descent = measure.faces[direction].getmetrics()[1]
        assert card.baselines[-1] + descent <= card.box.bottom
        image = make_card(sheet, fonts(), EMBLEM)
        margin = cards.MARGIN - 4
        assert ink_outside(image, (margin, cards.BAND.bottom + 8, 1200 - margin, 630)) == 0


def long_body(rng, limit):
    paragraphs, total = [], 0
    while total < limit - 200:
        paragraph = limited(generated_words(rng, rng.randint(20, 120)), limit - total - 2)
        if not paragraph:
            break
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


@pytest.mark.parametrize("seed", range(2))
def test_the_official_pages_lose_and_repeat_no_line(seed):
    """A body of the longest length the validator lets through (BODY_LENGTH): the layout's
    lines, page after page, hold every word of the text once, in order; every line fits the
    column and sits between the letterhead and the footer."""
    from communiques_site.communiques.schema import BODY_LENGTH, TITLE_LENGTH

    rng = random.Random(seed)
    paragraphs = long_body(rng, BODY_LENGTH)
    assert sum(len(p) for p in paragraphs) > BODY_LENGTH * 0.9
    sheet = arabic_sheet(limited(generated_words(rng, 80), TITLE_LENGTH), paragraphs, CODE)
    layout = layout_official(sheet, fonts(), {})
    assert len(layout.pages) >= 5
    laid = [word for page in layout.pages for placed in page for word in placed.line.words]
    title = sheet.title.split()
    assert laid[: len(title)] == title
    assert laid[len(title) :] == [word for p in paragraphs for word in p.split()]
    for page in layout.pages:
        for placed in page:
            measure = layout.measures[placed.kind]
            assert measure.line_width(placed.line.words) <= layout.box.width + 0.5
            ascent, descent = measure.faces["rtl"].getmetrics()
            assert placed.baseline - ascent >= official.BAND.bottom
            assert placed.baseline + descent <= official.FOOTER_TOP
    images = make_pages(sheet, fonts(), EMBLEM)
    assert len(images) == len(layout.pages)
    margin = official.MARGIN - 4
    for image in images:
        box = (margin, official.BAND.bottom + 8, 1080 - margin, official.FOOTER_TOP)
        assert ink_outside(image, box) == 0


def test_a_line_is_justified_to_the_column_and_a_paragraph_ends_ragged():
    sheet = arabic_sheet("عنوان", [" ".join(generated_words(random.Random(7), 60))])
    layout = layout_official(sheet, fonts(), {})
    from communiques_site.share.layout import place

    body = [placed for placed in layout.pages[0] if placed.kind == "body"]
    measure = layout.measures["body"]
    for placed in body:
        units = place(placed.line, measure, layout.box.width)
        left = min(unit.x for unit in units)
        right = max(unit.x + unit.unit.width for unit in units)
        assert right == pytest.approx(layout.box.width, abs=0.5)  # right to left: starts right
        if placed.line.justified:
            assert left == pytest.approx(0, abs=0.5)
        else:
            assert left > 10  # the last line keeps its natural spacing


def test_paragraphs_are_the_body_as_the_page_shows_it():
    body = "<p>Un <em>mot</em> et   deux.</p><ul><li><p>point</p></li><li>autre</li></ul>"
    assert paragraphs_of(body) == ("Un mot et deux.", "• point", "• autre")


# --- QR codes -----------------------------------------------------------------------------


def test_a_qr_code_decodes_to_its_address():
    url = f"{SITEURL}/v/K7QX2M4P/"
    [result] = zxingcpp.read_barcodes(qr_image(url, 210, {}))
    assert result.text == url


def test_a_worker_that_draws_one_communique_after_another_shows_each_its_own_code():
    """A worker keeps the last code it made (a card and its official pages show the same
    address): the next communiqué's images must not show it."""
    cache: dict = {}
    for code in ("K7QX2M4P", "K7QX2M4P", "Z9RT3W5N"):
        url = f"{SITEURL}/v/{code}/"
        [result] = zxingcpp.read_barcodes(qr_image(url, 210, cache))
        assert result.text == url


# --- Reuse --------------------------------------------------------------------------------


def test_images_are_reused_until_what_they_show_changes(tmp_path):
    """A build takes from the published site the images of unchanged communiqués (the same
    file, hard-linked); a changed title draws that language's images again, and only those."""
    site = make_site(tmp_path, case_files())
    assert site.build().ok
    folder = "communiques/2026-11-27-casablanca-robbery"

    def inodes():
        return {
            path.relative_to(site.output).as_posix(): path.stat().st_ino
            for path in sorted(site.output.glob(f"*/{folder}/*.png"))
        }

    first = inodes()
    assert len(first) == 2 * len(codes())  # a card and one page in each language
    assert site.build(force=True).ok
    assert inodes() == first
    # A correction of the French title (the record wants its note, in every file): the
    # Arabic images show nothing that changed.
    translation = TRANSLATION.replace("vol avec violence", "vol à l’arraché")
    for path, text in with_minor_update(translation=translation).items():
        site.write(path, text, raw=True)
    assert site.build().ok
    after = inodes()
    changed = sorted(name for name in after if after[name] != first[name])
    assert changed == [f"fr/{folder}/card.png", f"fr/{folder}/communique-1.png"]
    page = _tree(site.output / "fr" / folder / "index.html")
    assert "vol à l’arraché" in page.xpath("string(//meta[@property='og:image:alt']/@content)")


def test_a_fresh_clone_of_the_theme_draws_no_image_again(tmp_path, caplog):
    """A publisher that clones the site afresh for each publication (the output and cache kept)
    has every theme file new, at another path: the emblem is the same bytes, and so are the
    images. Every image of the archive was drawn again (the same pixels, so the same files
    published) when the emblem counted by its path and time."""
    site = make_site(tmp_path / "site", case_files())
    first, second = tmp_path / "clone-1" / "theme", tmp_path / "clone-2" / "theme"
    shutil.copytree(ROOT / "theme", first, copy_function=shutil.copy)  # new times
    assert site.build(THEME=str(first)).ok
    shutil.copytree(first, second, copy_function=shutil.copy)
    emblem = second / "static" / "img" / "emblem.png"
    os.utime(emblem, (emblem.stat().st_atime, emblem.stat().st_mtime + 3600))
    # The next publication, from the new clone: a new communiqué.
    for path, text in case_files("2026-11-27-casablanca-robbery-2").items():
        site.write(path, text, raw=True)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="communiques_site.share.hooks"):
        assert site.build(THEME=str(second)).ok
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("share: ")]
    # Its images in every language, and none of the other communiqué's.
    assert said == [f"share: {2 * len(codes())} communiqués' images, {len(codes())} drawn"]


# --- What a reader sees -------------------------------------------------------------------


def _longest_case(demo_site):
    """The demo communiqué whose official image has the most pages in Arabic."""
    pages = _communique_pages(demo_site, "ar")
    return max(
        sorted(page.parent.name for page in pages if _shared(page)),
        key=lambda case_id: len(list((demo_site / "ar/communiques" / case_id).glob("*.png"))),
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", (360, 1280))
def test_chromium_shows_the_download_links(browser, served_demo, demo_site, lang, width):
    case_id = _longest_case(demo_site)
    count = len(list((demo_site / lang / "communiques" / case_id).glob("communique-*.png")))
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(served_demo + routes.communique(lang, case_id))
        section = page.locator("section.share-images")
        section.scroll_into_view_if_needed()
        links = section.get_by_role("link")
        assert links.count() == 1 + count
        expected = [routes.share_card(lang, case_id)] + [
            routes.official_image(lang, case_id, n) for n in range(1, count + 1)
        ]
        for number in range(links.count()):
            link = links.nth(number)
            assert link.is_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert link.get_attribute("href") == expected[number]
            assert link.inner_text().strip()
            response = page.request.get(served_demo + expected[number])
            assert response.status == 200
            assert response.headers["content-type"] == "image/png"
        page.screenshot(path=str(ROOT / "tests" / "artifacts" / f"share-{lang}-{width}.png"))
    finally:
        page.close()


def test_a_font_that_is_not_installed_is_refused_before_anything_is_read(tmp_path):
    site = make_site(tmp_path, case_files())
    result = site.build(SHARE={"arabic_font": "Naskh Of Nowhere"})
    assert not result.ok
    assert [str(problem) for problem in result.problems] == [
        "pelicanconf.py:1: SHARE['arabic_font']: 'Naskh Of Nowhere' is not installed in Regular "
        "and Bold (fc-list shows the fonts of this machine); install fonts-noto-core "
        "(scripts/system-deps.sh does) or name an installed family"
    ]
    assert not site.output.exists()


def _code_address(tree):
    """The absolute /v/{code}/ address the page's verification code links to."""
    [href] = tree.xpath("//p[@class='verification-code']/a/@href")
    assert re.fullmatch(r"/v/[0-9A-Z]{8}/", href), href
    return SITEURL + href


@pytest.mark.parametrize("lang", LANGS)
def test_every_qr_code_decodes_to_the_communiques_verification_address(demo_site, lang):
    """Each preview card and each page of each official image, read by zxing-cpp (not the
    library that drew it): the address of the code that the communiqué's page shows."""
    checked = 0
    for page in _communique_pages(demo_site, lang):
        if not _shared(page):
            continue
        address = _code_address(_tree(page))
        for image_path in sorted(page.parent.glob("*.png")):
            with Image.open(image_path) as image:
                found = zxingcpp.read_barcodes(image.convert("L"))
            assert [result.text for result in found] == [address], image_path
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_page_carries_the_code_and_its_qr(browser, served_demo, demo_site, lang):
    """On paper (print media, as Chromium prints), beside the reference and the permalink: the
    code and a QR code that a phone reads as the code's address."""
    case_id = _longest_case(demo_site)
    address = _code_address(_tree(demo_site / lang / "communiques" / case_id / "index.html"))
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    try:
        page.goto(served_demo + routes.communique(lang, case_id))
        page.emulate_media(media="print")
        reference = page.locator(".print-reference")
        assert reference.is_visible()
        text = reference.inner_text()
        assert case_id in text and address in text
        assert address.removeprefix(f"{SITEURL}/v/").rstrip("/") in text.replace("-", "")
        shot = ROOT / "tests" / "artifacts" / f"share-print-{lang}.png"
        reference.locator("svg.qr").screenshot(path=str(shot))
        with Image.open(shot) as image:
            found = zxingcpp.read_barcodes(image.convert("L"))
        assert [result.text for result in found] == [address]
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_qr_code_is_the_code_segno_chooses_for_its_address(demo_site, lang):
    """The page's inline code is made with the mask the image workers chose for the same
    address (a quarter of the time): it must be the code made without that hint, the one a
    build that drew no image makes. Any mask decodes, so only this catches a mask taken from
    another communiqué's code."""
    checked = 0
    for page in _communique_pages(demo_site, lang):
        tree = _tree(page)
        [svg] = tree.xpath("//svg[contains(@class, 'qr')]") or [None]
        if svg is None:
            continue
        chosen = segno.make(_code_address(tree), error="m", micro=False)
        expected = lxml.html.fromstring(
            chosen.svg_inline(scale=3, border=4, svgclass="qr", lineclass=None)
        )
        assert svg.xpath(".//path/@d") == expected.xpath(".//path/@d"), page
        checked += 1
    assert checked > 20


def test_no_line_is_left_alone_on_the_last_page():
    """A text one line too long for its pages is set a little smaller, not ended by a page
    that holds a single line."""
    rng = random.Random(3)
    words = generated_words(rng, 2000)
    size = official.SIZES["rtl"][2]
    count = 150
    while True:
        sheet = arabic_sheet("عنوان البلاغ", [" ".join(words[:count])])
        plain = official._layout(sheet, fonts(), {}, None, size)
        if len(plain.pages) == 2 and len(plain.pages[-1]) == 1:
            break
        assert len(plain.pages) < 3, "no length leaves a single line on page 2"
        count += 1
    laid = layout_official(sheet, fonts(), {})
    assert len(laid.pages) == 1 or len(laid.pages[-1]) >= official.LAST_PAGE_LINES
    assert [w for page in laid.pages for p in page for w in p.line.words][2:] == words[:count]


def _saved(image, band):
    import io

    from communiques_site.share.hooks import save_png

    buffer = io.BytesIO()
    save_png(image, buffer, band, {})
    with Image.open(buffer) as saved:
        return saved.mode, saved.convert("RGB")


def test_the_saved_images_move_no_pixel_that_a_reader_could_see():
    """The images are saved in a palette (one byte a pixel): no pixel of a card or a page moves
    by more than a few levels of 255 (the emblem's edges at most), and the paper, the band and
    the ink stay exactly as drawn."""
    import numpy

    from communiques_site.share.draw import BLUE, GOLD, INK

    rng = random.Random(3)
    sheet = arabic_sheet(
        limited(generated_words(rng, 30), 90), long_body(rng, 1500), verification=CODE
    )
    drawn = [(make_card(sheet, fonts(), EMBLEM), cards.BAND.bottom)]
    drawn += [(page, official.BAND.bottom) for page in make_pages(sheet, fonts(), EMBLEM)]
    for image, band in drawn:
        mode, saved = _saved(image, band)
        assert mode == "P"
        before = numpy.asarray(image, dtype=numpy.int16)
        after = numpy.asarray(saved, dtype=numpy.int16)
        moved = numpy.abs(before - after)
        assert moved.max() <= 12
        assert moved.mean() < 0.2
        for colour in (PAPER, BLUE, GOLD, INK):
            where = (before == colour).all(axis=2)
            assert where.any()
            assert (after[where] == colour).all(), colour


def test_a_run_drawn_from_the_workers_store_is_the_run_drawn_afresh():
    """The shaped words a worker keeps (share.layout.Runs) draw the same pixels as words
    shaped anew: a second image drawn with a warm store equals one drawn with a cold one."""
    rng = random.Random(5)
    sheet = arabic_sheet(limited(generated_words(rng, 30), 90), long_body(rng, 800), CODE)
    warm = {}
    make_pages(sheet, fonts(), EMBLEM, cache=warm)
    assert len(warm["runs"].masks) > 50
    again = make_pages(sheet, fonts(), EMBLEM, cache=warm)
    fresh = make_pages(sheet, fonts(), EMBLEM, cache={})
    assert [image.tobytes() for image in again] == [image.tobytes() for image in fresh]
