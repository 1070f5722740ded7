"""An independent implementation verifies what the build publishes: Go's own
golang.org/x/mod/sumdb/note and sumdb/tlog (Debian's golang-go and golang-golang-x-mod-dev, built
offline in GOPATH mode) check the checkpoint's signature and an inclusion proof, read from the
hash tiles, for every entry (tests/go/tlogverify)."""

import pytest

from tlog_helpers import build_go_verifier, go_verify, synthetic_log


@pytest.fixture(scope="session")
def go_verifier(tmp_path_factory):
    return build_go_verifier(tmp_path_factory.mktemp("go"))


def test_go_verifies_every_demo_communique(go_verifier, demo_site):
    status, out, err = go_verify(go_verifier, demo_site)
    assert status == 0, err
    proved = {tuple(line.split()[2:4]) for line in out.splitlines() if line.startswith("entry")}
    pages = {
        (page.parent.name, page.parent.parent.parent.name)
        for page in demo_site.glob("*/communiques/*/index.html")
    }
    assert pages and pages <= proved
    head = out.splitlines()[0].split()
    assert head[1] == "demo.communiques.invalid/log/THROW-AWAY-KEY-NOT-OFFICIAL"


def test_go_verifies_a_log_of_many_tiles(go_verifier, tmp_path):
    """600 entries: two full tiles, a partial one, and a tile of level 1."""
    synthetic_log(tmp_path, 600)
    assert (tmp_path / "log/tile/1/000.p/2").exists()
    status, out, err = go_verify(go_verifier, tmp_path)
    assert status == 0, err
    assert out.count("\nentry ") == 600


@pytest.mark.parametrize(
    "target",
    ["log/tile/0/001", "log/tile/1/000.p/2", "log/tile/entries/002.p/88", "log/checkpoint"],
)
def test_go_rejects_a_flipped_byte(go_verifier, tmp_path, target):
    synthetic_log(tmp_path, 600)
    path = tmp_path / target
    data = bytearray(path.read_bytes())
    data[40 if target.endswith("checkpoint") else 5] ^= 1
    path.write_bytes(bytes(data))
    status, _, err = go_verify(go_verifier, tmp_path)
    assert status == 1, err
    assert err.strip()
