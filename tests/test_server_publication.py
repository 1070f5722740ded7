"""The publication after a push, as on the publishing server: it builds the tip of the published
branch when it gets the lock (never an older commit), a push whose publication gave up waiting
is published by the scheduled line of the README, a killed build says so, and WebSub hubs that
refuse connections or never answer hold up neither the publication nor the lock."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from werkzeug import Response

from communiques_site.core import lock
from test_build_lock import hold_in_another_process
from test_git_path import git, make_server, page
from test_server_gates import add_case

INVOKE = Path(sys.executable).parent / "invoke"
SITEURL = "https://communiques.dgsn.gov.ma"  # publishconf.py's
THEFT, FRAUD = "2026-11-27-casablanca-theft", "2026-11-27-casablanca-fraud"


@pytest.fixture
def server(tmp_path):
    return make_server(tmp_path)


def home(bare):
    """The publishing checkout (make_server clones it beside the bare repository)."""
    return bare.parent / "srv" / "communiques"


def cron(bare, served):
    """The README's scheduled line: cd /srv/communiques && .venv/bin/invoke publish --output …"""
    return subprocess.run(
        [str(INVOKE), "publish", "--output", str(served)],
        cwd=home(bare),
        capture_output=True,
        text=True,
    )


def pushed_while_busy(officer, bare, served, tmp_path, *cases):
    """Each case pushed while another build holds the lock: none is published."""
    git(bare, "config", "communiques.wait", "0")
    holder, release = hold_in_another_process(tmp_path, lock.lock_path(served))
    commits = []
    try:
        for case in cases:
            commits.append(add_case(officer, case, case))
            pushed = git(officer, "push", "origin", "main", check=False)
            assert pushed.returncode == 0, pushed.stderr
            assert "remote: not published yet: another build is publishing" in pushed.stderr
            assert "; the next scheduled build will publish it." in pushed.stderr
    finally:
        release.touch()
        holder.wait(10)
    return commits


def test_a_publication_that_waited_builds_the_tip_not_its_own_older_commit(server, tmp_path):
    officer, bare, served = server
    first, second = pushed_while_busy(officer, bare, served, tmp_path, THEFT, FRAUD)

    # The first push's post-receive gets the lock last, after the second push.
    late = subprocess.run(
        [str(bare / "hooks" / "post-receive")],
        cwd=bare,
        env=dict(os.environ, GIT_DIR="."),
        input=f"{'0' * 40} {first} refs/heads/main\n",
        capture_output=True,
        text=True,
    )

    assert late.returncode == 0, late.stderr
    assert git(home(bare), "rev-parse", "HEAD").stdout.strip() == second
    assert page(served, THEFT).exists() and page(served, FRAUD).exists()
    assert "cannot be deleted" not in late.stderr


def test_the_scheduled_line_publishes_a_push_whose_publication_timed_out(server, tmp_path):
    officer, bare, served = server
    # As on a server installed before install.py named the bare repository in the checkout.
    git(home(bare), "config", "--unset", "communiques.repository")
    [commit] = pushed_while_busy(officer, bare, served, tmp_path, THEFT)

    scheduled = cron(bare, served)

    assert scheduled.returncode == 0, scheduled.stdout + scheduled.stderr
    assert "Nothing changed" not in scheduled.stdout
    assert page(served, THEFT).exists()
    assert git(home(bare), "rev-parse", "HEAD").stdout.strip() == commit
    assert "Nothing changed since" in cron(bare, served).stdout


def test_a_killed_build_says_it_was_killed_and_the_live_site_is_unchanged(server):
    officer, bare, served = server
    add_case(officer, THEFT, "Casablanca: theft")
    assert git(officer, "push", "origin", "main", check=False).returncode == 0
    live = {p: p.read_bytes() for p in served.rglob("*") if p.is_file()}
    add_case(officer, FRAUD, "Casablanca: fraud")

    killed = []
    watcher = threading.Thread(target=kill_build, args=(served, killed), daemon=True)
    watcher.start()
    pushed = git(officer, "push", "origin", "main", check=False)
    watcher.join(5)

    assert killed, pushed.stderr
    assert (
        "remote: not published: the build was stopped by signal 9 (SIGKILL) before it put the "
        "new site live; the site that was live stays live, and the next scheduled build will "
        "publish it." in pushed.stderr
    )
    assert "see above" not in pushed.stderr
    assert {p: p.read_bytes() for p in served.rglob("*") if p.is_file()} == live
    assert cron(bare, served).returncode == 0 and page(served, FRAUD).exists()


def kill_build(served, killed, within=60):
    """kill -9 the `invoke publish --output <served>` process as soon as it runs."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and not killed:
        for proc in Path("/proc").iterdir():
            try:
                command = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"publish" in command and str(served).encode() in command:
                os.kill(int(proc.name), signal.SIGKILL)
                killed.append(int(proc.name))
                return
        time.sleep(0.01)


@pytest.fixture
def silent_hub(served_lock):
    """A hub that accepts connections and never answers; what the lock file said at each."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    done, held, seen = threading.Event(), [], []

    def accept():
        while not done.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue
            seen.append(served_lock.read_text() if served_lock.exists() else "")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hub", seen
    done.set()
    thread.join(timeout=2)
    server.close()
    for connection in held:
        connection.close()


@pytest.fixture
def served_lock(tmp_path):
    return lock.lock_path(tmp_path / "www" / "communiques")


def test_hubs_that_refuse_or_never_answer_hold_up_neither_the_publication_nor_the_lock(
    tmp_path, silent_hub, served_lock, httpserver
):
    with socket.create_server(("127.0.0.1", 0)) as closed:
        refusing = f"http://127.0.0.1:{closed.getsockname()[1]}/hub"  # nothing listens there
    silent, seen = silent_hub
    answer, received = {"status": 503}, []

    def hub(request):
        if answer["status"] < 300:
            received.append(parse_qs(request.get_data(as_text=True))["hub.url"][0])
        return Response(status=answer["status"])

    httpserver.expect_request("/hub", method="POST").respond_with_handler(hub)
    working = httpserver.url_for("/hub")
    hubs = (refusing, silent, working)
    officer, bare, served = make_server(tmp_path, f"hubs={hubs!r}, ping_timeout=0.5, ping_pause=0")
    assert lock.lock_path(served) == served_lock

    add_case(officer, THEFT, "Casablanca: theft")
    pushed = git(officer, "push", "origin", "main", check=False)

    assert pushed.returncode == 0, pushed.stderr
    assert page(served, THEFT).exists()
    changed = int(pushed.stderr.split("feeds changed")[0].rsplit(": ", 1)[1])
    assert changed > 20
    assert f"remote: Published to {served}: {changed} feeds changed." in pushed.stderr
    # One attempt per hub, out of the lock; every ping waits for a later publication.
    assert seen == [""]
    assert len(httpserver.log) == 1 and received == []
    for url, reason in (
        (refusing, "could not connect to the hub after 1 attempt"),
        (silent, "no answer within 0.5 s after 1 attempt"),
        (working, "hub answered 503 Service Unavailable after 1 attempt"),
    ):
        assert f"remote: hub {url}: {reason}; {changed} pings wait" in pushed.stderr
    assert "not published" not in pushed.stderr

    answer["status"] = 204
    scheduled = cron(bare, served)
    assert "Nothing changed since" in scheduled.stdout
    assert len(seen) == 2  # the silent hub tried once more, no more
    assert len(received) == changed == len(set(received))
    assert f"{SITEURL}/fr/feeds/all.atom" in received

    again = cron(bare, served)
    assert len(received) == changed  # nothing is pinged twice
    assert again.returncode == 0


def test_the_scheduled_line_killed_leaves_no_build_running_without_the_lock(server, tmp_path):
    """When the checkout moved, `invoke publish` builds in a child that takes its lock over;
    killed, it takes the child with it: no build swaps the folder once the lock is free."""
    officer, bare, served = server
    pushed_while_busy(officer, bare, served, tmp_path, THEFT)
    scheduled = subprocess.Popen(
        [str(INVOKE), "publish", "--output", str(served)],
        cwd=home(bare),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    child = None
    deadline = time.monotonic() + 60
    while child is None and time.monotonic() < deadline and scheduled.poll() is None:
        child = next(iter(processes(b"--config", str(served).encode())), None)
        time.sleep(0.01)
    assert child, "the checkout moved: a child process builds"
    scheduled.send_signal(signal.SIGKILL)
    scheduled.wait(10)
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)

    assert not Path(f"/proc/{child}").exists()
    assert not page(served, THEFT).exists()


def processes(*words):
    """The pids whose command line has all these words."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if proc.name.isdigit() and all(word in command for word in words):
            found.append(int(proc.name))
    return found
