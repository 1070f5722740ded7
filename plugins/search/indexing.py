"""Pagefind run on the records' documents: one index, and one bundle, per language.

Pagefind's own command line (from the pagefind_bin package) indexes each language's documents.
Its Python API was tried first and measured: it sends custom records one request at a time and
polls for each answer every 0.1 s (20,000 records: over half an hour), and if its binary dies it
waits for the answer forever. The command line indexes a folder in one run, says how it failed
by its exit status, and can be given a time limit."""

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

from .documents import document, path_of

# A stuck binary must not hold the build (and the publication) forever; 10,000 cases take
# seconds.
TIMEOUT = 600  # seconds


class IndexingError(Exception):
    """Pagefind failed, or indexed other pages than it was given."""


@dataclass(frozen=True)
class Bundle:
    lang: str
    folder: Path
    pages: int  # what Pagefind says it indexed
    seconds: float  # from the start of indexing to the end of this language's run


def executable() -> str:
    return str(pagefind_bin.get_executable())


def _write_documents(site: Path, records) -> None:
    """A site of the language's documents alone, each at its communiqué's path."""
    site.mkdir()
    for record in records:
        path = site / path_of(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(record), encoding="utf-8")


def _start(site: Path, folder: Path) -> subprocess.Popen:
    command = [executable(), "--site", str(site), "--output-path", str(folder), "--quiet"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(lang, process, records, folder, deadline, start) -> Bundle:
    try:
        output, _ = process.communicate(timeout=max(deadline - time.monotonic(), 0))
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise IndexingError(f"Pagefind took more than {TIMEOUT} s to index {lang}") from None
    if process.returncode != 0:
        raise IndexingError(f"Pagefind failed on {lang} ({process.returncode}): {output.strip()}")
    # The bundle's entry file says what was indexed: every document, all in this language.
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {code: language["page_count"] for code, language in entry["languages"].items()}
    if pages != {lang: len(records)}:
        raise IndexingError(f"Pagefind indexed {pages} in {lang}, not {len(records)} pages")
    return Bundle(lang, folder, len(records), time.monotonic() - start)


def write_bundles(work: dict) -> list[Bundle]:
    """work: {language: (records, bundle folder)}, at least one record each. The languages are
    indexed side by side, each by its own Pagefind process."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="search-") as name:
        scratch = Path(name)
        running = {}
        try:
            for lang, (records, folder) in work.items():
                _write_documents(scratch / lang, records)
                running[lang] = _start(scratch / lang, folder)
            deadline = start + TIMEOUT
            return [
                _finish(lang, running[lang], records, folder, deadline, start)
                for lang, (records, folder) in work.items()
            ]
        finally:
            for process in running.values():  # a failed language stops the others
                if process.poll() is None:
                    process.kill()
                    process.wait()
