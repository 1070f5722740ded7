"""What a page shows, as text for the digest its reuse is judged by (core.outputs).

A page's template reads its own context, the registries and the theme: the build's digest
covers the last two, and this covers the context. A communiqué stands for itself by its id and
the digest of its files (model.Case.digest), a value whose class has a `described` method by
what that returns; anything this module cannot describe makes the page's digest empty, and a
page without a digest is always rendered: never a stale page.
"""

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, cast

from communiques_site.communiques.model import Case
from communiques_site.core.outputs import Outputs


class Unknown(Exception):
    """A value this module cannot describe."""


PLAIN = (type(None), bool, int, float, str)


def describe(value: object, seen: dict[int, str] | None = None) -> str:
    """`seen`: descriptions of the objects met already ({id: text}): the same cases and log
    entries are on the pages of every language."""
    kind = type(value)
    if kind in PLAIN:
        return repr(value)
    if kind is list or kind is tuple:
        items = cast("list[object] | tuple[object, ...]", value)  # the exact types, not subtypes
        # A listing's cases (tens of thousands in a build) told apart before any other kind.
        parts = [_case(item) if type(item) is Case else describe(item, seen) for item in items]
        return "[" + ",".join(parts) + "]"
    if kind is dict:
        pairs = cast("dict[object, object]", value).items()
        return "{" + ",".join(f"{describe(k)}:{describe(v, seen)}" for k, v in pairs) + "}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    digest = getattr(value, "digest", None)
    if isinstance(digest, str) and hasattr(value, "id"):  # a case (as _case says it)
        return f"case {value.id} {digest}"
    if seen is not None and id(value) in seen:
        return seen[id(value)]
    described = getattr(kind, "described", None)  # a value that says itself (site.Change)
    if described is not None:
        text = cast(str, described(value))
        if seen is not None:
            seen[id(value)] = text
        return text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = getattr(value, "__dict__", None)  # its fields, in order (no slots here)
        if fields is None:
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        text = f"{kind.__name__}" + describe(fields, seen)
        if seen is not None:
            seen[id(value)] = text
        return text
    # Subclasses of the plain kinds: Markup, named tuples…
    if isinstance(value, str):
        return repr(str(value))
    if isinstance(value, list | tuple):
        return describe(list(value), seen)
    if isinstance(value, dict):
        return describe(dict(value), seen)
    raise Unknown(kind.__name__)


def _case(case: Case) -> str:
    return f"case {case.id} {case.digest}"


def page_digest(
    outputs: Outputs,
    template: str,
    url: str,
    alternates: Mapping[str, str],
    context: Mapping[str, Any],
    seen: dict[int, str] | None = None,
) -> str:
    """The digest of a page, or "" when its context cannot be described. `seen`: shared by
    the pages of one build, whose objects all live until its end (their ids stay theirs)."""
    try:
        text = describe((template, url, alternates, context), seen)
    except Unknown:
        return ""
    return outputs.digest("page", text)
