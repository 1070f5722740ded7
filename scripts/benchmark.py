"""Build speed at several sizes against stock Pelican, side by side on the same Markdown.

A corpus of N cases is made by copying the demo cases under new ids and earlier dates (a week
further back at each copy), once per size and version of the generator, and kept under /tmp.
Our build reads it as communiqués; stock Pelican (default settings and theme) reads the very
same bodies as articles with the usual `Key: value` metadata, translations linked by slug. Both
run in fresh processes, alternately, each scenario `rounds` times: the machine is shared and
noisy, so only the ratios mean something.

The content is in git, and each change is committed before it is built, as officers publish
(the build reads when each file last changed from git: communiques/history.py).

Scenarios at each size: from nothing (and from nothing with the search plugin off), nothing
changed, one new case (the newest), one case dated a year before the newest (a historical
communiqué entered late), one old case edited (with its change note), one old case withdrawn
(as `invoke withdraw` does it). With `check`, after each scenario the same content is built from
nothing into another folder (from the log published before the scenario, which keeps the order
events were logged in) and the two trees are compared byte for byte, Pagefind's filters and
metadata aside (two builds from nothing already differ in them).
"""

import argparse
import hashlib
import inspect
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from communiques_site.bilingual.pagination import PARTS

ROOT = Path(__file__).resolve().parent.parent
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
FENCE = "---\n"
CORPORA = Path("/tmp/communiques-corpus")
# Every build of ours sees the same day (the check's builds must match the measured ones), and
# the corpus goes back years before the service's first communiqué at the larger sizes.
NOW = "2026-12-01T12:00+01:00"
OURS = {"COMMUNIQUES": {"now": NOW, "first_published": "1970-01-01"}}


def _shift(text, days):
    def move(match):
        return (date.fromisoformat(match.group(1)) - timedelta(days=days)).isoformat()

    return DATE.sub(move, text)


def make_corpus(target, cases):
    """`cases` cases (two files each) under target/ours and the same bodies under target/stock,
    written one by one (only the demo is held in memory, at any size)."""
    source = ROOT / "content"
    ours, stock = target / "ours", target / "stock"
    shutil.copytree(source / "data", ours / "data")
    shutil.copytree(source / "pages", ours / "pages")
    by_id = _demo_cases()
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


def _demo_cases():
    by_id = {}
    for path in sorted((ROOT / "content" / "communiques").rglob("*.md")):
        case_id, lang = path.name[:-3].rsplit(".", 1)
        if not case_id.startswith("2027"):  # the demo's future case stays in the future
            by_id.setdefault(case_id, {})[lang] = path.read_text(encoding="utf-8")
    return by_id


def _other(files, lang):
    return next(other for other in files if other != lang)


def corpus(cases):
    """The corpus of `cases` cases, generated once and kept under /tmp by the digest of the
    generator and of the demo content it copies (a half-written one is never kept)."""
    digest = hashlib.sha256(inspect.getsource(make_corpus).encode())
    digest.update(inspect.getsource(_shift).encode())
    for path in sorted((ROOT / "content").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    kept = CORPORA / f"{cases}-{digest.hexdigest()[:12]}"
    if not kept.exists():
        partial = CORPORA / f"{kept.name}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        make_corpus(partial, cases)
        partial.rename(kept)
    return kept


def _linked_copy(source, target):
    """A copy made of hard links: instant at any size; a file the benchmark changes is
    rewritten whole first (_own), so the kept corpus never changes."""
    shutil.copytree(source, target, copy_function=os.link)


def _own(path):
    text = path.read_bytes()
    path.unlink()
    path.write_bytes(text)


# The site's folder holds its content (`ours`), built site and cache: only the content is in git.
GIT_IGNORE = "/*\n!/ours/\n"


def _git(folder, *args):
    """Every commit dated NOW: a copy committed at once (cold_build) gives each file the time
    the published site's history gives it (the feeds of a registry with no entry carry it)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": NOW, "GIT_COMMITTER_DATE": NOW}
    identity = ["-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.org"]
    subprocess.run(
        ["git", "-C", str(folder), *identity, *args], check=True, env=env, capture_output=True
    )


def in_git(site):
    """The content of `site` (site/ours) committed in a repository at `site`; True when the
    repository was made now."""
    made = not (site / ".git").is_dir()
    if made:
        (site / ".gitignore").write_text(GIT_IGNORE, encoding="utf-8")
        _git(site, "init", "-q", "-b", "main")
    commit(site, "The corpus")
    return made


def commit(site, message):
    _git(site, "add", "-A", "ours")
    _git(site, "commit", "-q", "--allow-empty", "-m", message)


STOCK_SETTINGS = """\
PATH = {path!r}
OUTPUT_PATH = {output!r}
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "ar"
SITEURL = ""
LOAD_CONTENT_CACHE = False
"""


def run_ours(content, output, cache, force=False, plugins=None, **settings):
    """One build of ours in a fresh process (as a user runs it): (wall time, peak RSS in MiB).
    `plugins`: the folder of another version of the plugins' package to build with."""
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        **settings,
    }
    code = (
        "import sys; from communiques_site.core.build import build, freeze_at_exit;"
        "freeze_at_exit();"  # as the build task does: the process ends with the build
        f"r = build({str(ROOT / 'pelicanconf.py')!r}, override={override!r}, force={force});"
        "sys.exit(0 if r.ok else '\\n'.join(map(str, r.problems[:5])))"
    )
    return _timed([sys.executable, "-c", code], plugins)


def run_stock(settings_file):
    return _timed([sys.executable, "-m", "pelican", "-s", str(settings_file), "-q"])


def _timed(command, plugins=None):
    """(wall seconds, peak RSS in MiB): the kernel's maximum resident set of the build process
    as wait4 reports it (the largest of it and the workers it waited for)."""
    env = {**os.environ, "PYTHONPATH": str(plugins)} if plugins else None
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, usage.ru_maxrss / 1024  # Linux reports KiB


def _case(ours, case_id):
    """The files of a case, the original first."""
    files = sorted((ours / "communiques" / case_id[:4]).glob(f"{case_id}.*.md"))
    return sorted(files, key=lambda path: "translation_of:" in path.read_text("utf-8"))


def _copied_case(ours, case_id, new_id, days):
    """A case's files under a new id, every date moved `days` earlier (later when negative)."""
    for path in _case(ours, case_id):
        lang = path.name[:-3].rsplit(".", 1)[1]
        text = _shift(path.read_text(encoding="utf-8"), days)
        text = text.replace(_shift(case_id, days), new_id)
        target = ours / "communiques" / new_id[:4] / f"{new_id}.{lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def new_case(ours, picked, round_):
    """A new case, published the day after the newest published one; on its day when the day
    after would reach the day the benchmark sees (NOW): on a kept site published again and
    again, each new case a day later would soon be under embargo, not published."""
    newest = picked["newest"]
    eve = (date.fromisoformat(NOW[:10]) - timedelta(days=1)).isoformat()
    days = -1 if newest[:10] < eve else 0
    base = re.sub(r"(-new\d+)+$", "", _shift(newest, days))  # not a suffix per publication
    _copied_case(ours, newest, f"{base}-new{round_}", days)


def backdated_case(ours, picked, round_):
    """A historical communiqué entered late: the newest case's text, dated a year earlier, in
    the middle of the archive (every listing part after it would move if counted from the
    oldest)."""
    newest = picked["newest"]
    _copied_case(ours, newest, _shift(newest, 365) + f"-late{round_}", 365)


def edited_case(ours, picked, round_):
    """An old case corrected as an officer does it: its text changed, with a minor update in
    every file (the record is permanent: a silent change would be refused)."""
    from communiques_site.communiques import editing

    files = _case(ours, picked["edited"])
    at = _after_updates(files[0], f"2026-11-28T{10 + round_ % 10:02d}:00")
    for n, path in enumerate(files):
        _own(path)
        editing.add_update(path, at, f"Correction {round_}.", kind="minor" if n == 0 else None)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + f"\n\nCorrection {round_}.\n", encoding="utf-8")


def _after_updates(path, at):
    """`at`, or an hour after the file's last update when it has a later one (a kept site edited
    by an earlier run: updates are listed oldest first)."""
    times = re.findall(r"^  - at: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    last = max(times, default="")
    if last < at:
        return at
    hour = datetime.fromisoformat(last) + timedelta(hours=1)
    return hour.strftime("%Y-%m-%dT%H:%M")


def withdrawal(ours, picked, round_):
    """An old case withdrawn as `invoke withdraw` does it (a reason in every file, the time in
    the original's); each round withdraws another one."""
    from communiques_site.communiques import editing

    at = f"2026-11-29T{10 + round_ % 10:02d}:00"
    for n, path in enumerate(_case(ours, picked["withdrawn"][round_])):
        _own(path)
        editing.add_withdrawal(path, f"Retrait {round_}.", at=at if n == 0 else None)


def _pick(ours, rounds):
    """The newest case, and old ones to edit and withdraw (a third into the archive, none
    already withdrawn)."""
    ids = sorted({path.name[:-3].rsplit(".", 1)[0] for path in ours.rglob("*.md")})
    # Those dated before the day the benchmark sees: the newest is published, not embargoed.
    ids = [case_id for case_id in ids if DATE.match(case_id) and case_id[:10] < NOW[:10]]
    plain = [
        case_id
        for case_id in ids[len(ids) // 3 :]
        if not any("withdrawn:" in path.read_text("utf-8") for path in _case(ours, case_id))
    ]
    return {"newest": ids[-1], "edited": plain[0], "withdrawn": plain[1 : 1 + rounds]}


FROM_NOTHING = "ours, from nothing"
WITHOUT_SEARCH = "ours, from nothing, search off"
STOCK = "stock Pelican 4.12"
CHANGES = {
    "ours, nothing changed": None,
    "ours, one new case (newest)": new_case,
    "ours, one backdated case": backdated_case,
    "ours, one edited old case": edited_case,
    "ours, one withdrawal": withdrawal,
}
SCENARIOS = (FROM_NOTHING, WITHOUT_SEARCH, *CHANGES, STOCK)


def measure(cases, rounds, workdir, check=False, search_off=True):
    """Every scenario at one size, `rounds` times, alternating with stock Pelican; with
    `check`, the differences found after each change ({scenario: [paths]}); without
    `search_off`, no build from nothing with the search plugin off (half an hour at 50,000
    cases)."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    kept = corpus(cases)
    ours, stock = workdir / "ours", kept / "stock"
    _linked_copy(kept / "ours", ours)
    in_git(workdir)
    documents = sum(1 for _ in (ours / "communiques").rglob("*.md"))
    settings = workdir / "stockconf.py"
    settings.write_text(
        STOCK_SETTINGS.format(path=str(stock / "content"), output=str(workdir / "stock-output"))
    )
    picked = _pick(ours, rounds)
    plugins = _plugins()
    runs = {
        name: _Progress(cases, name) for name in SCENARIOS if search_off or name != WITHOUT_SEARCH
    }
    differences = {name: [] for name in CHANGES} if check else None
    out, cache = workdir / "out", workdir / "cache"
    for round_ in range(rounds):
        for folder in (out, cache, workdir / "stock-output", workdir / "nosearch"):
            shutil.rmtree(folder, ignore_errors=True)
        runs[STOCK].append(run_stock(settings))
        runs[FROM_NOTHING].append(run_ours(ours, out, cache, **OURS))
        if search_off:
            runs[WITHOUT_SEARCH].append(
                run_ours(
                    ours,
                    workdir / "nosearch" / "out",
                    workdir / "nosearch" / "cache",
                    **{
                        **OURS,
                        "PLUGINS": [name for name in plugins if name != "communiques_site.search"],
                    },
                )
            )
        for name, change in CHANGES.items():
            if check:
                # What a build from nothing starts from: the published log (the order events
                # were logged in) and the published listing parts (numbered pages never move).
                published_log = workdir / "published-log"
                shutil.rmtree(published_log, ignore_errors=True)
                shutil.copytree(out / "log", published_log)
                shutil.copy(out / PARTS, workdir / "published-parts.json")
            if change:
                change(ours, picked, round_)
                commit(workdir, f"{name}, round {round_}")
            runs[name].append(run_ours(ours, out, cache, **OURS))
            if check:
                cold = cold_build(
                    ours, workdir / "check", published_log, workdir / "published-parts.json"
                )
                found = compare(out, cold)
                differences[name].extend(found)
    return summary(runs, documents, cases, rounds, differences)


class _Progress(list):
    """A scenario's runs, each told on stderr as it is measured (a long run shows its figures
    before the table)."""

    def __init__(self, cases, name):
        super().__init__()
        self.cases, self.name = cases, name

    def append(self, run):
        super().append(run)
        print(
            f"  {self.cases:,} cases, {self.name}: {run[0]:.2f} s, {run[1]:.0f} MiB",
            file=sys.stderr,
        )


def _plugins():
    """The plugins of our builds: OURS's when it names them, else the site's."""
    if "PLUGINS" in OURS:
        return list(OURS["PLUGINS"])
    from pelican.settings import read_settings

    return list(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"])


def cold_build(ours, folder, published_log, published_parts):
    """The same content built from nothing in `folder`, from the log and the listings' parts
    published before (the content folder keeps its name: the published record shows the
    files' paths under it)."""
    shutil.rmtree(folder, ignore_errors=True)
    _linked_copy(ours, folder / ours.name)
    in_git(folder)
    shutil.copytree(published_log, folder / "output" / "log")
    shutil.copy(published_parts, folder / "output" / PARTS)
    run_ours(folder / ours.name, folder / "output", folder / "cache", **OURS)
    return folder / "output"


def compare(incremental, cold):
    """The paths whose bytes differ or that one tree has and the other not, the trees read as
    tests/test_incremental.py reads them (the same files left out). Pagefind aside: two builds
    from nothing of the same content differ in its filters (.pf_filter, named by their bytes:
    left out) and metadata (.pf_meta: compared by name only), what a Rust HashMap orders, and so
    in their digests in the manifest. A file at a time: the two trees whole (some 4 GB at
    10,000 cases) held in the benchmark's process became the peak memory of every build it
    started after (a child inherits its parent's high-water mark at the fork)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_incremental import file_names

    mine, theirs = set(file_names(Path(incremental))), set(file_names(Path(cold)))

    def read(tree, name, present):
        return (Path(tree) / name).read_bytes() if name in present else None

    return sorted(
        name
        for name in mine | theirs
        if not name.endswith(".pf_filter")
        and _comparable(name, read(incremental, name, mine))
        != _comparable(name, read(cold, name, theirs))
    )


def _comparable(name, data):
    if data is None:
        return None
    if name.endswith(".pf_meta"):
        return name
    if name == ".build-manifest.json":
        digests = json.loads(data)
        return {path: d for path, d in digests.items() if not path.endswith(PAGEFIND_UNSTABLE)}
    return data


PAGEFIND_UNSTABLE = (".pf_filter", ".pf_meta")


def summary(runs, documents, cases, rounds, differences=None):
    """The figures of every scenario: seconds (median, min, max), peak RSS, ratio to stock."""
    stock = statistics.median(seconds for seconds, _ in runs[STOCK])
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
        if differences is not None and name in differences:
            rows[name]["differences"] = sorted(set(differences[name]))
    return {
        "cases": cases,
        "documents": documents,
        "rounds": rounds,
        "checked": differences is not None,
        "scenarios": rows,
    }


def machine():
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"


def render(tables):
    """A Markdown table, one column per size: median seconds, ratio to stock, peak RSS."""
    head = ["scenario", *(f"{t['cases']:,} cases ({t['documents']:,} files)" for t in tables)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name in SCENARIOS:
        cells = [name]
        for table in tables:
            row = table["scenarios"].get(name)
            if row is None:
                cells.append("not run")
                continue
            cell = f"{row['median_s']:.2f} s"
            if row["min_s"] != row["max_s"]:
                cell += f" ({row['min_s']:.2f}–{row['max_s']:.2f})"
            if name != STOCK:
                cell += f", {row['ratio_to_stock']:.2f}×"
            cell += f", {row['peak_rss_mib']} MiB"
            if "differences" in row:
                cell += ", same" if not row["differences"] else ", DIFFERENT"
            cells.append(cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(sizes, rounds, workdir, report=None, check=False, keep=False, search_off=True):
    """Every scenario at every size; prints the Markdown table (and what differs, with
    `check`), writes the JSON to `report` when given; returns the report. With `keep`, each
    size's folder stays (its corpus, built site and cache: a profile of one more publication
    at that size starts from it instead of a build from nothing)."""
    workdir = Path(workdir)
    tables = []
    for cases in sizes:
        tables.append(
            measure(cases, rounds, workdir / str(cases), check=check, search_off=search_off)
        )
        if not keep:
            shutil.rmtree(workdir / str(cases), ignore_errors=True)
    result = {"machine": machine(), "now": NOW, "sizes": tables}
    print(
        f"Median seconds of {rounds} round(s) in fresh processes, (min–max), ratio to stock "
        f"Pelican run alternately, peak RSS; {machine()}; a shared machine: only ratios mean "
        "something."
    )
    print(render(tables))
    for table in tables:
        for name, row in table["scenarios"].items():
            for path in row.get("differences", []):
                print(
                    f"  {table['cases']:,} cases, {name}: {path} differs from a build from nothing"
                )
    if report:
        Path(report).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


def versus(revision, cases, workdir):
    """The publications of this version against the plugins of `revision` (a git commit), on
    the same corpus, each scenario applied to both copies and built by each in turn (which goes
    first alternates): {scenario: {"before": s, "now": s, "ratio": now / before}}."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    before = workdir / "before-code"
    before.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision, "plugins"], cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    versions = {"before": before / "plugins", "now": ROOT / "plugins"}
    kept = corpus(cases) / "ours"
    for name in versions:
        _linked_copy(kept, workdir / name / "content")
    picked = _pick(workdir / "now" / "content", 1)

    def build(name):
        folder = workdir / name
        return run_ours(
            folder / "content", folder / "out", folder / "cache", plugins=versions[name], **OURS
        )[0]

    results = {}
    for n, (scenario, change) in enumerate({FROM_NOTHING: None, **CHANGES}.items()):
        for name in versions:
            if change:
                change(workdir / name / "content", picked, 0)
        order = list(versions) if n % 2 else list(reversed(versions))
        seconds = {name: build(name) for name in order}
        results[scenario] = {**seconds, "ratio": seconds["now"] / seconds["before"]}
        print(
            f"  {cases:,} cases, {scenario}: before {seconds['before']:.2f} s, now "
            f"{seconds['now']:.2f} s, {results[scenario]['ratio']:.2f}×",
            file=sys.stderr,
            flush=True,
        )
    shutil.rmtree(workdir, ignore_errors=True)
    return results


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="numbers of cases, by commas")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", help="also write the report as JSON to this file")
    parser.add_argument("--check", action="store_true", help="compare with a build from nothing")
    parser.add_argument("--workdir", default="/tmp/communiques-benchmark")
    parser.add_argument("--keep", action="store_true", help="keep each size's built site")
    parser.add_argument(
        "--flat", action="store_true", help="instead: publications on the kept sites, side by side"
    )
    parser.add_argument(
        "--no-search-off",
        dest="search_off",
        action="store_false",
        help="no build from nothing with the search plugin off",
    )
    parser.add_argument("--against", help="instead: this version against a git commit's plugins")
    return parser.parse_args(argv)


def against(revision, sizes, workdir):
    """Print the Markdown table of `versus` at each size."""
    tables = {cases: versus(revision, cases, Path(workdir) / str(cases)) for cases in sizes}
    print(
        f"Seconds of one build in a fresh process, the plugins of {revision} (before) and of "
        f"the working tree (now) on the same corpus, each scenario built by both in turn; "
        f"{machine()}; a shared machine: only ratios mean something."
    )
    print("| scenario | " + " | ".join(f"{cases:,} cases: before → now" for cases in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for scenario in (FROM_NOTHING, *CHANGES):
        cells = [
            f"{t[scenario]['before']:.2f} s → {t[scenario]['now']:.2f} s "
            f"({t[scenario]['ratio']:.2f}×)"
            for t in tables.values()
        ]
        print(f"| {scenario} | " + " | ".join(cells) + " |")
    return tables


def flat(sizes, rounds, workdir):
    """Is a publication flat? The sites `--keep` left (workdir/SIZE) publish the same changes
    in turn, each build in a fresh process, the sizes alternating in every scenario and round
    (the same moments of a shared machine's load for all): {scenario: {size: median seconds}}
    and a Markdown table with each size's ratio to the first."""
    workdir = Path(workdir)
    # New ids and untouched cases at each run: a site may be measured again.
    stamp = int(time.time())
    picked = {}
    for cases in sizes:
        ours = workdir / str(cases) / "ours"
        if not (workdir / str(cases) / "out").is_dir():
            raise SystemExit(f"{workdir / str(cases)}: no kept site; run --sizes {cases} --keep")
        if in_git(workdir / str(cases)):  # kept before the benchmark used git
            site = workdir / str(cases)
            run_ours(site / "ours", site / "out", site / "cache", **OURS)  # not measured
        chosen = _pick(ours, 2 * rounds + 20)
        untouched = [
            case_id
            for case_id in chosen["withdrawn"]
            if not any("updates:" in path.read_text("utf-8") for path in _case(ours, case_id))
        ]
        if len(untouched) < 2 * rounds:
            raise SystemExit(f"{ours}: too few cases left untouched for {rounds} rounds")
        picked[cases] = {**chosen, "withdrawn": untouched[rounds:], "untouched": untouched}
    seconds = {name: {cases: [] for cases in sizes} for name in CHANGES if CHANGES[name]}
    memory = {name: {cases: 0.0 for cases in sizes} for name in seconds}
    for round_ in range(rounds):
        for name in seconds:
            order = sizes if round_ % 2 == 0 else sizes[::-1]
            for cases in order:
                site, choice = workdir / str(cases), picked[cases]
                number = stamp % 100000 + round_  # new ids, another text
                if CHANGES[name] is edited_case:
                    choice = {**choice, "edited": choice["untouched"][round_]}
                elif CHANGES[name] is withdrawal:
                    number = round_  # the index of the case it withdraws
                CHANGES[name](site / "ours", choice, number)
                commit(site, f"{name}, round {round_}")
                measured, rss = run_ours(site / "ours", site / "out", site / "cache", **OURS)
                seconds[name][cases].append(measured)
                memory[name][cases] = max(memory[name][cases], rss)
                print(f"  {cases:,} cases, {name}: {measured:.2f} s", file=sys.stderr)
    medians = {
        name: {cases: statistics.median(runs) for cases, runs in by_size.items()}
        for name, by_size in seconds.items()
    }
    print(f"Median seconds of {rounds} round(s), the sizes alternating; {machine()}.")
    print("| scenario | " + " | ".join(f"{cases:,} cases" for cases in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for name, by_size in medians.items():
        first = by_size[sizes[0]]
        cells = [f"{by_size[cases]:.2f} s ({by_size[cases] / first:.2f}×)" for cases in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("Peak RSS of the build and its workers, the largest of the rounds:")
    print("| scenario | " + " | ".join(f"{cases:,} cases" for cases in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for name, by_size in memory.items():
        print(f"| {name} | " + " | ".join(f"{by_size[cases]:,.0f} MiB" for cases in sizes) + " |")
    return medians


def sizes_of(text):
    return [int(size.replace("_", "")) for size in text.split(",") if size.strip()]


def plugin_cost(rounds, workdir, content=None):
    """Build the same content with every plugin, then without feeds, stats, search or compress,
    alternately in fresh processes; print the best time of each and what each plugin adds."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    content = Path(content or ROOT / "content")
    every = ["core", "communiques", "feeds", "stats", "bilingual", "search", "compress"]
    measured = ("feeds", "stats", "search", "compress")
    variants = {
        "all plugins": [f"communiques_site.{name}" for name in every],
        **{
            f"without {name}": [f"communiques_site.{p}" for p in every if p != name]
            for name in measured
        },
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


if __name__ == "__main__":
    options = arguments()
    if options.against:
        against(options.against, sizes_of(options.sizes), options.workdir)
    elif options.flat:
        flat(sizes_of(options.sizes), options.rounds, options.workdir)
    else:
        main(
            sizes_of(options.sizes),
            options.rounds,
            options.workdir,
            options.json,
            options.check,
            options.keep,
            options.search_off,
        )
