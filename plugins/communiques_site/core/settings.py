"""Each plugin's settings, declared once as a typed options class (a frozen dataclass whose
fields are made with `option`), checked together at start-up (before any content is read) and
reported together, each with its fix; then read once into the build (`build.options`), where
every plugin takes its own: `build.options[FeedsOptions].size`."""

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

C = TypeVar("C")
Check = Callable[[Any], list[str]]
Settings = Mapping[str, Any]  # what Pelican read from pelicanconf.py


class SettingsError(ValueError):
    """Every problem of the settings, as (setting, message) pairs; Pelican exits with 1."""

    exitcode = 1

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{setting}: {message}" for setting, message in problems))


def option(
    default: object,
    help: str,
    *,
    check: Check | None = None,
    accepts: tuple[type, ...] | None = None,
    parse: Callable[[Any], object] | None = None,
) -> Any:
    """A field of an options class: its default, what it does in a few words (shown with every
    problem), a further rule run on the value in force (the default included), and, when a
    settings file writes it otherwise than as the field's type (a date as text, the languages
    as mappings), what it accepts and how that becomes the field's value."""
    meta = {"help": help, "check": check, "accepts": accepts, "parse": parse}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Option:
    """One setting as the check sees it, from a field of an options class."""

    name: str
    kind: tuple[type, ...]  # what a settings file may write
    default: object
    help: str
    check: Check | None = None
    parse: Callable[[Any], object] | None = None


@dataclass(frozen=True)
class Schema(Generic[C]):
    """A plugin's settings: one dict in pelicanconf.py, e.g. FEEDS = {"size": 50}, read into
    its options class."""

    name: str
    config: type[C]
    plugin: str = ""
    options: tuple[Option, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", _options(self.config))

    def problems(self, settings: Settings) -> list[tuple[str, str]]:
        """(setting, what is wrong and how to fix it) for every problem."""
        given = settings.get(self.name, {})
        if not isinstance(given, dict):
            kind = type(given).__name__
            return [(self.name, f"is a {kind}, not a mapping; write {self.name} = {{...}}")]
        known = {option.name: option for option in self.options}
        found = [
            (
                f"{self.name}[{key!r}]",
                f"unknown setting; the settings of {self.name} are {', '.join(sorted(known))}",
            )
            for key in sorted(set(given) - set(known), key=str)
        ]
        for option in self.options:
            where = f"{self.name}[{option.name!r}]"
            value = given.get(option.name, option.default)
            if option.name in given and not _is(value, option.kind):
                found.append(
                    (
                        where,
                        f"{value!r} is not {_kind(option.kind)} ({option.help}); "
                        f"write e.g. {self.name} = {{{option.name!r}: {_written(option.default)}}}",
                    )
                )
            elif option.check:
                found.extend((where, problem) for problem in option.check(value))
        return found

    def read(self, settings: Settings) -> C:
        """The options in force (once `problems` found none): the settings over the defaults."""
        given = settings.get(self.name, {})
        values = {
            option.name: option.parse(given[option.name]) if option.parse else given[option.name]
            for option in self.options
            if option.name in given
        }
        return self.config(**values)


def _options(config: type) -> tuple[Option, ...]:
    hints = typing.get_type_hints(config)
    found = []
    for each in fields(config):
        kinds = each.metadata.get("accepts") or _kinds(hints[each.name])
        parse = each.metadata.get("parse")
        if parse is None and typing.get_origin(hints[each.name]) is tuple:
            parse = tuple  # a list in the settings file, a tuple in the options
        found.append(
            Option(
                each.name, kinds, each.default, each.metadata["help"], each.metadata["check"], parse
            )
        )
    return tuple(found)


def _kinds(hint: object) -> tuple[type, ...]:
    """What a settings file may write for a field of this type."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return tuple(kind for arg in typing.get_args(hint) for kind in _kinds(arg))
    if origin is tuple:
        return (list, tuple)
    if hint is float:
        return (int, float)
    if hint is None or hint is type(None):
        return (type(None),)
    assert isinstance(hint, type), hint
    return (hint,)


class Options:
    """Every plugin's options of one build, found by their class: typed where they are read."""

    def __init__(self, read: Iterable[object]):
        self._by_class = {type(options): options for options in read}

    def __getitem__(self, config: type[C]) -> C:
        found = self._by_class[config]
        assert isinstance(found, config)
        return found

    def as_dicts(self) -> dict[str, dict[str, Any]]:
        """{class name: {field: value}}, for the digest of what the settings make."""
        return {
            kind.__name__: {f.name: getattr(value, f.name) for f in fields(kind)}
            for kind, value in self._by_class.items()
            if is_dataclass(kind)
        }


def at_least_one(value: int) -> list[str]:
    """A rule for counts of workers, pages, entries."""
    return [] if value >= 1 else [f"{value} is too small; at least 1"]


def _is(value: object, kinds: tuple[type, ...]) -> bool:
    """isinstance, except that True is not a number here."""
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "True or False",
    dict: "a mapping",
    list: "a list",
    tuple: "a list",
    datetime: "a date and time",
    date: "a day",
    type(None): "None",
}


def _written(value: object) -> str:
    """A value as a settings file writes it: a day or a moment as ISO 8601 text."""
    return repr(value.isoformat() if isinstance(value, date | datetime) else value)


def _kind(kinds: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys(WORDS.get(k, k.__name__) for k in kinds))


def check_all(settings: Settings, schemas: Iterable[Schema[Any]]) -> None:
    """Raise SettingsError with every problem of every schema."""
    problems = [problem for schema in schemas for problem in schema.problems(settings)]
    if problems:
        raise SettingsError(problems)


def read_all(settings: Settings, schemas: Iterable[Schema[Any]]) -> Options:
    """Every schema's options, checked: SettingsError with every problem of them all."""
    schemas = list(schemas)
    check_all(settings, schemas)
    return Options(schema.read(settings) for schema in schemas)
