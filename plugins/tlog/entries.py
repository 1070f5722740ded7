"""The events of the public record, one log entry each, in a fixed order.

An entry is canonical JSON (canonical.dumps) of: `id`, `lang`, `kind` (publication,
update-minor, update-major, withdrawal), `at` (the event's date as the file gives it), `url`
(the permalink's path), `text` (SHA-256 of the language's version as published after the
event: its facts, title, summary and body, canonical.version) and `body` (SHA-256 of its body's
text alone, normalised, for a body pasted from anywhere).
"""

import json
from dataclasses import dataclass
from datetime import UTC

from communiques.loading import as_of
from core import routes

from .canonical import body_digest, dumps, normalise, plain, sha256

KINDS = ("publication", "update-minor", "update-major", "withdrawal")


@dataclass(frozen=True)
class Event:
    order: tuple  # (moment in UTC, id, language, kind's rank, n-th change): the log's order
    entry: bytes

    @property
    def key(self) -> tuple:
        return key_of(self.entry)


def key_of(entry: bytes) -> tuple:
    """What makes an entry the same event: its case, language, kind and date."""
    value = json.loads(entry)
    return (value["id"], value["lang"], value["kind"], value["at"])


def version(case, lang) -> dict:
    """A language's version of the case, as its page shows it (the suspects' details are not
    part of it: they leave the page when nobody stands accused)."""
    text = case.texts[lang]
    return {
        "id": case.id,
        "type": case.type,
        "original_lang": case.original_lang,
        "published": case.published.isoformat(),
        "city": case.city,
        "issuer": case.issuer,
        "offences": list(case.offences),
        "status": case.status,
        "title": normalise(text.title),
        "summary": normalise(text.summary),
        "body": plain(text.body_html),
        "updates": [
            {"at": u.at.isoformat(), "kind": u.kind, "note": normalise(u.note.get(lang, ""))}
            for u in case.updates
        ],
        "withdrawn": None
        if case.withdrawn is None
        else {
            "at": case.withdrawn.at.isoformat(),
            "reason": normalise(case.withdrawn.reason.get(lang, "")),
        },
    }


def entry(case, lang, kind, at) -> bytes:
    seen = version(case, lang)
    return dumps(
        {
            "id": case.id,
            "lang": lang,
            "kind": kind,
            "at": at.isoformat(),
            "url": routes.communique(lang, case.id),
            "text": sha256(dumps(seen)),
            "body": body_digest(seen["body"]),
        }
    )


def events(cases, now) -> list[Event]:
    """Every event of the published cases out at `now`, in the log's order."""
    found = []
    for whole in cases:
        if whole.draft or whole.embargoed or whole.published > now:
            continue
        case = as_of(whole, now)
        changes = [("publication", case.published, 0)]
        changes += [(f"update-{u.kind}", u.at, n) for n, u in enumerate(case.updates, start=1)]
        if case.withdrawn is not None:
            changes.append(("withdrawal", case.withdrawn.at, len(case.updates) + 1))
        for lang in sorted(case.texts):
            for kind, at, n in changes:
                shown = as_of(case, at)  # the case as it stood just after this event
                order = (at.astimezone(UTC), case.id, lang, KINDS.index(kind), n)
                found.append(Event(order, entry(shown, lang, kind, at)))
    found.sort(key=lambda event: event.order)
    return found
