"""Pagefind run on the sites of documents (search.scratch): one bundle per language and quarter.

Pagefind's own command line (from the pagefind_bin package) indexes each bundle's documents.
Its Python API was tried first and measured: it sends custom records one request at a time and
polls for each answer every 0.1 s (20,000 records: over half an hour), and if its binary dies it
waits for the answer forever. The command line indexes a folder in one run, says how it failed
by its exit status, and can be given a time limit.

Pagefind holds a bundle's whole index in memory while it writes it (about MIB_PER_PAGE per
page: 3 GB for the 23,646 pages of a 10,000-case site in one run per language), and indexes on
one processor. The bundles run side by side, as many as there are processors, but only while
their estimated memory stays within MEMORY_BUDGET."""

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pagefind_bin

# A stuck binary must not hold the build (and the publication) forever; a 10,000-case site
# takes seconds.
TIMEOUT = 600  # seconds
# Measured on pagefind 1.5.2 with these documents (peak RSS of one run / pages).
MIB_PER_PAGE, MIB_PER_RUN = 0.13, 30
# MiB for the Pagefind runs at one time, one run always allowed: with the build's own process
# (about 550 MiB at 10,000 cases) the whole stays near 1 GiB. From nothing, the bundles (a
# quarter each) run side by side, the largest first.
MEMORY_BUDGET = 450


class IndexingError(Exception):
    """Pagefind failed, or indexed other pages than it was given."""


@dataclass(frozen=True)
class Bundle:
    lang: str
    period: str
    folder: Path
    pages: int  # the communiqués Pagefind indexed (and the first page)
    seconds: float  # this bundle's own run
    peak: float  # MiB: the run's peak resident memory as last seen, to check MIB_PER_PAGE


@dataclass(frozen=True)
class Job:
    """A bundle to make: the site of its documents (search.scratch), how many there are (the
    first page apart), and the bundle's folder."""

    site: Path
    documents: int
    folder: Path


@dataclass
class _Run:
    key: tuple  # (language, period)
    job: Job
    process: subprocess.Popen
    log: IO[str]  # Pagefind's output, read if it fails
    start: float
    peak: float = 0.0


def _ended(run: _Run) -> bool:
    """Whether the run ended; while it runs, its peak memory so far (the kernel's high-water
    mark of the Pagefind process: wait4's would count the build process it was forked from)."""
    try:
        with Path(f"/proc/{run.process.pid}/status").open(encoding="ascii") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        run.peak = max(run.peak, int(line.split()[1]) / 1024)
    except (OSError, StopIteration, ValueError):
        pass  # ended, or not Linux
    return run.process.poll() is not None


def executable() -> str:
    return str(pagefind_bin.get_executable())


def estimate(pages: int) -> float:
    """The MiB a run of Pagefind over `pages` documents takes at its peak."""
    return MIB_PER_RUN + MIB_PER_PAGE * pages


def _start(key: tuple[str, str], job: "Job", scratch: Path) -> _Run:
    log = (scratch / f"{'-'.join(key)}.log").open("w+", encoding="utf-8")
    command = [executable(), "--site", str(job.site), "--output-path", str(job.folder), "--quiet"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    return _Run(key, job, process, log, time.monotonic())


def _finish(run: _Run) -> Bundle:
    lang, period = run.key
    run.log.seek(0)
    output = run.log.read()
    run.log.close()
    if run.process.returncode != 0:
        raise IndexingError(
            f"Pagefind failed on {lang} {period} ({run.process.returncode}): {output.strip()}"
        )
    # The bundle's entry file says what was indexed: every document and the first page, all
    # in this language.
    folder, documents = run.job.folder, run.job.documents
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {code: language["page_count"] for code, language in entry["languages"].items()}
    if pages != {lang: documents + 1}:
        raise IndexingError(f"Pagefind indexed {pages} in {lang} {period}, not {documents} pages")
    seconds = time.monotonic() - run.start
    return Bundle(lang, period, folder, documents, seconds, run.peak)


def write_bundles(work: dict[tuple[str, str], Job], budget: float = MEMORY_BUDGET) -> list[Bundle]:
    """work: {(language, period): Job}, at least one document each. The largest bundles start
    first; others join them while the processors and the memory budget allow."""
    deadline = time.monotonic() + TIMEOUT
    pending = sorted(work.items(), key=lambda item: -item[1].documents)
    slots = os.cpu_count() or 1
    running: list[_Run] = []
    done = []
    with tempfile.TemporaryDirectory(prefix="search-") as name:
        scratch = Path(name)
        try:
            while pending or running:
                used = sum(estimate(run.job.documents) for run in running)
                while pending and len(running) < slots:
                    # The largest bundle that fits in what is left of the budget.
                    fits = [
                        i
                        for i, (_, job) in enumerate(pending)
                        if not running or used + estimate(job.documents) <= budget
                    ]
                    if not fits:
                        break
                    key, job = pending.pop(fits[0])
                    running.append(_start(key, job, scratch))
                    used += estimate(job.documents)
                if time.monotonic() > deadline:
                    raise IndexingError(f"Pagefind took more than {TIMEOUT} s")
                finished = [run for run in running if _ended(run)]
                for run in finished:
                    running.remove(run)
                    done.append(_finish(run))
                if not finished:
                    time.sleep(0.02)
            return done
        finally:
            for run in running:  # a failed bundle stops the others
                if run.process.poll() is None:
                    run.process.kill()
                    run.process.wait()
                run.log.close()
