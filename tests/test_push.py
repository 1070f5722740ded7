"""`invoke publish`'s last step: ping the hubs for the feeds that changed, and only those."""

from urllib.parse import parse_qs

from werkzeug import Response

from feeds.push import push_changes
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
