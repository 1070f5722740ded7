"""What the share images cost: the demo's communiqués drawn in one process, card by card and page
by page, beside a baseline in the same run (the same titles drawn with one plain Pillow call on
an empty card, and saved), then the cost of 10,000 cases from nothing extrapolated from it.

    .venv/bin/python scripts/share_cost.py [--rounds 3]

Only the ratio to the baseline means something on a shared machine; the milliseconds are this
machine's, now."""

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from pelican.settings import read_settings  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from communiques_site.communiques.loading import load  # noqa: E402
from communiques_site.core.i18n import Catalogs  # noqa: E402
from communiques_site.core.languages import from_settings  # noqa: E402
from communiques_site.share import cards as card_layout  # noqa: E402
from communiques_site.share import official  # noqa: E402
from communiques_site.share.cards import make_card  # noqa: E402
from communiques_site.share.hooks import (  # noqa: E402
    EMBLEM,
    PNG_LEVEL,
    SheetMaker,
    fonts_of,
    save_png,
    shareable,
)
from communiques_site.share.official import layout_official, make_pages  # noqa: E402
from communiques_site.share.settings import SCHEMA  # noqa: E402

CASES = 10_000


def png(image, band=None, cache=None) -> int:
    """The image saved: as the build saves it (in its palette) when `band` is given, else as
    the baseline is (plain RGB)."""
    buffer = io.BytesIO()
    if band is None:
        image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
    else:
        save_png(image, buffer, band, cache)
    return len(buffer.getvalue())


def baseline(sheet, fonts, cache):
    """One plain text draw: the title on one line of an empty card, saved."""
    path = fonts.arabic_bold if sheet.direction == "rtl" else fonts.latin_bold
    if path not in cache:
        cache[path] = ImageFont.truetype(path, 48)
    image = Image.new("RGB", (1200, 630), "white")
    ImageDraw.Draw(image).text(
        (60, 200), sheet.title, font=cache[path], fill="black", direction=sheet.direction
    )
    png(image)


def timed(function, items):
    """Processor time: on a shared machine the wall clock counts the other processes' turns
    (4 December 2026, at a load of 20 on 2 cores, the baseline's wall time was 25 times its
    quiet value and the ratios moved by half)."""
    start = time.process_time()
    results = [function(item) for item in items]
    return time.process_time() - start, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as cache_path:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(ROOT / "content"),
                "THEME": str(ROOT / "theme"),
                "CACHE_PATH": cache_path,
                "COMMUNIQUES": {"now": "2026-11-28T12:00+01:00"},
            },
        )
        index, problems = load(settings)
    assert not problems, problems
    languages = from_settings(settings)
    maker = SheetMaker(settings, languages, Catalogs(settings["THEME"]), index.registries)
    sheets = [maker(case, lang) for case in index.cases if shareable(case) for lang in languages]
    fonts = fonts_of(SCHEMA.read(settings))
    emblem = str(ROOT / "theme" / "static" / EMBLEM)
    plain, cards, pages, layouts, count = [], [], [], [], 0
    for _ in range(rounds):
        cache, base_cache = {}, {}  # as a worker keeps them: fonts, letterheads

        def card_of(sheet, cache=cache):
            return png(make_card(sheet, fonts, emblem, cache=cache), card_layout.BAND.bottom, cache)

        def pages_of(sheet, cache=cache):
            band = official.BAND.bottom
            return [
                png(page, band, cache) for page in make_pages(sheet, fonts, emblem, cache=cache)
            ]

        def layout_of(sheet, cache=cache):
            return layout_official(sheet, fonts, cache)

        plain.append(timed(lambda s, c=base_cache: baseline(s, fonts, c), sheets)[0])
        cards.append(timed(card_of, sheets)[0])
        layouts.append(timed(layout_of, sheets)[0])
        seconds, made = timed(pages_of, sheets)
        pages.append(seconds)
        count = sum(len(m) for m in made)
    n = len(sheets)
    base = statistics.median(plain) / n * 1000
    card = statistics.median(cards) / n * 1000
    page = statistics.median(pages) / count * 1000
    layout = statistics.median(layouts) / n * 1000
    # A new case: each language's card and its official pages (laid out once: the derive stage
    # draws them as it counts their pages); the layout alone is shown for what it is worth.
    per_case = len(languages) * (card + page * count / n)
    total = CASES * per_case / 1000
    lines = [
        f"{n} sheets ({n // len(languages)} communiqués × {len(languages)} languages), "
        f"{rounds} rounds, medians:",
        f"  baseline, one plain text draw + PNG: {base:.1f} ms per image",
        f"  preview card, drawn + PNG:           {card:.1f} ms per image "
        f"({card / base:.2f}× the baseline)",
        f"  official page, drawn + PNG:          {page:.1f} ms per page ({page / base:.2f}×); "
        f"{count / n:.2f} pages per sheet",
        f"  layout of an official image:         {layout:.1f} ms per sheet (within the above)",
        f"  one communiqué, every language:      {per_case:.0f} ms of one core",
        f"  {CASES:,} cases from nothing:          {total:.0f} s of one core, "
        f"{total / 2:.0f} s on 2 workers",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
