"""The site's part in each stage: its own pages read, its pages registered, every page
rendered."""

from pathlib import Path

from communiques_site.core.settings import Schema
from communiques_site.core.stages import Build

from .settings import SCHEMA, BilingualOptions
from .site import register_pages, render_pages, site_pages


def declare(pelican: object) -> Schema:
    return SCHEMA


def read(build: Build) -> None:
    """The site's own pages (about…), every language of each; problems go to the build's."""
    build.state["bilingual"] = site_pages(
        Path(build.settings["PATH"]).resolve(), build.options[BilingualOptions], build
    )


def derive(build: Build) -> None:
    register_pages(build)


def render(build: Build) -> None:
    render_pages(build)
