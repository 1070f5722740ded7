"""`invoke publish`'s last step: ping the hubs for the feeds that changed, and only those."""

from urllib.parse import parse_qs

from werkzeug import Response

from communiques_site.feeds.push import push_changes, queue_changes, send_due
from sites import ORIGINAL, case_files, make_site


def test_only_changed_feeds_are_pinged_and_failures_are_pinged_again(tmp_path, httpserver):
    received = []

    def hub(request):
        received.append(parse_qs(request.get_data(as_text=True))["hub.url"][0])
        return Response(status=204)

    httpserver.expect_request("/hub", method="POST").respond_with_handler(hub)
    hubs = [httpserver.url_for("/hub")]
    site = make_site(tmp_path, case_files())
    settings = {
        "SITEURL": "http://localhost:8000",
        "CACHE_PATH": str(tmp_path / "cache"),
        "FEEDS": {"hubs": hubs},
    }
    assert site.build(FEEDS={"hubs": hubs}).ok

    changed, pings = push_changes(site.output, settings)
    assert changed and all(p.ok for p in pings)
    assert len(received) == len(changed)  # first publication: every feed is new

    received.clear()
    assert site.build(FEEDS={"hubs": hubs}).ok
    changed, pings = push_changes(site.output, settings)
    assert changed == [] and pings == [] and received == []

    tanger = "2026-11-28-tanger-theft"
    files = case_files(
        tanger,
        ORIGINAL.replace("casablanca", "tanger").replace("2026-11-27T18:30", "2026-11-28T09:00"),
    )
    for path, text in files.items():
        site.write(path, text, raw=True)
    assert site.build(FEEDS={"hubs": hubs}).ok
    changed, pings = push_changes(site.output, settings)
    assert "ar/feeds/cities/tanger.atom" in changed
    assert "ar/feeds/cities/casablanca.atom" not in changed
    assert sorted(received) == sorted(f"http://localhost:8000/{path}" for path in changed)


def test_a_hub_that_does_not_answer_is_tried_once_a_run_then_after_a_doubling_pause(
    tmp_path, httpserver
):
    answer, received = {"status": 503}, []

    def hub(request):
        received.append(parse_qs(request.get_data(as_text=True))["hub.url"][0])
        return Response(status=answer["status"])

    httpserver.expect_request("/hub", method="POST").respond_with_handler(hub)
    hubs = [httpserver.url_for("/hub")]
    site = make_site(tmp_path, case_files())
    assert site.build(FEEDS={"hubs": hubs}).ok
    settings = {
        "SITEURL": "http://localhost:8000",
        "CACHE_PATH": str(tmp_path / "cache"),
        "FEEDS": {"hubs": hubs, "ping_pause": 60},
    }
    clock = {"now": 1000.0}

    def now():
        return clock["now"]

    changed = queue_changes(site.output, settings)
    assert len(changed) > 20 and queue_changes(site.output, settings) == []  # queued once

    # (the time of a run, the attempts it makes, when the hub is tried next): one attempt a
    # run, none during the pause, which doubles.
    for at, tried, retry_at in ((1000, 1, 1060), (1059, 0, 1060), (1060, 1, 1180), (1179, 0, 1180)):
        clock["now"] = at
        before = len(received)
        pings, [deferred] = send_due(settings, now=now)
        assert len(received) - before == len(pings) == tried, at
        assert (deferred.count, deferred.retry_at) == (len(changed), retry_at), at

    answer["status"] = 204
    clock["now"] = 1180
    pings, deferred = send_due(settings, now=now)
    assert deferred == [] and all(p.ok for p in pings) and len(pings) == len(changed)
    assert send_due(settings, now=now) == ([], [])  # nothing is sent twice
    assert sorted(received[2:]) == sorted(f"http://localhost:8000/{p}" for p in changed)
