"""The front matter of a communiqué, declared once: every field, its type and its rules.

`read_fields` turns YAML nodes into typed values, reporting each problem with the line of the
field. Scalars are read from their raw text, so the field's declared type decides what a value
means (YAML 1.1 would read `no` as false and `0612` as an octal number).
"""

import difflib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import yaml

from communiques_site.core.labels import STATUSES, TYPES, VERIFICATIONS
from communiques_site.core.languages import Language, Languages

from . import normal

if TYPE_CHECKING:
    from .registry import Kind, Registries

ZONE = ZoneInfo("Africa/Casablanca")
SEXES = ("male", "female")
PRIOR_RECORDS = ("yes", "no", "unknown")
CUSTODIES = ("police-custody", "minor-supervision", "released")
UPDATE_KINDS = ("major", "minor")
# Words that betray a field meant for a person's name: refused, whatever the spelling.
NAME_WORDS = ("name", "nom", "prenom", "prénom", "اسم", "surname")
# ASCII digits: \d is any script's (٢٠٢٦), and the id is a URL and a file name.
ID_PATTERN = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
DATETIME_PATTERN = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)

# Initials as Moroccan media write them: one to three letters, each followed by a dot (the last
# one may be left out), with or without a space after a dot: م.ع. / م.ع / M.A. / M. A. Letters
# in the script of the file's language; a name, two letters in a row or a fourth initial is
# more than initials.
# By script (ISO 15924, the language registry's `script`).
INITIALS = {
    "Arab": re.compile(r"[\u0621-\u064a]\u0640?(?:\. ?[\u0621-\u064a]\u0640?){0,2}\.?"),
    "Latn": re.compile(r"[A-ZÀ-ÖØ-Þ](?:\. ?[A-ZÀ-ÖØ-Þ]){0,2}\.?"),
}
INITIALS_EXAMPLE = {"Arab": "م.ع.", "Latn": "M.A."}
SCRIPTS = {"Arab": "Arabic letters", "Latn": "Latin capitals"}


def initials_problem(value: str, language: Language, languages: Languages) -> str | None:
    """What is wrong with `value` as initials in a file of `language`, or None."""
    script = language.script
    if INITIALS[script].fullmatch(value):
        return None
    example = INITIALS_EXAMPLE[script]
    for other in sorted({lang.script for lang in languages} - {script}):
        if INITIALS[other].fullmatch(value):
            return (
                f"'{value}' is in {SCRIPTS[other]}; in this file write the initials in "
                f"{SCRIPTS[script]}, e.g. {example}"
            )
    return (
        f"'{value}' is not initials; write one to three letters each followed by a dot, "
        f"e.g. {example}"
    )


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | key | choice | datetime | integer | list | mapping
    required: bool = False
    translated: bool = False  # text that each language's file writes for itself
    registry: "Kind | Literal['']" = ""  # for kind "key": which data file holds the keys
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    item: "Field | None" = None  # for kind "list"
    fields: "tuple[Field, ...]" = ()  # for kind "mapping"
    matches: bool = False  # a translation writes it too, to say which entry it translates
    help: str = ""


# Limits that an official communiqué never reaches (the demo's longest, in brackets), so that
# a pasted document or a runaway script is refused before it reaches every feed: characters of
# a text, entries of a list.
TITLE_LENGTH = 200  # (157)
SUMMARY_LENGTH = 600  # (282)
DISTRICT_LENGTH = 150  # (29)
NOTE_LENGTH = 2_000  # a change note (467), a withdrawal's reason (132)
BODY_LENGTH = 12_000  # about 2,000 words (1,488 characters)
FILE_SIZE = 256 * 1024  # bytes of a whole file: fifty updates of the longest notes fit
MAX_UPDATES = 50  # (2)
MAX_SUSPECTS = 200  # (4); a riot's arrests are counted, not listed one by one beyond that
# What to do about a text that is too long, by field; "shorten it" for the others.
SHORTEN = {
    "title": "keep it to what happened and where, and leave the details to the summary and "
    "the text",
}


def text(name: str, **kw: Any) -> Field:
    return Field(name, "text", **kw)


SUSPECT = Field(
    "suspect",
    "mapping",
    fields=(
        Field("age", "integer", required=True, minimum=10, maximum=100, help="age in years"),
        Field("sex", "choice", required=True, choices=SEXES),
        Field("prior_record", "choice", required=True, choices=PRIOR_RECORDS),
        Field("custody", "choice", required=True, choices=CUSTODIES),
        text("initials", translated=True, help="adults only, e.g. م.ع. or M.A."),
    ),
)
# The facts an update may change, each read like the case's field of the same meaning: from the
# update's date on, they are the case's (cases.py checks their order in time, facts.py applies
# them). `suspects` lists the persons arrested since; `released`, by their number in the order
# listed (the case's suspects, then each update's), the persons let go.
UPDATE_FACTS = (
    Field("type", "choice", choices=TYPES),
    Field("status", "choice", choices=STATUSES),
    Field("arrested_at", "datetime", help="the first arrest, when the communiqué had none"),
    Field(
        "suspects", "list", item=SUSPECT, maximum=MAX_SUSPECTS, help="the persons arrested since"
    ),
    Field("sought", "integer", minimum=0, maximum=1000),
    Field(
        "released",
        "list",
        item=Field("person", "integer", minimum=1, maximum=1000),
        help="the numbers of the persons released, e.g. [2]",
    ),
    Field("verification", "choice", choices=VERIFICATIONS),
)
UPDATE = Field(
    "update",
    "mapping",
    fields=(
        Field("at", "datetime", required=True, matches=True),
        Field("kind", "choice", required=True, choices=UPDATE_KINDS),
        *UPDATE_FACTS,
        text("note", required=True, translated=True, maximum=NOTE_LENGTH),
    ),
)
SEIZED = Field(
    "seized item",
    "mapping",
    fields=(
        Field("item", "key", required=True, registry="seized"),
        Field("quantity", "integer", minimum=1, maximum=1_000_000),
    ),
)
CASE_FIELDS = (
    Field("id", "text", required=True, help="YYYY-MM-DD-<city>-<keyword>"),
    Field("translation_of", "language"),
    Field("type", "choice", required=True, choices=TYPES),
    # A headline: at most two lines on a phone. The longest demo title has 157 characters
    # (French runs about a third longer than Arabic); a 445-character "title" is a paragraph.
    text("title", required=True, translated=True, maximum=TITLE_LENGTH),
    text("summary", required=True, translated=True, maximum=SUMMARY_LENGTH),
    Field("published", "datetime", required=True),
    Field("city", "key", required=True, registry="cities"),
    text("district", translated=True, maximum=DISTRICT_LENGTH),
    Field("issuer", "key", required=True, registry="issuers"),
    Field(
        "offences",
        "list",
        required=True,
        maximum=10,
        item=Field("offence", "key", registry="offences"),
    ),
    Field(
        "video",
        "mapping",
        required=True,
        fields=(
            Field("platform", "key", required=True, registry="platforms"),
            Field("circulated_at", "datetime", required=True),
            Field("filmed_at", "datetime"),
            Field("verification", "choice", required=True, choices=VERIFICATIONS),
        ),
    ),
    Field("arrested_at", "datetime"),
    Field("suspects", "list", item=SUSPECT, maximum=MAX_SUSPECTS),
    Field("sought", "integer", minimum=0, maximum=1000),
    Field("status", "choice", required=True, choices=STATUSES),
    Field("seized", "list", item=SEIZED, maximum=50),
    Field("updates", "list", item=UPDATE, maximum=MAX_UPDATES),
    Field(
        "withdrawn",
        "mapping",
        fields=(
            Field("at", "datetime", required=True),
            text("reason", required=True, translated=True, maximum=NOTE_LENGTH),
        ),
    ),
    Field(
        "reviewed",
        "datetime",
        translated=True,
        help="a translation checked against a later change of its original, needing no change",
    ),
    Field(
        "privacy_exceptions",
        "list",
        translated=True,
        item=Field(
            "privacy exception",
            "mapping",
            fields=(
                text("text", required=True, translated=True),
                text("reason", required=True, translated=True),
            ),
        ),
        help="strings the privacy check lets through, each with its reason",
    ),
)
FIELDS_BY_NAME = {f.name: f for f in CASE_FIELDS}
# What a translation writes of its own: the translated texts and the keys that match them up.
TRANSLATION_REQUIRED = ("id", "translation_of", "title", "summary")


class Reader:
    """Reads one file's front matter against the schema; `lines` maps each field to its line."""

    def __init__(
        self,
        registries: "Registries",
        report: Callable[[int, str, str], None],
        languages: Collection[str],
    ) -> None:
        self.registries = registries
        self.report = report
        self.languages = languages  # the codes of the site's languages
        self.translation = False
        self.lines: dict[str, int] = {}
        self._bad: set[str] = set()  # top-level fields already reported: not "missing" as well

    def read_fields(
        self, root: yaml.Node, translation: bool | None = None
    ) -> dict[str, Any] | None:
        """The typed values of the top-level fields. `translation` is None when it is not
        known yet; it decides which fields are required."""
        keys = (
            {str(key.value) for key, _ in root.value} if isinstance(root, yaml.MappingNode) else ()
        )
        self.translation = "translation_of" in keys if translation is None else translation
        values = self._mapping(root, CASE_FIELDS, "", top=True)
        if values is None:
            return None
        is_translation = self.translation
        required = (
            TRANSLATION_REQUIRED if is_translation else [f.name for f in CASE_FIELDS if f.required]
        )
        for name in required:
            if name not in values and name not in self._bad:
                self.report(1, name, f"is missing; add '{name}:' to the front matter")
        return values

    # Each reader returns the value, or None after reporting why there is none.

    def _mapping(
        self, node: yaml.Node, fields: Iterable[Field], prefix: str, top: bool = False
    ) -> dict[str, Any] | None:
        line = node.start_mark.line + 2
        if not isinstance(node, yaml.MappingNode):
            self.report(line, prefix.rstrip(".") or "front matter", "must be a group of fields")
            return None
        known = {f.name: f for f in fields}
        values, bad = {}, set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            path = prefix + name
            key_line = key_node.start_mark.line + 2
            self.lines[path] = key_line
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                if any(word in name.lower() for word in NAME_WORDS):
                    fix = "no field may hold a person's name; remove it"
                elif close:
                    fix = f"did you mean '{close[0]}'?"
                else:
                    fix = "remove it (the fields are listed in docs/writing-a-communique.md)"
                self.report(key_line, path, f"is not a known field; {fix}")
                bad.add(name)
                continue
            if name in values:
                self.report(key_line, path, "is written twice; keep one")
                continue
            value = self._value(value_node, known[name], path)
            if value is None:
                bad.add(name)
            else:
                values[name] = value
        if top:
            self._bad = bad
        else:
            for f in fields:
                required = f.required and (not self.translation or f.translated or f.matches)
                if required and f.name not in values and f.name not in bad:
                    self.report(
                        line, prefix + f.name, f"is missing; add '{f.name}:' under this group"
                    )
        return values

    def _value(self, node: yaml.Node, field: Field, path: str) -> Any:
        line = node.start_mark.line + 2
        if field.kind == "mapping":
            return self._mapping(node, field.fields, path + ".")
        if field.kind == "list":
            if not isinstance(node, yaml.SequenceNode):
                self.report(line, path, "must be a list; write each entry on its own '- ' line")
                return None
            if field.maximum is not None and len(node.value) > field.maximum:
                self.report(
                    line,
                    path,
                    f"has {len(node.value)} entries; a communiqué has at most {field.maximum}: "
                    "check the list",
                )
                return None
            items = []
            for index, item_node in enumerate(node.value):
                item_path = f"{path}[{index}]"
                self.lines[item_path] = item_node.start_mark.line + 2
                # A list field declares its item (CASE_FIELDS); Field cannot say so.
                item = self._value(item_node, field.item, item_path)  # type: ignore[arg-type]
                if item is not None:
                    items.append(item)
            return items if len(items) == len(node.value) else None
        if not isinstance(node, yaml.ScalarNode):
            self.report(line, path, "must be a single value, not a list or a group")
            return None
        raw = node.value.strip()
        if raw == "" or (node.style is None and raw in ("~", "null", "Null", "NULL")):
            self.report(line, path, "is empty; give it a value or remove the line")
            return None
        return getattr(self, "_" + field.kind)(raw, field, path, line)

    def _text(self, raw: str, field: Field, path: str, line: int) -> str | None:
        if field.maximum is not None and len(raw) > field.maximum:
            advice = SHORTEN.get(field.name, "shorten it")
            self.report(
                line,
                path,
                f"is {len(raw):,} characters long; it has at most {field.maximum:,}: {advice}",
            )
            return None
        return raw

    def _choice(self, raw: str, field: Field, path: str, line: int) -> str | None:
        raw = normal.compared(raw)
        if raw in field.choices:
            return raw
        choices = ", ".join(field.choices)
        self.report(line, path, f"'{raw}' is not one of the allowed values; use one of: {choices}")
        return None

    def _language(self, raw: str, field: Field, path: str, line: int) -> str | None:
        raw = normal.compared(raw)
        if raw in self.languages:
            return raw
        choices = ", ".join(self.languages)
        self.report(line, path, f"'{raw}' is not a language of the site; use one of: {choices}")
        return None

    def _key(self, raw: str, field: Field, path: str, line: int) -> str | None:
        keys = self.registries[field.registry] if field.registry else {}
        if normal.compared(raw) in keys:
            return normal.compared(raw)  # ｃａｓａｂｌａｎｃａ, typed fullwidth, is casablanca
        char = normal.foreign(raw)
        if char is not None:
            # Say which character is not what it looks like: a Cyrillic а is drawn as a Latin a,
            # and "did you mean 'casablanca'?" alone would show the same word twice.
            skeleton = normal.ascii_skeleton(raw)
            close = difflib.get_close_matches(skeleton, keys, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.report(
                line,
                path,
                f"unknown {field.name} '{raw}': it contains {normal.describe(char)}, "
                f"{normal.kind_of(char)}; a key is written with the ASCII letters a-z, the "
                f"digits 0-9 and '-' only: retype it{hint}",
            )
            return None
        close = difflib.get_close_matches(raw, keys, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        self.report(
            line,
            path,
            f"unknown {field.name} '{raw}'; {hint}"
            f"the keys are in content/data/{field.registry}.yaml (add it there if it is new)",
        )
        return None

    def _integer(self, raw: str, field: Field, path: str, line: int) -> int | None:
        raw = normal.western_digits(normal.compared(raw))  # ٢٤ and ２４ are 24, as dates are
        if not re.fullmatch(r"[0-9]+", raw):
            self.report(line, path, f"'{raw}' is not a whole number; write digits only, e.g. 3")
            return None
        value = int(raw)
        if (field.minimum is not None and value < field.minimum) or (
            field.maximum is not None and value > field.maximum
        ):
            self.report(
                line,
                path,
                f"{value} is outside {field.minimum}..{field.maximum}; check the number",
            )
            return None
        return value

    def _datetime(self, raw: str, field: Field, path: str, line: int) -> datetime | None:
        return parse_datetime(raw, lambda message: self.report(line, path, message))


def parse_datetime(raw: str, fail: Callable[[str], None]) -> datetime | None:
    """An aware datetime; without an offset the time is Moroccan legal time."""
    match = DATETIME_PATTERN.match(raw)
    if not match:
        fail(f"'{raw}' is not a date and time; write it as 2026-11-27T18:30 (or with +01:00)")
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    if hour is None:
        fail(f"'{raw}' has no time; add the time, e.g. {raw}T18:30")
        return None
    try:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError as error:
        fail(f"'{raw}' is not a real date or time ({error}); check the day, month and hour")
        return None
    if offset is None:
        return value.replace(tzinfo=ZONE)
    zone = _offset(offset)
    if zone is None:
        fail(
            f"'{offset}' in '{raw}' is not a time-zone offset (hours from -12 to +14, minutes "
            "below 60); write +01:00 or +00:00 as Moroccan time has it, or leave the offset out "
            "(the time is then read as Moroccan legal time)"
        )
        return None
    return value.replace(tzinfo=zone)


def _offset(text: str) -> tzinfo | None:
    """The fixed zone of an offset written `Z`, `+01:00` or `+0100`; None if there is none
    such on Earth (UTC-12 to UTC+14)."""
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[-2:])
    if minutes >= 60 or hours * 60 + minutes > (12 if sign < 0 else 14) * 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
