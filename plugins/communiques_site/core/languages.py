"""The languages of the site: one registry, read from the settings, that every plugin and
template loops over. No other module names a language."""

from dataclasses import dataclass
from typing import Any, SupportsIndex, overload

from .settings import Schema, Settings, option


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, the first part of every URL
    locale: str  # Babel's locale for dates and numbers: "ar_MA"
    direction: str  # "rtl" or "ltr"
    name: str  # in the language itself, for the language switch: "العربية"
    english: str  # for officers' messages, which are in English: "Arabic"
    script: str  # ISO 15924, for the rules on initials: "Arab"
    list_separator: str = ", "  # between the items of a list: "، " in Arabic

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


FIELDS = {
    "code": str,
    "locale": str,
    "direction": str,
    "name": str,
    "english": str,
    "script": str,
    "list_separator": str,
}
REQUIRED = ("code", "locale", "direction", "name", "english", "script")


class Languages(tuple[Language, ...]):
    """The site's languages in their settings order; the first is the default (x-default, the
    language of the landing page's first half)."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self)

    @property
    def default(self) -> Language:
        return self[0]

    @overload
    def __getitem__(self, key: SupportsIndex | str) -> Language: ...

    @overload
    def __getitem__(self, key: slice) -> tuple[Language, ...]: ...

    def __getitem__(self, key: SupportsIndex | str | slice) -> Language | tuple[Language, ...]:
        if isinstance(key, str):
            for language in self:
                if language.code == key:
                    return language
            raise KeyError(key)
        return super().__getitem__(key)

    def others(self, code: str) -> tuple[Language, ...]:
        return tuple(language for language in self if language.code != code)


def problems(entries: Any) -> list[str]:
    """What is wrong with the `languages` setting, each with its fix."""
    if not isinstance(entries, list | tuple) or not entries:
        return ["no language is set; list the site's languages: [{'code': ..., ...}, ...]"]
    found, codes = [], set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            found.append(f"language {number} is not a mapping; write {{'code': ..., ...}}")
            continue
        where = f"language {number} ({entry.get('code', '?')})"
        missing = [name for name in REQUIRED if not entry.get(name)]
        if missing:
            found.append(f"{where}: {', '.join(missing)} missing; every language needs them")
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            found.append(
                f"{where}: unknown {', '.join(unknown)}; the fields are {', '.join(FIELDS)}"
            )
        if entry.get("direction") not in (None, "rtl", "ltr"):
            found.append(f"{where}: direction is 'rtl' or 'ltr', not {entry['direction']!r}")
        code = entry.get("code")
        if code in codes:
            found.append(f"{where}: the code is used twice; list each language once")
        codes.add(code)
        if code and not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            found.append(f"{where}: {code!r} is not a two-letter ISO 639-1 code")
        locale = entry.get("locale")
        if locale and (problem := _locale_problem(locale)):
            found.append(f"{where}: {problem}")
    return found


def _locale_problem(locale: str) -> str | None:
    """Why Babel cannot format dates and numbers for `locale`, or None: checked with the
    settings, before any content is read, rather than failing in the middle of a build."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError) as error:
        return (
            f"Babel does not know the locale {locale!r} ({error}); write one of CLDR's, e.g. "
            "'en_GB' or 'en_001' (see babel.localedata.locale_identifiers())"
        )
    return None


def from_entries(entries: Any) -> Languages:
    """The registry; the entries must be free of `problems`."""
    return Languages(Language(**entry) for entry in entries)


def from_settings(settings: Settings) -> Languages:
    """The registry of a settings dict (pelicanconf.py's SITE['languages']), for the tasks and
    scripts that work outside a build (a build has `build.languages`)."""
    return from_entries(settings["SITE"]["languages"])


@dataclass(frozen=True)
class SiteOptions:
    languages: Languages = option(
        Languages(),
        "the site's languages, the first the default",
        check=problems,
        accepts=(list, tuple),
        parse=from_entries,
    )


SCHEMA = Schema("SITE", SiteOptions, plugin="core")
