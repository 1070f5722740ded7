"""Pages to render, rendered in forked workers when there are many."""

from dataclasses import dataclass

from communiques.forking import fork_map


@dataclass(frozen=True)
class Job:
    lang: str | None  # None: a bilingual page
    template: str
    url: str
    alternates: dict | None
    context: dict
    digest: str | None = None  # when set: reuse the published page if its digest is the same


def render_all(jobs, render, workers, parallel_from):
    """Render (and write) every job; `render` returns nothing, so nothing is sent back."""
    fork_map(render, jobs, workers if len(jobs) >= parallel_from else 1)
