"""Sweep progress outside a terminal: plain lines, throttled, with a first and a last one."""

from __future__ import annotations

import io

import pytest

from cdnmesh import progress
from cdnmesh.progress import LineProgress, NoProgress, make_progress


def test_lines_are_throttled_but_the_first_and_last_always_appear(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    out = io.StringIO()
    bar = LineProgress(total=4, desc="sweep", stream=out, interval_s=5.0)
    for step, status in enumerate(["ok", "ok", "crashed", "ok"], start=1):
        now[0] += 2.0  # runs finish 2 s apart: a line at most every 5 s
        bar.update({"ok": step - (step >= 3), "crashed": int(step >= 3)})
    assert out.getvalue().splitlines() == [
        "sweep: 0/4 runs, 0 s elapsed",
        "sweep: 3/4 runs (2 ok, 1 crashed), 6 s elapsed, ETA 2 s",
        "sweep: 4/4 runs (3 ok, 1 crashed), 8 s elapsed"]


def test_the_eta_weighs_runs_by_their_estimated_cost(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    out = io.StringIO()
    bar = LineProgress(total=3, desc="s", stream=out, interval_s=0.0, total_cost=12.0)
    now[0] = 1.0
    bar.update({"ok": 1}, cost=1.0)  # the cheap run took 1 s: 11 s of estimated work remain
    assert out.getvalue().splitlines()[-1] == "s: 1/3 runs (1 ok), 1 s elapsed, ETA 11 s"


def test_display_choice(monkeypatch):
    assert isinstance(make_progress(3, "s", enabled=False), NoProgress)
    assert isinstance(make_progress(0, "s"), NoProgress)
    assert isinstance(make_progress(3, "s", stream=io.StringIO()), LineProgress)
    monkeypatch.setenv("CDNMESH_PROGRESS_INTERVAL_S", "soon")
    with pytest.raises(ValueError, match="CDNMESH_PROGRESS_INTERVAL_S: 'soon'"):
        make_progress(3, "s", stream=io.StringIO())
