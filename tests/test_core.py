"""The core: settings checked together before any content is read, stages whatever the order of
PLUGINS, languages from the one registry."""

import filecmp
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from sites import ORIGINAL, case_files, fresh_build, make_site

CASE = "2026-11-27-casablanca-robbery"


def test_every_settings_problem_is_reported_together_before_any_content_is_read(tmp_path):
    broken = ORIGINAL.replace("type: arrest", "type: arrestation")  # never reported: not read
    site = make_site(tmp_path, case_files(CASE, broken))
    result = site.build(
        FEEDS={"size": "50", "colour": "blue"},
        BILINGUAL={"page_size": 0},
        COMMUNIQUES={"now": "tomorrow"},
        SITE={"languages": [{"code": "ar"}]},
    )
    assert not result.ok
    assert sorted(f"{p.field}: {p.message}" for p in result.problems) == [
        "BILINGUAL['page_size']: 0 is too small; at least 1",
        "COMMUNIQUES['now']: 'tomorrow' is not a date and time; write e.g. "
        "'2026-11-28T12:00+01:00'",
        "FEEDS['colour']: unknown setting; the settings of FEEDS are authority, hubs, "
        "parallel_from, ping_pause, ping_timeout, size, workers",
        "FEEDS['size']: '50' is not a whole number (newest entries per feed; the whole history "
        "is in the open data); write e.g. FEEDS = {'size': 50}",
        "SITE['languages']: language 1 (ar): locale, direction, name, english, script missing; "
        "every language needs them",
    ]
    assert {p.path for p in result.problems} == {"pelicanconf.py"}
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    site_line = next(n for n, line in enumerate(settings, start=1) if line.startswith("SITE ="))
    assert [p.line for p in result.problems if p.field.startswith("SITE")] == [site_line]
    assert not site.output.exists()


def test_a_locale_babel_does_not_know_is_a_settings_problem(tmp_path):
    """`en_MA` passed the check and crashed the build in derive (UnknownLocaleError)."""
    from pelican.settings import read_settings

    languages = read_settings(str(ROOT / "pelicanconf.py"))["SITE"]["languages"]
    english = dict(languages[1], code="en", locale="en_MA", name="English", english="English")
    site = make_site(tmp_path, case_files(CASE))
    result = site.build(SITE={"languages": [*languages, english]})
    assert [f"{p.field}: {p.message}" for p in result.problems] == [
        "SITE['languages']: language 3 (en): Babel does not know the locale 'en_MA' (unknown "
        "locale 'en_MA'); write one of CLDR's, e.g. 'en_GB' or 'en_001' (see "
        "babel.localedata.locale_identifiers())"
    ]
    assert not site.output.exists()


def test_the_order_of_the_plugins_does_not_matter(tmp_path):
    """The receivers of a stage run in the order of the build's PLUGINS (core.stages.ordered):
    every plugin after the one it reads from, and every one before, give the same site. Each
    build in a process of its own, as the tasks run them."""
    files = case_files(CASE)
    first = make_site(tmp_path / "first", files)
    assert fresh_build(first)["ok"]
    second = make_site(tmp_path / "second", files)
    reordered = [
        "compress",
        "tlog",
        "search",
        "bilingual",
        "share",
        "stats",
        "feeds",
        "communiques",
        "core",
    ]
    assert fresh_build(second, PLUGINS=reordered)["ok"]
    # Pagefind's files differ from one run to the next whatever the order (see test_search).
    # The record of a build's inputs names the content's folder, which differs here.
    # The inventory (.publication.json) has the digest of the record of inputs.
    ignore = [".build-inputs.json", ".build-manifest.json", ".publication.json", "pagefind"]
    comparison = filecmp.dircmp(first.output, second.output, ignore=ignore)
    assert _differences(comparison) == []


def _differences(comparison):
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


@pytest.mark.parametrize("left_out", ["feeds", "stats", "search", "tlog"])
def test_the_site_builds_without_each_capability(tmp_path, left_out):
    """A capability is optional: the pages that mention it do so only when it is there."""
    site = make_site(tmp_path, case_files(CASE))
    plugins = ["core", "communiques", "feeds", "stats", "bilingual", "search", "tlog"]
    assert site.build(PLUGINS=[p for p in plugins if p != left_out]).ok
    pages = [p.read_text(encoding="utf-8") for p in site.output.rglob("*.html")]
    gone = {
        "feeds": "/fr/feeds/",
        "stats": "/fr/stats/",
        "search": "/fr/search/",
        "tlog": "/fr/verify/",
    }[left_out]
    assert not any(f'href="{gone}' in page or f'action="{gone}' in page for page in pages)


def test_a_plugin_left_out_does_nothing_in_a_later_build(tmp_path):
    """The stage signals outlive a build; a plugin not in PLUGINS must not act."""
    site = make_site(tmp_path, case_files(CASE))
    assert site.build().ok
    assert (site.output / "fr" / "feeds" / "all.atom").exists()
    assert site.build(PLUGINS=["core", "communiques", "stats", "bilingual"]).ok
    assert not (site.output / "fr" / "feeds").exists()
    assert (site.output / "data" / "stats.json").exists()


PROBE = '''\
"""A plugin of the tests: it writes into the staging folder before the swap."""
from pathlib import Path

from communiques_site.core import stages


def before_swap(build):
    staging = Path(build.output_path)
    seen = sorted(p.name for p in staging.iterdir())
    if "{fail}" == "yes":
        raise RuntimeError("the search index could not be built")
    (staging / "probe.txt").write_text(" ".join(seen))


def register():
    stages.before_swap.connect(before_swap)
'''


def probe_plugin(folder, fail):
    """A plugin folder with probe_<fail>: distinct names, as a process imports a plugin once."""
    package = folder / f"probe_{fail}"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PROBE.replace("{fail}", fail))
    return str(folder)


def test_before_swap_sees_the_whole_site_and_its_files_are_published(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    plugins = [probe_plugin(tmp_path / "plugins", "no")]
    names = ["core", "communiques", "feeds", "stats", "bilingual", "probe_no"]
    assert site.build(PLUGIN_PATHS=plugins, PLUGINS=names).ok
    seen = (site.output / "probe.txt").read_text().split()
    assert {"ar", "fr", "data", "theme", "sitemap.xml", "robots.txt", "index.html"} <= set(seen)


def test_a_failure_before_the_swap_leaves_the_published_site_untouched(tmp_path):
    site = make_site(tmp_path / "site", case_files(CASE))
    assert site.build().ok
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    plugins = [probe_plugin(tmp_path / "plugins", "yes")]
    names = ["core", "communiques", "feeds", "stats", "bilingual", "probe_yes"]
    try:
        site.build(PLUGIN_PATHS=plugins, PLUGINS=names)
    except RuntimeError as error:
        assert str(error) == "the search index could not be built"
    else:
        raise AssertionError("the build did not fail")
    after = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(site.root.glob("output.staging-*"))


ORDER_PROBE = '''\
"""A plugin of the tests: what it sees of the order of the stages' receivers."""
import json
from pathlib import Path

from communiques_site.bilingual.digests import describe
from communiques_site.core import stages


def derive(build):
    build.state.setdefault("order", []).append("{name}")


def render(build):
    # After bilingual's render (PLUGINS): every page has its digest.
    stale = [
        page.url
        for page in build.pages
        if page.template == "communique.html"
        and page.digest
        != build.outputs.digest(
            "communique",
            page.url,
            page.context["case"].digest,
            describe(build.inputs_for(page.lang, page.subjects)),
        )
    ]
    seen = {"order": build.state["order"], "stale": stale}
    (Path(build.output_path) / "{name}.json").write_text(json.dumps(seen))


def register():
    stages.derive.connect(derive)
    stages.render.connect(render)
'''


def test_a_stage_s_receivers_run_in_the_order_of_plugins(tmp_path):
    """Blinker calls a signal's receivers in no set order (sets of their ids): it changed from
    one process to another, and with it what one plugin found of another's work (bilingual's
    pages' digests, made before share had said what the pages show of their images). The core
    calls them in the order of the build's PLUGINS, and a page's digest is made at render."""
    folder = tmp_path / "plugins"
    for name in ("probe_first", "probe_second"):
        (folder / name).mkdir(parents=True)
        (folder / name / "__init__.py").write_text(ORDER_PROBE.replace("{name}", name))
    site = make_site(tmp_path / "site", case_files(CASE))
    # bilingual before the plugins that give its pages inputs (share's images, stats' figures)
    base = ["core", "communiques", "tlog", "bilingual", "stats", "share"]
    for probes in (["probe_first", "probe_second"], ["probe_second", "probe_first"]):
        assert site.build(PLUGIN_PATHS=[str(folder)], PLUGINS=base + probes).ok
        seen = json.loads((site.output / f"{probes[-1]}.json").read_text())
        assert seen == {"order": probes, "stale": []}


def test_a_build_checks_each_plugin_s_settings_once_and_compiles_each_catalog_once(
    tmp_path, monkeypatch
):
    """The settings travel by one path (build.options, build.languages) and the catalogs are
    compiled once per build (build.catalogs): the content model re-checked its settings and
    rebuilt the languages, and five modules compiled every catalog again. Both spies call the
    real function."""
    from collections import Counter

    from communiques_site.core import i18n, settings

    checked, compiled = Counter(), Counter()
    check, read_po = settings.Schema.problems, i18n.read_po

    def counted_check(schema, given):
        checked[schema.name] += 1
        return check(schema, given)

    def counted_read_po(handle, locale=None, **kwargs):
        compiled[str(locale)] += 1
        return read_po(handle, locale=locale, **kwargs)

    monkeypatch.setattr(settings.Schema, "problems", counted_check)
    monkeypatch.setattr(i18n, "read_po", counted_read_po)
    site = make_site(tmp_path, case_files(CASE))
    assert site.build().ok
    assert checked and set(checked.values()) == {1}, checked
    assert compiled and set(compiled.values()) == {1}, compiled


def test_the_options_have_their_types(tmp_path):
    """`now` accepted anything (its kind was `object`): a number now says what it must be; a
    list of hubs becomes the options' tuple, the moment a datetime, the day a date."""
    from datetime import date, datetime

    from communiques_site.communiques.settings import SCHEMA as COMMUNIQUES
    from communiques_site.core.settings import SettingsError, read_all
    from communiques_site.feeds.settings import SCHEMA as FEEDS
    from communiques_site.feeds.settings import FeedsOptions

    site = make_site(tmp_path, case_files(CASE))
    result = site.build(COMMUNIQUES={"now": 1764327600})
    assert [f"{p.field}: {p.message}" for p in result.problems] == [
        "COMMUNIQUES['now']: 1764327600 is not text or a date and time or None (the build's "
        "now for embargoes); write e.g. COMMUNIQUES = {'now': None}"
    ]
    given = {
        "FEEDS": {"hubs": ["https://hub.example"]},
        "COMMUNIQUES": {"now": "2026-11-28T12:00+01:00", "first_published": "2024-06-01"},
    }
    options = read_all(given, [FEEDS, COMMUNIQUES])
    assert options[FeedsOptions].hubs == ("https://hub.example",)
    communiques = COMMUNIQUES.read(given)
    assert communiques.now == datetime.fromisoformat("2026-11-28T12:00+01:00")
    assert communiques.first_published == date(2024, 6, 1)
    with pytest.raises(SettingsError):
        read_all({"FEEDS": {"size": True}}, [FEEDS])


def test_a_library_installed_or_upgraded_changes_what_every_output_depends_on(
    tmp_path, monkeypatch
):
    """The libraries' names and versions, read from their metadata folders' names."""
    import sys
    from importlib import metadata

    import jinja2

    from communiques_site.core.fingerprint import installed

    before = installed()
    assert f"{metadata.distribution('jinja2').metadata['Name'].lower()}-{jinja2.__version__}" in (
        before.lower()
    )
    (tmp_path / "markdown-9.9.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    upgraded = installed()
    assert upgraded != before and "markdown-9.9.dist-info" in upgraded.split()
    (tmp_path / "markdown-9.9.dist-info").rename(tmp_path / "markdown-9.10.dist-info")
    assert installed() not in (before, upgraded)
    assert sys.path[0] == str(tmp_path)


def test_a_build_process_leaves_its_objects_to_the_system_at_exit(tmp_path):
    """freeze_at_exit (the build and publish tasks, the benchmark's builds): the interpreter's
    last collection does not walk what the builds left (seconds at 50,000 cases). An object in
    a reference cycle is then never collected; without it, that last collection finalises it."""
    marker = tmp_path / "collected"
    code = f"""
import sys
from communiques_site.core.build import freeze_at_exit

class Node:
    def __del__(self):
        open({str(marker)!r}, "w").close()

node = Node()
node.itself = node
del node
if sys.argv[1] == "freeze":
    freeze_at_exit()
"""
    for how, collected in (("freeze", False), ("plain", True)):
        marker.unlink(missing_ok=True)
        subprocess.run([sys.executable, "-c", code, how], check=True)
        assert marker.exists() == collected, how
