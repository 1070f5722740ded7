"""The content model's part in the build: its settings, and the read stage."""

from typing import cast

from core.problems import Problems
from core.settings import Schema
from core.stages import Build

from . import record
from .index import CaseIndex
from .loading import load
from .settings import SCHEMA


def declare(pelican: object) -> Schema:
    return SCHEMA


def read(build: Build) -> None:
    """Read and check every file into the one index of cases; problems go to the build's.
    The content must keep the record of the site it replaces."""
    index, problems = load(build.settings, published=build.published_path)
    cast(Problems, build.problems).extend(problems)
    build.index = index
    if index is not None:
        for case in index.embargoed:
            build.expire_at(case.published)
        for at, _, _ in index.embargoed_changes:
            build.expire_at(at)


def render(build: Build) -> None:
    """The record of what this build publishes, for the next build to keep."""
    # core.stages.Build types the index as `object`: core cannot name the plugins' types.
    record.write(build.output_path, cast(CaseIndex, build.index).record)
