"""Consistency across publications: over random sequences of events (a case published, updated,
corrected, withdrawn, a body corrected), each build appends to the log it replaces, every
checkpoint is consistent with every earlier one (the monitor, run after each publication,
accepts each), and the last log is byte for byte the log a build from nothing makes."""

import importlib.util
import json
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communiques_site.communiques.model import Update, Withdrawal
from communiques_site.tlog import tiles
from communiques_site.tlog.entries import events
from communiques_site.tlog.log import Log, write
from communiques_site.tlog.settings import LogOptions, signer
from conftest import ROOT
from tlog_helpers import case

START = datetime(2026, 1, 1, 9, tzinfo=UTC)
SPEC = importlib.util.spec_from_file_location("monitor", ROOT / "tools" / "verify.py")
monitor = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(monitor)


def identity(entry):
    value = json.loads(entry)
    return value["id"], value["lang"], value["kind"], value["at"], value["url"]


def apply(cases, step, at):
    """One publication: a new case, or a change to one already out."""
    kind, pick = step
    out = [c for c in cases.values() if c.withdrawn is None]
    if kind == "publish" or not out:
        n = len(cases)
        cases[n] = case(n, at)
        return "publish"
    n = next(key for key, c in cases.items() if c is out[pick % len(out)])
    current = cases[n]
    if kind == "withdraw":
        cases[n] = replace(current, withdrawn=Withdrawal(at, {"ar": "خطأ", "fr": "Erreur"}))
    elif kind == "body":
        # A correction that changes the text: the correction's entry has the new digest.
        texts = {
            lang: replace(text, body_html=text.body_html + "<p>Corrigé.</p>")
            for lang, text in current.texts.items()
        }
        note = {"ar": "تصحيح", "fr": "Correction"}
        cases[n] = replace(
            current, texts=texts, updates=(*current.updates, Update(at, "minor", None, note))
        )
    else:
        update = Update(at, kind, None, {"ar": "تحيين", "fr": "Mise à jour"})
        cases[n] = replace(current, updates=(*current.updates, update))
    return kind


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["publish", "major", "minor", "body", "withdraw"]), st.integers(0, 9)
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_every_checkpoint_is_consistent_with_every_earlier_one(steps):
    key = signer(LogOptions())
    cases = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        state = root / "monitor.json"
        heads, published, logs, done = [], None, [], []
        for number, step in enumerate(steps):
            at = START + timedelta(hours=number)
            done.append(apply(cases, step, at))
            site = root / f"publication-{number}"
            log = Log(key, published, events(list(cases.values()), at), {})
            assert not log.problems, [str(p) for p in log.problems.items]
            write(site, log, published)
            assert monitor.main([str(site), "--key", key.verifier_key, "--state", str(state)]) == 0
            heads.append((log.size, tiles.root(log.tree)))
            logs.append(log)
            published = str(site)
        last = logs[-1]
        for size, head in heads:
            assert tiles.root(last.tree, size) == head
        for earlier, later in pairwise(logs):
            assert later.entries[: earlier.size] == earlier.entries
        # A build from nothing of the same content: the same log, except that the entries of a
        # body corrected later keep the digest of the body as it was when they were logged.
        cold = Log(key, None, events(list(cases.values()), at), {})
        if "body" not in done:
            assert cold.entries == last.entries
            assert cold.checkpoint() == last.checkpoint()
        else:
            assert [identity(e) for e in cold.entries] == [identity(e) for e in last.entries]
            assert cold.entries != last.entries
