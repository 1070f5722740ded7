"""The content model's part in the build: its settings, and the read stage."""

from communiques_site.core.settings import Schema
from communiques_site.core.stages import Build

from . import record
from .loading import Given, load
from .settings import SCHEMA, CommuniquesOptions


def declare(pelican: object) -> Schema:
    return SCHEMA


def read(build: Build) -> None:
    """Read and check every file into the one index of cases; problems go to the build's.
    The content must keep the record of the site it replaces."""
    given = Given(build.options[CommuniquesOptions], build.languages, build.catalogs)
    index, problems = load(build.settings, published=build.published_path, given=given)
    build.problems.extend(problems)
    build.index = index
    # A build at a given moment (COMMUNIQUES["now"]: tests, previews, the benchmark) stays at it:
    # its embargoes never end, and its site, which the real clock does not reach, never expires.
    if index is not None and build.options[CommuniquesOptions].now is None:
        for case in index.embargoed:
            build.expire_at(case.published)
        for at, _, _ in index.embargoed_changes:
            build.expire_at(at)


def render(build: Build) -> None:
    """The record of what this build publishes, for the next build to keep: the published
    file when it says the same (10 MB of JSON at 10,000 cases, written at every publication)."""
    if not (build.index.record_published and build.outputs.link(record.RECORD)):
        record.write(build.output_path, build.index.record)
