"""invoke loadtest: wrk against the local stack (Varnish -> nginx, both on loopback ports, with
the deploy configurations) for four kinds of page, at several numbers of connections, with and
without the cache; then a communiqué published while the load runs: how long until every
client sees it, and whether any request failed. Prints a Markdown table; times mean something
only on a quiet machine."""

import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import cache  # noqa: E402
import webserver  # noqa: E402
from communiques_site.core import publication  # noqa: E402
from communiques_site.core.build import build  # noqa: E402

NOW = "2026-11-28T12:00+01:00"  # the demo as the tests build it (its embargo stays)
NEW_CASE = "{day}-{city}-loadtest"


def _build(content, output):
    result = build(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / "cache"),
            "COMMUNIQUES": {"now": NOW},
        },
    )
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.problems)))
    return result


def pages(output):
    """One URL of each kind: the home page, a communiqué, a city's page, a feed."""
    communique = sorted((output / "fr/communiques").iterdir())[-1].name
    city = sorted((output / "fr/cities").iterdir())[0].name
    return {
        "home page": "/fr/",
        "communiqué": f"/fr/communiques/{communique}/",
        "city": f"/fr/cities/{city}/",
        "feed": "/fr/feeds/all.atom",
    }


def wrk(url, connections, seconds):
    """(requests/s, p50 ms, p99 ms, errors) of one wrk run."""
    threads = str(min(2, connections))
    done = subprocess.run(
        [
            *("wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s", "--latency"),
            *("-H", "Accept-Encoding: br, gzip", url),
        ],
        capture_output=True,
        text=True,
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, flags=re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return rate, _ms(latency["50"]), _ms(latency["99"]), errors


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def new_case(content):
    """A copy of the demo's newest communiqué under a new id, with its times; the new id."""
    for source in sorted((content / "communiques").rglob("*.ar.md"), reverse=True):
        text = source.read_text("utf-8")
        published = re.search(r"^published: (\S+)", text, flags=re.M)[1]
        if published[:16] < NOW[:16]:  # not the demo's embargoed case
            break
    old_id = re.search(r"^id: (\S+)", text, flags=re.M)[1]
    city = re.search(r"^city: (\S+)", text, flags=re.M)[1]
    new_id = NEW_CASE.format(day=old_id[:10], city=city)
    folder = source.parent
    for path in source.parent.glob(f"{old_id}.*.md"):
        body = path.read_text("utf-8").replace(old_id, new_id)
        body = re.sub(r"^updates:\n(  .*\n)*", "", body, flags=re.M)
        body = re.sub(r"^withdrawn:\n(  .*\n)*", "", body, flags=re.M)
        (folder / path.name.replace(old_id, new_id)).write_text(body, "utf-8")
    return new_id


def main(work, seconds=5, levels=(50, 200, 1000), table=True):
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    output = work / "output"
    print("Building the demo…", flush=True)
    _build(content, output)
    kinds = pages(output)
    rows = []
    with (
        webserver.serve(output, work / "nginx", connections=4096) as origin,
        cache.serve(origin, work / "varnish") as front,
    ):
        for name, path in kinds.items() if table else ():
            for connections in levels:
                for label, base in (("Varnish → nginx", front), ("nginx alone", origin)):
                    rate, p50, p99, errors = wrk(base + path, connections, seconds)
                    rows.append((name, connections, label, rate, p50, p99, errors))
                    print(f"{name} {connections} {label}: {rate:.0f}/s p99 {p99:.1f} ms")
        if rows:
            print("| page | connections | served by | requests/s | p50 | p99 | errors |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, connections, label, rate, p50, p99, errors in rows:
            print(
                f"| {name} | {connections} | {label} | {rate:,.0f} | {p50:.1f} ms | "
                f"{p99:.1f} ms | {errors} |"
            )
        publish_under_load(content, output, front, kinds["home page"], seconds)


def publish_under_load(content, output, front, home, seconds):
    """Publish a case while wrk reads the home page through the cache at 200 connections."""
    result = {}
    load = threading.Thread(
        target=lambda: result.update(run=wrk(front + home, 200, seconds * 4 + 30)), daemon=True
    )
    load.start()
    time.sleep(1)
    case = new_case(content)
    start = time.monotonic()
    _build(content, output)
    live = time.monotonic()
    addresses = Path(publication.purge_list(str(output))).read_text("utf-8").split()
    failed = publication.purge(front, addresses)
    purged = time.monotonic()
    seen = None
    while time.monotonic() - start < 120:
        with urllib.request.urlopen(front + home, timeout=10) as response:
            if case.encode() in response.read():
                seen = time.monotonic()
                break
        time.sleep(0.05)
    load.join()
    rate, _, p99, errors = result["run"]
    print(
        f"Published {case} under load: built and swapped in {live - start:.1f} s, "
        f"{len(addresses)} URLs purged in {purged - live:.2f} s ({len(failed)} failed); "
        + (
            f"every client sees it {seen - start:.1f} s after the publication began "
            f"({seen - live:.2f} s after the swap). "
            if seen
            else "not seen within 120 s. "
        )
        + f"The load meanwhile: {rate:,.0f} requests/s, p99 {p99:.1f} ms, {errors} failed."
    )
