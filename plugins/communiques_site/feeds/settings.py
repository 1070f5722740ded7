"""The feeds' settings: FEEDS = {...} in pelicanconf.py (publishconf.py names the hubs)."""

from communiques_site.core.settings import Option, Schema, at_least_one


def _hubs(value):
    bad = [hub for hub in value if not str(hub).startswith(("https://", "http://"))]
    return [f"{', '.join(map(repr, bad))}: a hub is an http(s) address"] if bad else []


SCHEMA = Schema(
    "FEEDS",
    (
        Option(
            "size",
            int,
            50,
            "newest entries per feed; the whole history is in the open data",
            check=at_least_one,
        ),
        Option("hubs", (list, tuple), (), "WebSub hubs named in every feed", check=_hubs),
        Option(
            "authority",
            str,
            "dgsn.gov.ma,2026",
            "the authority of the tag: ids; fixed forever, like the ids it makes",
        ),
        Option(
            "ping_timeout",
            (int, float),
            3.0,
            "seconds a hub has to answer a ping; one that does not is tried at a later publication",
        ),
        Option(
            "ping_pause",
            (int, float),
            60.0,
            "seconds before a hub that did not answer is tried again (doubling each time)",
        ),
        Option("workers", int, 2, "processes that write feeds", check=at_least_one),
        Option("parallel_from", int, 50, "fewer feeds than this are written in one process"),
    ),
    plugin="feeds",
)
