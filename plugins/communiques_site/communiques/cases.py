"""Pair each case's two files, check them against each other, and build the Case objects."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from communiques_site.core.languages import Languages
from communiques_site.core.problems import Problems

from . import ages, privacy
from .documents import Document
from .model import (
    MINOR_AGE,
    SCRUBBING_STATUSES,
    Case,
    Suspect,
    Text,
    Update,
    Video,
    Withdrawal,
)
from .schema import FIELDS_BY_NAME, ZONE


class FactReport(Protocol):
    """How the rules of an original's facts report: on the field's line unless told one."""

    def __call__(self, field: str, message: str, line: int | None = None) -> None: ...


TranslationReport = Callable[[str, str], None]  # (field, message), on the field's line
Values = Mapping[str, Any]  # a file's front matter, typed by the schema (Document.values)

# Texts of the translation matched to the original's lists: by `at` or by position.
TRANSLATED_LISTS = ("updates", "suspects")


def assemble_one(
    case_id: str,
    group: Sequence[Document],
    problems: Problems,
    render: Callable[[str], str],
    languages: Languages,
    drafts_prefix: str,
) -> Case | None:
    by_lang: dict[str, Document] = {}
    for document in group:
        if document.lang in by_lang:
            problems.add(
                document.shown,
                document.line("id"),
                "id",
                f"'{case_id}' is already used by {by_lang[document.lang].shown}; "
                "give this case its own id",
            )
            return None
        by_lang[document.lang] = document
    if len(group) < len(languages):
        _report_missing(group[0], by_lang, problems, languages)
        return None
    if not all(d.valid for d in group):
        return None  # each file's own problems are reported; checks across files would echo them
    originals = [d for d in group if not d.is_translation]
    if len(originals) != 1:
        # Told to the files at fault: with a third language, a translation beside two
        # originals is right as it is.
        for document in originals or group:
            if len(originals) > 1:
                message = (
                    "both files of this case carry the facts; keep them in the original and "
                    "mark the other one 'translation_of: <language of the original>'"
                )
            else:
                message = "both files are translations; remove 'translation_of' from the original"
            problems.add(document.shown, document.line("translation_of"), "translation_of", message)
        return None
    original = originals[0]
    ok = _check_original(original, problems)
    texts = {original.lang: original}
    for translation in group:
        if translation is not original:
            ok = _check_translation(original, translation, problems) and ok
            texts[translation.lang] = translation
    if ok:
        ok = _check_people_in_text(original, group, problems)
    if not ok:
        return None
    return _build(original, texts, render, original.shown.startswith(drafts_prefix))


def _report_missing(
    document: Document, present: Iterable[str], problems: Problems, languages: Languages
) -> None:
    """A case some of whose languages have no file: reported on one of its files."""
    for language in languages:
        if language.code in present:
            continue
        missing = f"{document.shown.rsplit('/', 1)[0]}/{document.name_id}.{language.code}.md"
        if document.valid and not document.is_translation:
            what = f"the {language.english} translation is missing"
            fix = f"create {missing} (invoke new --translate {document.name_id})"
        else:
            what = f"the {language.english} file of this case is missing"
            fix = f"create {missing}"
        problems.add(document.shown, document.line("id"), "translation", f"{what}; {fix}")


def _check_original(doc: Document, problems: Problems) -> bool:
    """The rules that tie one case's facts together; True when none is broken."""
    count = len(problems)

    def report(field: str, message: str, line: int | None = None) -> None:
        problems.add(doc.shown, line or doc.line(field), field, message)

    for rule in ORIGINAL_RULES:
        rule(doc.values, doc, report)
    return len(problems) == count


def _what_an_arrest_gives(v: Values, doc: Document, report: FactReport) -> None:
    if v.get("type") != "arrest":
        return
    if v.get("arrested_at") is None and "arrested_at" not in doc.lines:
        report(
            "arrested_at",
            "is missing; an arrest communiqué gives the time of the first "
            "arrest (arrested_at: 2026-11-27T10:00)",
        )
    if not v.get("suspects") and "suspects" not in doc.lines:
        report(
            "suspects",
            "is missing; an arrest communiqué lists each person arrested "
            "(age, sex, prior_record, custody)",
        )


def _times_in_order(v: Values, doc: Document, report: FactReport) -> None:
    video = v.get("video", {})
    published, arrested = v.get("published"), v.get("arrested_at")
    circulated, filmed = video.get("circulated_at"), video.get("filmed_at")
    if published and circulated and published < circulated:
        report(
            "published",
            "is before video.circulated_at; a communiqué follows the video; check both times",
        )
    if filmed and circulated and filmed > circulated:
        report(
            "video.filmed_at",
            "is after video.circulated_at; a video is filmed before it "
            "circulates; check both times",
        )
    if arrested and published and arrested > published:
        report(
            "arrested_at",
            "is after published; the communiqué reports an arrest already made; check both times",
        )


def _no_initials_for_minors(v: Values, doc: Document, report: FactReport) -> None:
    lists = [("", v.get("suspects", []))]
    lists += [(f"updates[{i}].", u.get("suspects", [])) for i, u in enumerate(v.get("updates", []))]
    for prefix, suspects in lists:
        for index, suspect in enumerate(suspects):
            if suspect.get("age", MINOR_AGE) < MINOR_AGE and "initials" in suspect:
                report(
                    f"{prefix}suspects[{index}].initials",
                    "a minor's initials are never published; remove the line",
                )


def _facts_of_updates_in_order(v: Values, doc: Document, report: FactReport) -> None:
    """An update's facts hold from its date: the arrest it reports was made by then, after a
    communiqué that reported none; the persons it releases are among those arrested so far;
    a case it makes an arrest gives, by then, the time of the arrest and the persons."""
    published = v.get("published")
    arrested = v.get("arrested_at")
    persons = len(v.get("suspects", []))
    released = set()
    for index, update in enumerate(v.get("updates", [])):
        at, where = update.get("at"), f"updates[{index}]"
        new_arrest = update.get("arrested_at")
        if new_arrest and at and new_arrest > at:
            report(
                f"{where}.arrested_at",
                "is after the date of this update; an update reports an arrest already made; "
                "check both times",
            )
        elif new_arrest and published and arrested is None and new_arrest < published:
            report(
                f"{where}.arrested_at",
                "is before published, when the communiqué reported nobody arrested; check the "
                "date, or correct the communiqué with 'arrested_at:' among its facts",
            )
        arrested = new_arrest or arrested
        persons += len(update.get("suspects", []))
        for position, number in enumerate(update.get("released", [])):
            if number > persons:
                report(
                    f"{where}.released[{position}]",
                    f"there is no person {number}: {persons} arrested by this update; number "
                    "them in the order listed, the communiqué's suspects first, then each "
                    "update's",
                )
            elif number in released:
                report(
                    f"{where}.released[{position}]",
                    f"person {number} was released by an earlier update; remove the number",
                )
            released.add(number)
        if update.get("type") == "arrest" and (arrested is None or persons == 0):
            missing = "'arrested_at:'" if arrested is None else "'suspects:'"
            report(
                f"{where}.type",
                "makes the case an arrest, but no arrest is given by then; add "
                f"{missing} to this update (the time of the first arrest, the persons arrested)",
            )


def _id_on_the_day_published(v: Values, doc: Document, report: FactReport) -> None:
    published = v.get("published")
    if published and "id" in v:
        local_day = published.astimezone(ZONE).date().isoformat()
        if not v["id"].startswith(local_day):
            report(
                "id",
                f"starts with a date other than the publication date ({local_day}); "
                f"the id begins with the day of 'published'",
            )


def _changes_in_order(v: Values, doc: Document, report: FactReport) -> None:
    published = previous = v.get("published")
    for index, update in enumerate(v.get("updates", [])):
        at = update.get("at")
        if at and previous and at <= previous:
            what = "the communiqué" if index == 0 else f"update {index}"
            report(
                f"updates[{index}].at",
                f"is not after {what}; updates are listed oldest first, each after the one before",
            )
        previous = at or previous
    withdrawn = v.get("withdrawn", {})
    if withdrawn.get("at") and previous and withdrawn["at"] <= previous:
        what = "published" if previous == published else "the last update"
        report(
            "withdrawn.at",
            f"is not after {what}; a withdrawal comes after everything else; check the date",
        )


ORIGINAL_RULES = (
    _what_an_arrest_gives,
    _times_in_order,
    _no_initials_for_minors,
    _id_on_the_day_published,
    _changes_in_order,
    _facts_of_updates_in_order,
)


def _check_people_in_text(
    original: Document, group: Iterable[Document], problems: Problems
) -> bool:
    """No age and no prior record in the text once the case ended without a conviction (the
    persons' details leave every page, and the text is on the page). A child's age is refused
    in every case, file by file (documents._check_privacy)."""
    values = original.values
    status = values.get("status")
    for update in values.get("updates", []):
        status = update.get("status") or status
    if status not in SCRUBBING_STATUSES:
        return True
    count = len(problems)
    for document in group:
        texts = [
            (document.values.get(name, ""), document.line(name)) for name in ("title", "summary")
        ]
        texts += [
            (update.get("note", ""), document.line(f"updates[{index}].note"))
            for index, update in enumerate(document.values.get("updates", []))
        ]
        texts.append((document.body, document.body_line))
        for text, first_line in texts:
            for offset in privacy.prior_record_lines(text):
                problems.add(
                    document.shown,
                    first_line + offset,
                    "privacy",
                    f"a prior record of a person whose case ended as {status}; "
                    "their details leave every page: remove it from the text",
                )
            for offset, age in ages.stated_ages(text):
                problems.add(
                    document.shown,
                    first_line + offset,
                    "privacy",
                    f'an age ("{age}") of a person whose case ended as {status}; '
                    "their details leave every page: remove it from the text",
                )
    return len(problems) == count


def _check_translation(original: Document, translation: Document, problems: Problems) -> bool:
    count = len(problems)
    shown = translation.shown

    def report(field: str, message: str) -> None:
        problems.add(shown, translation.line(field), field, message)

    if translation.values.get("translation_of") != original.lang:
        report("translation_of", f"must be '{original.lang}': the original is {original.shown}")
    for name, value in translation.values.items():
        field = FIELDS_BY_NAME[name]
        if name in ("id", "translation_of") or field.translated or name in TRANSLATED_LISTS:
            continue
        if name == "withdrawn" or (field.kind == "mapping" and name != "video"):
            continue
        if name == "video" or original.values.get(name) != value:
            _compare_fact(name, value, original, report)
    if "district" in original.values and "district" not in translation.values:
        report("district", f"is missing; the original gives one ({original.shown}); translate it")
    _check_updates(original, translation, report)
    _check_suspects(original, translation, report)
    withdrawn = original.values.get("withdrawn")
    if withdrawn and not translation.values.get("withdrawn", {}).get("reason"):
        report(
            "withdrawn",
            f"the case is withdrawn in {original.shown}; add "
            "'withdrawn:' with the 'reason:' in this language",
        )
    if not withdrawn and "withdrawn" in translation.values:
        report("withdrawn", f"the original ({original.shown}) is not withdrawn; remove it here")
    return len(problems) == count


def _compare_fact(name: str, value: Any, original: Document, report: TranslationReport) -> None:
    theirs = original.values.get(name)
    if name == "video":
        for key, sub in value.items():
            if theirs is None or theirs.get(key) != sub:
                report(
                    f"video.{key}",
                    f"contradicts the original ({original.shown}); facts are "
                    "written once, in the original: remove it here or make it equal",
                )
        return
    if theirs != value:
        report(
            name,
            f"contradicts the original ({original.shown}); facts are written once, "
            "in the original: remove it here or make it equal",
        )


def _check_updates(original: Document, translation: Document, report: TranslationReport) -> None:
    theirs = {u["at"]: u for u in original.values.get("updates", []) if "at" in u}
    ours = {}
    for index, update in enumerate(translation.values.get("updates", [])):
        at = update.get("at")
        if at is None:
            report(
                f"updates[{index}]", "needs 'at:', the time of the original's update it translates"
            )
            continue
        if at not in theirs:
            report(
                f"updates[{index}].at",
                f"matches no update of the original "
                f"({original.shown}); copy the 'at' of the update it translates",
            )
            continue
        for key in update:
            if key in ("at", "note"):
                continue
            if key in ("kind", "status") and update[key] == theirs[at].get(key):
                continue
            if key in ("kind", "status"):
                message = f"contradicts the original ({original.shown}); remove it here"
            else:
                message = (
                    f"is a fact; facts are written once, in the original ({original.shown}): "
                    "remove it here"
                )
            report(f"updates[{index}].{key}", message)
        ours[at] = update
    for at in theirs:
        if not ours.get(at, {}).get("note"):
            report(
                "updates",
                f"has no change note for the update of {at.isoformat()} "
                f"in {original.shown}; add '- at: {at.isoformat()}' with its 'note:'",
            )


def _check_suspects(original: Document, translation: Document, report: TranslationReport) -> None:
    ours = translation.values.get("suspects")
    if ours is None:
        return
    theirs = original.values.get("suspects", [])
    if len(ours) != len(theirs):
        report(
            "suspects",
            f"lists {len(ours)} people, the original ({original.shown}) "
            f"{len(theirs)}; give one entry per person, in the same order",
        )
        return
    for index, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
        for key, value in mine.items():
            if key != "initials" and other.get(key) != value:
                report(
                    f"suspects[{index}].{key}",
                    f"contradicts the original ({original.shown}); remove it here",
                )
        if "initials" in mine and "initials" not in other:
            report(
                f"suspects[{index}].initials",
                "the original gives no initials for this person; remove them",
            )


def _build(
    original: Document,
    documents: Mapping[str, Document],  # by language
    render: Callable[[str], str],
    draft: bool,
) -> Case:
    v = original.values
    video = v["video"]
    translations = {lang: d.values for lang, d in documents.items()}
    notes = {
        lang: {u["at"]: u.get("note") for u in values.get("updates", [])}
        for lang, values in translations.items()
    }
    suspects = []
    for index, s in enumerate(v.get("suspects", [])):
        initials = {}
        for lang, values in translations.items():
            listed = values.get("suspects") or []
            if index < len(listed) and listed[index].get("initials"):
                initials[lang] = listed[index]["initials"]
        suspects.append(Suspect(s["age"], s["sex"], s["prior_record"], s["custody"], initials))
    withdrawn = None
    if "withdrawn" in v:
        withdrawn = Withdrawal(
            v["withdrawn"]["at"],
            {lang: values["withdrawn"]["reason"] for lang, values in translations.items()},
        )
    texts = {
        lang: Text(
            lang=lang,
            path=document.shown,
            title=document.values["title"],
            summary=document.values["summary"],
            district=document.values.get("district"),
            body_html=render(document.body),
            digest=document.digest,
        )
        for lang, document in documents.items()
    }
    return Case(
        id=v["id"],
        type=v["type"],
        original_lang=original.lang,
        published=v["published"],
        city=v["city"],
        issuer=v["issuer"],
        offences=tuple(v["offences"]),
        video=Video(
            video["platform"],
            video["circulated_at"],
            video.get("filmed_at"),
            video["verification"],
        ),
        arrested_at=v.get("arrested_at"),
        suspects=tuple(suspects),
        sought=v.get("sought", 0),
        initial_status=v["status"],
        seized=tuple((s["item"], s.get("quantity")) for s in v.get("seized", [])),
        updates=tuple(
            Update(
                u["at"],
                u["kind"],
                u.get("status"),
                {lang: notes[lang][u["at"]] for lang in translations},
                _update_facts(u, original.lang),
            )
            for u in v.get("updates", [])
        ),
        withdrawn=withdrawn,
        texts=texts,
        draft=draft,
    )


def _update_facts(update: Values, lang: str) -> dict[str, Any]:
    """The facts an update changes besides its status (model.Update.facts). The initials of a
    person it adds are written in the original's file, in its language."""
    facts = {
        name: update[name]
        for name in ("type", "arrested_at", "sought", "verification")
        if name in update
    }
    if "suspects" in update:
        facts["suspects"] = tuple(
            Suspect(
                s["age"],
                s["sex"],
                s["prior_record"],
                s["custody"],
                {lang: s["initials"]} if s.get("initials") else {},
            )
            for s in update["suspects"]
        )
    if "released" in update:
        facts["released"] = tuple(update["released"])
    return facts
