"""After a publication: queue a ping of every hub for each feed that changed, then send the
pings that are due, out of the publication's way.

A publication only queues (cache/websub-queue.json, and the feeds' hashes in
cache/published-feeds.json, so a change is queued once): that is quick, and the site is live
before any hub is asked anything. The pings are sent after the lock of the output folder is
released, one attempt each with a short time-out; a hub that does not answer (refused
connection, time-out, a 5xx or 429) is not asked again in that run: its pings wait, and it is
tried again after a pause that doubles at each failure. A ping is removed from the queue once
the hub accepted it, or refused it for good (a 4xx: reported), so no ping is sent twice.
"""

import fcntl
import json
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import requests

from .settings import SCHEMA
from .websub import Ping, changed_feeds, feed_hashes, load_manifest, ping_hubs, save_manifest

MANIFEST = "published-feeds.json"
QUEUE = "websub-queue.json"
LONGEST_PAUSE = 3600.0  # seconds: an hour at most between two tries of a silent hub


@dataclass(frozen=True)
class Deferred:
    """The pings still waiting for a hub that did not answer."""

    hub: str
    count: int
    retry_at: float  # time.time() from which the hub is tried again
    reason: str


class Pause(TypedDict, total=False):
    """A hub that did not answer: how many times in a row, until when it is left alone."""

    failures: int
    until: float
    reason: str


class Queue(TypedDict):
    """cache/websub-queue.json: the feed URLs each hub is still to be told of, and the pauses."""

    pending: dict[str, list[str]]
    pause: dict[str, Pause]


def queue_changes(output: str | Path, settings: Mapping[str, Any]) -> list[str]:
    """The feeds of `output` that changed since they were last queued, each queued for every
    hub of the settings."""
    output, cache = Path(output), _cache(settings)
    # The feeds themselves: not their compressed copies (communiques_site/compress), the same feed.
    paths = sorted(
        p.relative_to(output).as_posix()
        for p in output.glob("*/feeds/**/*.*")
        if p.suffix not in (".gz", ".br")
    )
    current = feed_hashes(output, paths)
    siteurl = settings["SITEURL"].rstrip("/")
    hubs = list(SCHEMA.read(settings).hubs)
    with _locked(cache / f"{QUEUE}.lock"):
        changed = changed_feeds(load_manifest(cache / MANIFEST), current)
        queue = _load(cache / QUEUE)
        for hub in hubs:
            waiting = queue["pending"].setdefault(hub, [])
            waiting += [url for path in changed if (url := f"{siteurl}/{path}") not in waiting]
        _save(cache / QUEUE, queue)
        save_manifest(cache / MANIFEST, current)
    return changed


def send_due(
    settings: Mapping[str, Any],
    *,
    now: Callable[[], float] = time.time,
    session: requests.Session | None = None,
) -> tuple[list[Ping], list[Deferred]]:
    """Send the queued pings that are due: (the pings sent, the hubs whose pings wait). Another
    process sending already: nothing (it sends what is queued, ours included)."""
    cache, options = _cache(settings), SCHEMA.read(settings)
    with _locked(cache / f"{QUEUE}.sending", wait=False) as mine:
        if not mine:
            return [], []
        sent: list[Ping] = []
        failed: dict[str, str] = {}  # hub -> why it is paused
        # Again while pings were queued meanwhile: each round removes a ping or pauses a hub.
        # A hub no longer named in the settings is not asked: its queued pings just wait.
        while due := _due(cache, now(), failed, options.hubs):
            round_sent = []
            for hub, urls in due.items():
                for url in urls:
                    [ping] = ping_hubs([hub], [url], session=session,
                                       timeout=options.ping_timeout, retries=1)  # fmt: skip
                    round_sent.append(ping)
                    if not ping.ok and _passing(ping):
                        failed[hub] = ping.error
                        break
            _record(cache, round_sent, failed, now(), options.ping_pause)
            sent += round_sent
        return sent, _deferred(cache, failed, options.hubs)


def push_changes(
    output: str | Path, settings: Mapping[str, Any], **send_options: Any
) -> tuple[list[str], list[Ping]]:
    """Queue the changed feeds of `output`, then send the due pings: (changed, pings)."""
    changed = queue_changes(output, settings)
    return changed, send_due(settings, **send_options)[0]


def refused(pings: list[Ping]) -> list[Ping]:
    """The pings a hub refused for good (they are not sent again)."""
    return [ping for ping in pings if not ping.ok and not _passing(ping)]


def report(pings: list[Ping], deferred: list[Deferred]) -> str:
    """The refused pings, how many were accepted, and the hubs whose pings wait."""
    lines = [f"hub {p.hub} refused {p.feed_url}: {p.error}" for p in refused(pings)]
    if pings:
        lines.append(f"{sum(p.ok for p in pings)} of {len(pings)} pings accepted")
    for wait in deferred:
        when = time.strftime("%H:%M", time.localtime(wait.retry_at))
        lines.append(
            f"hub {wait.hub}: {wait.reason}; {wait.count} ping{'s' if wait.count != 1 else ''} "
            f"wait and are sent by a publication from {when} on (the site itself is published)"
        )
    return "\n".join(lines)


def _passing(ping: Ping) -> bool:
    """A hub's passing trouble (no answer, 5xx, 429), not its considered refusal."""
    if ping.status is None:
        return not ping.error.startswith("could not send")
    return ping.status >= 500 or ping.status == 429


def _due(
    cache: Path, at: float, failed: Collection[str], hubs: Collection[str]
) -> dict[str, list[str]]:
    with _locked(cache / f"{QUEUE}.lock"):
        queue = _load(cache / QUEUE)
    return {
        hub: urls
        for hub, urls in queue["pending"].items()
        if urls
        and hub in hubs
        and hub not in failed
        and queue["pause"].get(hub, {}).get("until", 0) <= at
    }


def _record(
    cache: Path, pings: list[Ping], failed: Collection[str], at: float, pause: float
) -> None:
    """Remove the pings that are done from the queue; pause the hubs that did not answer."""
    with _locked(cache / f"{QUEUE}.lock"):
        queue = _load(cache / QUEUE)
        for ping in pings:
            if ping.ok or not _passing(ping):
                waiting = queue["pending"].get(ping.hub, [])
                if ping.feed_url in waiting:
                    waiting.remove(ping.feed_url)
            elif ping.hub in failed:
                tries = queue["pause"].get(ping.hub, {}).get("failures", 0) + 1
                wait = min(pause * 2 ** (tries - 1), LONGEST_PAUSE)
                queue["pause"][ping.hub] = {"failures": tries, "until": at + wait,
                                            "reason": ping.error}  # fmt: skip
            if ping.ok:
                queue["pause"].pop(ping.hub, None)
        queue["pending"] = {hub: urls for hub, urls in queue["pending"].items() if urls}
        _save(cache / QUEUE, queue)


def _deferred(cache: Path, failed: Mapping[str, str], hubs: Collection[str]) -> list[Deferred]:
    with _locked(cache / f"{QUEUE}.lock"):
        queue = _load(cache / QUEUE)
    return [
        Deferred(hub, len(urls), pause.get("until", 0), failed.get(hub, pause.get("reason", "")))
        for hub, urls in sorted(queue["pending"].items())
        if urls and hub in hubs
        for pause in [queue["pause"].get(hub, {})]
    ]


def _cache(settings: Mapping[str, Any]) -> Path:
    return Path(settings.get("CACHE_PATH", "cache"))


def _load(path: Path) -> Queue:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    return {"pending": dict(data.get("pending", {})), "pause": dict(data.get("pause", {}))}


def _save(path: Path, queue: Queue) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(queue, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)


@contextmanager
def _locked(path: Path, wait: bool = True) -> Iterator[bool]:
    """flock on `path` (made with its folder); yields False when `wait` is False and it is held."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
