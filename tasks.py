"""Tasks of the communiqué site: `invoke --list` is the menu.

Importing this file loads no site settings; each task imports what it needs when it runs.
"""

import logging
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from invoke import Context, Exit, task

if TYPE_CHECKING:  # only for the checker: importing tasks.py loads no plugin
    from pelican.settings import Settings
    from rich.progress import Progress

    from communiques_site.communiques.wording import Wording
    from communiques_site.core.build import Result

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # the tools installed beside this Python (the .venv)


def _settings(config: str, override: "Settings | None" = None) -> "Settings":
    from pelican.settings import read_settings

    return read_settings(str(ROOT / config), override=override or {})


@task(
    help={
        "config": "settings file: pelicanconf.py (preview) or publishconf.py (published site)",
        "output": "build into this folder instead of OUTPUT_PATH (e.g. the one nginx serves)",
        "wait": "seconds to wait for another build of the same folder (0: give up at once)",
        "force": "build even when nothing changed since the published build",
    }
)
def build(
    c: Context,
    config: str = "pelicanconf.py",
    drafts: bool = False,
    output: str | None = None,
    wait: float = 600,
    force: bool = False,
) -> None:
    """Build the site into output/ (swapped in only when the whole build succeeded)."""
    override: dict[str, Any] = {}
    if drafts:
        if config == "publishconf.py":
            raise Exit("drafts are never built with publishconf.py", code=1)
        settings = _settings(config)
        override["COMMUNIQUES"] = dict(settings.get("COMMUNIQUES", {}), drafts=True)
    if output:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    target = override.get("OUTPUT_PATH") or _settings(config)["OUTPUT_PATH"]
    _locked(target, wait, lambda: _build_once(config, override, force))


def _build_once(config: str, override: "Settings", force: bool = False) -> "Result":
    """One build with its progress and its one-line summary; Exit when it failed."""
    import logging

    from communiques_site.core.build import build as run_build
    from communiques_site.core.build import freeze_at_exit

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    freeze_at_exit()
    with _BuildProgress() as progress:
        result = run_build(str(ROOT / config), override=override, force=force)
    if not result.ok:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        count = len(result.problems)
        raise Exit(f"{count} problem{'s' if count != 1 else ''}; nothing was published.", code=1)
    print(progress.summary(result))
    return result


def _locked(output: str, wait: float, work: Callable[[], T]) -> T:
    """work() while holding the lock of the output folder (core.lock), or Exit naming its
    holder when it was not free within `wait` seconds."""
    from communiques_site.core import lock

    try:
        with lock.hold(lock.lock_path(output), wait=float(wait)):
            return work()
    except lock.Busy as busy:
        raise Exit(f"{busy}; try again when it has finished.", code=1) from None


class _BuildProgress:
    """The build's stages as they run: a bar on a terminal; plain lines in CI and in logs,
    where a bar's redrawing would be noise. Counts what the summary line reports."""

    STEPS = {  # (stage signal, moment) -> the step that begins then
        ("read", "start"): "read",
        ("derive", "start"): "derive",
        ("render", "start"): "render",
        ("before_swap", "start"): "before swap",
        ("before_swap", "end"): "swap",  # core.pipeline swaps right after before_swap
        ("swap", "end"): None,  # the swap is done
    }
    TOTAL = 5

    def __init__(self) -> None:
        import logging
        import os

        self.interactive = sys.stdout.isatty() and os.environ.get("CI", "") not in ("true", "1")
        self.done, self.cases, self.pages = 0, 0, 0
        self.bar: Progress | None = None
        self.step: str | None = None
        self.warnings = _warning_counter()
        logging.getLogger().addHandler(self.warnings)

    def __enter__(self) -> "_BuildProgress":
        from communiques_site.core import stages

        if self.interactive:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("{task.description:<12}", BarColumn(), MofNCompleteColumn())
            self.bar.columns += (TimeElapsedColumn(),)
            self.bar.start()
            self.task = self.bar.add_task("settings", total=self.TOTAL)
        stages.watchers.append(self.watch)
        return self

    def __exit__(self, *exc: object) -> None:
        import logging

        from communiques_site.core import stages

        stages.watchers.remove(self.watch)
        logging.getLogger().removeHandler(self.warnings)
        if self.bar:
            self.bar.stop()

    def watch(self, stage: str, moment: str, sender: object) -> None:
        if (stage, moment) not in self.STEPS:
            return
        if (index := getattr(sender, "index", None)) is not None:
            self.cases = len(index.cases)
        # The pages of the build, counted as registered: walking the output would take longer
        # than a publication's own work on a large site.
        self.pages = len(getattr(sender, "pages", ()) or ()) or self.pages
        if self.step is not None:  # a step begins when the one before it has finished
            self._advance()
        self.step = self.STEPS[stage, moment]
        if self.step is None:
            return
        if self.bar:
            self.bar.update(self.task, description=self.step)
        else:
            print(f"[{self.done + 1}/{self.TOTAL}] {self.step}", flush=True)

    def _advance(self) -> None:
        self.done += 1
        if self.bar:
            self.bar.update(self.task, completed=self.done)

    def summary(self, result: "Result") -> str:
        output = Path(result.output_path)
        if result.current:
            return f"Nothing changed since {output} was built: it is up to date (--force builds)."
        pages = self.pages
        feeds = sum(
            1 for p in output.glob("*/feeds/**/*") if p.suffix in {".atom", ".rss", ".json"}
        )
        return (
            f"Built {output}: {self.cases} cases, {pages} pages, {feeds} feeds, "
            f"{self.warnings.count} warnings, {result.seconds:.1f} s"
        )


class _Counter(logging.Handler):
    count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _warning_counter() -> _Counter:
    """A logging handler that counts the build's warnings (they are shown as they come)."""
    return _Counter(logging.WARNING)


@task(
    iterable=["path"],
    help={
        "path": "a file to check (repeat for several); default: all of content/",
        "published": "the published site whose record the content must keep "
        "(default: the output folder, when there is one)",
    },
)
def validate(c: Context, path: list[str] | None = None, published: str | None = None) -> None:
    """Check the content and report every problem at once; exit 1 if there is any."""
    from communiques_site.communiques.loading import load
    from communiques_site.communiques.schema import ZONE

    settings = _settings("pelicanconf.py")
    only = [ROOT / p for p in path] if path else None
    # The record of what is published: a deleted or silently changed communiqué is refused
    # here already, before a push or a build.
    published = published or str(ROOT / settings["OUTPUT_PATH"])
    index, problems = load(settings, only=only, drafts=True, published=published)
    for problem in problems.sorted():
        print(problem)
    if problems or index is None:  # no index: there were problems
        raise Exit(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}.", code=1)
    total = len(index.cases) + len(index.embargoed)
    print(f"{total} cases, no problem.")
    for case in index.cases:
        if case.draft:
            print(f"draft: {case.id} (built only by invoke serve --drafts)")
    for case in index.embargoed:
        released = case.published.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")
        print(f"embargoed: {case.id} (published {released}, Africa/Casablanca)")
    for at, case_id, kind in index.embargoed_changes:
        released = at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")
        print(f"embargoed {kind}: {case_id} (published {released}, Africa/Casablanca)")
    for stale in index.stale:
        print(f"translation to review: {stale.path} (original {stale.original} changed since)")
    for path, line, what, reason in index.exceptions:
        shown = "marked line" if what == "marker" else f'"{what}"'
        print(f"privacy exception: {path}:{line}: {shown}, because: {reason}")


@task(
    help={
        "city": "city key (content/data/cities.yaml)",
        "lang": "language of the original: a code of SITE['languages'] (ar, fr)",
        "type": "arrest, clarification or search",
        "keyword": "a word or two for the id, e.g. robbery",
        "day": "publication day, YYYY-MM-DD (default: today)",
        "translate": "id of an existing case: create its missing translations instead",
        "offence": "key of content/data/offences.yaml (the template lists them)",
        "issuer": "key of content/data/issuers.yaml (default: police-<city>)",
    }
)
def new(
    c: Context,
    city: str | None = None,
    lang: str = "ar",
    type: str = "arrest",
    keyword: str = "video",
    day: str | None = None,
    translate: str | None = None,
    offence: str = "public-order",
    issuer: str | None = None,
) -> None:
    """Create a communiqué from the commented template (or the translations of one)."""
    from communiques_site.communiques import registry, template
    from communiques_site.communiques.documents import read
    from communiques_site.communiques.schema import TYPES
    from communiques_site.communiques.wording import wording
    from communiques_site.core.problems import Problems

    settings = _settings("pelicanconf.py")
    words = wording(settings)
    languages = words.languages
    content = ROOT / settings["PATH"]
    folder = content / settings["COMMUNIQUES"].get("folder", "communiques")
    problems = Problems()
    registries = registry.load(content / "data", str, problems, languages)
    if translate:
        originals = [p for p in folder.rglob(f"{translate}.*.md")]
        first = next((p for p in originals if "translation_of" not in p.read_text("utf-8")), None)
        if first is None:
            raise Exit(f"no original file for the case '{translate}' under {folder}", code=1)
        document = read(first, str(first), registries, problems, words)
        if document is None or problems:
            raise Exit("fix the original first: invoke validate", code=1)
        values = dict(document.values, _lang=document.lang)
        files = {
            first.with_name(f"{translate}.{other.code}.md"): template.translation(
                translate, other, words, values
            )
            for other in languages.others(document.lang)
            if not first.with_name(f"{translate}.{other.code}.md").exists()
        }
        if not files:
            raise Exit(f"every translation of '{translate}' exists already", code=1)
    else:
        _one_of("--lang", lang, languages.codes)
        _one_of("--type", type, TYPES)
        _one_of("--city", city, registries["cities"], "content/data/cities.yaml")
        _one_of("--offence", offence, registries["offences"], "content/data/offences.yaml")
        issuer = issuer or f"police-{city}"
        if issuer not in registries["issuers"]:
            _one_of("--issuer", issuer, registries["issuers"], "content/data/issuers.yaml")
        when = date.fromisoformat(day) if day else date.today()
        case = template.case_id(when, city, keyword)
        existing = sorted(folder.rglob(f"{case}.*.md"))
        if existing:
            raise Exit(
                f"the id {case} is taken ({existing[0].relative_to(ROOT)}); choose another "
                "--keyword",
                code=1,
            )
        target = folder / str(when.year) / f"{case}.{lang}.md"
        files = {
            target: template.original(
                case,
                languages[lang],
                words,
                city,
                type,
                offence=offence,
                issuer=issuer,
                offence_keys=list(registries["offences"]),
            )
        }
    for target, text in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"Created {target.relative_to(ROOT)}")
    case = translate or next(iter(files)).name.split(".")[0]
    print("Next: write the texts marked in the file, then:")
    if not translate:
        print(f"  .venv/bin/invoke new --translate {case}")
    print("  .venv/bin/invoke validate   and   .venv/bin/invoke serve   (to see it)")


def _one_of(
    option: str, value: str | None, allowed: Collection[str], where: str | None = None
) -> None:
    """Exit, naming the closest allowed value, when `value` is not one of `allowed`."""
    import difflib

    if value in allowed:
        return
    source = f"a key of {where}" if where else f"one of {', '.join(allowed)}"
    close = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise Exit(f"{option} must be {source}, not '{value}'{hint}", code=1)


def _case_files(settings: "Settings", case_id: str) -> tuple[Path, list[Path], "Wording"]:
    """(original path, [translation paths], wording) of a case, or Exit."""
    from communiques_site.communiques.wording import wording

    folder = ROOT / settings["PATH"] / settings["COMMUNIQUES"].get("folder", "communiques")
    paths = sorted(folder.rglob(f"{case_id}.*.md"))
    originals = [p for p in paths if "\ntranslation_of:" not in p.read_text("utf-8")]
    if len(originals) != 1:
        raise Exit(f"no single original file for the case '{case_id}' under {folder}", code=1)
    return originals[0], [p for p in paths if p != originals[0]], wording(settings)


def _language_of(path: Path) -> str:
    return path.name.rsplit(".", 2)[1]


@task(
    help={
        "case": "the case's id",
        "kind": "minor (a correction: the page's history) or major (a new fact: the feeds too)",
        "status": "the case's new status, if it changed",
    }
)
def update(c: Context, case: str, kind: str = "minor", status: str | None = None) -> None:
    """Add an update to a case, in every language's file, with its notes to write."""
    from communiques_site.communiques import editing
    from communiques_site.communiques.schema import STATUSES

    if kind not in ("minor", "major"):
        raise Exit("--kind is minor or major", code=1)
    if status is not None and status not in STATUSES:
        raise Exit(f"--status must be one of {', '.join(STATUSES)}", code=1)
    original, translations, words = _case_files(_settings("pelicanconf.py"), case)
    at = editing.stamp()
    note = words(_language_of(original), "towrite")
    editing.add_update(original, at, note, kind=kind, status=status)
    for path in translations:
        editing.add_update(path, at, words(_language_of(path), "todo"))
    _written(original, translations)


@task(help={"case": "the case's id", "reason": "why, in the original's language"})
def withdraw(c: Context, case: str, reason: str) -> None:
    """Withdraw a published case: its page stays with a notice; it leaves listings and data."""
    from communiques_site.communiques import editing

    original, translations, words = _case_files(_settings("pelicanconf.py"), case)
    editing.add_withdrawal(original, reason, at=editing.stamp())
    for path in translations:
        editing.add_withdrawal(path, words(_language_of(path), "todo"))
    _written(original, translations)


def _written(original: Path, translations: Sequence[Path]) -> None:
    for path in (original, *translations):
        print(f"Changed {path.relative_to(ROOT)}")
    print("Write the notes marked in brackets, then: invoke validate, and commit the files.")


@task(help={"port": "port to serve on"})
def preview(c: Context, port: int = 8000) -> None:
    """Build into preview/ with drafts and embargoed items shown and marked, and the press
    office's page (/{lang}/press-office/), then serve it; never published."""
    from livereload import Server

    from communiques_site.core.build import build as run_build

    settings = _settings("pelicanconf.py")
    override = {
        "OUTPUT_PATH": str(ROOT / "preview"),
        "COMMUNIQUES": dict(settings.get("COMMUNIQUES", {}), drafts=True, preview=True),
    }

    def rebuild() -> None:
        result = run_build(str(ROOT / "pelicanconf.py"), override=override)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print("Preview built." if result.ok else "Not built; see above.")

    rebuild()
    server = Server()
    for folder in ("content", "theme", "plugins"):
        server.watch(str(ROOT / folder), rebuild)
    print(f"Press office: http://localhost:{port}/{settings['DEFAULT_LANG']}/press-office/")
    server.serve(root=str(ROOT / "preview"), port=port, host="localhost", open_url_delay=None)


@task(help={"port": "port to serve on", "config": "settings file", "drafts": "build drafts too"})
def serve(
    c: Context, port: int = 8000, config: str = "pelicanconf.py", drafts: bool = False
) -> None:
    """Build, serve on http://localhost:PORT and rebuild (with live reload) on every change."""
    from livereload import Server

    build(c, config=config, drafts=drafts)

    def rebuild() -> None:
        try:
            build(c, config=config, drafts=drafts)
        except Exit as error:
            print(error.message, file=sys.stderr)

    server = Server()
    for folder in ("content", "theme", "plugins"):
        server.watch(str(ROOT / folder), rebuild)
    server.watch(str(ROOT / config), rebuild)
    server.serve(root=str(ROOT / "output"), port=port, host="localhost", open_url_delay=None)


@task
def lint(c: Context) -> None:
    """Ruff: formatting and lint rules (the style gate); mypy --strict on the core, then mypy
    over the plugins and tasks.py (mypy-types.ini)."""
    c.run(f"{BIN}/ruff format --check .", pty=False)
    c.run(f"{BIN}/ruff check .", pty=False)
    with c.cd(str(ROOT)):  # pyproject.toml's [tool.mypy] says what and how
        c.run(f"{BIN}/mypy", pty=False)
        c.run(f"{BIN}/mypy --config-file mypy-types.ini", pty=False)


@task(
    help={
        "k": "only the tests matching this expression",
        "browser": "include browser tests",
        "languages": "the languages the test sites add to the demo's (default en; '' for none)",
    }
)
def test(c: Context, k: str | None = None, browser: bool = True, languages: str = "en") -> None:
    """Lint, then every test (browser tests included) on both cores, the test sites in a third
    language."""
    lint(c)
    args = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup"]
    if k:
        args += ["-k", repr(k)]
    if not browser:
        args += ["-m", "'not browser'"]
    # Each test runs once, its small sites in the demo's languages and English (tests/sites.py):
    # a site with a third language is what the demo's two cannot show, and the demo itself,
    # built from pelicanconf.py, is tested in its own two. A second pass in two languages would
    # add its whole time for what the demo's tests already cover.
    c.run(" ".join(args), pty=False, env={"COMMUNIQUES_TEST_LANGUAGES": languages})


@task
def catalogs(c: Context) -> None:
    """Extract the UI strings and update every language's .po catalog (then translate them)."""
    from communiques_site.core.languages import from_settings

    # Run from the project's root with relative paths: the catalogs cite plugins/…, theme/…,
    # wherever the clone lies.
    pot = "theme/translations/messages.pot"
    with c.cd(str(ROOT)):
        c.run(f"{BIN}/pybabel extract -F babel.cfg -k N_ --sort-by-file -o {pot} .", pty=False)
        for language in from_settings(_settings("pelicanconf.py")):
            c.run(
                f"{BIN}/pybabel update -i {pot} -d theme/translations -l {language.code} "
                "--no-fuzzy-matching --ignore-obsolete",
                pty=False,
            )


# Each module mutated with only the tests that concern it: the whole suite per mutant would take
# days. The rules of the privacy check, the sanitiser, the record and the URLs are each pinned
# by one or two test files; those are the ones that must notice a change.
MUTATE = {
    "plugins/communiques_site/communiques/record.py": ("tests/test_record_rules.py",),
    "plugins/communiques_site/communiques/privacy.py": (
        "tests/test_privacy_rules.py",
        # the corpus of real-looking identifiers: the only place a snapchat link is tried
        "tests/test_lifecycle_privacy.py::test_privacy_corpus_has_no_miss_and_no_false_alarm",
        # what a marker leaves (the listed exception, the published text) and prior records
        "tests/test_lifecycle_privacy.py::test_a_marked_line_is_an_exception_listed_for_reviewers",
        "tests/test_lifecycle_privacy.py::test_a_listed_string_is_an_exception",
        "tests/test_lifecycle_privacy.py::"
        "test_a_prior_record_in_the_text_of_an_acquitted_case_is_refused",
        "tests/test_lifecycle_privacy.py::test_a_marked_line_is_published_without_its_marker",
        "tests/test_lifecycle_privacy.py::test_a_prior_record_is_reported_at_its_own_line",
    ),
    "plugins/communiques_site/communiques/sanitise.py": ("tests/test_markup.py",),
    # every route pinned to the contract's literal addresses, no site built (test_routes.py
    # builds the demo: 66 s a mutant)
    "plugins/communiques_site/core/routes.py": ("tests/test_route_examples.py",),
    # the figures on hand-made cases, no site built (test_recomputation.py builds the demo:
    # 30 s a mutant, and compares stats.json with what the same figures.py computed)
    "plugins/communiques_site/stats/figures.py": (
        "tests/test_figures.py",
        "tests/test_figure_table.py",
    ),
}


def _forget_baseline(cache: Path) -> None:
    """mutmut times the tests once and keeps that time for the whole cache, whatever the runner:
    the next module's tests (a site build where the last took a second) would then all time out.
    Each module's own tests are timed again."""
    if cache.exists():
        with sqlite3.connect(cache) as db:
            db.execute("DELETE FROM MiscData WHERE key = 'baseline_time_elapsed'")


@task(
    help={
        "path": "only the modules whose path contains this",
        "results": "only list the surviving mutants of the last run",
    }
)
def mutate(c, path=None, results=False):
    """Mutation testing (mutmut) of the modules whose rules matter most, each against its own
    tests. It edits the source in place while it runs: run it in a clean worktree."""
    if results:
        c.run(f"{BIN}/mutmut results", pty=False, warn=True)
        return
    # The installed package is editable from one clone only: without this, the tests of a
    # worktree would import the other clone's modules and every mutant would survive.
    env = {"PYTHONPATH": str(ROOT / "plugins")}
    with c.cd(str(ROOT)):
        for module, tests in MUTATE.items():
            if path and path not in module:
                continue
            _forget_baseline(ROOT / ".mutmut-cache")
            runner = (
                f"{sys.executable} scripts/mutant_tests.py -x -q -p no:randomly -m 'not browser' "
                + " ".join(tests)
            )
            # mutmut exits non-zero when a mutant survives: every module is run all the same.
            c.run(
                f'{BIN}/mutmut run --paths-to-mutate {module} --runner "{runner}" --no-progress',
                pty=False,
                warn=True,
                env=env,
            )
        c.run(f"{BIN}/mutmut results", pty=False, warn=True)


@task
def lock(c: Context) -> None:
    """Re-pin requirements.txt and requirements-dev.txt from the .in files in a fresh venv."""
    c.run("rm -rf .lock-venv && python3 -m venv .lock-venv", pty=False)
    c.run(".lock-venv/bin/pip install -q -r requirements.in", pty=False)
    c.run(
        "(echo '# Generated from requirements.in by invoke lock; do not edit by hand.'; "
        ".lock-venv/bin/pip freeze) > requirements.txt",
        pty=False,
    )
    c.run(".lock-venv/bin/pip install -q -r requirements-dev.in", pty=False)
    c.run(
        "(echo '# Generated from requirements-dev.in by invoke lock; do not edit by hand.'; "
        "echo '-r requirements.txt'; .lock-venv/bin/pip freeze | grep -vxFf requirements.txt) "
        "> requirements-dev.txt; rm -rf .lock-venv",
        pty=False,
    )


@task(
    help={
        "sizes": "numbers of cases in the corpora, by commas (each generated once under /tmp)",
        "rounds": "runs of each build",
        "check": "after each change, build the same content from nothing elsewhere and compare "
        "the two sites byte for byte (Pagefind's metadata aside); print what differs",
        "json": "also write the report as JSON to this file",
        "plugins": "instead: what the feeds, stats and search plugins add to a build of the demo",
        "log": "instead: the transparency log's cost per publication and size, at --cases",
        "cases": "with --log: how many cases",
        "against": "instead: each publication by this version and by a git commit's plugins, "
        "side by side on the same corpus",
        "keep": "keep each size's corpus, built site and cache in /tmp/communiques-benchmark/SIZE "
        "(to profile one more publication there)",
        "search-off": "also build from nothing with the search plugin off (default; "
        "--no-search-off saves half an hour at 50,000 cases)",
        "flat": "instead: the same publications on the sites --keep left at each size, the "
        "sizes alternating (is a publication flat? and its peak RSS)",
    }
)
def benchmark(
    c: Context,
    sizes: str = "1000,10000,50000",
    rounds: int = 2,
    check: bool = False,
    json: str | None = None,
    plugins: bool = False,
    log: bool = False,
    cases: int = 1000,
    against: str | None = None,
    keep: bool = False,
    search_off: bool = True,
    flat: bool = False,
) -> None:
    """Build speed at each size against stock Pelican 4.12 on the same Markdown, alternating
    fresh processes: from nothing (and with search off), nothing changed, one new case (the
    newest), one case dated a year earlier, one old case edited, one withdrawn (medians, min,
    max, peak RSS, ratios; a Markdown table). --log: the transparency log's own cost per
    publication and its size, at --cases cases. --against REV: the same builds by this version
    and by the plugins of commit REV, side by side (what a change bought)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark as bench

    if against:
        bench.against(against, bench.sizes_of(sizes), "/tmp/communiques-versus")
    elif flat:
        bench.flat(bench.sizes_of(sizes), rounds, "/tmp/communiques-benchmark")
    elif log:
        bench.log_cost(cases, "/tmp/communiques-log-cost")
    elif plugins:
        bench.plugin_cost(rounds, "/tmp/communiques-plugin-cost")
    else:
        bench.main(
            bench.sizes_of(sizes),
            rounds,
            "/tmp/communiques-benchmark",
            report=json,
            check=check,
            keep=keep,
            search_off=search_off,
        )


@task(
    help={
        "site": "the site's address (https://…) or a built site's folder (default: output)",
        "key": "the verifier key to pin (default: the throw-away key of local builds)",
        "state": "where the monitor saves the heads it has seen",
        "case": "a communiqué's id to find in the log",
        "code": "a verification code to find in the log",
        "text": "a file holding a communiqué's body, copied from anywhere",
    }
)
def verify(
    c: Context,
    site: str = "output",
    key: str | None = None,
    state: str | None = None,
    case: str | None = None,
    code: str | None = None,
    text: str | None = None,
) -> None:
    """Monitor the transparency log: its signature, every entry and tile, its consistency
    with the last head seen; and where a communiqué is in it (tools/verify.py)."""
    import subprocess

    if key is None:
        from communiques_site.tlog.settings import LogOptions, signer

        key = signer(LogOptions()).verifier_key
    command = [sys.executable, str(ROOT / "tools" / "verify.py"), site, "--key", key]
    command += ["--state", state or str(ROOT / "cache" / "monitor.json")]
    for option, value in (("--id", case), ("--code", code), ("--text-file", text)):
        if value:
            command += [option, value]
    result = subprocess.run(command, check=False)
    if result.returncode:
        raise Exit(code=result.returncode)


@task(
    help={
        "seconds": "how long each wrk run lasts (the machine may be shared: keep it short)",
        "work": "the folder of the copy of the demo it builds and serves",
        "publish_only": "skip the table: only the publication under load",
    }
)
def loadtest(
    c: Context,
    seconds: int = 5,
    work: str = "/tmp/communiques-loadtest",
    publish_only: bool = False,
) -> None:
    """wrk against Varnish -> nginx on loopback, for the home page, a communiqué, a city and a
    feed at 50, 200 and 1,000 connections, with and without the cache; then a communiqué
    published under load: seconds until every client sees it, and failed requests."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import loadtest as load

    load.main(work, seconds=int(seconds), table=not publish_only)


@task(name="privacy-corpus")
def privacy_corpus(c: Context) -> None:
    """Run the privacy check on its test corpus and print misses and false alarms."""
    sys.path.insert(0, str(ROOT / "tests"))
    from communiques_site.communiques.privacy import scan
    from privacy_corpus import CATCH, PASS, names_registry

    names = names_registry()
    found = {text: scan(text, 1, (), names) for _, text in CATCH}
    misses = [(kind, text) for kind, text in CATCH if [h.kind for h in found[text]][:1] != [kind]]
    alarms = [(text, hits) for text in PASS if (hits := scan(text, 1, (), names))]
    for kind, text in misses:
        print(f"missed ({kind}): {text}")
    for text, hits in alarms:
        print(f"false alarm ({hits[0].kind}): {text}")
    print(
        f"{len(CATCH)} strings to catch: {len(misses)} missed; "
        f"{len(PASS)} strings to pass: {len(alarms)} false alarms."
    )
    if misses or alarms:
        raise Exit(code=1)


@task
def golden(c: Context) -> None:
    """Regenerate the golden feed files of the tests (after a deliberate change of format)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_feeds import regenerate_golden

    regenerate_golden()
    print("Rewrote tests/golden/; review the diff before committing it.")


@task(
    help={
        "config": "settings file of the published site",
        "output": "on the web server: build straight into this served folder (swapped in "
        "atomically beside it) instead of uploading with rsync",
        "target": "rsync destination instead of PUBLISH_TARGET (e.g. from CI: host:/srv/www/…/)",
        "wait": "seconds to wait for another build of the same folder (0: give up at once)",
        "purge": "a cache in front (Varnish: http://127.0.0.1:6081) to send a PURGE for each "
        "URL the publication changed (repeat for several)",
        "mirror": "another copy to keep in step, HOST:PATH (rsync over SSH) or a local folder, "
        "sent only what changed, in publication order (repeat for several)",
    },
    iterable=["purge", "mirror"],
)
def publish(
    c: Context,
    config: str = "publishconf.py",
    output: str | None = None,
    target: str | None = None,
    wait: float = 600,
    purge: list[str] | None = None,
    mirror: list[str] | None = None,
) -> None:
    """Build the published site, put it live, then ping the WebSub hubs for every changed feed.
    --target s3://bucket/prefix keeps an S3-compatible store in step (boto3: its endpoint and
    keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)."""
    from communiques_site.core import lock

    copies = list(mirror or ())
    if output:
        # The served folder itself is the build's output: core.atomic stages beside it and
        # swaps, so readers never see a half-published site and no rsync is needed.
        output = str(Path(output).resolve())
        copies += [target] if target else []
        # A parent that holds the lock for us (the post-receive hook, or a publish whose
        # checkout moved) sends the pings once it has released it.
        ours = os.environ.get(lock.HELD) != str(lock.lock_path(output))
        _locked(output, wait, lambda: _publish_here(config, output, purge, copies))
        if ours:
            _send_pings(_settings(config))
        return
    settings = _settings(config)
    target = target or settings.get("PUBLISH_TARGET")
    if not target:
        raise Exit(f"PUBLISH_TARGET is not set in {config}; say where the site is uploaded", 1)
    if target.startswith("s3://"):
        copies.append(target)
        upload = lambda: _publish_to_store(config, settings, purge, copies)  # noqa: E731
    else:
        upload = lambda: _publish_upload(c, config, settings, target)  # noqa: E731
    _locked(settings["OUTPUT_PATH"], wait, upload)
    _send_pings(settings)


def _publish_here(
    config: str, output: str, caches: Sequence[str] | None = (), copies: Sequence[str] = ()
) -> None:
    """On the publishing server: the checkout at the published branch's tip (core.follow),
    built into the served folder."""
    from communiques_site.core.follow import Stuck, follow

    try:
        moved = follow(ROOT)
    except Stuck as stuck:
        raise Exit(f"{stuck}; the checkout is not moved and nothing was published.", 1) from None
    if moved:
        # The checkout's tasks, plugins and settings may have changed: its new code builds it,
        # in a process that takes our lock over (core.lock) and dies with us, so that it never
        # swaps the folder once the lock is gone.
        again = [f"--purge={cache}" for cache in caches or ()]
        again += [f"--mirror={copy}" for copy in copies]
        done = subprocess.run(
            [str(BIN / "invoke"), "publish", "--config", config, "--output", output, *again],
            cwd=ROOT,
            preexec_fn=_die_with_parent,
        )
        if done.returncode < 0:  # killed: so are we, for whoever waits for us to say so
            signal.signal(-done.returncode, signal.SIG_DFL)
            os.kill(os.getpid(), -done.returncode)
        if done.returncode:
            raise Exit(code=done.returncode)
        return
    _build_and_keep(config, output, caches, copies)
    _queue_pings(Path(output), _settings(config), output)


def _build_and_keep(
    config: str, output: str, caches: Sequence[str] | None = (), copies: Sequence[str] = ()
) -> None:
    """Build into `output`, then bring the copies in step and purge the caches in front."""
    result = _build_once(config, {"OUTPUT_PATH": output})
    _keep_in_step(output, copies)
    if not result.current:
        _purge(output, caches)


def _publish_to_store(
    config: str, settings: "Settings", caches: Sequence[str] | None, copies: Sequence[str]
) -> None:
    """Build into OUTPUT_PATH, then send the object store (and mirrors) what changed."""
    _build_and_keep(config, settings["OUTPUT_PATH"], caches, copies)
    _queue_pings(Path(settings["OUTPUT_PATH"]), settings, ", ".join(copies))


def _die_with_parent() -> None:
    """In a child process: be sent SIGKILL when the parent dies (Linux prctl)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _keep_in_step(output: str, copies: Sequence[str]) -> None:
    """Send each copy (mirror or object store) what it lacks of the live tree (core.mirroring):
    also after a build that changed nothing, so a copy an earlier run left behind catches up."""
    from communiques_site.core import mirroring

    for copy in copies:
        send = mirroring.s3 if copy.startswith("s3://") else mirroring.rsync
        try:
            steps = mirroring.sync(output, copy, send)
        except Exception as error:  # rsync, the network, the store: all say the same to us
            journal = mirroring.journal_path(output, copy)
            raise Exit(
                f"{copy} is not in step with the live site ({error}); the live site is "
                f"published. Run invoke publish again to send the rest (journal: {journal}).",
                code=1,
            ) from None
        print(f"{copy}: {len(steps)} files sent or deleted.")


def _purge(output: str, caches: Sequence[str] | None) -> None:
    """Make each cache in front forget the URLs the publication changed: the list the build
    wrote beside the served folder (core.publication), which a CDN's purge API can read too."""
    from communiques_site.core import publication

    listed = Path(publication.purge_list(output))
    addresses = listed.read_text(encoding="utf-8").split() if listed.exists() else []
    failures = []
    for cache in caches or ():
        failed = publication.purge(cache, addresses)
        failures += [f"{cache}{line}" for line in failed]
        print(f"Purged {len(addresses) - len(failed)} of {len(addresses)} URLs from {cache}.")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        raise Exit(
            "A cache did not forget every changed URL; the site is published, and readers of "
            f"that cache see the old pages until they expire. Send the URLs of {listed} again.",
            code=1,
        )


@task(
    help={
        "output": "the served folder (as given to invoke publish --output)",
        "mirror": "a copy to bring back too, as given to invoke publish (repeat for several)",
        "target": "an S3-compatible store to bring back too: s3://bucket/prefix",
        "purge": "a cache in front to purge of what the rollback changed (repeat for several)",
        "wait": "seconds to wait for a build of the same folder (0: give up at once)",
    },
    iterable=["mirror", "purge"],
)
def rollback(
    c: Context,
    output: str,
    mirror: list[str] | None = None,
    target: str | None = None,
    purge: list[str] | None = None,
    wait: float = 600,
) -> None:
    """Put the previous publication back live, on the mirrors and in the caches; refused if it
    would remove a communiqué published since (the record is permanent)."""
    from communiques_site.communiques.record import removed_since
    from communiques_site.core.rollback import Refused
    from communiques_site.core.rollback import rollback as roll_back

    output = str(Path(output).resolve())
    copies = [*(mirror or ()), *([target] if target else [])]

    def work() -> None:
        try:
            steps = roll_back(output, removed_since)
        except Refused as refused:
            raise Exit(f"Not rolled back: {refused}.", code=1) from None
        print(f"Put the previous publication back in {output}: {len(steps)} files changed.")
        _keep_in_step(output, copies)
        _purge(output, purge)

    _locked(output, wait, work)


@task(
    name="check-site",
    help={
        "output": "the served folder (default: output)",
        "repair": "then remove the changed files and build the folder whole again",
        "config": "with --repair: the settings the folder is built with",
        "wait": "with --repair: seconds to wait for a build of the same folder",
    },
)
def check_site(
    c: Context,
    output: str = "output",
    repair: bool = False,
    config: str = "pelicanconf.py",
    wait: float = 600,
) -> None:
    """Compare every file of the served folder with its inventory: a file removed, changed or
    added by hand stays so (a publication in place keeps the files it finds as they are) until
    the folder is built whole again, which --repair does."""
    from communiques_site.core.publication import differences, read

    if not read(output):
        raise Exit(f"{output} has no inventory (.publication.json): it was not published.", 1)
    found = _differences(output)
    if found and repair:
        target = str(Path(output).resolve())

        def work() -> None:
            # A changed file would be taken again as published: gone, it is made again.
            for path in differences(target)[1]:
                (Path(target) / path).unlink()
            _build_once(config, {"OUTPUT_PATH": target}, force=True)

        _locked(target, wait, work)
        found = _differences(output)
    if found:
        missing, altered, unknown = found
        raise Exit(
            f"{output}: {missing} missing, {altered} changed, {unknown} not published since "
            "the last publication; run invoke check-site --repair to build it whole again",
            1,
        )
    print(f"{output}: every file as published ({len(read(output))} files).")


def _differences(output: str) -> tuple[int, int, int] | None:
    """Print each file that differs; their counts, or None when none does."""
    from communiques_site.core.publication import differences

    missing, altered, unknown = differences(output)
    for what, paths in (("missing", missing), ("changed", altered), ("not published", unknown)):
        for path in paths:
            print(f"{output}/{path}: {what}")
    if missing or altered or unknown:
        return len(missing), len(altered), len(unknown)
    return None


def _publish_upload(c: Context, config: str, settings: "Settings", target: str) -> None:
    _build_once(config, {})
    output = Path(settings["OUTPUT_PATH"])
    # rsync: only changed files travel; --delete-after keeps the old files until the new are in.
    c.run(
        "rsync -a --delete-after --checksum --exclude .build-manifest.json "
        f"--exclude .build-inputs.json {output}/ {target}",
        pty=False,
    )
    _queue_pings(output, settings, target)


def _queue_pings(output: Path, settings: "Settings", where: str) -> None:
    """The site is live: queue the pings of the feeds that changed since the last publication."""
    from communiques_site.feeds.push import queue_changes

    changed = queue_changes(output, settings)
    print(f"Published to {where}: {len(changed)} feeds changed.", flush=True)


@task(help={"config": "settings file of the published site"})
def ping(c: Context, config: str = "publishconf.py") -> None:
    """Send the WebSub pings still due (a hub that did not answer is tried again later)."""
    _send_pings(_settings(config))


def _send_pings(settings: "Settings") -> None:
    """The queued pings that are due, sent out of the lock of the output folder."""
    from communiques_site.feeds.push import refused, report, send_due

    pings, deferred = send_due(settings)
    if pings or deferred:
        print(report(pings, deferred))
    if refused(pings):
        raise Exit("A hub refused a ping; the site itself is published.", code=1)
