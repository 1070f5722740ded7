"""The benchmark runs (a smoke test at 20 cases, one round): its table and JSON have every
scenario. No test asserts a time: the machine is shared."""

import json
import sys

from conftest import ROOT


def test_the_benchmark_runs_every_scenario(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark

    report = tmp_path / "benchmark.json"
    benchmark.main(20, 1, tmp_path / "work", report=report)
    table = json.loads(report.read_text(encoding="utf-8"))
    assert table["cases"] == 20 and table["documents"] == 40
    assert list(table["scenarios"])[: len(benchmark.SCENARIOS)] == list(benchmark.SCENARIOS)
    for row in table["scenarios"].values():
        assert row["min_s"] <= row["median_s"] <= row["max_s"] and row["peak_rss_mib"] > 0
    assert table["scenarios"]["stock Pelican"]["ratio_to_stock"] == 1.0
    printed = capsys.readouterr().out
    assert all(name in printed for name in benchmark.SCENARIOS)


def test_the_log_benchmark_measures_a_publication(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark

    row = benchmark.log_cost(30, tmp_path / "log")
    # 30 cases, each published and updated once in two languages, then one more case.
    assert row["entries"] == 30 * 4 + 2
    assert row["files_written"] == 3  # the right-most hash tile, entry bundle, checkpoint
    assert row["bytes"] > 0
    assert "one publication" in capsys.readouterr().out


def test_the_publication_benchmark_publishes_one_case_each_way(tmp_path, capsys):
    """Each scenario is a valid publication (a refused one stops the script)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import publication_cost

    medians = publication_cost.main(12, 1, ["share", "search"], tmp_path / "work")
    assert list(medians) == [
        "from nothing",
        "nothing changed",
        *publication_cost.SCENARIOS,
        "stock Pelican",
    ]
    assert all(seconds > 0 for seconds in medians.values())
    assert "one case dated in the past" in capsys.readouterr().out
