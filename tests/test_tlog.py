"""The transparency log: RFC 6962 hashing, C2SP tiles and signed checkpoints, checked against
Go's own implementation (golang.org/x/mod/sumdb), and what the build refuses."""

import base64
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communiques_site.tlog import tiles
from communiques_site.tlog.log import Log
from communiques_site.tlog.note import Checkpoint, NoteError, Verifier, new_signer
from communiques_site.tlog.settings import LogOptions
from communiques_site.tlog.settings import signer as configured_signer
from sites import codes, translation_files
from tlog_helpers import entry, synthetic_log

# RFC 6962's test leaves and the tree heads published with them (certificate-transparency-go).
LEAVES = [
    bytes.fromhex(h)
    for h in (
        *("", "00", "10", "2021", "3031", "40414243", "5051525354555657"),
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = {
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}


def mth(leaves):
    """RFC 6962's definition, recursive, as the spec writes it."""
    if len(leaves) == 1:
        return tiles.leaf_hash(leaves[0])
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return tiles.node_hash(mth(leaves[:k]), mth(leaves[k:]))


def test_tree_hashes_are_rfc_6962s():
    for size, expected in ROOTS.items():
        tree = tiles.levels([tiles.leaf_hash(leaf) for leaf in LEAVES[:size]])
        assert tiles.root(tree).hex() == expected
    assert tiles.root([[]], 0) == hashlib.sha256(b"").digest()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 600), st.data())
def test_appending_gives_the_tree_of_every_entry(size, data):
    leaves = [entry(n) for n in range(size)]
    cut = data.draw(st.integers(0, size))
    hashes = [tiles.leaf_hash(leaf) for leaf in leaves]
    whole = tiles.levels(hashes)
    assert tiles.extend(tiles.levels(hashes[:cut]) if cut else [], hashes[cut:]) == whole
    for prefix in {1, cut or 1, size}:
        assert tiles.root(whole, prefix) == mth(leaves[:prefix])


def test_tile_paths_are_c2sps():
    assert tiles.index_path(1234067) == "x001/x234/067"
    assert tiles.index_path(5) == "005"
    assert tiles.tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tiles.tile_path("entries", 0, 5) == "tile/entries/000.p/5"


def test_a_signed_checkpoint_opens_with_its_key_only():
    signer = new_signer("example.invalid/log")
    text = Checkpoint("example.invalid/log", 3, b"\x01" * 32).text()
    note = signer.sign(text)
    assert Verifier.parse(signer.verifier_key).open(note) == text
    other = new_signer("example.invalid/log")
    with pytest.raises(NoteError, match="is not signed by"):
        Verifier.parse(other.verifier_key).open(note)
    flipped = note.replace("\n3\n", "\n4\n")
    with pytest.raises(NoteError, match="does not verify"):
        Verifier.parse(signer.verifier_key).open(flipped)


def test_the_key_hash_is_the_signed_note_specs():
    signer = configured_signer(LogOptions())
    public = base64.b64decode(signer.verifier_key.split("+", 2)[2])[1:]
    expected = hashlib.sha256(signer.name.encode() + b"\n\x01" + public).digest()[:4]
    assert signer.verifier_key.split("+")[1] == expected.hex()
    assert "THROW-AWAY-KEY-NOT-OFFICIAL" in signer.name


def test_appending_rewrites_only_the_right_most_tiles(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    synthetic_log(first, 600)
    grown = synthetic_log(second, 700, published=first)
    assert grown.entries[:600] == Log(grown.signer, str(first), [], {}).entries
    for name in ("log/tile/0/000", "log/tile/0/001", "log/tile/entries/001"):
        assert (second / name).stat().st_ino == (first / name).stat().st_ino, name
    assert (second / "log/tile/0/002.p/188").exists()
    assert not (second / "log/tile/0/002.p/88").exists()
    assert json.loads(grown.entries[650])["id"] == "case-00650"


CASE = "2026-11-27-casablanca-robbery"


def logged(output):
    """(size, entries) of a built site's log, its checkpoint verified."""
    head = Checkpoint.parse(
        Verifier.parse(configured_signer(LogOptions()).verifier_key).open(
            (output / "log/checkpoint").read_text()
        )
    )
    entries = []
    for n in range((head.size + 255) // 256):
        width = min(256, head.size - 256 * n)
        entries += tiles.unbundle(
            (output / "log" / tiles.tile_path("entries", n, width)).read_bytes()
        )
    assert tiles.root(tiles.levels([tiles.leaf_hash(e) for e in entries])) == head.root
    return head.size, entries


def kinds(entries):
    return [(json.loads(e)["lang"], json.loads(e)["kind"]) for e in entries]


def case_file(site, lang):
    return site.content / "communiques" / "2026" / f"{CASE}.{lang}.md"


def test_each_change_appends_its_events_and_keeps_the_log(tmp_path):
    from communiques_site.communiques import editing
    from sites import case_files, make_site

    site = make_site(tmp_path, case_files(CASE))
    assert site.build().ok
    size, first = logged(site.output)
    # The log takes a change's languages in the order of their codes.
    assert kinds(first) == [(lang, "publication") for lang in sorted(codes())]
    editing.add_update(case_file(site, "ar"), "2026-11-28T10:00", "تصحيح.", kind="minor")
    for path in translation_files(site, CASE):
        editing.add_update(path, "2026-11-28T10:00", "Correction.")
    assert site.build().ok
    _, second = logged(site.output)
    assert second[:size] == first
    assert kinds(second[size:]) == [(lang, "update-minor") for lang in sorted(codes())]
    editing.add_withdrawal(case_file(site, "ar"), "نشر عن طريق الخطأ.", "2026-11-28T11:00")
    for path in translation_files(site, CASE):
        editing.add_withdrawal(path, "Publié par erreur.")
    assert site.build().ok
    _, third = logged(site.output)
    assert third[: len(second)] == second
    assert kinds(third[len(second) :]) == [(lang, "withdrawal") for lang in sorted(codes())]
    # What a reader copies from the page is what the entry's body digest was made from.
    from communiques_site.tlog.canonical import body_digest

    page = (site.output / "fr/communiques" / CASE / "index.html").read_text()
    body = page.split('id="text-title"', 1)[1].split("</h2>", 1)[1].split("</section>", 1)[0]
    import re

    text = re.sub(r"<[^>]+>", " ", body)
    assert json.loads(third[-1])["body"] == body_digest(html_unescape(text))


def html_unescape(text):
    import html

    return html.unescape(text)


def test_a_logged_event_cannot_be_redated(tmp_path):
    from communiques_site.communiques import editing
    from sites import case_files, make_site

    site = make_site(tmp_path, case_files(CASE))
    editing.add_update(case_file(site, "ar"), "2026-11-28T10:00", "تصحيح.", kind="minor")
    for path in translation_files(site, CASE):
        editing.add_update(path, "2026-11-28T10:00", "Correction.")
    assert site.build().ok
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    for lang in codes():
        path = case_file(site, lang)
        path.write_text(path.read_text().replace("2026-11-28T10:00", "2026-11-28T09:00"))
    # With a change note, the record lets the files change: the log must hold the date.
    editing.add_update(case_file(site, "ar"), "2026-11-28T11:00", "تحيين.", kind="minor")
    for path in translation_files(site, CASE):
        editing.add_update(path, "2026-11-28T11:00", "Mise à jour.")
    result = site.build()
    assert not result.ok
    messages = [str(p) for p in result.problems]
    lines = {
        lang: next(
            n
            for n, text in enumerate(case_file(site, lang).read_text().split("\n"), 1)
            if text.startswith("updates:")
        )
        for lang in codes()
    }
    # The log's entries: the publications, one per language, then the updates, each change's
    # languages in the order of their codes.
    entry = {lang: len(codes()) + n for n, lang in enumerate(sorted(codes()))}
    assert messages == sorted(
        f"content/communiques/2026/{CASE}.{lang}.md:{lines[lang]}: updates: the public log "
        f"holds this communiqué's update-minor of 2026-11-28T10:00:00+01:00 ({lang}, entry "
        f"{entry[lang]}), which the content no longer has; the log cannot be rewritten: restore "
        "the date as it was published and say what changed with an update"
        for lang in codes()
    )
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("target", ["entries/000.p/{n}", "0/000.p/{n}"])
def test_a_build_refuses_to_extend_an_altered_log(tmp_path, target):
    from sites import case_files, make_site

    site = make_site(tmp_path, case_files(CASE))
    assert site.build().ok
    # A partial tile of the log's first entries: one publication per language.
    path = site.output / "log" / "tile" / target.format(n=len(codes()))
    data = bytearray(path.read_bytes())
    data[10] ^= 1
    path.write_bytes(bytes(data))
    result = site.build(force=True)
    if target.startswith("0/"):
        # A hash tile is made again from the entries: the build repairs it.
        assert result.ok
        assert logged(site.output)[0] == len(codes())
        return
    size = len(codes())
    assert [str(p) for p in result.problems] == [
        "log/checkpoint:2: root: the published entries do not hash to the checkpoint's root "
        f"(size {size}, {size} entries read): the published log was altered; restore it from the "
        "last publication before building"
    ]
