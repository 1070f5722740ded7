"""invoke publish and invoke rollback as the server runs them, with a mirror and a cache in
front: the live tree, the mirror and what Varnish serves move together, forward and back."""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from werkzeug import Response

import cache
import webserver
from communiques_site.core import mirroring
from conftest import ROOT
from sites import case_files, configured_source, make_site, with_minor_update
from test_publish_task import CONFIG

CASE = "2026-11-27-casablanca-robbery"
PAGE = f"/fr/communiques/{CASE}/"


def tree(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def run(*args):
    invoke = Path(sys.executable).parent / "invoke"
    return subprocess.run([str(invoke), *args], cwd=ROOT, capture_output=True, text=True)


def page(url):
    with urllib.request.urlopen(url + PAGE) as response:
        return response.read()


def test_publish_and_rollback_move_the_live_tree_the_mirror_and_the_cache(tmp_path, httpserver):
    httpserver.expect_request("/hub", method="POST").respond_with_handler(
        lambda request: Response(status=204)
    )
    site = make_site(tmp_path / "site", case_files(CASE))
    served, mirror = tmp_path / "www" / "communiques", tmp_path / "mirror"
    served.parent.mkdir()
    config = tmp_path / "conf.py"
    config.write_text(
        CONFIG.format(
            pelicanconf=str(ROOT / "pelicanconf.py"),
            content=str(site.content),
            output=str(site.output),
            cache=str(tmp_path / "cache"),
            theme=str(ROOT / "theme"),
            hub=httpserver.url_for("/hub"),
            target="unused",
        )
        + configured_source()
    )
    common = ["--config", str(config), "--output", str(served), "--mirror", str(mirror)]
    first = run("publish", *common)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree(served)
    assert tree(mirror) == before
    with (
        webserver.serve(served, tmp_path / "nginx") as origin,
        cache.serve(origin, tmp_path / "varnish") as front,
    ):
        old = page(front)
        time.sleep(1.1)
        assert page(front) == old  # from the cache now
        for path, text in with_minor_update(CASE).items():
            site.write(path, text, raw=True)
        second = run("publish", *common, "--purge", front)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "Purged " in second.stdout
        assert tree(mirror) == tree(served) != before
        assert page(front) == (served / PAGE.lstrip("/") / "index.html").read_bytes() != old

        back = run("rollback", "--output", str(served), "--mirror", str(mirror), "--purge", front)
        assert back.returncode == 0, back.stdout + back.stderr
        assert tree(served) == before
        assert tree(mirror) == before
        assert page(front) == old
    assert Path(mirroring.journal_path(str(served), str(mirror))).is_file()
