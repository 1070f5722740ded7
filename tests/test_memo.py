"""What plugins derived in earlier builds (core.memo): a publication derives again only what
changed, and never serves a value made from other inputs."""

import pickle

from communiques_site.core.memo import Memo, prune
from communiques_site.share import hooks as share_hooks
from communiques_site.tlog import hooks as tlog_hooks
from sites import codes, make_site
from test_search import another_case


def test_a_value_is_made_once_then_read_from_the_earlier_build(tmp_path):
    made = []

    def make(value):
        return lambda: made.append(value) or value

    first = Memo(tmp_path, "kind", "base-1")
    assert first.get("a", make(1)) == 1 and first.get("b", make(2)) == 2
    assert first.get("a", make(10)) == 1  # asked twice in a build: made once
    first.save()
    second = Memo(tmp_path, "kind", "base-1")
    assert second.get("a", make(3)) == 1  # made by the earlier build
    second.save()
    assert made == [1, 2]
    # What this build did not ask for leaves the memo: a removed case leaves with it.
    assert Memo(tmp_path, "kind", "base-1").get("b", make(4)) == 4


def test_another_build_digest_starts_afresh_and_removes_the_old_file(tmp_path):
    old = Memo(tmp_path, "kind", "base-1")
    old.get("a", lambda: "made by the old code")
    old.save()
    new = Memo(tmp_path, "kind", "base-2")
    assert new.get("a", lambda: "made by the new code") == "made by the new code"
    new.save()
    prune(tmp_path, "base-2")  # as a publication does once its memos are saved
    assert [path.name for path in (tmp_path / "memo").iterdir()] == [new.path.name]


def test_a_damaged_memo_is_only_a_slower_build(tmp_path):
    memo = Memo(tmp_path, "kind", "base")
    memo.get("a", lambda: 1)
    memo.save()
    memo.path.write_bytes(pickle.dumps({"a": 1})[:7])
    assert Memo(tmp_path, "kind", "base").get("a", lambda: 2) == 2


def test_a_publication_derives_the_new_case_alone(tmp_path, monkeypatch):
    """The share images' digests and the log's entries as parsed, of the cases already
    published, are read from the memo: only the new case's are made (a digest and an entry a
    language); and only the new case's entries are formatted for a code's page, the pages of
    the others being kept as published (tlog.hooks.Versions)."""
    sheets, versions, parsed = [], [], []
    digest, version, fields = share_hooks._sheet_digest, tlog_hooks._version, tlog_hooks._fields

    def counted_digest(outputs, maker, identity, case, language):
        sheets.append((case.id, language.code))
        return digest(outputs, maker, identity, case, language)

    def counted_version(formats, position, data):
        versions.append(position)
        return version(formats, position, data)

    def counted_fields(data):
        parsed.append(data)
        return fields(data)

    monkeypatch.setattr(tlog_hooks, "_fields", counted_fields)
    monkeypatch.setattr(share_hooks, "_sheet_digest", counted_digest)
    monkeypatch.setattr(tlog_hooks, "_version", counted_version)
    site = make_site(tmp_path / "site", {**another_case("10"), **another_case("20")})
    assert site.build().ok
    assert len(sheets) == 2 * len(codes()) and len(versions) == 2 * len(codes())
    assert len(parsed) == len(versions)
    sheets.clear(), versions.clear(), parsed.clear()
    for relative, text in another_case("27").items():
        site.write(relative, text, raw=True)
    assert site.build().ok
    assert sheets == [("2026-11-27-casablanca-robbery", lang) for lang in codes()]
    # The new case's entries come after the published ones: one a language.
    assert versions == [2 * len(codes()) + n for n in range(len(codes()))]
    assert len(parsed) == len(codes())


def test_a_publication_removes_the_memo_files_no_build_will_read(tmp_path):
    """Every memo file is named by the build digest it was made in: those of other digests,
    of any kind (one whose code is gone: tlog's former "tlog-versions"), are never read again."""
    site = make_site(tmp_path, another_case())
    folder = site.root / "cache" / "memo"
    folder.mkdir(parents=True)
    for name in ("tlog-versions-0123456789abcdef.pickle", "share-fedcba9876543210.pickle"):
        (folder / name).write_bytes(pickle.dumps({}))
    assert site.build().ok
    names = sorted(path.name for path in folder.iterdir())
    assert names and "share-fedcba9876543210.pickle" not in names
    assert not any(name.startswith("tlog-versions") for name in names)
    assert len({name.rsplit("-", 1)[1] for name in names}) == 1, names  # this build's digest
