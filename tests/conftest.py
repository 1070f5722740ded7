import http.server
import shutil
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from publishing.build import build  # noqa: E402

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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # As the production server serves them (see deploy/nginx.conf).
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".atom": "application/xml; charset=utf-8",
        ".rss": "application/xml; charset=utf-8",
        ".json": "application/feed+json; charset=utf-8",
        ".xsl": "text/xsl; charset=utf-8",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_demo(demo_site):
    """The built demo site over HTTP on a free port of the loopback interface."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(QuietHandler, directory=str(demo_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def artifacts():
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def chromium_path():
    return shutil.which("chromium") or "/usr/bin/chromium"
