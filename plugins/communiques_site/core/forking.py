"""Spread work over forked processes. Each child inherits the parent's memory (the index,
the templates), works on every n-th item and sends back its results, pickled, through a pipe."""

import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(Exception):
    """A child failed; its traceback is the message."""


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """[function(item) for item in items], computed by `workers` forked children (in order)."""
    if workers <= 1 or len(items) < 2 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    children = []
    for worker in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            status = 0
            try:
                payload = pickle.dumps(("ok", [function(item) for item in items[worker::workers]]))
            except BaseException:
                payload = pickle.dumps(("error", traceback.format_exc()))
                status = 1
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(status)
        os.close(write_end)
        children.append((pid, read_end))
    shares: list[list[R]] = []
    failures: list[str] = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            failures.append(f"worker {pid} died")
            continue
        kind, value = pickle.loads(data)
        if kind == "ok":
            shares.append(value)
        else:
            failures.append(value)
    if failures:
        raise WorkerError("\n".join(failures))
    # Item i went to worker i % workers, which sent it back in place i // workers.
    return [shares[i % workers][i // workers] for i in range(len(items))]
