"""Verification codes and the monitor: every demo communiqué's code resolves to its page behind
nginx, an unknown code gets the bilingual "not an official code" page with status 404, the
verify form works without JavaScript, and tools/verify.py accepts the demo's log and rejects
each tampering with its sentence."""

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from lxml import html

import sites
from communiques_site.tlog import codes as code_rules
from conftest import ROOT

VERIFY = ROOT / "tools" / "verify.py"


def demo_codes(demo_site):
    """{case id: code} as the demo's French pages print them."""
    found = {}
    for page in sorted(demo_site.glob("fr/communiques/*/index.html")):
        shown = html.parse(str(page)).xpath("//p[@class='verification-code']//code/text()")
        assert len(shown) == 1, page
        found[page.parent.name] = shown[0]
    return found


def get(url):
    """(status, final URL, body) without raising on an error status."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


def test_every_code_resolves_to_its_communique_behind_nginx(served_demo, demo_site):
    codes = demo_codes(demo_site)
    assert len(set(codes.values())) == len(codes) > 20
    for case_id, shown in codes.items():
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", shown)
        for typed in (shown, shown.lower(), shown.replace("-", " "), shown.replace("-", "")):
            query = urllib.parse.urlencode({"code": typed})
            status, url, body = get(f"{served_demo}/v/?{query}")
            assert status == 200, typed
            assert url.endswith(f"/v/{shown.replace('-', '')}/") or url.endswith(
                f"/v/{shown.replace('-', '').lower()}/"
            )
            links = html.fromstring(body).xpath("//p[@class='code-title']/a/@href")
            assert links == [f"/ar/communiques/{case_id}/", f"/fr/communiques/{case_id}/"]


def test_the_open_data_has_each_code(demo_site):
    codes = demo_codes(demo_site)
    rows = json.loads((demo_site / "data" / "communiques.json").read_text())
    rows = rows if isinstance(rows, list) else rows[next(iter(rows))]
    listed = {row["id"]: row["verification_code"] for row in rows}
    assert listed and all(listed[i] == codes[i].replace("-", "") for i in listed)


@pytest.mark.parametrize("typed", ["ZZZZ-ZZZZ", "not a code", "", "060N54P"])
def test_an_unknown_code_is_not_an_official_one(served_demo, typed):
    status, _, body = get(f"{served_demo}/v/?{urllib.parse.urlencode({'code': typed})}")
    assert status == 404
    page = html.fromstring(body)
    headings = [h.text_content() for h in page.xpath("//main//h1 | //main//h2")]
    assert headings == ["ليس رمز بلاغ رسمي", "Ce n’est pas un code de communiqué officiel"]
    status, _, _ = get(f"{served_demo}/v/ZZZZZZZZ/")
    assert status == 404


def test_codes_follow_the_log_order_when_two_collide(monkeypatch):
    monkeypatch.setattr(code_rules, "candidate", lambda case_id, at, attempt: f"C{attempt}")
    first = json.dumps({"id": "b", "kind": "publication", "at": "1"}).encode()
    second = json.dumps({"id": "a", "kind": "publication", "at": "2"}).encode()
    assert code_rules.assign([first, second]) == {"b": "C0", "a": "C1"}


def test_a_typed_code_forgives_case_dashes_and_look_alikes():
    assert code_rules.read(" k7qm-2xpa ") == "K7QM2XPA"
    assert code_rules.read("O1IL") == "0111"


@pytest.mark.browser
def test_the_verify_form_works_without_javascript(browser, served_demo, demo_site):
    case_id, shown = next(iter(demo_codes(demo_site).items()))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang in sites.demo_codes():
        page.goto(f"{served_demo}/{lang}/verify/")
        page.fill("#code", shown.lower())
        page.click(".verify-form button[type=submit]")
        page.wait_for_load_state()
        assert page.url.rstrip("/").lower().endswith(shown.replace("-", "").lower())
        page.click(f"section[lang={lang}] .code-title a")
        page.wait_for_load_state()
        assert page.url == f"{served_demo}/{lang}/communiques/{case_id}/"
    context.close()


# --- the monitor ---------------------------------------------------------------------------


def key_of(site):
    return (site / ".well-known" / "communiques-log-key").read_text().strip()


def monitor(site, state, *args, key=None):
    result = subprocess.run(
        [
            sys.executable,
            str(VERIFY),
            str(site),
            "--state",
            str(state),
            "--key",
            key or key_of(site),
            *list(args),
        ],
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stdout, result.stderr.strip()


def test_the_monitor_proves_a_communique_by_id_code_or_pasted_text(
    served_demo, demo_site, tmp_path
):
    case_id, shown = next(iter(demo_codes(demo_site).items()))
    page = html.parse(str(demo_site / f"fr/communiques/{case_id}/index.html"))
    body = page.xpath("//section[@class='body']")[0]
    body.remove(body.xpath("h2")[0])
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(body.text_content())
    state = tmp_path / "state.json"
    args = ("--id", case_id, "--code", shown.lower(), "--text-file", str(pasted))
    status, out, err = monitor(served_demo, state, *args, key=key_of(demo_site))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].endswith("signature verified with the pinned key")
    blocks, current = {}, None
    for line in lines[4:]:
        if line.startswith("  entry "):
            blocks[current].append(line)
        else:
            current = line.split(":")[0]
            blocks[current] = []
    by_id = blocks[f"id {case_id}"]
    assert by_id and by_id == blocks[f"code {shown.lower()} ({case_id})"]
    assert " publication (ar) of " in by_id[0] and " publication (fr) of " in by_id[1]
    # The French body as a reader copies it is the French entries' body (it did not change).
    assert blocks[f"the text of {pasted}"] == [line for line in by_id if "(fr)" in line]
    status, out, _ = monitor(served_demo, state, key=key_of(demo_site))
    assert status == 0 and "consistent with the head saved earlier" in out


@pytest.fixture
def copy(demo_site, tmp_path):
    """A copy of the demo's log, whose head the monitor has seen."""
    site = tmp_path / "site"
    shutil.copytree(demo_site / "log", site / "log")
    shutil.copytree(demo_site / ".well-known", site / ".well-known")
    assert monitor(site, tmp_path / "state.json")[0] == 0
    return site


def flip(path, at):
    data = bytearray(path.read_bytes())
    data[at] ^= 1
    path.write_bytes(bytes(data))


def test_the_monitor_rejects_a_flipped_byte_in_a_tile(copy, tmp_path):
    tile = next((copy / "log/tile/0").glob("*.p/*"))
    flip(tile, 3)
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert status == 1
    assert err == f"FAILED: {tile.relative_to(copy)} does not hold the hashes of the signed entries"


def test_the_monitor_rejects_a_flipped_byte_in_an_entry_bundle(copy, tmp_path):
    flip(next((copy / "log/tile/entries").glob("*.p/*")), 40)
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert (status, err) == (
        1,
        "FAILED: the entries served do not hash to the signed root: an entry bundle was altered",
    )


def test_the_monitor_rejects_a_flipped_byte_in_the_checkpoint(copy, tmp_path):
    checkpoint = copy / "log/checkpoint"
    text = checkpoint.read_text()
    checkpoint.write_text(text.replace("\n1", "\n2", 1))
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert status == 1
    assert err.startswith("FAILED: the checkpoint's signature by demo.communiques.invalid/log")
    assert err.endswith("does not verify: it was altered")


def test_the_monitor_rejects_another_key(copy, tmp_path):
    from communiques_site.tlog.note import new_signer

    other = new_signer("demo.communiques.invalid/log/THROW-AWAY-KEY-NOT-OFFICIAL").verifier_key
    status, _, err = monitor(copy, tmp_path / "other.json", key=other)
    assert status == 1
    assert err == (
        "FAILED: the checkpoint is not signed by the pinned key "
        "demo.communiques.invalid/log/THROW-AWAY-KEY-NOT-OFFICIAL"
    )


def resigned(site, entries):
    """The site's log made again from `entries`, signed with the same (throw-away) key: what a
    holder of the key could publish."""
    from communiques_site.tlog.entries import Event
    from communiques_site.tlog.log import Log, write
    from communiques_site.tlog.settings import LogOptions, signer

    shutil.rmtree(site / "log")
    made = Log(signer(LogOptions()), None, [Event((n,), e) for n, e in enumerate(entries)], {})
    write(site, made, None)


def entries_of(site):
    from communiques_site.tlog import tiles
    from communiques_site.tlog.note import Checkpoint

    size = Checkpoint.parse((site / "log/checkpoint").read_text().split("\n\n")[0] + "\n").size
    found = []
    for n in range((size + 255) // 256):
        width = min(256, size - 256 * n)
        found += tiles.unbundle((site / "log" / tiles.tile_path("entries", n, width)).read_bytes())
    return found


def test_the_monitor_detects_a_fork(copy, tmp_path):
    """Two signed heads of the same size with different roots."""
    entries = entries_of(copy)
    value = json.loads(entries[5])
    value["text"] = "0" * 64
    entries[5] = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    resigned(copy, [e if isinstance(e, bytes) else e.encode() for e in entries])
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert (status, err) == (
        1,
        f"FAILED: two signed heads of the same size {len(entries)} have different roots: "
        "the log forked (its history was rewritten)",
    )


def test_the_monitor_detects_a_removed_event(copy, tmp_path):
    entries = entries_of(copy)
    resigned(copy, entries[:7] + entries[8:] + [entries[7], entries[7]])
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert status == 1
    saved = json.loads((tmp_path / "state.json").read_text())["head"]
    assert err == (
        f"FAILED: the first {len(entries)} entries no longer hash to the root saved "
        f"{saved['seen']}: the log's history was rewritten"
    )
    resigned(copy, entries[:-1])
    status, _, err = monitor(copy, tmp_path / "state.json")
    assert status == 1
    assert err.startswith(f"FAILED: the log shrank from {len(entries)} entries")


@pytest.mark.browser
def test_the_code_shows_on_screen_and_on_paper(browser, served_demo, demo_site):
    case_id, shown = next(iter(demo_codes(demo_site).items()))
    page = browser.new_page()
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        page.goto(f"{served_demo}/fr/communiques/{case_id}/")
        code = page.locator(".verification-code code")
        assert code.is_visible() and code.inner_text() == shown, media
    page.close()


def test_a_code_page_lists_each_version_of_its_communique_in_every_language(tmp_path):
    """Each language's part of the page lists that language's entries in the log, in the log's
    order: what happened, when (a <time> with the event's date, shown in the language) and
    which entry. Formatted only when the page is rendered (tlog.hooks.Versions)."""
    from test_incremental import PLUGINS, corrected_body, three_cases

    site = sites.make_site(tmp_path / "site", three_cases())
    assert site.build(PLUGINS=PLUGINS).ok
    corrected_body(site)  # a correction of 28 November, in every language
    assert site.build(PLUGINS=PLUGINS).ok
    case = "2026-11-27-casablanca-robbery"
    pages = [
        page
        for page in (site.output / "v").glob("*/index.html")
        if f"/communiques/{case}/" in page.read_text("utf-8")
    ]
    assert len(pages) == 1
    doc = html.fromstring(pages[0].read_bytes())
    sections = doc.xpath("//section[@lang]")
    assert {section.get("lang") for section in sections} == set(sites.codes())
    positions = []
    for section in sections:
        items = section.xpath(".//ul[@class='versions']/li")
        times = [item.xpath("./time")[0] for item in items]
        assert [t.get("datetime")[:16] for t in times] == ["2026-11-27T18:30", "2026-11-28T10:00"]
        assert all(t.text_content().strip() for t in times)
        numbers = [re.findall(r"\d+", item.text_content().rsplit("—", 1)[1]) for item in items]
        assert all(numbers), [item.text_content() for item in items]
        positions.append(numbers)
    assert len({str(numbers) for numbers in positions}) == len(sections)  # an entry a language
