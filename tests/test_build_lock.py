"""One publication at a time (core.lock), and a sentence rather than a traceback when the output
cannot be written: in both cases the published site stays as it was."""

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communiques_site.core import lock
from conftest import ROOT
from sites import case_files, make_site

INVOKE = Path(sys.executable).parent / "invoke"

HOLDER = """\
import sys, time
from pathlib import Path
from communiques_site.core import lock
with lock.hold({path!r}, wait=0):
    Path({ready!r}).touch()
    while not Path({release!r}).exists():
        time.sleep(0.05)
"""


def hold_in_another_process(tmp_path, path):
    """A process holding the lock `path` until the returned `release` file exists."""
    ready, release = tmp_path / "ready", tmp_path / "release"
    script = HOLDER.format(path=str(path), ready=str(ready),
                           release=str(release))  # fmt: skip
    holder = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while not ready.exists():
        assert holder.poll() is None and time.monotonic() < deadline, "the holder did not start"
        time.sleep(0.05)
    return holder, release


def test_a_second_build_says_who_holds_the_lock_and_gives_up_when_told_not_to_wait(tmp_path):
    served = tmp_path / "www" / "communiques"
    served.parent.mkdir()
    holder, release = hold_in_another_process(tmp_path, lock.lock_path(served))
    try:
        written = lock.lock_path(served).read_text()
        assert f"pid {holder.pid}, user " in written and "-c" in written
        second = subprocess.run(
            [str(INVOKE), "build", "--output", str(served), "--wait", "0"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        release.touch()
        holder.wait(10)
    assert second.returncode == 1
    assert f"another build is publishing {served}: pid {holder.pid}" in second.stderr
    assert "Traceback" not in second.stderr
    assert not served.exists()  # it did not build


def test_the_second_waits_for_the_first_then_takes_the_lock(tmp_path):
    path = tmp_path / "output.lock"
    holder, release = hold_in_another_process(tmp_path, path)
    said = []
    releaser = subprocess.Popen(["sh", "-c", f"sleep 0.5; touch {release}"])
    started = time.monotonic()
    with lock.hold(path, wait=20, say=said.append):
        waited = time.monotonic() - started
        assert f"pid {os.getpid()}," in path.read_text()
    releaser.wait()
    holder.wait(10)
    assert waited >= 0.4
    assert len(said) == 1 and f"pid {holder.pid}" in said[0]
    assert path.read_text() == ""  # released: nobody is named any more


def test_a_busy_lock_times_out_with_the_holder_named(tmp_path):
    path = tmp_path / "output.lock"
    holder, release = hold_in_another_process(tmp_path, path)
    try:
        busy = lock.hold(path, wait=0.3, say=lambda _: None)
        with pytest.raises(lock.Busy, match=f"pid {holder.pid}"), busy:
            pass
    finally:
        release.touch()
        holder.wait(10)


def failing(original, code, inside):
    """`original` (a Path method) raising OSError(code) for the paths of a staging folder."""

    def method(path, *args, **kwargs):
        if inside in str(path):
            raise OSError(code, os.strerror(code), str(path))
        return original(path, *args, **kwargs)

    return method


def test_a_full_disk_is_one_sentence_and_the_published_site_is_unchanged(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", case_files())
    assert site.build().ok
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    monkeypatch.setattr(Path, "write_text", failing(Path.write_text, errno.ENOSPC, ".staging-"))
    result = site.build(force=True)
    assert not result.ok
    [problem] = result.problems
    shown = str(problem)
    assert shown.startswith(f"no space left while writing {site.output}.staging-")
    assert shown.endswith("; the published site is unchanged")
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before
    assert not list(site.output.parent.glob("output.staging-*"))


def test_an_output_folder_that_cannot_be_made_is_one_sentence(tmp_path, monkeypatch):
    # chmod does not stop root (the tests' CI), so the refusal is simulated where it happens.
    site = make_site(tmp_path / "site", case_files())
    monkeypatch.setattr(Path, "mkdir", failing(Path.mkdir, errno.EACCES, ".staging-"))
    result = site.build()
    assert not result.ok
    assert str(result.problems[0]) == (
        f"cannot write {site.output}.staging-{os.getpid()} (Permission denied); "
        "the published site is unchanged"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="chmod does not stop root")
def test_a_read_only_parent_folder_is_one_sentence(tmp_path):
    site = make_site(tmp_path / "site", case_files())
    parent = tmp_path / "www"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = site.build(OUTPUT_PATH=str(parent / "communiques"))
    finally:
        parent.chmod(0o755)
    assert not result.ok
    assert str(result.problems[0]).endswith("; the published site is unchanged")
