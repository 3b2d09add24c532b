"""Sweeps on the local process pool: one row per run, resumption, worker protocol."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cdnmesh
from cdnmesh import launcher
from cdnmesh.plot import AveragedOverWarning
from cdnmesh.stats import mean_ci
from cdnmesh.tables import StaleResultsWarning
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
    assert result["peers_csv"].startswith("id,")

    task["overrides"] = {"tracker.polcy": "random"}
    proc = subprocess.run([sys.executable, "-m", "cdnmesh.worker"], input=json.dumps(task),
                          capture_output=True, text=True, env=subprocess_env())
    assert proc.returncode == 2
    assert "tracker.polcy" in json.loads(proc.stdout)["message"]


def test_a_run_of_another_code_version_is_stale_not_reused(small_swarm, tmp_path, monkeypatch):
    store = tmp_path / "runs.db"
    grid = {"tracker.policy": ["random", "hybrid"]}
    monkeypatch.setattr(cdnmesh.api, "build_identity", lambda: "old-build")
    old = cdnmesh.sweep(small_swarm, grid=grid, seeds=2, store=store, overrides=FAST,
                        progress=False)
    assert set(old["code_version"]) == {"old-build"} and len(old) == 4

    monkeypatch.setattr(cdnmesh.api, "build_identity", lambda: "new-build")
    calls = _count_launches(monkeypatch)
    logged = []
    with pytest.warns(StaleResultsWarning, match="4 runs are stored only by older"):
        stale = cdnmesh.sweep(small_swarm, grid=grid, seeds=2, store=store, overrides=FAST,
                              progress=False, log=logged.append)
    assert calls == [] and len(stale) == 0  # never reused as if current
    assert logged == ["small-swarm: 0 stored, 0 to run",
                      "small-swarm: 4 stale: stored by code version old-build; not run: pass "
                      "--rerun-stale (rerun_stale=True) to run them with this build"]
    fresh = cdnmesh.sweep(small_swarm, grid=grid, seeds=3, store=store, overrides=FAST,
                          progress=False, rerun_stale=True, log=logged.append)
    assert len(calls) == 6 and set(fresh["code_version"]) == {"new-build"}
    assert logged[-2] == "small-swarm: 0 stored, 6 to run"
    same = fresh.merge(old, on=["tracker.policy", "seed"], suffixes=("", "_old"))
    assert len(same) == 4  # same code, same seeds: same numbers
    assert (same["offload_ratio"] == same["offload_ratio_old"]).all()
    assert len(cdnmesh.load(store, code_version="all")) == 10


def test_sweeps_differing_in_a_fixed_override_stay_apart(small_swarm, tmp_path):
    store = tmp_path / "runs.db"
    grid = {"tracker.policy": ["random"]}
    short = cdnmesh.sweep(small_swarm, grid=grid, seeds=2, store=store,
                          overrides={"run.duration_s": 20}, progress=False)
    long_ = cdnmesh.sweep(small_swarm, grid=grid, seeds=2, store=store,
                          overrides={"run.duration_s": 40}, progress=False)
    df = cdnmesh.load(store)
    assert len(df) == 4 and sorted(df["run.duration_s"]) == [20, 20, 40, 40]
    means = mean_ci(df, ["run.duration_s"], "watch_hours").set_index("run.duration_s")["mean"]
    assert means[20] == short["watch_hours"].mean() and means[40] == long_["watch_hours"].mean()
    assert means[20] < means[40]
    with pytest.warns(AveragedOverWarning, match="run.duration_s"):
        cdnmesh.plot.compare(df, x="tracker.policy", y="watch_hours")


def test_per_run_tables_of_a_real_sweep(small_swarm, tmp_path):
    store = tmp_path / "runs.db"
    cdnmesh.sweep(small_swarm, grid={"tracker.policy": ["random", "hybrid"]}, seeds=[3],
                  store=store, overrides=FAST, progress=False)
    direct = cdnmesh.run(small_swarm, dict(FAST, **{"tracker.policy": "hybrid"}), seed=3)
    series = cdnmesh.load(store, table="timeseries")
    hybrid = series[series["tracker.policy"] == "hybrid"].reset_index(drop=True)
    assert hybrid[list(direct.timeseries.columns)].equals(direct.timeseries)
    peers = cdnmesh.load(store, table="peers")
    assert (peers.groupby("tracker.policy").size() == direct.metrics["viewers"]).all()
    data = cdnmesh.load_dataset(store)
    assert dict(data.sizes) == {"tracker.policy": 2, "seed": 1}
    assert float(data["offload_ratio"].sel({"tracker.policy": "hybrid", "seed": 3})) == \
        direct.metrics["offload_ratio"]


def test_a_default_spelt_out_reuses_the_run_with_this_sweeps_parameters(small_swarm, tmp_path,
                                                                        monkeypatch):
    store = tmp_path / "runs.db"
    first = cdnmesh.sweep(small_swarm, seeds=1, store=store, overrides=FAST, progress=False)
    default_policy = cdnmesh.validate(small_swarm)["tracker"]["policy"]
    calls = _count_launches(monkeypatch)
    again = cdnmesh.sweep(small_swarm, grid={"tracker.policy": [default_policy]}, seeds=1,
                          store=store, overrides=FAST, progress=False)
    assert calls == [] and list(again["tracker.policy"]) == [default_policy]
    assert list(again["offload_ratio"]) == list(first["offload_ratio"])


def test_runs_of_two_scenario_files_differ_in_a_column(small_swarm, tmp_path):
    import yaml

    store = tmp_path / "runs.db"
    base = yaml.safe_load(small_swarm.read_text())
    for duration_s in (20, 30):  # the same overrides, two different scenario texts
        scenario = dict(base, run=dict(base.get("run") or {}, duration_s=duration_s))
        cdnmesh.sweep(scenario, grid={"tracker.policy": ["random"]}, seeds=2, store=store,
                      progress=False, name="two-files")
    df = cdnmesh.load(store)
    assert len(df) == 4 and sorted(df["run.duration_s"]) == [20, 20, 30, 30]
    assert "run.duration_s" in cdnmesh.frame.param_columns(df)
    with pytest.warns(AveragedOverWarning, match="run.duration_s"):
        cdnmesh.plot.compare(df, x="tracker.policy", y="watch_hours")
