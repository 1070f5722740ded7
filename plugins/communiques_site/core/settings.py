"""Each plugin's settings, declared once with their types and defaults, checked together at
start-up (before any content is read) and reported together, each with its fix."""

from collections.abc import Callable
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """Every problem of the settings, as (setting, message) pairs; Pelican exits with 1."""

    exitcode = 1

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{setting}: {message}" for setting, message in problems))


@dataclass(frozen=True)
class Option:
    name: str
    kind: type | tuple[type, ...]
    default: object
    help: str  # what the setting does, in a few words: shown with every problem
    # A further rule, run on the value in force (the default included): its problems.
    check: Callable[[object], list[str]] | None = None


@dataclass(frozen=True)
class Schema:
    """A plugin's settings: one dict in pelicanconf.py, e.g. FEEDS = {"size": 50}."""

    name: str
    options: tuple[Option, ...]
    plugin: str = ""
    defaults: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "defaults", {o.name: o.default for o in self.options})

    def problems(self, settings) -> list[tuple[str, str]]:
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
                        f"write e.g. {self.name} = {{{option.name!r}: {option.default!r}}}",
                    )
                )
            elif option.check:
                found.extend((where, problem) for problem in option.check(value))
        return found

    def read(self, settings) -> dict:
        """The settings merged with their defaults (once `problems` found none)."""
        return dict(self.defaults, **settings.get(self.name, {}))


def at_least_one(value) -> list[str]:
    """A rule for counts of workers, pages, entries."""
    return [] if value >= 1 else [f"{value} is too small; at least 1"]


def _is(value, kind):
    """isinstance, except that True is not a number here."""
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        return False
    return isinstance(value, kind)


def _kind(kind):
    kinds = kind if isinstance(kind, tuple) else (kind,)
    words = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "True or False",
        dict: "a mapping",
        list: "a list",
        tuple: "a list",
    }
    return " or ".join(dict.fromkeys(words.get(k, k.__name__) for k in kinds))


def check_all(settings, schemas) -> None:
    """Raise SettingsError with every problem of every schema."""
    problems = [problem for schema in schemas for problem in schema.problems(settings)]
    if problems:
        raise SettingsError(problems)
