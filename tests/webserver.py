"""The production nginx configuration, serving a built site on a free loopback port.

deploy/nginx.conf is used as it is, with four lines replaced (listen, server_name, root and the
path of the security-headers snippet), inside a main configuration that keeps every file nginx
writes in a temporary folder: the tests check the headers and media types readers will get.
nginx runs as the user who runs the tests, in the foreground, one process (master_process off),
so that each pytest-xdist worker has its own on its own port.
"""

import contextlib
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "deploy" / "nginx.conf"
HEADERS = ROOT / "deploy" / "security-headers.conf"
# Modules whose temporary folder nginx prepares at start-up when it is built with them.
TEMP_PATHS = {
    "proxy": "proxy_temp_path",
    "fastcgi": "fastcgi_temp_path",
    "uwsgi": "uwsgi_temp_path",
    "scgi": "scgi_temp_path",
}
# Debian's nginx loads its modules from /etc/nginx/modules-enabled/, links to these files, whose
# load_module lines name the module relative to Debian's prefix.
MODULES = Path("/usr/share/nginx/modules-available")
DEBIAN_PREFIX = Path("/usr/share/nginx")
SERVER_MODULES = ("mod-http-brotli-static.conf",)  # what deploy/nginx.conf needs
MAIN = """\
{modules}
master_process off;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    access_log off;
    client_body_temp_path {folder}/client_body;
{temp_paths}
    include {folder}/server.conf;
}}
"""


def nginx_path():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def server_config(root, port):
    """deploy/nginx.conf with this machine's root and port; the rest is what production runs."""
    text = SERVER.read_text(encoding="utf-8")
    for pattern, replacement in (
        (r"^(\s*)listen\s[^;]*;", rf"\g<1>listen 127.0.0.1:{port};"),
        (r"^(\s*)server_name\s[^;]*;", r"\g<1>server_name localhost;"),
        (r"^(\s*)root\s[^;]*;", rf"\g<1>root {root};"),
        (r"^(\s*)include\s+\S*security-headers\.conf;", rf"\g<1>include {HEADERS};"),
    ):
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        assert count, f"deploy/nginx.conf has no line matching {pattern!r}"
    return text


def main_config(folder, connections=64):
    built = subprocess.run([nginx_path(), "-V"], capture_output=True, text=True).stderr
    temp_paths = "\n".join(
        f"    {directive} {folder}/{module};"
        for module, directive in TEMP_PATHS.items()
        if f"--without-http_{module}_module" not in built
    )
    return MAIN.format(
        folder=folder, temp_paths=temp_paths, modules=modules(), connections=connections
    )


def modules():
    """The load_module lines of Debian's modules-available files, with absolute paths (the
    test's nginx runs with its own prefix)."""
    lines = []
    for name in SERVER_MODULES:
        text = (MODULES / name).read_text(encoding="utf-8")
        for path in re.findall(r"^\s*load_module\s+(\S+);", text, flags=re.M):
            lines.append(f"load_module {(DEBIAN_PREFIX / path).resolve()};")
    return "\n".join(lines)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url, process, deadline):
    """Whether the server started as `process` answers `url` (any status) before `deadline`."""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return True
        except urllib.error.HTTPError:
            return True  # an answer, even a 404
        except OSError:
            time.sleep(0.05)
    return False


@contextlib.contextmanager
def serve(root, folder, attempts=5, connections=64):
    """The base URL of nginx serving `root`; `folder` holds its configuration and files.
    `connections`: how many it holds at once (invoke loadtest opens a thousand)."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(main_config(folder, connections), encoding="utf-8")
    for _ in range(attempts):  # another process may take the free port before nginx does
        port = free_port()
        (folder / "server.conf").write_text(server_config(Path(root).resolve(), port), "utf-8")
        command = [nginx_path(), "-p", str(folder), "-e", str(folder / "error.log")]
        with (folder / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen(
                [*command, "-c", str(folder / "nginx.conf")],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        url = f"http://127.0.0.1:{port}"
        if answers(url + "/", process, time.monotonic() + 10):
            break
        process.kill()
        process.wait()
        error = (folder / "stderr.log").read_text(errors="replace")
        if "in use" not in error:
            raise RuntimeError(f"nginx did not start:\n{error}")
    else:
        raise RuntimeError("nginx found no free port")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
