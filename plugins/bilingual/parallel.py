"""Render pages in forked worker processes: each inherits the read-only index and templates,
renders its share of the pages and writes them; nothing comes back but success or an error."""

import os
import traceback
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    lang: str | None  # None: a bilingual page
    template: str
    url: str
    alternates: dict | None
    context: dict


class RenderError(Exception):
    """A worker failed; its traceback is the message."""


def render_all(jobs, render, workers, parallel_from):
    """Render every job, in `workers` forked processes when there are enough jobs."""
    if workers <= 1 or len(jobs) < parallel_from or not hasattr(os, "fork"):
        for job in jobs:
            render(job)
        return
    children = []
    for worker in range(workers):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: render every workers-th job, report, and leave at once
            os.close(read_end)
            status = 0
            try:
                for job in jobs[worker::workers]:
                    render(job)
            except BaseException:
                os.write(write_end, traceback.format_exc().encode())
                status = 1
            finally:
                os.close(write_end)
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end))
    failures = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read().decode()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            failures.append(message or f"worker {pid} ended with status {status}")
    if failures:
        raise RenderError("\n".join(failures))
