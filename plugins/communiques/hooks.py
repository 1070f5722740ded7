"""The content model's part in the build: its settings, and the read stage."""

from .loading import load
from .settings import SCHEMA


def declare(pelican):
    return SCHEMA


def read(build):
    """Read and check every file into the one index of cases; problems go to the build's."""
    index, problems = load(build.settings)
    build.problems.extend(problems)
    build.index = index
