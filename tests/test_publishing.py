"""A failed build never touches the published site."""

import hashlib

from sites import ORIGINAL, case_files, make_site, with_minor_update


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_broken_file_leaves_the_published_site_byte_identical(tmp_path):
    site = make_site(tmp_path, case_files())
    assert site.build().ok
    before = snapshot(site.output)
    assert "fr/communiques/2026-11-27-casablanca-robbery/index.html" in before

    site.write(
        "communiques/2026/2026-11-28-tanger-theft.ar.md",
        ORIGINAL.format(id="2026-11-28-tanger-theft").replace("city: casablanca", "city: tangier"),
        raw=True,
    )
    result = site.build()

    assert not result.ok
    assert snapshot(site.output) == before
    assert not list(tmp_path.glob("output.staging-*"))


def test_successful_build_replaces_the_site(tmp_path):
    site = make_site(tmp_path, case_files())
    assert site.build().ok
    site.write(
        "communiques/2026/2026-11-28-tanger-theft.ar.md",
        ORIGINAL.format(id="2026-11-28-tanger-theft").replace(
            "published: 2026-11-27T18:30", "published: 2026-11-28T09:00"
        ),
        raw=True,
    )
    for path, text in case_files("2026-11-28-tanger-theft").items():
        if not path.endswith(".ar.md"):
            site.write(path, text, raw=True)
    assert site.build().ok
    assert (site.output / "ar/communiques/2026-11-28-tanger-theft/index.html").exists()
    assert not list(tmp_path.glob("output.staging-*"))


def test_parallel_rendering_writes_the_same_site(tmp_path):
    """Pages rendered by forked workers are byte-identical to pages rendered in one process."""
    files = {}
    for day in range(10, 28):
        files.update(
            case_files(
                f"2026-11-{day}-casablanca-robbery",
                ORIGINAL.replace("2026-11-27T18:30", f"2026-11-{day}T18:30")
                .replace("2026-11-26T21:00", f"2026-11-{day - 1}T21:00")
                .replace("2026-11-27T10:00", f"2026-11-{day}T10:00"),
            )
        )
    serial = make_site(tmp_path / "serial", files)
    parallel = make_site(tmp_path / "parallel", files)
    assert serial.build(BILINGUAL={"workers": 1}).ok
    assert parallel.build(BILINGUAL={"workers": 2, "parallel_from": 0}).ok
    # Pagefind's files differ from one run to the next, forked or not (see test_search).
    rendered = [
        {
            path: digest
            for path, digest in snapshot(site.output).items()
            # The inventory (.publication.json) has the digest of .build-inputs.json.
            if "/pagefind/" not in path
            and not path.endswith((".build-inputs.json", ".publication.json"))
        }
        for site in (serial, parallel)
    ]
    assert rendered[0] == rendered[1]
    assert len(rendered[0]) > 40


def test_unchanged_pages_are_reused_and_changed_ones_rendered(tmp_path):
    other = "2026-11-26-tanger-theft"
    files = case_files()
    files.update(
        case_files(
            other,
            ORIGINAL.replace("casablanca", "tanger")
            .replace("2026-11-27T18:30", "2026-11-26T23:30")
            .replace("2026-11-27T10:00", "2026-11-26T10:00"),
        )
    )
    site = make_site(tmp_path, files)
    assert site.build().ok
    mine = site.output / "fr/communiques/2026-11-27-casablanca-robbery/index.html"
    theirs = site.output / f"fr/communiques/{other}/index.html"
    before = {path: path.stat().st_ino for path in (mine, theirs)}

    changed = with_minor_update()  # a published text changes with a note
    for path, text in changed.items():
        site.write(
            path, text.replace("du suspect.", "du suspect, déféré devant le parquet."), raw=True
        )
    assert site.build().ok
    assert theirs.stat().st_ino == before[theirs]  # reused from the published site
    assert mine.stat().st_ino != before[mine]
    assert "déféré devant le parquet" in mine.read_text(encoding="utf-8")

    fresh = theirs.stat().st_ino
    assert site.build(SITEURL="https://example.org").ok  # what every page shows changed
    assert theirs.stat().st_ino != fresh
    assert "https://example.org/ar/communiques/" in theirs.read_text(encoding="utf-8")


def test_a_failed_build_does_not_record_pages_it_never_published(tmp_path):
    site = make_site(tmp_path, case_files())
    assert site.build().ok
    manifest = (site.output / ".build-manifest.json").read_bytes()
    site.write("communiques/2026/2026-11-27-casablanca-robbery.fr.md", "---\nbroken\n", raw=True)
    assert not site.build().ok
    assert (site.output / ".build-manifest.json").read_bytes() == manifest
