"""Varnish with the deploy configuration (deploy/varnish/default.vcl) in front of a local nginx,
on a free loopback port: only the backend's address is replaced. varnishd runs in the
foreground (-F) with its working folder in a temporary folder and no privilege separation (-j
none: the tests' user owns everything), so each test process has its own."""

import contextlib
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from webserver import answers, free_port

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"


def varnishd_path():
    return shutil.which("varnishd") or "/usr/sbin/varnishd"


def vcl(origin):
    """default.vcl with the backend at the origin's address."""
    parts = urllib.parse.urlsplit(origin)
    text = VCL.read_text(encoding="utf-8")
    for pattern, replacement in (
        (r'^(\s*)\.host\s*=\s*"[^"]*";', rf'\g<1>.host = "{parts.hostname}";'),
        (r'^(\s*)\.port\s*=\s*"[^"]*";', rf'\g<1>.port = "{parts.port}";'),
    ):
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count == 1, f"deploy/varnish/default.vcl has no line matching {pattern!r}"
    return text


@contextlib.contextmanager
def serve(origin, folder, attempts=3):
    """The base URL of Varnish in front of `origin`; `folder` holds its VCL and workdir."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "default.vcl").write_text(vcl(origin), encoding="utf-8")
    for _ in range(attempts):
        port = free_port()
        command = [
            varnishd_path(),
            "-F",
            "-j",
            "none",
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "none",
            "-f",
            str(folder / "default.vcl"),
            "-n",
            str(folder / "work"),
            "-s",
            "malloc,64m",
            "-p",
            "http_gzip_support=off",
        ]
        with (folder / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen(command, stdout=stderr, stderr=stderr)
        url = f"http://127.0.0.1:{port}"
        if answers(url + "/", process, time.monotonic() + 30):
            break
        process.kill()
        process.wait()
        error = (folder / "stderr.log").read_text(errors="replace")
        if "in use" not in error and "Address" not in error:
            raise RuntimeError(f"varnishd did not start:\n{error}")
    else:
        raise RuntimeError("varnishd found no free port")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
