"""Build speed against stock Pelican, side by side on the same Markdown, as a ratio.

A corpus of N cases is made by copying the demo cases under new ids and earlier dates. Our build
reads it as communiqués; stock Pelican (default settings and theme) reads the very same bodies
as articles with the usual `Key: value` metadata, translations linked by slug. Both run in fresh
processes, alternately, and the best of each is kept: the machine is shared and noisy, so only
the ratio means something.
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
FENCE = "---\n"


def _shift(text, days):
    def move(match):
        return (date.fromisoformat(match.group(1)) - timedelta(days=days)).isoformat()

    return DATE.sub(move, text)


def make_corpus(target, cases):
    """`cases` cases (two files each) under target/ours and the same bodies under target/stock."""
    source = ROOT / "content"
    ours, stock = target / "ours", target / "stock"
    shutil.copytree(source / "data", ours / "data")
    shutil.copytree(source / "pages", ours / "pages")
    originals = sorted((source / "communiques").rglob("*.md"))
    by_id = {}
    for path in originals:
        case_id, lang = path.name[:-3].rsplit(".", 1)
        if not case_id.startswith("2027"):
            by_id.setdefault(case_id, {})[lang] = path.read_text(encoding="utf-8")
    made = 0
    copy = 0
    while made < cases:
        copy += 1
        for case_id, files in by_id.items():
            if made == cases:
                break
            new_id = _shift(case_id, 7 * copy) + f"-c{copy}"
            for lang, text in files.items():
                front, body = text[len(FENCE) :].split("\n" + FENCE, 1)
                front = _shift(front, 7 * copy).replace(_shift(case_id, 7 * copy), new_id)
                path = ours / "communiques" / new_id[:4] / f"{new_id}.{lang}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(FENCE + front + "\n" + FENCE + body, encoding="utf-8")
                title = re.search(r"^title: (.*)$", front, re.M).group(1).strip("'\"")
                published = re.search(r"^published: (\S+)", front, re.M)
                when = published.group(1) if published else None
                if when is None:  # translations carry no date: stock Pelican needs one
                    when = re.search(
                        r"^published: (\S+)", _shift(files[_other(files, lang)], 7 * copy), re.M
                    ).group(1)
                when = when[:16].replace("T", " ")
                article = stock / "content" / new_id[:4] / f"{new_id}.{lang}.md"
                article.parent.mkdir(parents=True, exist_ok=True)
                article.write_text(
                    f"Title: {title}\nDate: {when}\nLang: {lang}\nSlug: {new_id}\n"
                    f"Category: communiques\n\n{body}",
                    encoding="utf-8",
                )
            made += 1
    return ours, stock


def _other(files, lang):
    return next(other for other in files if other != lang)


STOCK_SETTINGS = """\
PATH = {path!r}
OUTPUT_PATH = {output!r}
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "ar"
SITEURL = ""
LOAD_CONTENT_CACHE = False
"""


def run_ours(content, output, cache, force=False, **settings):
    """One build of ours in a fresh process (as a user runs it): (wall time, peak RSS in MiB)."""
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        **settings,
    }
    code = (
        "import sys; from communiques_site.core.build import build;"
        f"r = build({str(ROOT / 'pelicanconf.py')!r}, override={override!r}, force={force});"
        "sys.exit(0 if r.ok else '\\n'.join(map(str, r.problems[:5])))"
    )
    return _timed([sys.executable, "-c", code])


def run_stock(settings_file):
    return _timed([sys.executable, "-m", "pelican", "-s", str(settings_file), "-q"])


def _timed(command):
    """(wall seconds, peak RSS in MiB): the kernel's maximum resident set of the build process
    as wait4 reports it (the largest of it and the workers it waited for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, usage.ru_maxrss / 1024  # Linux reports KiB


def _new_case(ours, sample, round_):
    """A new case: the sample's files under a new id."""
    for path in sample:
        case_id, lang = path.name[:-3].rsplit(".", 1)
        new_id = f"{case_id}-new{round_}"
        text = path.read_text(encoding="utf-8").replace(case_id, new_id)
        path.with_name(f"{new_id}.{lang}.md").write_text(text, encoding="utf-8")


def _edited_case(sample, round_):
    """A published case corrected as an officer does it: its text changed, with a minor update
    in every file (the record is permanent: a silent change would be refused)."""
    from communiques_site.communiques import editing

    at = f"2026-11-28T{10 + round_ % 10:02d}:00"
    for path in sample:
        original = "translation_of:" not in path.read_text(encoding="utf-8")
        kind = "minor" if original else None
        editing.add_update(path, at, f"Correction {round_}.", kind=kind)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + f"\n\nCorrection {round_}.\n", encoding="utf-8")


def main(cases, rounds, workdir, report=None):
    """Each scenario `rounds` times, alternating, in fresh processes; a table of medians,
    minimum, maximum, peak RSS and the ratio to stock Pelican; `report`: also as JSON."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    ours, stock = make_corpus(workdir, cases)
    documents = sum(1 for _ in (ours / "communiques").rglob("*.md"))
    settings = workdir / "stockconf.py"
    settings.write_text(
        STOCK_SETTINGS.format(path=str(stock / "content"), output=str(workdir / "stock-output"))
    )
    runs = {name: [] for name in SCENARIOS}
    # The newest case: a new one is published as the newest (it reaches the feeds and the
    # listings' own pages), and an officer corrects what was just published.
    sample = edited = sorted((ours / "communiques").rglob("*.md"))[-2:]
    out, cache = workdir / "out", workdir / "cache"
    for round_ in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        runs["ours, from nothing"].append(run_ours(ours, out, cache))
        runs["ours, nothing changed"].append(run_ours(ours, out, cache))
        runs["ours, same, forced"].append(run_ours(ours, out, cache, force=True))
        _new_case(ours, sample, round_)
        runs["ours, one new case"].append(run_ours(ours, out, cache))
        _edited_case(edited, round_)
        runs["ours, one edited case"].append(run_ours(ours, out, cache))
        shutil.rmtree(workdir / "stock-output", ignore_errors=True)
        runs["stock Pelican"].append(run_stock(settings))
        if shutil.which("hugo"):
            runs.setdefault("Hugo", []).append(_run_hugo(stock, workdir))
    table = summary(runs, documents, cases, rounds)
    print(render(table))
    if not shutil.which("hugo"):
        print("  (Hugo is not installed here: not measured)")
    if report:
        Path(report).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)
    return table


SCENARIOS = (
    "ours, from nothing",
    "ours, nothing changed",
    "ours, same, forced",
    "ours, one new case",
    "ours, one edited case",
    "stock Pelican",
)


def _run_hugo(stock, workdir):
    """Hugo over the same Markdown, with an empty theme: a reference, when it is installed."""
    site = workdir / "hugo"
    if not site.exists():
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
        (site / "hugo.toml").write_text('baseURL = "/"\n')
        shutil.copytree(stock / "content", site / "content")
    return _timed(["hugo", "--quiet", "-s", str(site), "-d", str(workdir / "hugo-output")])


def summary(runs, documents, cases, rounds):
    """The figures of every scenario: seconds (median, min, max), peak RSS, ratio to stock."""
    stock = statistics.median(seconds for seconds, _ in runs["stock Pelican"])
    rows = {}
    for name, measured in runs.items():
        seconds = [value for value, _ in measured]
        median = statistics.median(seconds)
        rows[name] = {
            "median_s": round(median, 2),
            "min_s": round(min(seconds), 2),
            "max_s": round(max(seconds), 2),
            "peak_rss_mib": round(max(rss for _, rss in measured)),
            "ratio_to_stock": round(median / stock, 2),
        }
    return {
        "cases": cases,
        "documents": documents,
        "rounds": rounds,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "scenarios": rows,
    }


def render(table):
    lines = [
        f"{table['documents']} documents ({table['cases']} cases), {table['rounds']} rounds, "
        f"{table['machine']}:",
        f"  {'scenario':24} {'median':>8} {'min':>8} {'max':>8} {'peak RSS':>9} {'× stock':>8}",
    ]
    for name, row in table["scenarios"].items():
        lines.append(
            f"  {name:24} {row['median_s']:7.2f}s {row['min_s']:7.2f}s {row['max_s']:7.2f}s "
            f"{row['peak_rss_mib']:6d} MiB {row['ratio_to_stock']:7.2f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, 2, "/tmp/communiques-benchmark")


def plugin_cost(rounds, workdir, content=None):
    """Build the same content with every plugin, then without feeds, stats, search or compress,
    alternately in fresh processes; print the best time of each and what each plugin adds."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    content = Path(content or ROOT / "content")
    all_plugins = ["core", "communiques", "feeds", "stats", "bilingual", "search", "compress"]
    measured = ("feeds", "stats", "search", "compress")
    variants = {
        "all plugins": all_plugins,
        **{f"without {name}": [p for p in all_plugins if p != name] for name in measured},
    }
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, plugins in variants.items():
            seconds, _ = run_ours(content, workdir / "out", workdir / "cache", PLUGINS=plugins)
            times[name].append(seconds)
    base = min(times["all plugins"])
    print(f"Demo content, best of {rounds} rounds (warm Markdown cache after the first):")
    for name, values in times.items():
        print(f"  {name:14} {min(values):6.2f} s")
    for plugin in measured:
        without = min(times[f"without {plugin}"])
        print(
            f"  {plugin} add {base - without:5.2f} s ({(base - without) / without:.0%} of the "
            f"build without them)"
        )
    shutil.rmtree(workdir, ignore_errors=True)


def log_cost(cases, workdir, per_case_updates=1):
    """The transparency log's own cost (communiques_site/tlog), run directly on synthetic cases: the
    events of `cases` cases (two languages, a publication and `per_case_updates` updates each)
    logged from nothing, then one new publication appended to that published log, as a build
    does it: the events worked out from the index, the published log read and checked against
    its signed root, the new entries appended, the right-most tiles and the checkpoint written
    (full tiles linked). Prints the times and the log's size on disk."""
    sys.path.insert(0, str(ROOT / "tests"))
    from datetime import UTC, datetime
    from datetime import timedelta as delta

    from communiques_site.communiques.model import Update
    from communiques_site.tlog.entries import events
    from communiques_site.tlog.log import Log, write
    from communiques_site.tlog.settings import LogOptions, signer
    from tlog_helpers import case

    key = signer(LogOptions())
    start = datetime(2025, 1, 1, tzinfo=UTC)
    note = {"ar": "تحيين", "fr": "Mise à jour"}
    every = []
    for n in range(cases):
        made = case(n, start + delta(minutes=30 * n))
        updates = tuple(
            Update(made.published + delta(days=1 + k), "major", None, note)
            for k in range(per_case_updates)
        )
        every.append(made.__class__(**{**made.__dict__, "updates": updates}))
    now = start + delta(minutes=30 * cases + 60 * 24 * 30)
    shutil.rmtree(workdir, ignore_errors=True)
    first, second = Path(workdir) / "published", Path(workdir) / "next"
    began = time.perf_counter()
    write(first, Log(key, None, events(every, now), {}), None)
    from_nothing = time.perf_counter() - began
    every.append(case(cases, now))
    later = now + delta(hours=1)
    # Processor time too: on a shared machine the wall clock counts the other processes' turns.
    began, cpu = time.perf_counter(), time.process_time()
    found = events(every, later)
    worked_out, worked_out_cpu = time.perf_counter() - began, time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    log = Log(key, str(first), found, {})
    written = write(second, log, str(first))
    appended, appended_cpu = time.perf_counter() - began, time.process_time() - cpu
    size = sum(path.stat().st_size for path in (second / "log").rglob("*") if path.is_file())
    files = sum(1 for path in (second / "log").rglob("*") if path.is_file())
    print(f"Transparency log at {cases:,} cases ({log.size:,} entries):")
    print(f"  logged from nothing                 {from_nothing:6.2f} s")
    print(f"  one publication: events worked out  {worked_out:6.2f} s ({worked_out_cpu:.2f} s CPU)")
    print(
        f"  one publication: read, append, write {appended:5.2f} s ({appended_cpu:.2f} s CPU, "
        f"{written} files written)"
    )
    print(f"  size of /log/: {size / 1e6:.1f} MB in {files} files")
    return {
        "cases": cases,
        "entries": log.size,
        "from_nothing_s": from_nothing,
        "events_s": worked_out,
        "events_cpu_s": worked_out_cpu,
        "append_s": appended,
        "append_cpu_s": appended_cpu,
        "files_written": written,
        "bytes": size,
        "files": files,
    }
