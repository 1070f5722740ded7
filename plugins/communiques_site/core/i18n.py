"""Each language's catalog of UI strings and its formats, as Moroccan readers write them.

Catalogs are the `.po` files under the theme's `translations/`, compiled in memory once per build
(`build.catalogs`).
Dates and numbers come from Babel's data for each language's locale (ar_MA: Arabic months
يناير … دجنبر, Western digits), never from the system locale; times are shown in
Africa/Casablanca.
"""

import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from babel.units import format_unit
from markupsafe import Markup

from .languages import Language

ZONE = ZoneInfo("Africa/Casablanca")
# A space beside a digit, in a formatted quantity: "20 ساعة" must not break after its number.
SPACE_BY_DIGIT = re.compile(r"(?<=\d) | (?=\d)")


def unbreakable(quantity: str) -> str:
    """A number and its unit joined by no-break spaces, where Babel's pattern has a plain space
    (its Arabic units and some French ones: "2 ans")."""
    return SPACE_BY_DIGIT.sub("\u00a0", quantity)


def load_translations(theme_path: str | Path, lang: str) -> Translations:
    """The compiled catalog of a language (an empty one when the theme has none)."""
    po_path = Path(theme_path) / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return Translations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


class Catalogs:
    """Each language's compiled catalog, compiled when first asked for and kept for the build:
    every plugin that writes words takes them from here (`build.catalogs[lang]`)."""

    def __init__(self, theme_path: str | Path):
        self.theme_path = Path(theme_path)
        self._compiled: dict[str, Translations] = {}

    def __getitem__(self, lang: str) -> Translations:
        if lang not in self._compiled:
            self._compiled[lang] = load_translations(self.theme_path, lang)
        return self._compiled[lang]


def fast_gettext(translations: Translations) -> Callable[..., Markup]:
    """For templates: Jinja's newstyle gettext (the translation is trusted, the values are
    escaped by Markup's %), without its per-call context machinery: a page calls it often."""
    cache: dict[str, Markup] = {}

    def gettext(message: str, **variables: object) -> Markup:
        translated = cache.get(message)
        if translated is None:
            translated = cache[message] = Markup(translations.gettext(message))
        return translated % variables if variables else translated

    return gettext


def plain_gettext(translations: Translations) -> Callable[..., str]:
    """For text that is not HTML (feeds): the translation with its values, as plain text."""

    def gettext(message: str, **variables: object) -> str:
        text: str = translations.gettext(message)
        return text % variables if variables else text

    return gettext


class Formats:
    """Formatting of dates, durations and numbers in one language."""

    def __init__(self, language: Language):
        self.language = language
        self.lang = language.code
        self.locale = Locale.parse(language.locale)
        self.direction = language.direction
        # The same dates and durations recur on many pages (every listing shows them again).
        for name in ("date", "short_date", "time", "when", "hours", "years", "month"):
            setattr(self, name, lru_cache(maxsize=None)(getattr(self, name)))

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZONE)

    def date(self, moment: datetime) -> str:
        """الاثنين، 13 دجنبر 2021 / lundi 13 décembre 2021"""
        return format_date(self.local(moment).date(), "full", locale=self.locale)

    def short_date(self, moment: datetime) -> str:
        return format_date(self.local(moment).date(), "long", locale=self.locale)

    def time(self, moment: datetime) -> str:
        return format_time(self.local(moment), "HH:mm", locale=self.locale)

    def when(self, moment: datetime) -> str:
        """Date and time joined as the language joins them (الجمعة، 20 يونيو 2025، 18:00)."""
        pattern = str(self.locale.datetime_formats["full"])
        return pattern.replace("'", "").format(self.time(moment), self.date(moment))

    def month(self, key: str) -> str:
        """A month of the charts, "YYYY-MM", in full: يناير 2026 / Janvier 2026."""
        year, month = key.split("-")
        return self.month_title(int(year), int(month))

    def month_short(self, key: str) -> str:
        """A month on a chart's axis, "YYYY-MM", without its year (the axis says it once):
        the locale's abbreviation where it names one month only, else the full name.
        fr_MA's CLDR abbreviations are "jui." for juin (and "juil." for juillet) and "mar."
        for mars (and mardi): a reader cannot tell; Arabic's are the full names."""
        return self._short_months[int(key.split("-")[1])]

    @cached_property
    def _short_months(self) -> dict[int, str]:
        wide = self.locale.months["stand-alone"]["wide"]
        short = self.locale.months["stand-alone"]["abbreviated"]
        days = {
            name.lower()
            for context in ("format", "stand-alone")
            for name in self.locale.days[context]["abbreviated"].values()
        }

        def clear(month: int) -> bool:
            stem = short[month].rstrip(".").lower()
            named = [m for m, name in wide.items() if name.lower().startswith(stem)]
            return short[month].lower() not in days and named == [month]

        return {m: short[m] if clear(m) else wide[m] for m in range(1, 13)}

    def month_name(self, year: int, month: int) -> str:
        """A month inside a sentence: يناير 2026 / janvier 2026."""
        return format_date(date(year, month, 1), "LLLL y", locale=self.locale)

    def month_title(self, year: int, month: int) -> str:
        """A month standing alone, as a heading or a link: يناير 2026 / Janvier 2026. CLDR
        gives French months in lower case, as a sentence writes them; a heading starts with a
        capital (Arabic has none)."""
        name = self.month_name(year, month)
        return name[:1].upper() + name[1:]

    def percent(self, share: float) -> str:
        # The locale's own pattern, which spaces the sign as the language does (25 % in
        # French, with a no-break space), with one decimal where there is one.
        pattern = self.locale.percent_formats[None].pattern.replace("0", "0.#", 1)
        return format_percent(share, pattern, locale=self.locale)

    def number(self, value: float, decimals: int = 0) -> str:
        pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
        return format_decimal(value, pattern, locale=self.locale)

    def hours(self, value: float) -> str:
        """A duration in hours (or days beyond three days), rounded as a reader needs it."""
        value = abs(value)
        if value >= 72:
            return unbreakable(
                format_unit(round(value / 24), "duration-day", "long", locale=self.locale)
            )
        rounded = round(value) if value >= 10 else round(value, 1)
        if rounded == int(rounded):
            rounded = int(rounded)
        return unbreakable(format_unit(rounded, "duration-hour", "long", locale=self.locale))

    def figure_hours(self, value: float) -> str:
        """A figure's hours as the statistics show them: one decimal, rounded half up (20.45 h
        is 20.5 h), whatever the size: a reader recomputing it finds the same number."""
        shown = _half_up(value, "0.1")
        return unbreakable(
            format_unit(shown, "duration-hour", "long", format="#,##0.0", locale=self.locale)
        )

    def figure_percent(self, share: float) -> str:
        """A figure's share (0 to 1) as a percentage to one decimal, rounded half up, in the
        locale's pattern (63.6 %, with its no-break space in French)."""
        shown = _half_up(Decimal(repr(share)) * 100, "0.1") / 100
        pattern = self.locale.percent_formats[None].pattern.replace("0", "0.0", 1)
        return format_percent(shown, pattern, locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        """Items separated as the language does: the Arabic comma in Arabic. (CLDR's list
        patterns end with "and", which a list of a person's attributes must not.)"""
        return self.language.list_separator.join(items)

    def years(self, value: int) -> str:
        return unbreakable(format_unit(value, "duration-year", "long", locale=self.locale))


def _half_up(value: float | Decimal, step: str) -> Decimal:
    """`value` to the decimals of `step`, a half rounded up (away from zero), from its decimal
    writing: 20.45 is 20.5 (the float nearest to 20.45 is a little below it)."""
    return Decimal(repr(value) if isinstance(value, float) else value).quantize(
        Decimal(step), rounding=ROUND_HALF_UP
    )
