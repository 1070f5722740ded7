"""The log's part in the build: it is worked out once, when first asked (the codes are asked
for by the other plugins' derive, in whatever order they run), checked against the published
log, and written with the site."""

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from communiques_site.communiques.loading import build_now
from communiques_site.communiques.settings import CommuniquesOptions
from communiques_site.core import routes
from communiques_site.core.i18n import Formats
from communiques_site.core.problems import ContentError
from communiques_site.core.settings import Schema
from communiques_site.core.stages import Build, Page

from . import codes, log, settings
from .entries import events
from .settings import SCHEMA, LogOptions


def declare(pelican: object) -> Schema:
    return SCHEMA


class Lazy:
    """The build's log and codes, computed on first use, after the read stage."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self._log: log.Log | None = None
        self._codes: dict[str, str] | None = None
        self._entries: list[tuple[tuple[int, bytes], dict[str, str]]] | None = None

    @property
    def log(self) -> log.Log:
        if self._log is None:
            build = self.build
            index = build.index
            texts = _Texts(index.by_id, Path(build.settings["PATH"]).resolve().parent)
            now = build_now(build.options[CommuniquesOptions])
            found = log.Log(
                settings.signer(build.options[LogOptions]),
                build.published_path,
                events(index.cases, now),
                texts,
            )
            if found.problems:
                raise ContentError(found.problems)
            self._log = found
        return self._log

    @property
    def entries(self) -> list[tuple[tuple[int, bytes], dict[str, str]]]:
        """Each entry of the log: its key (its place and hash) and what its JSON says of the
        event (id, lang, kind, at, url). An entry never changes at its place: only the new
        ones are parsed (core.memo)."""
        if self._entries is None:
            memo = self.build.memo("tlog-entries")
            self._entries = []
            for position, data in enumerate(self.log.entries):
                key = (position, hashlib.blake2b(data, digest_size=16).digest())
                self._entries.append((key, memo.get(key, partial(_fields, data))))
        return self._entries

    @property
    def codes(self) -> dict[str, str]:
        """{case id: code} of every case in the log."""
        if self._codes is None:
            self._codes = codes.assign_values(value for _, value in self.entries)
        return self._codes

    def code(self, case_id: str) -> str:
        """The case's verification code, as shown (XXXX-XXXX); "" if it is not in the log."""
        value = self.codes.get(case_id)
        return codes.shown(value) if value else ""

    def inputs(self, lang: str, subjects: Iterable[tuple[str, str | None]]) -> list[str] | None:
        found = [self.code(key) for kind, key in subjects if kind == "communiques" and key]
        return found or None


class _Texts(Mapping[tuple[str, str], tuple[str, str]]):
    """{(case id, lang): (the file as messages show it, its path)}, looked up only for a
    message (a removed entry): not made for the whole archive at every build."""

    def __init__(self, by_id: Mapping[str, Any], root: Path) -> None:
        self.by_id, self.root = by_id, root

    def __getitem__(self, key: tuple[str, str]) -> tuple[str, str]:
        case = self.by_id.get(key[0])
        text = case.texts.get(key[1]) if case is not None else None
        if text is None:
            raise KeyError(key)
        return text.path, str(self.root / text.path)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((case_id, lang) for case_id, case in self.by_id.items() for lang in case.texts)

    def __len__(self) -> int:
        return sum(len(case.texts) for case in self.by_id.values())


def read(build: Build) -> None:
    lazy = Lazy(build)
    build.state["tlog"] = lazy
    build.context["verification_code"] = lazy.code
    build.page_inputs.append(lazy.inputs)


def derive(build: Build) -> None:
    lazy = build.state["tlog"]
    signer = lazy.log.signer
    digest = build.outputs.digest
    verify = {
        "verifier_key": signer.verifier_key,
        "throwaway": build.options[LogOptions].key is None,
        "log_size": lazy.log.size,
    }
    for language in build.languages:
        lang = language.code
        url = routes.verify(lang)
        build.add_page(
            Page(
                lang,
                "verify.html",
                url,
                build.each(routes.verify),
                verify,
                digest("verify", url, json.dumps(verify, sort_keys=True)),
            )
        )
    formats = [Formats(language) for language in build.languages]
    versions: dict[str, Versions] = {}
    for (position, _), value in lazy.entries:
        case_id = value["id"]
        if case_id not in versions:
            versions[case_id] = Versions(formats)
        versions[case_id].entries.append((position, value))
    for case in build.index.cases:
        value = lazy.codes.get(case.id)
        if not value:
            continue
        url = routes.code(value)
        context = {
            "case": case,
            "code": codes.shown(value),
            "versions": versions[case.id],
            "links": build.each(routes.communique, case.id),
        }
        build.add_page(
            Page(
                None,
                "code.html",
                url,
                {},
                context,
                digest("code", url, case.digest, versions[case.id].described()),
            )
        )
    build.add_page(
        Page(
            None,
            "unknown-code.html",
            routes.unknown_code(),
            {},
            {},
            digest("unknown-code"),
        )
    )


def _fields(data: bytes) -> dict[str, str]:
    """What the build reads of an entry (not its digests)."""
    entry = json.loads(data)
    return {name: entry[name] for name in ("id", "lang", "kind", "at", "url")}


class Versions:
    """A case's entries as its code's page shows them, formatted when the page is rendered:
    most code pages are kept as published, and formatting every entry of the log at every
    build cost more than the pages rendered (the page's digest is made of the entries' places
    and fields, which say all it shows)."""

    def __init__(self, formats: list[Formats]) -> None:
        self.formats = formats
        self.entries: list[tuple[int, dict[str, str]]] = []  # (place in the log, its fields)
        self.shown: list[dict[str, Any]] | None = None  # formatted once, for every language

    def described(self) -> str:
        """For the page's digest: each entry's place and fields, which say all the page shows
        of it (the formats are in the build's digest)."""
        return " | ".join(
            f"{place} {value['lang']} {value['kind']} {value['at']} {value['url']}"
            for place, value in self.entries
        )

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self.shown is None:
            self.shown = [_version(self.formats, place, value) for place, value in self.entries]
        return iter(self.shown)


def _version(formats: list[Formats], position: int, value: dict[str, str]) -> dict[str, Any]:
    """What the code's page shows of an entry."""
    at = datetime.fromisoformat(value["at"])
    shown = {f.lang: f.when(at) for f in formats}
    number = {f.lang: f.number(position) for f in formats}
    return {**value, "position": position, "shown": shown, "number": number}


def render(build: Build) -> None:
    lazy = build.state["tlog"]
    output = Path(build.output_path)
    published = build.outputs.published
    log.write(output, lazy.log, published, build.outputs.link)
    key = output / routes.output_file(routes.log_key())
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_text(lazy.log.signer.verifier_key + "\n", encoding="utf-8")


def before_swap(build: Build) -> None:
    """Every page is written now: the lower-case aliases of the codes' pages (hard links). A
    page the build kept as published (core.outputs, in place) keeps its published alias."""
    output = Path(build.output_path)
    outputs = build.outputs
    for case_id, value in build.state["tlog"].codes.items():
        if case_id not in build.index.by_id:
            continue
        name = routes.output_file(routes.code(value))
        alias_name = routes.output_file(routes.code_alias(value))
        # Kept first: most pages are, in place, and then not in the staging folder to look at.
        if name in outputs.kept and outputs.keep(alias_name):
            continue
        page, alias = output / name, output / alias_name
        if not page.exists() and name in outputs.kept:
            assert outputs.published is not None  # a kept page is a published one
            page = Path(outputs.published) / name  # its alias is missing: made from it
        if page.exists() and not alias.exists():
            alias.parent.mkdir(parents=True, exist_ok=True)
            alias.hardlink_to(page)
