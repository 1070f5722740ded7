"""`invoke check-site`: a publication in place keeps the files it finds as they are, so a file
removed, changed or added by hand in the served folder is found by reading the folder against
its inventory, and --repair builds the folder whole again."""

import subprocess
import sys
from pathlib import Path

from communiques_site.core import routes
from conftest import ROOT
from sites import case_files, extra_languages, languages, make_site

CONFIG = """\
import runpy
globals().update((k, v) for k, v in runpy.run_path({pelicanconf!r}).items() if k.isupper())
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
SITEURL = "http://localhost:8000"
COMMUNIQUES = {{"now": "2026-11-28T12:00+01:00"}}
"""


def check(*options):
    invoke = Path(sys.executable).parent / "invoke"
    return subprocess.run(
        [str(invoke), "check-site", *options], cwd=ROOT, capture_output=True, text=True
    )


def test_a_file_removed_changed_or_added_by_hand_is_found_and_repaired(tmp_path):
    site = make_site(tmp_path / "site", case_files())
    assert site.build().ok
    output = str(site.output)
    assert check("--output", output).returncode == 0

    case = "2026-11-27-casablanca-robbery"
    removed = routes.output_file(routes.communique("fr", case))
    changed = routes.output_file(routes.communique("ar", case))
    image = routes.output_file(routes.share_card("fr", case))
    original = (site.output / changed).read_bytes()
    (site.output / removed).unlink()
    (site.output / image).unlink()
    (site.output / changed).write_bytes(original.replace(b"</main>", b"<p>x</p></main>"))
    (site.output / "stray.html").write_text("<p>not ours</p>")

    found = check("--output", output)
    assert found.returncode == 1
    assert sorted(found.stdout.splitlines()) == sorted(
        [
            f"{output}/{removed}: missing",
            f"{output}/{image}: missing",
            f"{output}/{changed}: changed",
            f"{output}/stray.html: not published",
        ]
    )
    assert found.stderr.strip() == (
        f"{output}: 2 missing, 1 changed, 1 not published since the last publication; run "
        "invoke check-site --repair to build it whole again"
    )

    config = tmp_path / "conf.py"
    config.write_text(
        CONFIG.format(
            pelicanconf=str(ROOT / "pelicanconf.py"),
            content=str(site.content),
            output=output,
            cache=str(tmp_path / "site" / "cache"),
        )
        + (f"SITE = {{'languages': {languages()!r}}}\n" if extra_languages() else "")
    )
    repaired = check("--output", output, "--repair", "--config", str(config))
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert repaired.stdout.splitlines()[-1].startswith(f"{output}: every file as published (")
    assert (site.output / changed).read_bytes() == original
    assert (site.output / removed).is_file() and (site.output / image).is_file()
    assert not (site.output / "stray.html").exists()
    assert check("--output", output).returncode == 0
