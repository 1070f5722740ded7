"""Copies of the live tree kept in step: another server's folder (rsync, over SSH or to a local
path) and an S3-compatible object store (boto3). Each receives only what changed since the
copy it holds, in the order of core.publication.plan: no copy ever links to a file it does not
have yet.

What a copy holds is known from its journal (`<served folder>.mirrors/<name>.json`, outside the
served root): the inventory last sent in full, and the files of a sending that did not finish
(`pending`). A pending file may be there, half there or gone: the next run sends it again or
deletes it, so an interrupted upload is completed by the next run, whatever was published since.
"""

import hashlib
import itertools
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from typing import Any, TypedDict

from . import publication

Step = tuple[str, str]  # (action, file): core.publication.plan's


class Journal(TypedDict, total=False):
    """What a copy holds: {file: digest}, the files of an unfinished sending, where it is."""

    files: dict[str, str]
    pending: list[str]
    target: str


Send = Callable[[str, str, list[Step]], None]  # (output, target, steps): rsync or s3

UNKNOWN = "?"  # the digest of a file an interrupted sending may have left in any state


class MirrorError(Exception):
    """A copy could not be brought in step; its journal says what to send again."""


def journal_path(output: str, target: str) -> str:
    name = hashlib.blake2b(target.encode(), digest_size=8).hexdigest()
    return os.path.join(f"{os.path.normpath(output)}.mirrors", f"{name}.json")


def _load(path: str) -> Journal:
    try:
        with open(path, encoding="utf-8") as file:
            journal: Journal = json.load(file)
            return journal
    except (OSError, ValueError):
        return {"files": {}, "pending": []}


def _save(path: str, journal: Journal) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(f"{path}.tmp", "w", encoding="utf-8") as file:
        json.dump(journal, file, sort_keys=True)
    os.replace(f"{path}.tmp", path)


def sync(output: str, target: str, send: Send) -> list[Step]:
    """Bring the copy at `target` to the tree `output` with `send(output, target, steps)`; the
    steps sent."""
    path = journal_path(output, target)
    journal = _load(path)
    held = dict(journal["files"])
    held.update(dict.fromkeys(journal["pending"], UNKNOWN))
    steps = publication.plan(held, publication.complete(output))
    if not steps:
        return steps
    journal["pending"] = sorted(set(journal["pending"]) | {name for _, name in steps})
    journal["target"] = target
    _save(path, journal)
    send(output, target, steps)
    _save(path, {"files": publication.complete(output), "pending": [], "target": target})
    return steps


def batches(steps: list[Step]) -> Iterator[tuple[str, list[str]]]:
    """Consecutive steps of one action and one rank: what one transfer may send in any order."""
    for (action, _), group in itertools.groupby(steps, lambda s: (s[0], publication.rank(s[1]))):
        yield action, [name for _, name in group]


def rsync(output: str, target: str, steps: list[Step]) -> None:
    """Send the steps with rsync, one transfer per batch (rsync sorts what one transfer sends).
    A deletion is a listed file missing from the source (--delete-missing-args)."""
    if ":" not in target:
        os.makedirs(target, exist_ok=True)
    for action, names in batches(steps):
        with tempfile.NamedTemporaryFile("w", suffix=".list", encoding="utf-8") as listing:
            listing.write("".join(f"{name}\0" for name in names))
            listing.flush()
            command = ["rsync", "-a", "--from0", f"--files-from={listing.name}"]
            if action == "delete":
                command.append("--delete-missing-args")
            command += [f"{os.path.normpath(output)}/", f"{target.rstrip('/')}/"]
            done = subprocess.run(command, capture_output=True, text=True)
        # 24: "files vanished": a deleted file's folders, gone from the source as well, which
        # rsync lists before the file; the file itself is deleted.
        if done.returncode and not (action == "delete" and done.returncode == 24):
            raise MirrorError(f"rsync to {target} failed: {done.stderr.strip()}")


def s3_location(target: str) -> tuple[str, str]:
    """s3://bucket/prefix -> (bucket, 'prefix/')."""
    bucket, _, prefix = target.removeprefix("s3://").partition("/")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


def s3(output: str, target: str, steps: list[Step], client: Any = None) -> None:
    """Upload the steps to an S3-compatible store: each object with its media type, encoding and
    cache rule (core.publication); deletions in batches, last. The client is boto3's, with the
    endpoint and credentials of the environment (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID…)."""
    if client is None:
        import boto3

        client = boto3.client("s3")
    bucket, prefix = s3_location(target)
    for action, names in batches(steps):
        if action == "delete":
            for start in range(0, len(names), 1000):
                chunk = names[start : start + 1000]
                client.delete_objects(
                    Bucket=bucket,
                    Delete={"Objects": [{"Key": prefix + name} for name in chunk], "Quiet": True},
                )
            continue
        for name in names:
            extra = {
                "ContentType": publication.media_type(name),
                "CacheControl": publication.cache_rule(name),
            }
            if encoding := publication.encoding(name):
                extra["ContentEncoding"] = encoding
            with open(os.path.join(output, name), "rb") as body:
                client.put_object(Bucket=bucket, Key=prefix + name, Body=body, **extra)
