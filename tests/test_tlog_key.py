"""The log's signing key: created by the installer for the publishing user alone, named by the
settings, refused when it is missing, unreadable, readable by others or not a key."""

import subprocess
import sys

from communiques_site.tlog.note import Verifier, parse_signer
from conftest import ROOT
from sites import case_files, make_site


def install_key(path, name="example.invalid/log"):
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "deploy/hooks/install.py"),
            "/nonexistent",
            "--served",
            "/nonexistent",
            "--log-key",
            str(path),
            "--log-name",
            name,
        ],
        capture_output=True,
        text=True,
    )


def test_the_installer_makes_a_key_for_the_publishing_user_alone(tmp_path):
    key = tmp_path / "keys" / "log.key"
    result = install_key(key)
    assert (key.stat().st_mode & 0o777) == 0o600
    signer = parse_signer(key.read_text())
    printed = result.stdout.splitlines()[1]
    assert printed == f"Verifier key: {signer.verifier_key}"
    assert Verifier.parse(signer.verifier_key).name == "example.invalid/log"
    again = install_key(key)
    assert again.returncode == 1
    assert "exists already; a log keeps its key" in again.stderr
    assert parse_signer(key.read_text()).verifier_key == signer.verifier_key


def problems(tmp_path, value, env=None):
    site = make_site(tmp_path / "site", case_files())
    result = site.build(LOG={"key": value})
    return [str(p) for p in result.problems]


def test_a_key_readable_by_others_is_refused(tmp_path):
    key = tmp_path / "log.key"
    assert install_key(key).returncode in (0, 1)
    key.chmod(0o644)
    assert problems(tmp_path, str(key)) == [
        f"pelicanconf.py:1: LOG['key']: {key} can be read by others (mode 644); only the "
        f"publishing user may read it: chmod 600 {key}"
    ]


def test_a_missing_key_is_refused_before_anything_is_built(tmp_path, monkeypatch):
    how = "create one with deploy/hooks/install.py --log-key PATH --log-name ORIGIN"
    missing = tmp_path / "none.key"
    assert problems(tmp_path, str(missing)) == [
        f"pelicanconf.py:1: LOG['key']: {missing} cannot be read (No such file or directory); "
        + how
    ]
    monkeypatch.delenv("COMMUNIQUES_LOG_KEY", raising=False)
    assert problems(tmp_path / "b", "env:COMMUNIQUES_LOG_KEY") == [
        "pelicanconf.py:1: LOG['key']: the variable COMMUNIQUES_LOG_KEY is not set; set it to "
        "the log's signing key, or " + how
    ]
    monkeypatch.setenv("COMMUNIQUES_LOG_KEY", "not a key")
    assert problems(tmp_path / "c", "env:COMMUNIQUES_LOG_KEY") == [
        "pelicanconf.py:1: LOG['key']: the variable COMMUNIQUES_LOG_KEY is not a signing key "
        "(PRIVATE+KEY+<name>+<hash>+<key>); " + how
    ]


def test_a_log_signed_with_another_key_is_not_extended(tmp_path):
    site = make_site(tmp_path / "site", case_files())
    assert site.build().ok
    key = tmp_path / "log.key"
    install_key(key, "example.invalid/log2")
    result = site.build(LOG={"key": str(key)})
    assert [str(p) for p in result.problems] == [
        "log/checkpoint:1: signature: the published checkpoint is not signed by "
        "example.invalid/log2; a log signed with another key (LOG['key']) cannot be extended: "
        "see 'Rotating the key' in README.md"
    ]
