"""WebSub publisher pings: tell the hubs which feeds changed after a publication.

A journalist's feed reader that subscribed through a WebSub hub learns of a new communiqué as
soon as the hub hears of it, instead of at its next poll. The W3C recommendation leaves the
publisher-to-hub notice open; the hubs in use accept the common form POST of ``hub.mode=publish``
and ``hub.url=<feed>``. Only the feeds whose bytes changed since the last publication are
pinged, so hubs are not made to refetch (and subscribers re-notified of) unchanged feeds.
"""

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import requests


@dataclass(frozen=True)
class Ping:
    """One publish ping's outcome."""

    hub: str
    feed_url: str
    ok: bool
    status: int | None  # of the last attempt; None when the hub never answered
    attempts: int
    error: str  # "" when ok; otherwise the reason, in plain words


def feed_hashes(output_dir: Path, feed_paths: list[str]) -> dict[str, str]:
    """{relative feed path: sha256 hex of its bytes}; files missing in `output_dir` are skipped."""
    hashes = {}
    for path in feed_paths:
        try:
            data = (Path(output_dir) / path).read_bytes()
        except FileNotFoundError:
            continue
        hashes[path] = hashlib.sha256(data).hexdigest()
    return hashes


def changed_feeds(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Sorted paths of `current` that are new or whose hash differs from `previous`."""
    return sorted(path for path, digest in current.items() if previous.get(path) != digest)


def load_manifest(path: Path) -> dict[str, str]:
    """The saved {feed path: hash}; {} when missing or unreadable, so every feed counts as new."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_manifest(path: Path, hashes: dict[str, str]) -> None:
    """Write the manifest as JSON with sorted keys."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A publication interrupted mid-write must leave the old manifest, not a truncated one that
    # would read as {} and re-ping every feed; hence a temp file in the same directory + replace.
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(hashes, file, sort_keys=True, indent=2, ensure_ascii=False)
            file.write("\n")
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _attempts(n: int) -> str:
    return f"{n} attempt" if n == 1 else f"{n} attempts"


def _status_words(response: requests.Response) -> str:
    # The standard phrase, not the server's: some servers send "500 INTERNAL SERVER ERROR".
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason or ""
    return f"{response.status_code} {phrase}".rstrip()


def _ping(
    http: requests.Session,
    hub: str,
    feed_url: str,
    timeout: float,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
) -> Ping:
    form = {"hub.mode": "publish", "hub.url": feed_url}
    attempt = 0
    while True:
        attempt += 1
        status = None
        try:
            response = http.post(hub, data=form, timeout=timeout)
        except requests.Timeout:  # before ConnectionError: ConnectTimeout is both
            error, retry = f"no answer within {timeout} s", True
        except requests.ConnectionError:
            error, retry = "could not connect to the hub", True
        except requests.RequestException as exc:  # e.g. a malformed hub URL: retrying won't help
            error, retry = f"could not send the ping ({type(exc).__name__}: {exc})", False
        else:
            status = response.status_code
            if 200 <= status < 300:
                return Ping(hub, feed_url, True, status, attempt, "")
            error = f"hub answered {_status_words(response)}"
            # 5xx and 429 are the hub's passing trouble; other answers are its considered refusal.
            retry = status >= 500 or status == HTTPStatus.TOO_MANY_REQUESTS
        if not retry or attempt >= retries:
            return Ping(
                hub, feed_url, False, status, attempt, f"{error} after {_attempts(attempt)}"
            )
        sleep(backoff * 2 ** (attempt - 1))


def ping_hubs(
    hubs: list[str],
    feed_urls: list[str],
    *,
    session: requests.Session | None = None,
    timeout: float = 5.0,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Ping]:
    """Ping every hub for every feed URL; one Ping per (hub, feed), in that order. Never raises
    for network problems: the site is already published, so a failure is reported, not fatal."""
    retries = max(1, retries)
    # A session we open we also close; a caller's session is theirs to close.
    context = requests.Session() if session is None else contextlib.nullcontext(session)
    with context as http:
        return [
            _ping(http, hub, url, timeout, retries, backoff, sleep)
            for hub in hubs
            for url in feed_urls
        ]


def report(pings: list[Ping]) -> str:
    """One line per failed ping, then how many of the pings the hubs accepted."""
    lines = [f"hub {p.hub} refused {p.feed_url}: {p.error}" for p in pings if not p.ok]
    lines.append(f"{sum(p.ok for p in pings)} of {len(pings)} pings accepted")
    return "\n".join(lines)
