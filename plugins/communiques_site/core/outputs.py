"""Output files whose inputs have not changed since the published build are hard-linked from it
instead of made and written again: the work of a build grows with what changed, not with the
archive.

Every file a plugin may reuse is declared with a digest of what it is made from. The digest
is combined with the build's own digest: what every output depends on beyond its content (the
theme, the plugins' code, the registries and site pages, the settings that reach the output and
the versions of the installed libraries), so a change to any of these makes everything again.
The manifest of digests is written inside the output folder: it is published (or thrown away)
together with the files it describes, so it never describes a site that was not published.

A publication in place (core.inplace) stages only the files the build writes: "linking" a
published file then only records that it stays (`kept`), and the new site is the files staged
and the files kept.
"""

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from .fingerprint import add_files, code_folders, installed
from .settings import Settings

MANIFEST = ".build-manifest.json"
# Settings that change how a build runs, not what it writes ("now" reaches the output through
# the index: an embargo that ends changes the digests of what it releases).
NOT_ON_OUTPUT = ("now", "workers", "parallel_from")


def build_digest(settings: Settings, options: dict[str, dict[str, Any]]) -> str:
    """What every output depends on, beyond its own content."""
    hasher = hashlib.sha256()
    add_files(hasher, [settings["THEME"]], "*")
    add_files(hasher, code_folders(settings), "*.py")
    content = Path(settings["PATH"])
    add_files(hasher, [content / "data", content / "pages"], "*")
    reaches_output = {
        "SITEURL": settings["SITEURL"],
        "PLUGINS": settings.get("PLUGINS"),
        **{
            name: {key: value for key, value in values.items() if key not in NOT_ON_OUTPUT}
            for name, values in sorted(options.items())
        },
    }
    hasher.update(json.dumps(reaches_output, sort_keys=True, default=str).encode())
    hasher.update(installed().encode())
    return hasher.hexdigest()


class Outputs:
    """The build's register of reusable files: `expect` declares a file with the digest of its
    inputs and says whether the published copy is still right; `link` takes that copy into the
    new site. Call `expect`, `link` and `keep` in the build's process.

    `live`: the inventory of the published site (core.publication) when the build publishes in
    place; then `link` takes nothing into the staging folder, it records the file as kept."""

    def __init__(
        self,
        base: str,
        published: str | None,
        staging: str,
        live: dict[str, str] | None = None,
    ):
        self.base = base
        self.published = published
        self.staging = staging
        self.previous = self._read(published)
        self.current: dict[str, str] = {}
        self.live = live if published is not None else None
        self.kept: set[str] = set()

    @property
    def in_place(self) -> bool:
        """True when the staging folder holds only what this build writes."""
        return self.live is not None

    @staticmethod
    def _read(published: str | None) -> dict[str, str]:
        if not published:
            return {}
        try:
            with open(os.path.join(published, MANIFEST), "rb") as file:
                found: dict[str, str] = orjson.loads(file.read())
                return found
        except (OSError, ValueError):
            return {}  # no reuse: everything is made again

    def digest(self, *parts: object) -> str:
        """The digest of an output made from `parts` (strings) in this build."""
        hasher = hashlib.blake2b(self.base.encode(), digest_size=16)
        for part in parts:
            hasher.update(b"\0" + str(part).encode())
        return hasher.hexdigest()

    def published_digest(self, name: str) -> str | None:
        """The digest of `name` in the published build's manifest (None: it had no such file);
        how a plugin finds how many files the published build made from the same inputs."""
        return self.previous.get(name) if self.published is not None else None

    def expect(self, name: str, digest: str) -> bool:
        """Record the digest of the output file `name` (relative to the output folder); True
        when the published build has the same file made from the same inputs."""
        self.current[name] = digest
        return self.published is not None and self.previous.get(name) == digest

    def link(self, name: str) -> bool:
        """Hard-link the published `name` into the staging folder (in place: record that it
        stays as it is); False if it is not there."""
        if self.live is not None:
            return self.keep(name)
        if self.published is None:
            return False
        source, target = os.path.join(self.published, name), os.path.join(self.staging, name)
        try:
            try:
                os.link(source, target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
        except OSError:
            return False
        return True

    def reuse(self, name: str, digest: str) -> bool:
        """expect and link: True when the published file was taken as it is."""
        return self.expect(name, digest) and self.link(name)

    def keep(self, name: str) -> bool:
        """In place: the published `name` stays as it is in the new site; False if the published
        site has no such file (then the build must write it)."""
        if self.live is None or name not in self.live:
            return False
        self.kept.add(name)
        return True

    def link_all(self, names: Iterable[str]) -> list[str]:
        """Link many files in one tight loop; the names that could not be linked."""
        if self.live is not None:
            return [name for name in names if not self.keep(name)]
        missing = []
        made = set()
        published, staging = self.published, self.staging
        for name in names:
            folder = name.rpartition("/")[0]
            if folder not in made:
                os.makedirs(os.path.join(staging, folder), exist_ok=True)
                made.add(folder)
            try:
                os.link(f"{published}/{name}", f"{staging}/{name}")
            except OSError:
                missing.append(name)
        return missing

    def save(self) -> None:
        with open(os.path.join(self.staging, MANIFEST), "wb") as file:
            file.write(orjson.dumps(self.current, option=orjson.OPT_SORT_KEYS))
