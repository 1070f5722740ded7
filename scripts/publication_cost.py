"""What publishing one communiqué costs, side by side with stock Pelican on the same Markdown.

The benchmark's corpus (scripts/benchmark.py) is built once from nothing; then, each in a fresh
process, one case is published in each of the ways an officer publishes one: the newest; one
dated in the past (a historical communiqué entered late, in the first fifth of the archive);
an old case edited (a third of the way in, with its change note); an old case withdrawn (a
quarter of the way in). Stock Pelican builds the same Markdown between them. Only the ratios
mean something on a shared machine.

    .venv/bin/python scripts/publication_cost.py --cases 2000 [--rounds 2] [--without share]

`--without share` leaves the share images out (a build from nothing draws them all: some
20 minutes of processor time at 10,000 cases; a publication draws its own case's alone).
"""

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

import benchmark
from communiques_site.communiques import editing

PLUGINS = ["core", "communiques", "feeds", "stats", "share", "bilingual", "search", "tlog"]
PLUGINS += ["compress"]
# The benchmark's corpus goes back further than the demo's first communiqué.
COMMUNIQUES = {"folder": "communiques", "data": "data", "first_published": "2000-01-01"}


def _cases(ours: Path) -> dict[str, list[Path]]:
    cases: dict[str, list[Path]] = {}
    for path in sorted((ours / "communiques").rglob("*.md")):
        cases.setdefault(path.name[:-3].rsplit(".", 1)[0], []).append(path)
    return cases


def _copy(files: list[Path], suffix: str) -> None:
    for path in files:
        case_id, lang = path.name[:-3].rsplit(".", 1)
        text = path.read_text(encoding="utf-8").replace(case_id, f"{case_id}-{suffix}")
        path.with_name(f"{case_id}-{suffix}.{lang}.md").write_text(text, encoding="utf-8")


def newest(ours: Path, round_: int) -> None:
    _copy(_cases(ours)[max(_cases(ours))], f"new{round_}")


def backdated(ours: Path, round_: int) -> None:
    ids = sorted(_cases(ours))
    _copy(_cases(ours)[ids[len(ids) // 5]], f"late{round_}")


def edited(ours: Path, round_: int) -> None:
    ids = sorted(_cases(ours))
    benchmark._edited_case(_cases(ours)[ids[len(ids) // 3 + round_]], round_)


def withdrawn(ours: Path, round_: int) -> None:
    ids = sorted(_cases(ours))
    for path in _cases(ours)[ids[len(ids) // 4 + round_]]:
        editing.add_withdrawal(path, f"Retrait {round_}.", at="2026-11-28T09:00")


SCENARIOS = {
    "one new case (newest)": newest,
    "one case dated in the past": backdated,
    "one old case edited": edited,
    "one old case withdrawn": withdrawn,
}


def main(cases: int, rounds: int, without: list[str], workdir: Path) -> dict[str, float]:
    """{scenario: median seconds}, printed with the ratios to stock Pelican."""
    shutil.rmtree(workdir, ignore_errors=True)
    ours, stock = benchmark.make_corpus(workdir, cases)
    settings = workdir / "stockconf.py"
    settings.write_text(
        benchmark.STOCK_SETTINGS.format(
            path=str(stock / "content"), output=str(workdir / "stock-output")
        )
    )
    override = {
        "COMMUNIQUES": COMMUNIQUES,
        "PLUGINS": [name for name in PLUGINS if name not in without],
    }
    out, cache = workdir / "out", workdir / "cache"
    times: dict[str, list[float]] = {"from nothing": [], "nothing changed": []}
    times.update({name: [] for name in SCENARIOS})
    times["stock Pelican"] = []
    rss: dict[str, float] = {}

    def run(name: str, measured: tuple[float, float]) -> None:
        times[name].append(measured[0])
        rss[name] = max(rss.get(name, 0), measured[1])
        print(f"  {name}: {measured[0]:.2f} s", flush=True)

    run("from nothing", benchmark.run_ours(ours, out, cache, **override))
    for round_ in range(rounds):
        run("nothing changed", benchmark.run_ours(ours, out, cache, **override))
        for name, change in SCENARIOS.items():
            change(ours, round_)
            run(name, benchmark.run_ours(ours, out, cache, **override))
            shutil.rmtree(workdir / "stock-output", ignore_errors=True)
            run("stock Pelican", benchmark.run_stock(settings))
    stock_time = statistics.median(times["stock Pelican"])
    print(f"{cases} cases, {rounds} rounds, without {without or 'nothing'}; median, × stock:")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:28} {median:7.2f} s {median / stock_time:6.2f}×  peak RSS {rss[name]:.0f} MiB"
        )
    shutil.rmtree(workdir, ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--without", action="append", default=[], choices=["share", "search"])
    parser.add_argument("--workdir", default="/tmp/communiques-publication-cost")
    arguments = parser.parse_args()
    main(arguments.cases, arguments.rounds, arguments.without, Path(arguments.workdir))
