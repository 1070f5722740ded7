import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import webserver  # noqa: E402
from communiques_site.core.build import build  # noqa: E402


def language(code):
    """The tests' sites' language of this code (core.languages.Language)."""
    from communiques_site.core.languages import from_settings
    from sites import site_settings

    return from_settings(site_settings())[code]


# The demo site is built as if on this day, so that its embargoed case stays embargoed.
DEMO_NOW = "2026-11-28T12:00+01:00"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The repository's demo content, built once per test session (and per worker)."""
    root = tmp_path_factory.mktemp("demo")
    result = build(
        str(ROOT / "pelicanconf.py"),
        override={
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "COMMUNIQUES": {"now": DEMO_NOW},
        },
    )
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return root / "output"


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory):
    """The demo content's index, read as the demo's build reads it."""
    from sites import demo_settings, read_index

    return read_index(ROOT / "content", tmp_path_factory.mktemp("demo-index"), demo_settings)


@pytest.fixture(scope="session")
def served_demo(demo_site, tmp_path_factory):
    """The built demo site served by nginx with the production configuration (deploy/), on a
    free port of the loopback interface: one server per test process."""
    with webserver.serve(demo_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts():
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def chromium_path():
    return shutil.which("chromium") or "/usr/bin/chromium"


# Debian's Chromium, never a browser of Playwright's own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the tests of a module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
