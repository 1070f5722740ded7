"""The registries officers extend: cities, offences, platforms, issuers, seized items, and the
names the privacy check looks for.

Each is a YAML file in the content's data folder, a key per entry, with its names in both
languages (and, for a city, its region and coordinates). names.yaml is lists of words (see
names_registry.py); it is read once per build, here, with the cities' names as places.
"""

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypedDict, cast

import yaml

from communiques_site.core.languages import Languages
from communiques_site.core.problems import Problems

from . import names_registry, normal
from .frontmatter import Loader
from .names import Names

Kind = Literal["cities", "offences", "platforms", "issuers", "seized"]
KINDS: tuple[Kind, ...] = ("cities", "offences", "platforms", "issuers", "seized")
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class Entry:
    key: str
    name: dict  # language -> name
    region: dict | None = None
    lat: float | None = None
    lon: float | None = None
    # Other names readers search it by, per language (a city's other spellings, an offence's
    # everyday words): `also: {fr: [Casablanka, Casa]}`; searchable, never shown.
    also: dict = field(default_factory=dict)


@dataclass(frozen=True)
class City(Entry):
    """A city's entry, which has its region's names and its coordinates (the map, the data)."""

    region: dict[str, str]
    lat: float
    lon: float


class Registries(TypedDict):
    """{kind: {key: Entry}} for each of KINDS, and the names the privacy check looks for (None
    when names.yaml cannot be read: its problem is reported)."""

    cities: dict[str, City]
    offences: dict[str, Entry]
    platforms: dict[str, Entry]
    issuers: dict[str, Entry]
    seized: dict[str, Entry]
    names: Names | None


def load(
    data_dir: str | Path,
    display: Callable[[Path], str],
    problems: Problems,
    languages: Languages,
) -> Registries:
    """{kind: {key: Entry}} for every registry; problems are added to `problems`."""
    registries: dict[Kind, dict[str, Entry]] = {}
    for kind in KINDS:
        path = Path(data_dir) / f"{kind}.yaml"
        shown = display(path)
        if not path.exists():
            problems.add(shown, 1, kind, f"the registry file is missing; create {shown}")
            registries[kind] = {}
            continue
        registries[kind] = _load_one(path, shown, kind, problems, languages.codes)
    path = Path(data_dir) / "names.yaml"
    cities = cast(dict[str, City], registries["cities"])  # _load_one makes City entries there
    return Registries(
        cities=cities,
        offences=registries["offences"],
        platforms=registries["platforms"],
        issuers=registries["issuers"],
        seized=registries["seized"],
        names=names_registry.load(path, display(path), problems, cities),
    )


def _load_one(
    path: Path, shown: str, kind: Kind, problems: Problems, codes: Sequence[str]
) -> dict[str, Entry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        for line, char in normal.refused(text):
            problems.add(shown, line, kind, normal.refusal(char))
        # Names are published: in the form a reader sees (no invisible character, NFC).
        text = normal.published(normal.without_refused(text))
        data = yaml.load(text, Loader=Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.add(shown, line, kind, f"cannot be read ({error}); fix the YAML")
        return {}
    if not isinstance(data, dict):
        problems.add(shown, 1, kind, "must map each key to its names; see the other entries")
        return {}
    key_lines: dict[str, int] = {}
    for number, text_line in enumerate(text.splitlines(), start=1):
        match = re.match(r"([^\s#:][^:]*):", text_line)
        if match:
            key_lines.setdefault(match.group(1).strip("'\""), number)
    entries = {}
    for key, value in data.items():
        where = f"{kind}.{key}"
        line = key_lines.get(key, 1)
        if not isinstance(key, str) or not set(key) <= KEY_CHARS:
            problems.add(shown, line, where, "a key is lower-case ASCII letters, digits and '-'")
            continue
        names = value.get("name") if isinstance(value, dict) else None
        example = "{" + ", ".join(f"{code}: ..." for code in codes) + "}"
        if not isinstance(names, dict) or any(not names.get(lang) for lang in codes):
            problems.add(shown, line, where, f"needs a name in each language: name: {example}")
            continue
        entry = Entry(key=key, name={lang: str(names[lang]) for lang in codes})
        if kind == "cities":
            region, lat, lon = value.get("region"), value.get("lat"), value.get("lon")
            if not isinstance(lat, int | float) or not isinstance(lon, int | float):
                problems.add(shown, line, where, "needs lat and lon in decimal degrees")
                continue
            if not isinstance(region, dict) or any(not region.get(lang) for lang in codes):
                problems.add(shown, line, where, f"needs region: {example}")
                continue
            entry = City(key, entry.name, {lang: region[lang] for lang in codes}, lat, lon)
        also = value.get("also", {})
        if not _is_also(also, codes):
            problems.add(
                shown,
                line,
                f"{where}.also",
                "lists the other names readers search by, a list per language: "
                f"also: {{{codes[-1]}: [..., ...]}}",
            )
            continue
        entries[key] = replace(
            entry, also={lang: tuple(map(str, words)) for lang, words in also.items()}
        )
    return entries


def _is_also(also: object, codes: Collection[str]) -> bool:
    return isinstance(also, dict) and all(
        lang in codes and isinstance(words, list) and all(isinstance(w, str) for w in words)
        for lang, words in also.items()
    )
