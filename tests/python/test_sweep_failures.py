"""Failed runs (configuration errors, crashes, timeouts) are recorded and the sweep goes on."""

from __future__ import annotations

import pytest

import cdnmesh
from cdnmesh import launcher
from conftest import FAST, REPO_DIR


def test_config_error_in_a_grid_value_is_recorded(small_swarm, tmp_path):
    df = cdnmesh.sweep(small_swarm, grid={"tracker.policy": ["random", "bogus", "hybrid"]},
                       seeds=2, store=tmp_path / "runs.db", overrides=FAST, workers=2,
                       progress=False)
    assert len(df) == 6
    bad = df[df["tracker.policy"] == "bogus"]
    assert set(bad["status"]) == {"config_error"}
    assert bad["stderr_tail"].str.contains("tracker.policy").all()
    assert bad["offload_ratio"].isna().all()
    assert set(df[df["tracker.policy"] != "bogus"]["status"]) == {"ok"}


def test_config_error_in_the_base_scenario_raises(small_swarm, tmp_path):
    with pytest.raises(cdnmesh.ConfigError, match="tracker.polcy"):
        cdnmesh.sweep(small_swarm, grid={"run.duration_s": [10]}, store=tmp_path / "runs.db",
                      overrides={"tracker.polcy": "random"}, progress=False)


def test_crash_is_recorded_and_retried_on_the_next_sweep(small_swarm, tmp_path, monkeypatch):
    store = tmp_path / "runs.db"
    grid = {"tracker.policy": ["random", "hybrid"]}
    monkeypatch.setenv("CDNMESH_TEST_CRASH_SEED", "2")
    df = cdnmesh.sweep(small_swarm, grid=grid, seeds=3, store=store, overrides=FAST, workers=2,
                       progress=False)
    assert len(df) == 6
    crashed = df[df["status"] == "crashed"]
    assert sorted(crashed["seed"]) == [2, 2]
    assert crashed["stderr_tail"].str.contains("SIGABRT").all()
    assert (df[df["seed"] != 2]["status"] == "ok").all()

    monkeypatch.delenv("CDNMESH_TEST_CRASH_SEED")
    launched = []
    real_launch = launcher.launch
    monkeypatch.setattr(launcher, "launch",
                        lambda payload, timeout_s=None: launched.append(payload)
                        or real_launch(payload, timeout_s))
    again = cdnmesh.sweep(small_swarm, grid=grid, seeds=3, store=store, overrides=FAST,
                          workers=2, progress=False)
    assert sorted(p["seed"] for p in launched) == [2, 2]
    assert set(again["status"]) == {"ok"} and len(cdnmesh.load(store)) == 6


def test_timeout_kills_the_run_and_is_recorded(tmp_path):
    live_sports = REPO_DIR / "scenarios" / "live-sports.yaml"  # ~10 s per run: certain to time out
    df = cdnmesh.sweep(live_sports, grid={"tracker.policy": ["random"]}, seeds=1,
                       store=tmp_path / "runs.db", timeout_s=1.0, progress=False)
    assert list(df["status"]) == ["timeout"]
    assert df["wall_s"].iloc[0] < 5
    assert "killed after" in df["stderr_tail"].iloc[0]
    assert launcher._live == set()
