"""The starting point of a new communiqué (`invoke new`): a complete, commented front matter."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from communiques_site.core.languages import Language

from .schema import SCRIPTS, STATUSES, TYPES, VERIFICATIONS, ZONE
from .wording import Wording

ORIGINAL = """\
---
id: {id}
type: {type}  # {types}
title: {title_hint}
summary: >-
  {summary_hint}
published: {now}  # an offset (+01:00) is optional; without it: Moroccan time
city: {city}  # key of content/data/cities.yaml
# district: optional neighbourhood, never a street address
issuer: {issuer}  # key of content/data/issuers.yaml
offences:  # keys of content/data/offences.yaml, most serious first; the keys:
{offence_keys}  - {offence}
video:
  platform: facebook  # facebook, tiktok, instagram, youtube, x, whatsapp, telegram, other
  circulated_at: {now}  # when the video started to circulate (or was first detected)
  # filmed_at: optional, when the events happened
  verification: {verification}  # {verifications}
{arrest}sought: 0  # how many are still sought
status: {status}  # {statuses}
# seized:  # keys of content/data/seized.yaml
#   - item: knife
#     quantity: 1
# updates:  # dated change notes, oldest first
#   - at: 2026-12-01T10:00
#     kind: major  # major: on the page and in the updates feed; minor: page history only
#     status: charged  # optional, the new status
#     note: what changed
---
{body_hint}
"""

ARREST = """\
arrested_at: {now}  # the first arrest; may be before the video circulated
suspects:  # one entry per person; never a name
  - age: 30  # under 18 is shown only as "minor"
    sex: male  # male, female
    prior_record: unknown  # "yes", "no", unknown
    custody: police-custody  # police-custody, minor-supervision, released
    # initials: adults only, e.g. {initials}
"""

TRANSLATION = """\
---
id: {id}
translation_of: {original_lang}
title: {title_hint}
summary: >-
  {summary_hint}
{extra}---
{body_hint}
"""

# Only ever in a comment: real initials cannot be told from an example (by script).
INITIALS_EXAMPLE = {"Arab": "م.ع.", "Latn": "M.A."}


def case_id(day: date, city: str | None, keyword: str) -> str:
    return f"{day.isoformat()}-{city}-{keyword}"


def _keys_comment(keys: Iterable[str], width: int = 96) -> str:
    """The registry's keys as comment lines of the front matter."""
    lines, line = [], "  #"
    for key in keys:
        if len(line) + len(key) + 2 > width:
            lines.append(line.rstrip(","))
            line = "  #"
        line += f" {key},"
    lines.append(line.rstrip(","))
    return "".join(f"{text}\n" for text in lines)


def original(
    case_id_: str,
    language: Language,
    words: Wording,
    city: str | None,
    case_type: str,
    now: datetime | None = None,
    offence: str = "public-order",
    issuer: str | None = None,
    offence_keys: Iterable[str] = (),
) -> str:
    """The original's file, in `language` (core.languages.Language), with the sample texts of
    `words` (wording.Wording), which validation refuses until they are written; the offence keys
    listed in a comment."""
    clock = (now or datetime.now(ZONE)).astimezone(ZONE)
    written = f"{case_id_[:10]}T{clock:%H:%M}"  # the id's day, at the time of writing
    lang = language.code
    example = INITIALS_EXAMPLE[language.script]
    arrest = ARREST.format(now=written, initials=example) if case_type == "arrest" else ""
    return ORIGINAL.format(
        id=case_id_,
        type=case_type,
        types=", ".join(TYPES),
        title_hint=words(lang, "title"),
        summary_hint=words(lang, "summary"),
        now=written,
        city=city,
        offence=offence,
        offence_keys=_keys_comment(offence_keys),
        issuer=issuer or f"police-{city}",
        verification="authentic" if case_type != "clarification" else "staged",
        verifications=", ".join(VERIFICATIONS),
        arrest=arrest,
        status="referred-to-prosecutor" if case_type == "arrest" else "under-investigation",
        statuses=", ".join(STATUSES),
        body_hint=words(lang, "body"),
    )


def translation(
    case_id_: str, target: Language, words: Wording, original_values: Mapping[str, Any]
) -> str:
    """The translation's skeleton in `target` (a Language), with a slot for each text the
    original has: a placeholder that validation refuses, and a comment saying what to write."""
    lang = target.code
    todo = f'"{words(lang, "todo")}"'
    language = target.english
    extra = []
    if "district" in original_values:
        extra.append(f"district: {todo}  # the original's district, in {language}\n")
    if any("initials" in s for s in original_values.get("suspects", [])):
        extra.append("suspects:\n")
        for number, suspect in enumerate(original_values["suspects"], start=1):
            extra.append(
                f"  - initials: {todo}  # person {number}'s initials in "
                f"{SCRIPTS[target.script]}, e.g. {INITIALS_EXAMPLE[target.script]}\n"
                if "initials" in suspect
                else "  - {}\n"
            )
    if original_values.get("updates"):
        extra.append("updates:\n")
        for update in original_values["updates"]:
            extra.append(
                f"  - at: {update['at'].isoformat()}\n"
                f"    note: {todo}  # the original's note of this update, in {language}\n"
            )
    if "withdrawn" in original_values:
        extra.append(f"withdrawn:\n  reason: {todo}  # the original's reason, in {language}\n")
    return TRANSLATION.format(
        id=case_id_,
        original_lang=original_values["_lang"],
        title_hint=words(lang, "title"),
        summary_hint=words(lang, "summary"),
        extra="".join(extra),
        body_hint=words(lang, "body"),
    )
