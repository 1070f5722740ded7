"""The share images' part in each stage. Derive: what each image shows (a Sheet), its digest,
the images the published site has from the same inputs, the images it does not have drawn in
the workers and written (their number of pages is known once they are laid out); the images'
addresses for the templates, the head's previews and structured data. Render: the published
images taken again, or drawn again when one of their files is missing."""

import hashlib
import logging
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import segno
from markupsafe import Markup

from communiques_site.core import routes
from communiques_site.core.forking import fork_map
from communiques_site.core.i18n import Formats, plain_gettext
from communiques_site.core.languages import Language

from . import cards, meta, official
from .cards import make_card
from .draw import qr_code
from .official import make_pages
from .palette import in_palette
from .settings import SCHEMA, ShareOptions, font_file
from .sheets import Fonts, Heading, Sheet, Verification, paragraphs_of
from .wording import COMMUNIQUE, DATELINE, INSTITUTION, KINGDOM, QR_TITLE, VERIFICATION

logger = logging.getLogger(__name__)
EMBLEM = "img/emblem.png"
# zlib's fastest level: measured on the demo's pages, 40 % less time than the default for files
# 3 % larger (flat colours and text compress well at any level).
PNG_LEVEL = 1  # under the theme's static folder: rendered from emblem.svg


def save_png(image, target, band: int, cache: dict) -> None:
    """An image as the build writes it: in its letterhead's palette (share.palette), `band`
    being the letterhead's height."""
    in_palette(image, band, cache).save(target, format="PNG", compress_level=PNG_LEVEL)


def declare(pelican):
    return SCHEMA


@dataclass(frozen=True)
class Images:
    """A communiqué's images in one language: their addresses."""

    card: str
    pages: tuple[str, ...]

    def described(self) -> str:
        """Its text for the digest of its communiqué's page (bilingual.digests): two per case."""
        return f"Images {self.card} {' '.join(self.pages)}"


@dataclass
class Plan:
    """One communiqué in one language: the digest of what its images show (the Sheet, made
    only to draw them) and what is to be done."""

    case: Any  # communiques' Case
    language: Language
    digest: str
    pages: int = 0  # of the official image; 0 until known
    reused: bool = False  # every file taken from the published site
    mask: int | None = None  # of its QR code, when drawn in the derive stage (Shared.qr)
    drawn: bool = False  # drawn in the derive stage (its number of pages was not known)
    _names: tuple[int, list[str]] = field(default=(-1, []), repr=False, compare=False)

    @property
    def case_id(self) -> str:
        return str(self.case.id)

    def names(self) -> list[str]:
        """The output files of its images: asked several times for each of the archive's
        communiqués at every build, made once for each number of pages."""
        if self._names[0] != self.pages:
            lang = self.language.code
            self._names = (
                self.pages,
                [
                    routes.output_file(routes.share_card(lang, self.case_id)),
                    *(
                        routes.output_file(routes.official_image(lang, self.case_id, number))
                        for number in range(1, self.pages + 1)
                    ),
                ],
            )
        return self._names[1]

    def find_published(self, outputs) -> None:
        """Its number of pages as the published build made them from the same inputs (0: none,
        or not from these inputs): the same inputs are laid out on the same number of pages.
        The names looked for are its names when they are found."""
        lang, case_id = self.language.code, self.case_id
        card = routes.output_file(routes.share_card(lang, case_id))
        if outputs.published_digest(card) != self.digest:
            return
        names = [card]
        while True:
            name = routes.output_file(routes.official_image(lang, case_id, len(names)))
            if outputs.published_digest(name) != self.digest:
                break
            names.append(name)
        self.pages = len(names) - 1
        self._names = (self.pages, names)


def shareable(case) -> bool:
    """Images travel on their own: none for a draft or an embargoed case (nothing of it may
    leave before its time), none for a withdrawn one (its text is kept for the record, not
    offered for sharing)."""
    return not case.draft and not case.embargoed and case.withdrawn is None


def fonts_of(options) -> Fonts:
    arabic, latin = options.arabic_font, options.latin_font
    return Fonts(
        font_file(arabic, "Regular"),
        font_file(arabic, "Bold"),
        font_file(latin, "Regular"),
        font_file(latin, "Bold"),
    )


def _identity(paths) -> str:
    """What the images are drawn with, the machine's fonts and the theme's emblem, by their
    bytes: a new version of a font draws other images. Not by their paths and times: a fresh
    clone of the site (every file of the theme new) or the same fonts installed elsewhere drew
    every image of the archive again, the same pixels (at 10,000 cases some 40,000 images)."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in paths:
        hasher.update(Path(path).read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()


class SheetMaker:
    """What each image of a communiqué shows, in the build's process: its words from the
    catalogs, its dates from Babel, its names from the registries."""

    def __init__(self, settings, languages, catalogs, registries, code_of=None):
        self.siteurl = settings["SITEURL"].rstrip("/")
        # The verification code of a case ("XXXX-XXXX", "" when it has none), as the
        # transparency log gives it to every plugin (build.context["verification_code"]).
        self.code_of = code_of
        self.registries = registries
        self.translations = {
            language.code: plain_gettext(catalogs[language.code]) for language in languages
        }
        self.letterhead = tuple(
            Heading(
                language.code,
                language.direction,
                (
                    self.translate(language.code, KINGDOM),
                    self.translate(language.code, INSTITUTION),
                ),
            )
            # One block per direction, the first language of each: a letterhead has two sides.
            for language in {lang.direction: lang for lang in reversed(list(languages))}.values()
        )
        self.formats = {language.code: Formats(language) for language in languages}

    def translate(self, lang, message, **values):
        return self.translations[lang](message, **values)

    def __call__(self, case, language) -> Sheet:
        lang = language.code
        text = case.texts[lang]
        return Sheet(
            lang=lang,
            direction=language.direction,
            locale=language.locale,
            heading=self.translate(lang, COMMUNIQUE),
            title=text.title,
            paragraphs=paragraphs_of(text.body_html),
            dateline=self.translate(
                lang,
                DATELINE,
                city=self.registries["cities"][case.city].name[lang],
                date=self.formats[lang].short_date(case.published),
            ),
            letterhead=self.letterhead,
            address=urlsplit(self.siteurl).netloc or self.siteurl,
            permalink=routes.absolute(self.siteurl, routes.communique(lang, case.id)),
            verification=self.verification(case.id, lang),
        )

    def verification(self, case_id, lang) -> Verification | None:
        code = self.code_of(case_id) if self.code_of else ""
        if not code:
            return None  # no log in this build, or not in it yet: no code is invented
        url = routes.absolute(self.siteurl, routes.code(code.replace("-", "")))
        return Verification(code, url, f"{self.translate(lang, VERIFICATION)} {code}")


def derive(build):
    options = build.options[ShareOptions]
    fonts = fonts_of(options)
    emblem = str(Path(build.settings["THEME"]) / "static" / EMBLEM)
    sheets = SheetMaker(
        build.settings,
        build.languages,
        build.catalogs,
        build.index.registries,
        build.context.get("verification_code"),
    )
    identity = _identity([*fonts.__dict__.values(), emblem])
    outputs = build.outputs
    code_of = build.context.get("verification_code")
    # A sheet is made of the case as it stands now (its digest), the language, its code and
    # the fonts; the rest (catalogs, registries, address) is in the build's digest.
    memo = build.memo("share")
    plans = []
    for case in build.index.cases:
        if not shareable(case):
            continue
        code = code_of(case.id) if code_of else ""
        for language in build.languages:
            key = (case.id, case.digest, language.code, code, identity)
            made = partial(_sheet_digest, outputs, sheets, identity, case, language)
            plan = Plan(case, language, memo.get(key, made))
            plan.find_published(outputs)
            plans.append(plan)
    # The images of a sheet the published site does not have are drawn now, in the workers,
    # and written into the staging folder: their number of pages is known only once they are
    # laid out, and laying them out a second time to draw them cost a tenth of the drawing.
    unknown = [plan for plan in plans if not plan.pages]
    workers = options.workers if len(unknown) >= options.parallel_from else 1
    drawn = fork_map(_Draw(build.output_path, fonts, emblem, sheets), unknown, workers)
    for plan, (count, mask) in zip(unknown, drawn, strict=True):
        plan.pages, plan.mask = count, mask
        plan.drawn = True
    for plan in plans:
        expected = [outputs.expect(name, plan.digest) for name in plan.names()]
        plan.reused = all(expected)
    images = {
        (plan.language.code, plan.case_id): Images(
            routes.share_card(plan.language.code, plan.case_id),
            tuple(
                routes.official_image(plan.language.code, plan.case_id, number)
                for number in range(1, plan.pages + 1)
            ),
        )
        for plan in plans
    }
    build.state["share"] = (plans, fonts, emblem, sheets)
    masks = {(p.language.code, p.case_id): p.mask for p in plans if p.mask is not None}
    build.context["share"] = Shared(images, sheets, masks)
    # What a communiqué's page shows of its images (their number) joins the page's digest.
    build.page_inputs.append(
        lambda lang, subjects: (
            [images.get((lang, key)) for kind, key in subjects if kind == "communiques"] or None
        )
    )
    build.head_links.append(meta.HeadMeta(build, images, sheets.translations, routes.theme(EMBLEM)))


def _sheet_digest(outputs, sheets, identity, case, language) -> str:
    return outputs.digest("share", identity, repr(sheets(case, language)))


class Shared:
    """What the templates read: a communiqué's images in a language (or None), and the QR code
    of its verification address for the printed page (or "")."""

    def __init__(self, images, sheets, masks=None):
        self.images = images
        self.sheets = sheets
        # {(lang, case id): mask} of the codes the workers made for the images: the page's
        # code is the same code, made in a quarter of the time when its mask is known (segno
        # spends the rest choosing it).
        self.masks = masks or {}

    def of(self, lang, case_id):
        return self.images.get((lang, case_id))

    def verification(self, lang, case_id):
        return self.sheets.verification(case_id, lang)

    def qr(self, lang, case_id) -> Markup:
        """An inline SVG (no file to fetch, nothing for the Content-Security-Policy to refuse)."""
        found = self.verification(lang, case_id)
        if found is None:
            return Markup("")
        title = self.sheets.translate(lang, QR_TITLE, url=found.url)
        mask = self.masks.get((lang, case_id))
        svg = segno.make(found.url, error="m", micro=False, mask=mask).svg_inline(
            scale=3, border=4, title=title, svgclass="qr", lineclass=None
        )
        return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def render(build):
    plans, fonts, emblem, sheets = build.state["share"]
    outputs = build.outputs
    by_name = {name: plan for plan in plans if plan.reused for name in plan.names()}
    # A set with a file that could not be linked (removed by hand) is drawn again whole.
    redo = {id(by_name[name]) for name in outputs.link_all(by_name)}
    jobs = [plan for plan in plans if not plan.drawn and (not plan.reused or id(plan) in redo)]
    options = build.options[ShareOptions]
    workers = options.workers if len(jobs) >= options.parallel_from else 1
    fork_map(_Draw(build.output_path, fonts, emblem, sheets), jobs, workers)
    drawn = len(jobs) + sum(plan.drawn for plan in plans)
    logger.info("share: %d communiqués' images, %d drawn", len(plans), drawn)


class _Draw:
    """In a worker: a plan's card and official pages, written into the staging folder."""

    def __init__(self, output, fonts, emblem, sheets):
        self.output = Path(output)
        self.fonts = fonts
        self.emblem = emblem
        self.sheets = sheets
        self.cache = {}  # fonts and letterheads: the same on every image this worker draws

    def __call__(self, plan: Plan) -> tuple[int, int | None]:
        """The number of official pages drawn (a plan whose number is known, 0: not yet, must
        come out with that number) and the mask of the QR code they show (None: no code)."""
        sheet = self.sheets(plan.case, plan.language)
        images = [make_card(sheet, self.fonts, self.emblem, cache=self.cache)]
        images += make_pages(sheet, self.fonts, self.emblem, cache=self.cache)
        names = replace(plan, pages=len(images) - 1).names()
        if plan.pages and len(images) - 1 != plan.pages:
            raise RuntimeError(f"{names[0]}: {len(images) - 1} pages, {plan.pages} announced")
        bands = [cards.BAND.bottom] + [official.BAND.bottom] * (len(images) - 1)
        for name, image, band in zip(names, images, bands, strict=True):
            path = self.output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                path.unlink()  # a hard link to the published copy: never written through
            save_png(image, path, band, self.cache)
        # The code the images show, as they made it (draw.qr_code keeps it: not made again).
        code = qr_code(sheet.verification.url, self.cache) if sheet.verification else None
        return len(images) - 1, code.mask if code else None
