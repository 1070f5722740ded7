"""The starting point of a new communiqué (`invoke new`): a complete, commented front matter."""

from datetime import datetime

from .schema import SCRIPTS, STATUSES, TYPES, VERIFICATIONS, ZONE

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
issuer: police-{city}  # key of content/data/issuers.yaml
offences:  # keys of content/data/offences.yaml, most serious first
  - {offence}
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

HINTS = {
    "ar": {
        "title": "عنوان البلاغ",
        "summary": "ملخص البلاغ في جملة أو جملتين.",
        "body": "نص البلاغ.",
        "initials": "م.ع.",  # only ever in a comment: real initials cannot be told from it
    },
    "fr": {
        "title": "Titre du communiqué",
        "summary": "Le communiqué en une ou deux phrases.",
        "body": "Texte du communiqué.",
        "initials": "M.A.",
    },
}
# What `invoke new --translate` writes in each slot of the translation that only the officer can
# fill (district, initials, notes, reasons): obviously unfinished, and refused by validation
# until it is replaced (documents._check_finished).
TO_TRANSLATE = {"ar": "[للترجمة]", "fr": "[À TRADUIRE]"}
LANGUAGE_NAMES = {"ar": "Arabic", "fr": "French"}


def case_id(day, city, keyword):
    return f"{day.isoformat()}-{city}-{keyword}"


def original(case_id_, lang, city, case_type, now=None):
    clock = (now or datetime.now(ZONE)).astimezone(ZONE)
    now = f"{case_id_[:10]}T{clock:%H:%M}"  # the id's day, at the time of writing
    hints = HINTS[lang]
    arrest = ARREST.format(now=now, initials=hints["initials"]) if case_type == "arrest" else ""
    return ORIGINAL.format(
        id=case_id_,
        type=case_type,
        types=", ".join(TYPES),
        title_hint=hints["title"],
        summary_hint=hints["summary"],
        now=now,
        city=city,
        offence="public-order",
        verification="authentic" if case_type != "clarification" else "staged",
        verifications=", ".join(VERIFICATIONS),
        arrest=arrest,
        status="referred-to-prosecutor" if case_type == "arrest" else "under-investigation",
        statuses=", ".join(STATUSES),
        body_hint=hints["body"],
    )


def translation(case_id_, lang, original_values):
    """The translation's skeleton, with a slot for each text the original has: a placeholder
    that validation refuses, and a comment saying what to write there."""
    hints = HINTS[lang]
    todo = f'"{TO_TRANSLATE[lang]}"'
    language = LANGUAGE_NAMES[lang]
    extra = []
    if "district" in original_values:
        extra.append(f"district: {todo}  # the original's district, in {language}\n")
    if any("initials" in s for s in original_values.get("suspects", [])):
        extra.append("suspects:\n")
        for number, suspect in enumerate(original_values["suspects"], start=1):
            extra.append(
                f"  - initials: {todo}  # person {number}'s initials in {SCRIPTS[lang]}, "
                f"e.g. {hints['initials']}\n"
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
        title_hint=hints["title"],
        summary_hint=hints["summary"],
        extra="".join(extra),
        body_hint=hints["body"],
    )


def placeholders():
    """The template's sample texts, in both languages: a field that still holds one (whichever
    field it is) is not finished."""
    return {hint for hints in HINTS.values() for key, hint in hints.items() if key != "initials"}


def unfinished(text):
    """The placeholder of `invoke new --translate` that `text` still holds, or None."""
    return next((marker for marker in TO_TRANSLATE.values() if marker in text), None)
