"""Sweeps on the local process pool: one row per run, resumption, worker protocol."""

from __future__ import annotations

import json
import subprocess
import sys

import cdnmesh
from cdnmesh import launcher
from conftest import FAST, subprocess_env

GRID = {"tracker.policy": ["random", "hybrid"], "audience.initial_viewers": [4, 12]}


def _count_launches(monkeypatch):
    calls = []
    real_launch = launcher.launch

    def counting_launch(payload, timeout_s=None):
        calls.append(payload)
        return real_launch(payload, timeout_s)

    monkeypatch.setattr(launcher, "launch", counting_launch)
    return calls


def test_sweep_gives_one_row_per_run_and_rerun_runs_nothing(small_swarm, tmp_path, monkeypatch):
    store = tmp_path / "runs.db"
    calls = _count_launches(monkeypatch)
    df = cdnmesh.sweep(small_swarm, grid=GRID, seeds=2, store=store, overrides=FAST, workers=2,
                       progress=False)
    assert len(calls) == 8 and len(df) == 8
    assert set(df["status"]) == {"ok"}
    assert sorted(zip(df["tracker.policy"], df["audience.initial_viewers"], df["seed"])) == sorted(
        (p, v, s) for p in GRID["tracker.policy"] for v in GRID["audience.initial_viewers"]
        for s in (1, 2))
    for column in ("offload_ratio", "rebuffer_ratio", "viewers", "wall_s", "seed", "status"):
        assert column in df.columns
    assert df["offload_ratio"].between(0, 1).all()

    calls.clear()
    again = cdnmesh.sweep(small_swarm, grid=GRID, seeds=2, store=store, overrides=FAST, workers=2,
                          progress=False)
    assert calls == []
    assert again.drop(columns=["created_utc"]).equals(df.drop(columns=["created_utc"]))
    assert len(cdnmesh.load(store)) == 8

    calls.clear()  # one more seed: only the new runs
    bigger = cdnmesh.sweep(small_swarm, grid=GRID, seeds=3, store=store, overrides=FAST,
                           workers=2, progress=False)
    assert len(calls) == 4 and len(bigger) == 12


def test_a_sweep_run_equals_an_in_process_run(small_swarm, tmp_path):
    df = cdnmesh.sweep(small_swarm, grid={"tracker.policy": ["hybrid"]}, seeds=[5],
                       store=tmp_path / "runs.db", overrides=FAST, workers=1, progress=False)
    direct = cdnmesh.run(small_swarm, dict(FAST, **{"tracker.policy": "hybrid"}), seed=5)
    assert df["offload_ratio"].iloc[0] == direct.metrics["offload_ratio"]
    assert df["events"].iloc[0] == direct.metrics["events"]


def test_baseline_runs_are_marked(small_swarm, tmp_path):
    df = cdnmesh.sweep(small_swarm, grid={"tracker.policy": ["random", "hybrid"]}, seeds=2,
                       store=tmp_path / "runs.db", overrides=FAST,
                       baseline={"p2p.enabled": False}, progress=False)
    assert len(df) == 6
    base = df[df["baseline"]]
    assert len(base) == 2 and (base["offload_ratio"] == 0).all()
    assert base["tracker.policy"].isna().all() and (base["p2p.enabled"] == False).all()  # noqa


def test_worker_protocol(small_swarm):
    task = {"scenario": str(small_swarm), "overrides": FAST, "seed": 2}
    proc = subprocess.run([sys.executable, "-m", "cdnmesh.worker"], input=json.dumps(task),
                          capture_output=True, text=True, env=subprocess_env())
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "ok" and result["summary"]["seed"] == 2
    assert result["timeseries_csv"].startswith("start_s,end_s")

    task["overrides"] = {"tracker.polcy": "random"}
    proc = subprocess.run([sys.executable, "-m", "cdnmesh.worker"], input=json.dumps(task),
                          capture_output=True, text=True, env=subprocess_env())
    assert proc.returncode == 2
    assert "tracker.polcy" in json.loads(proc.stdout)["message"]
