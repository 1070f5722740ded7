"""The benchmark runs (a tiny corpus, one round): its table and JSON have every scenario, and
--check finds a difference planted in a tree. No test asserts a time: the
machine is shared."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from sites import codes

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark

PLANTED = "fr/index.html"


def test_the_benchmark_reports_and_checks_every_scenario(tmp_path, capsys, monkeypatch):
    """--check on; the build from nothing after the first change gets one byte more in one
    page: that scenario, and that one alone, reports it (without the planted byte every
    scenario is the same as its build from nothing: the others say so)."""
    monkeypatch.setattr(benchmark, "CORPORA", tmp_path / "corpora")
    # The harness is under test, not the plugins' speed: the share images and the compressed
    # copies (most of a tiny build's time, and measured by scripts/share_cost.py and the
    # benchmark itself) stay off; search stays, so that "without search" means something.
    light = ("core", "communiques", "feeds", "stats", "bilingual", "search", "tlog")
    # Listings of two a page: the backdated case joins a frozen part, which a build from
    # nothing makes the same only from the published parts (numbered pages never move).
    plugins = [f"communiques_site.{n}" for n in light]
    settings = {"PLUGINS": plugins, "BILINGUAL": {"page_size": 2}}
    monkeypatch.setattr(benchmark, "OURS", {**benchmark.OURS, **settings})
    cold_build = benchmark.cold_build
    planted = []

    def planting(ours, folder, published_log, published_parts):
        output = cold_build(ours, folder, published_log, published_parts)
        if not planted:
            page = output / PLANTED
            page.write_bytes(page.read_bytes() + b"\n")
            planted.append(page)
        return output

    monkeypatch.setattr(benchmark, "cold_build", planting)
    report = tmp_path / "benchmark.json"
    benchmark.main([3], 1, tmp_path / "work", report=report, check=True)
    (size,) = json.loads(report.read_text(encoding="utf-8"))["sizes"]
    assert (size["cases"], size["documents"]) == (3, 6)
    assert list(size["scenarios"]) == list(benchmark.SCENARIOS)
    first = next(iter(benchmark.CHANGES))
    for name, row in size["scenarios"].items():
        assert row["min_s"] <= row["median_s"] <= row["max_s"] and row["peak_rss_mib"] > 0
        if name in benchmark.CHANGES:
            assert row["differences"] == ([PLANTED] if name == first else []), name
    assert size["scenarios"][benchmark.STOCK]["ratio_to_stock"] == 1.0
    printed = capsys.readouterr().out.splitlines()
    table = [line for line in printed if line.startswith("|")]
    assert table[0] == "| scenario | 3 cases (6 files) |"
    assert [line.split(" | ")[0][2:] for line in table[2:]] == list(benchmark.SCENARIOS)
    cells = [line.split(" | ")[1] for line in table[2:]]
    assert cells[benchmark.SCENARIOS.index(first)].endswith(", DIFFERENT |")
    assert all(
        cells[benchmark.SCENARIOS.index(name)].endswith(", same |")
        for name in list(benchmark.CHANGES)[1:]
    )
    assert f"  3 cases, {first}: {PLANTED} differs from a build from nothing" in printed
    # One column per size, in the order given.
    bigger = {**size, "cases": 1000, "documents": 2000}
    header = benchmark.render([size, bigger]).splitlines()[0]
    assert header == "| scenario | 3 cases (6 files) | 1,000 cases (2,000 files) |"


def test_the_corpus_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(benchmark, "CORPORA", tmp_path / "corpora")
    kept = benchmark.corpus(3)
    marker = kept / "ours" / "kept"
    marker.write_text("")
    assert benchmark.corpus(3) == kept and marker.exists()
    assert benchmark.corpus(4) != kept
    assert sorted(path.name for path in (tmp_path / "corpora").iterdir()) == sorted(
        [kept.name, benchmark.corpus(4).name]
    )


def test_the_log_benchmark_measures_a_publication(tmp_path, capsys):
    row = benchmark.log_cost(30, tmp_path / "log")
    # 30 cases, each published and updated once in every language, then one more case.
    languages = len(codes())
    assert row["entries"] == 30 * 2 * languages + languages
    assert row["files_written"] == 3  # the right-most hash tile, entry bundle, checkpoint
    assert row["bytes"] > 0
    assert "one publication" in capsys.readouterr().out


def test_flat_publishes_the_same_changes_on_each_kept_site(tmp_path, capsys, monkeypatch):
    """--flat on the site --keep left: each change published once per round (the scenario's
    build succeeding: a new case, a backdated one, an untouched case edited, another withdrawn),
    a table with the ratio to the first size; without a kept site it says what to run."""
    monkeypatch.setattr(benchmark, "CORPORA", tmp_path / "corpora")
    light = ("core", "communiques", "feeds", "stats", "bilingual", "tlog")
    monkeypatch.setattr(
        benchmark, "OURS", {**benchmark.OURS, "PLUGINS": [f"communiques_site.{n}" for n in light]}
    )
    work = tmp_path / "work"
    benchmark.main([12], 1, work, keep=True, search_off=False)
    capsys.readouterr()
    medians = benchmark.flat([12], 1, work)
    assert list(medians) == [name for name, change in benchmark.CHANGES.items() if change]
    assert all(by_size[12] > 0 for by_size in medians.values())
    times, memory = capsys.readouterr().out.split("Peak RSS")
    table = [line for line in times.splitlines() if line.startswith("|")]
    assert table[0] == "| scenario | 12 cases |"
    assert len(table) == 2 + len(medians)
    assert all(line.endswith("(1.00×) |") for line in table[2:])
    rows = [line for line in memory.splitlines() if line.startswith("| ours")]
    assert len(rows) == len(medians)
    assert all(float(line.split("|")[2].split()[0].replace(",", "")) > 0 for line in rows)
    # The benchmark's round withdrew one case, --flat another.
    content = work / "12" / "ours" / "communiques"
    withdrawn = {
        path.name.split(".")[0]
        for path in content.rglob("*.md")
        if "Retrait 0." in path.read_text("utf-8")
    }
    assert len(withdrawn) == 2

    # Published as officers publish: each change committed (the build reads the files' times
    # from git), once by the benchmark's round and once by --flat's; nothing left uncommitted.
    def git(*args):
        return subprocess.run(
            ["git", "-C", str(work / "12"), *args], capture_output=True, text=True, check=True
        ).stdout

    messages = git("log", "--format=%s").splitlines()
    for name in medians:
        assert messages.count(f"{name}, round 0") == 2, name
    assert git("status", "--porcelain", "--", "ours") == ""
    with pytest.raises(SystemExit, match=r"no kept site; run --sizes 13 --keep"):
        benchmark.flat([13], 1, work)


def test_a_new_case_is_published_on_a_site_published_again_and_again(tmp_path, monkeypatch):
    """A kept site measured again and again: each new case a day after the newest would be
    under embargo by the third run (the benchmark sees 1 December), a cheaper build than a
    publication; the new case stays before the benchmark's day."""
    monkeypatch.setattr(benchmark, "CORPORA", tmp_path / "corpora")
    ours = tmp_path / "ours"
    shutil.copytree(benchmark.corpus(3) / "ours", ours)
    newest = benchmark._pick(ours, 1)["newest"]
    # The benchmark's day three days after the corpus's newest case.
    day = benchmark.date.fromisoformat(newest[:10]) + benchmark.timedelta(days=3)
    monkeypatch.setattr(benchmark, "NOW", f"{day.isoformat()}T12:00+01:00")
    for round_ in range(12):
        benchmark.new_case(ours, benchmark._pick(ours, 1), round_)
    made = [path for path in ours.rglob("*.md") if "-new" in path.name]
    assert len(made) == 12 * 2  # a file per language
    published = {line for path in made for line in path.read_text("utf-8").splitlines()}
    days = {line.split()[1][:10] for line in published if line.startswith("published:")}
    assert days and max(days) < benchmark.NOW[:10]
