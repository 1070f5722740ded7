"""The events of the public record, one log entry each, in a fixed order.

An entry is canonical JSON (canonical.dumps) of: `id`, `lang`, `kind` (publication,
update-minor, update-major, withdrawal), `at` (the event's date as the file gives it), `url`
(the permalink's path), `text` (SHA-256 of the language's version as published after the
event: its facts, title, summary and body, canonical.version) and `body` (SHA-256 of its body's
text alone, normalised, for a body pasted from anywhere).
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import cast

from communiques_site.communiques.loading import as_of
from communiques_site.communiques.model import Case
from communiques_site.core import routes

from .canonical import body_digest, dumps, normalise, plain, sha256

KINDS = ("publication", "update-minor", "update-major", "withdrawal")


@dataclass(frozen=True)
class Event:
    """One event of the record. Its entry is made only when the log asks for it: an event
    logged already costs its key alone (the text's digest is the expensive part)."""

    order: tuple  # (moment in UTC, id, language, kind's rank, n-th change): the log's order
    given: bytes | None = None  # the entry, when it is known already
    key_given: tuple | None = None  # (id, lang, kind, at)
    make: Callable[[], bytes] | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple:
        if self.key_given is not None:
            return self.key_given
        assert self.given is not None, "an entry has its key or its bytes"
        return key_of(self.given)

    @property
    def entry(self) -> bytes:
        if self.given is not None:
            return self.given
        assert self.make is not None, "an entry has its bytes or their maker"
        return self.make()


# The start of an entry as canonical.dumps writes it (keys in order): read without a JSON parser,
# as a build reads every published entry.
HEAD = re.compile(
    rb'\{"at":"([^"\\]*)","body":"[0-9a-f]{64}","id":"([^"\\]*)","kind":"([^"\\]*)","lang":"([^"\\]*)"'
)


def key_of(entry: bytes) -> tuple:
    """What makes an entry the same event: its case, language, kind and date."""
    found = HEAD.match(entry)
    if found:
        at, case_id, kind, lang = (part.decode() for part in found.groups())
        return (case_id, lang, kind, at)
    value = json.loads(entry)
    return (value["id"], value["lang"], value["kind"], value["at"])


def version(case: Case, lang: str) -> dict[str, object]:
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


def entry(case: Case, lang: str, kind: str, at: datetime) -> bytes:
    seen = version(case, lang)
    return dumps(
        {
            "id": case.id,
            "lang": lang,
            "kind": kind,
            "at": at.isoformat(),
            "url": routes.communique(lang, case.id),
            "text": sha256(dumps(seen)),
            "body": body_digest(cast(str, seen["body"])),  # version() puts the plain text there
        }
    )


def _made(case: Case, lang: str, kind: str, at: datetime) -> bytes:
    return entry(as_of(case, at), lang, kind, at)  # the case as it stood just after the event


def events(cases: Iterable[Case], now: datetime) -> list[Event]:
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
                order = (at.astimezone(UTC), case.id, lang, KINDS.index(kind), n)
                key = (case.id, lang, kind, at.isoformat())
                found.append(Event(order, key_given=key, make=partial(_made, case, lang, kind, at)))
    found.sort(key=lambda event: event.order)
    return found
