"""WebSub publish pings against real local servers: what the hub receives, retries, refusals,
silent hubs, and the manifest of published feed hashes."""

import json
import socket
import threading
import time

import pytest

from communiques_site.feeds.websub import (
    Ping,
    changed_feeds,
    feed_hashes,
    load_manifest,
    ping_hubs,
    report,
    save_manifest,
)

SITE = "https://police.example"


def no_sleep(seconds):
    pass


def sleeps():
    """A `sleep` that records what it was asked to wait, without waiting."""
    asked = []
    return asked, asked.append


def test_hub_receives_the_publish_form_once_per_changed_feed(tmp_path, httpserver):
    feeds = {
        "ar/feeds/all.atom": b"<feed>old</feed>",
        "fr/feeds/all.atom": b"<feed>same</feed>",
    }
    for path, data in feeds.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    paths = [*feeds, "fr/feeds/cities/tanger.atom", "ar/feeds/missing.atom"]
    previous = feed_hashes(tmp_path, paths)
    assert sorted(previous) == sorted(feeds)  # the missing file is skipped

    (tmp_path / "ar/feeds/all.atom").write_bytes(b"<feed>new item</feed>")
    (tmp_path / "fr/feeds/cities").mkdir()
    (tmp_path / "fr/feeds/cities/tanger.atom").write_bytes(b"<feed>tanger</feed>")
    changed = changed_feeds(previous, feed_hashes(tmp_path, paths))
    assert changed == ["ar/feeds/all.atom", "fr/feeds/cities/tanger.atom"]

    httpserver.expect_request("/hub-a", method="POST").respond_with_data("", status=204)
    httpserver.expect_request("/hub-b", method="POST").respond_with_data("", status=202)
    hubs = [httpserver.url_for("/hub-a"), httpserver.url_for("/hub-b")]
    urls = [f"{SITE}/{path}" for path in changed]
    pings = ping_hubs(hubs, urls, sleep=no_sleep)

    assert pings == [
        Ping(hubs[0], urls[0], True, 204, 1, ""),
        Ping(hubs[0], urls[1], True, 204, 1, ""),
        Ping(hubs[1], urls[0], True, 202, 1, ""),
        Ping(hubs[1], urls[1], True, 202, 1, ""),
    ]
    received = [
        (request.path, request.mimetype, request.form.to_dict(flat=False))
        for request, _ in httpserver.log
    ]
    form = "application/x-www-form-urlencoded"
    assert received == [
        (path, form, {"hub.mode": ["publish"], "hub.url": [url]})
        for path in ("/hub-a", "/hub-b")
        for url in urls
    ]
    assert report(pings) == "4 of 4 pings accepted"


def test_a_hub_in_passing_trouble_is_retried_with_backoff(httpserver):
    httpserver.expect_ordered_request("/hub", method="POST").respond_with_data("", status=500)
    httpserver.expect_ordered_request("/hub", method="POST").respond_with_data("", status=204)
    asked, sleep = sleeps()

    [ping] = ping_hubs([httpserver.url_for("/hub")], [f"{SITE}/ar/feeds/all.atom"], sleep=sleep)

    assert (ping.ok, ping.status, ping.attempts, ping.error) == (True, 204, 2, "")
    assert asked == [0.5]
    assert len(httpserver.log) == 2
    httpserver.check_assertions()


@pytest.mark.parametrize("status", [500, 429])
def test_a_hub_that_stays_in_trouble_is_given_up_after_the_retries(httpserver, status):
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=status)
    asked, sleep = sleeps()

    [ping] = ping_hubs(
        [httpserver.url_for("/hub")], [f"{SITE}/ar/feeds/all.atom"], backoff=0.25, sleep=sleep
    )

    assert (ping.ok, ping.status, ping.attempts) == (False, status, 3)
    assert ping.error.startswith(f"hub answered {status} ")
    assert ping.error.endswith(" after 3 attempts")
    assert asked == [0.25, 0.5]  # between attempts only, doubling
    assert len(httpserver.log) == 3


def test_a_refusal_is_not_retried_and_is_reported(httpserver):
    httpserver.expect_request("/hub", method="POST").respond_with_data("bad", status=400)
    hub, feed = httpserver.url_for("/hub"), f"{SITE}/fr/feeds/all.atom"
    asked, sleep = sleeps()

    [ping] = ping_hubs([hub], [feed], sleep=sleep)

    assert ping == Ping(hub, feed, False, 400, 1, "hub answered 400 Bad Request after 1 attempt")
    assert asked == []
    assert len(httpserver.log) == 1
    assert report([ping]).splitlines() == [
        f"hub {hub} refused {feed}: hub answered 400 Bad Request after 1 attempt",
        "0 of 1 pings accepted",
    ]


@pytest.fixture
def silent_hub():
    """A hub URL whose server accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)  # closing a socket does not wake a blocked accept(); polling does
    done = threading.Event()
    held = []

    def accept():
        while not done.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hub"
    done.set()
    thread.join(timeout=2)
    server.close()
    for connection in held:
        connection.close()


def test_a_hub_that_never_answers_is_reported_within_the_timeout(silent_hub):
    timeout, retries = 0.3, 3
    asked, sleep = sleeps()

    started = time.monotonic()
    [ping] = ping_hubs(
        [silent_hub], [f"{SITE}/ar/feeds/all.atom"], timeout=timeout, retries=retries, sleep=sleep
    )
    elapsed = time.monotonic() - started

    assert elapsed < retries * (timeout + 0.5) + 1
    assert (ping.ok, ping.status, ping.attempts) == (False, None, retries)
    assert ping.error == "no answer within 0.3 s after 3 attempts"
    assert asked == [0.5, 1.0]
    assert "refused" in report([ping]) and "0 of 1 pings accepted" in report([ping])


def test_a_hub_that_cannot_be_reached_is_reported_not_raised():
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]  # nothing listens there once the block ends

    [ping] = ping_hubs([f"http://127.0.0.1:{port}/hub"], [f"{SITE}/a.atom"], sleep=no_sleep)

    assert (ping.ok, ping.status, ping.attempts) == (False, None, 3)
    assert ping.error == "could not connect to the hub after 3 attempts"


def test_manifest_round_trip(tmp_path):
    manifest = tmp_path / "cache" / "published-feeds.json"
    assert load_manifest(manifest) == {}

    hashes = {"fr/feeds/all.atom": "b" * 64, "ar/feeds/all.atom": "a" * 64}
    save_manifest(manifest, hashes)
    assert load_manifest(manifest) == hashes
    assert list(json.loads(manifest.read_text())) == sorted(hashes)
    assert [p.name for p in manifest.parent.iterdir()] == [manifest.name]  # no temp file left

    save_manifest(manifest, {"ar/feeds/all.atom": "c" * 64})
    assert load_manifest(manifest) == {"ar/feeds/all.atom": "c" * 64}


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", ""])
def test_an_unreadable_manifest_counts_as_empty(tmp_path, text):
    manifest = tmp_path / "published-feeds.json"
    manifest.write_text(text)
    assert load_manifest(manifest) == {}
