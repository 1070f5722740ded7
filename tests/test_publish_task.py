"""`invoke publish` as a press officer runs it: build, upload, ping the hubs, report."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

from werkzeug import Response

from conftest import ROOT
from sites import (
    case_files,
    configured_source,
    feeds_of_case,
    make_site,
    read_index,
    with_minor_update,
    words,
)

CONFIG = """\
import runpy
globals().update((k, v) for k, v in runpy.run_path({pelicanconf!r}).items() if k.isupper())
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
THEME = {theme!r}
SITEURL = "https://communiques.example.ma"
COMMUNIQUES = {{"now": "2026-11-28T12:00+01:00"}}
FEEDS = {{"hubs": [{hub!r}]}}
PUBLISH_TARGET = {target!r}
"""


def publish(config):
    invoke = Path(sys.executable).parent / "invoke"
    return subprocess.run(
        [str(invoke), "publish", "--config", str(config)], cwd=ROOT, capture_output=True, text=True
    )


def test_publish_uploads_then_pings_changed_feeds_and_reports_refusals(tmp_path, httpserver):
    pinged = []
    answer = {"status": 204}

    def hub(request):
        pinged.append(parse_qs(request.get_data(as_text=True))["hub.url"][0])
        return Response(status=answer["status"])

    httpserver.expect_request("/hub", method="POST").respond_with_handler(hub)
    site = make_site(tmp_path / "site", case_files())
    target = tmp_path / "www"
    target.mkdir()
    config = tmp_path / "conf.py"
    config.write_text(
        CONFIG.format(
            pelicanconf=str(ROOT / "pelicanconf.py"),
            content=str(site.content),
            output=str(site.output),
            cache=str(tmp_path / "cache"),
            theme=str(ROOT / "theme"),
            hub=httpserver.url_for("/hub"),
            target=f"{target}/",
        )
        + configured_source()
    )

    first = publish(config)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (target / "fr" / "communiques" / "2026-11-27-casablanca-robbery" / "index.html").exists()
    assert not (target / ".build-manifest.json").exists()
    assert not (target / ".build-inputs.json").exists()
    feeds = [p for p in site.output.glob("*/feeds/**/*.*") if p.suffix not in (".gz", ".br")]
    assert len(pinged) == len(feeds)  # each feed once, not its compressed copies
    assert "https://communiques.example.ma/ar/feeds/all.atom" in pinged
    pages = len(list(site.output.rglob("*.html")))
    assert f": 1 cases, {pages} pages, " in first.stdout  # the summary counts what was built

    pinged.clear()
    again = publish(config)
    assert again.returncode == 0 and pinged == []
    assert "0 feeds changed" in again.stdout
    assert "Nothing changed since" in again.stdout  # and nothing was built

    # a published text changes with a note
    for path, text in with_minor_update().items():
        site.write(path, text.replace("du suspect.", "du suspect présumé."), raw=True)
    answer["status"] = 400
    refused = publish(config)
    assert refused.returncode == 1
    assert "refused https://communiques.example.ma/fr/feeds/all.atom" in refused.stdout
    assert "the site itself is published" in refused.stdout + refused.stderr
    published = (target / "fr/communiques/2026-11-27-casablanca-robbery/index.html").read_text()
    assert "du suspect présumé" in published
    # Only the feeds that list the case changed (its `updated` moved in both languages).
    # Its beats' feeds (beats.of_case) and the log of changes, which has every correction.
    (case,) = read_index(site.content, tmp_path).cases
    beats = feeds_of_case(case)
    assert {"all", "changes", "cities/casablanca", "types/arrest"} <= set(beats)
    assert set(pinged) == {
        f"https://communiques.example.ma/{lang}/feeds/{beat}.{fmt}"
        for lang in (language.code for language in words().languages)
        for beat in beats
        for fmt in ("atom", "rss", "json")
    }
