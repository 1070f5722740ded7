"""Build speed against stock Pelican, side by side on the same Markdown, as a ratio.

A corpus of N cases is made by copying the demo cases under new ids and earlier dates. Our build
reads it as communiqués; stock Pelican (default settings and theme) reads the very same bodies
as articles with the usual `Key: value` metadata, translations linked by slug. Both run in fresh
processes, alternately, and the best of each is kept: the machine is shared and noisy, so only
the ratio means something.
"""

import re
import shutil
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


def run_ours(content, output, cache, **settings):
    """One build of ours in a fresh process (as a user runs it); its wall time."""
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        **settings,
    }
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'plugins')!r});"
        "from core.build import build;"
        f"r = build({str(ROOT / 'pelicanconf.py')!r}, override={override!r});"
        "sys.exit(0 if r.ok else '\\n'.join(map(str, r.problems[:5])))"
    )
    return _timed([sys.executable, "-c", code])


def run_stock(settings_file):
    return _timed([sys.executable, "-m", "pelican", "-s", str(settings_file), "-q"])


def _timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(cases, rounds, workdir):
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    ours, stock = make_corpus(workdir, cases)
    documents = sum(1 for _ in (ours / "communiques").rglob("*.md"))
    settings = workdir / "stockconf.py"
    settings.write_text(
        STOCK_SETTINGS.format(path=str(stock / "content"), output=str(workdir / "stock-output"))
    )
    best = {
        "ours, from nothing": [],
        "ours, nothing changed": [],
        "ours, one new case": [],
        "stock Pelican": [],
    }
    sample = sorted((ours / "communiques").rglob("*.md"))[:2]
    for round_ in range(rounds):
        shutil.rmtree(workdir / "cache", ignore_errors=True)
        shutil.rmtree(workdir / "out", ignore_errors=True)
        best["ours, from nothing"].append(run_ours(ours, workdir / "out", workdir / "cache"))
        best["ours, nothing changed"].append(run_ours(ours, workdir / "out", workdir / "cache"))
        for path in sample:  # a new case: the same files under a new id
            case_id, lang = path.name[:-3].rsplit(".", 1)
            new_id = f"{case_id}-new{round_}"
            text = path.read_text(encoding="utf-8").replace(case_id, new_id)
            path.with_name(f"{new_id}.{lang}.md").write_text(text, encoding="utf-8")
        best["ours, one new case"].append(run_ours(ours, workdir / "out", workdir / "cache"))
        shutil.rmtree(workdir / "stock-output", ignore_errors=True)
        best["stock Pelican"].append(run_stock(settings))
    stock_time = min(best["stock Pelican"])
    print(f"{documents} documents ({cases} cases), best of {rounds} rounds:")
    for name, times in best.items():
        seconds = min(times)
        print(
            f"  {name:22} {seconds:6.2f} s  {documents / seconds:6.0f} documents/s  "
            f"{seconds / stock_time:5.2f} × stock"
        )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, 2, "/tmp/communiques-benchmark")


def plugin_cost(rounds, workdir, content=None):
    """Build the same content with every plugin, then without feeds, stats or search,
    alternately in fresh processes; print the best time of each and what each plugin adds."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    content = Path(content or ROOT / "content")
    all_plugins = ["core", "communiques", "feeds", "stats", "bilingual", "search"]
    measured = ("feeds", "stats", "search")
    variants = {
        "all plugins": all_plugins,
        **{f"without {name}": [p for p in all_plugins if p != name] for name in measured},
    }
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, plugins in variants.items():
            times[name].append(
                run_ours(content, workdir / "out", workdir / "cache", PLUGINS=plugins)
            )
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
