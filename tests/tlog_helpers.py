"""Shared by the log's tests: the Go verifier, built once per session, and synthetic logs."""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

from communiques_site.communiques.model import Case, Text, Video
from communiques_site.tlog.entries import Event
from communiques_site.tlog.log import Log, write
from communiques_site.tlog.settings import LogOptions
from communiques_site.tlog.settings import signer as configured_signer
from sites import codes

ROOT = Path(__file__).resolve().parent.parent
GO_SOURCE = ROOT / "tests" / "go" / "tlogverify"
# Debian's golang-golang-x-mod-dev puts golang.org/x/mod here: built in GOPATH mode, offline.
GOPATH = "/usr/share/gocode"


def build_go_verifier(folder: Path) -> Path:
    go = shutil.which("go")
    if go is None or not (Path(GOPATH) / "src/golang.org/x/mod/sumdb/tlog").is_dir():
        raise RuntimeError(
            "the Go verifier needs golang-go and golang-golang-x-mod-dev "
            "(scripts/system-deps.sh installs them)"
        )
    binary = folder / "tlogverify"
    env = {
        "GO111MODULE": "off",
        "GOPATH": GOPATH,
        "GOCACHE": str(folder / "cache"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
    }
    subprocess.run(
        [go, "build", "-o", str(binary), "."], cwd=GO_SOURCE, env=env, check=True, timeout=300
    )
    return binary


def go_verify(binary: Path, site: Path):
    """(exit status, stdout, stderr) of the Go verifier on a site's log."""
    key = (site / ".well-known" / "communiques-log-key").read_text().strip()
    result = subprocess.run(
        [str(binary), str(site), key], capture_output=True, text=True, timeout=120
    )
    return result.returncode, result.stdout, result.stderr


def entry(n: int) -> bytes:
    """A synthetic entry, as the log's entries look."""
    value = {"id": f"case-{n:05d}", "lang": "fr", "kind": "publication", "at": f"{n}"}
    return json.dumps(value).encode()


def synthetic_log(folder, size, published=None):
    signer = configured_signer(LogOptions())
    events = [Event((n,), entry(n)) for n in range(size)]
    found = Log(signer, published, events, {})
    assert not found.problems, found.problems.items
    (folder / ".well-known").mkdir(parents=True, exist_ok=True)
    (folder / ".well-known" / "communiques-log-key").write_text(signer.verifier_key)
    write(folder, found, published)
    return found


def case(n, at):
    """A case of the content model, published at `at`, in two languages."""
    texts = {
        lang: Text(
            lang, f"content/{n}.{lang}.md", f"Titre {n}", "Résumé", None, f"<p>Texte {n}</p>"
        )
        for lang in codes()
    }
    return Case(
        id=f"2026-01-01-case-{n}",
        type="arrest",
        original_lang="ar",
        published=at,
        city="casablanca",
        issuer="police-casablanca",
        offences=("theft",),
        video=Video("tiktok", at - timedelta(hours=3), None, "authentic"),
        arrested_at=None,
        suspects=(),
        sought=0,
        initial_status="referred-to-prosecutor",
        seized=(),
        updates=(),
        withdrawn=None,
        texts=texts,
    )
