"""The feeds' settings: FEEDS = {...} in pelicanconf.py (publishconf.py names the hubs)."""

from dataclasses import dataclass

from communiques_site.core.settings import Schema, at_least_one, option


def _hubs(value: list[object] | tuple[object, ...]) -> list[str]:
    bad = [hub for hub in value if not str(hub).startswith(("https://", "http://"))]
    return [f"{', '.join(map(repr, bad))}: a hub is an http(s) address"] if bad else []


@dataclass(frozen=True)
class FeedsOptions:
    size: int = option(
        50, "newest entries per feed; the whole history is in the open data", check=at_least_one
    )
    hubs: tuple[str, ...] = option((), "WebSub hubs named in every feed", check=_hubs)
    authority: str = option(
        "dgsn.gov.ma,2026", "the authority of the tag: ids; fixed forever, like the ids it makes"
    )
    ping_timeout: float = option(
        3.0,
        "seconds a hub has to answer a ping; one that does not is tried at a later publication",
    )
    ping_pause: float = option(
        60.0, "seconds before a hub that did not answer is tried again (doubling each time)"
    )
    workers: int = option(2, "processes that write feeds", check=at_least_one)
    parallel_from: int = option(50, "fewer feeds than this are written in one process")


SCHEMA = Schema("FEEDS", FeedsOptions, plugin="feeds")
