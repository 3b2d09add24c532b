"""Sweeps through a real Dask LocalCluster on loopback give the same rows as the local pool."""

from __future__ import annotations

import json

import pytest

import cdnmesh
from conftest import FAST

pytest.importorskip("distributed")

# Debian's tornado/distributed pair warns about event-loop APIs; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

GRID = {"tracker.policy": ["random", "hybrid"], "audience.initial_viewers": [4, 12]}
KEY = ["tracker.policy", "audience.initial_viewers", "seed"]


def _summaries(store):
    """{(policy, viewers, seed): (status, summary)} read back from a store."""
    from cdnmesh.store import Store

    with Store(store, readonly=True) as db:
        rows = db.rows()
    out = {}
    for row in rows:
        params = json.loads(row["params_json"])
        key = (params["tracker.policy"], params["audience.initial_viewers"], row["seed"])
        out[key] = (row["status"], json.loads(row["summary_json"]) if row["summary_json"] else None)
    return out


def test_dask_local_cluster_matches_local_pool(small_swarm, tmp_path):
    local = cdnmesh.sweep(small_swarm, grid=GRID, seeds=2, store=tmp_path / "local.db",
                          overrides=FAST, executor="local", workers=2, progress=False)
    dask = cdnmesh.sweep(small_swarm, grid=GRID, seeds=2, store=tmp_path / "dask.db",
                         overrides=FAST, executor="dask", workers=2, progress=False)
    assert len(dask) == len(local) == 8
    assert set(dask["status"]) == {"ok"}
    metric_columns = [c for c in local.columns if c not in ("wall_s", "created_utc")]
    ordered_local = local.sort_values(KEY).reset_index(drop=True)[metric_columns]
    ordered_dask = dask.sort_values(KEY).reset_index(drop=True)[metric_columns]
    assert ordered_local.equals(ordered_dask)
    assert _summaries(tmp_path / "local.db") == _summaries(tmp_path / "dask.db")


def test_existing_scheduler_address_and_a_crash(small_swarm, tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setenv("CDNMESH_TEST_CRASH_SEED", "2")  # inherited by the spawned Dask workers
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        df = cdnmesh.sweep(small_swarm, grid={"tracker.policy": ["random", "hybrid"]}, seeds=2,
                           store=tmp_path / "runs.db", overrides=FAST, executor="dask",
                           address=cluster.scheduler_address, progress=False)
    assert len(df) == 4
    assert sorted(df[df["status"] == "crashed"]["seed"]) == [2, 2]
    assert (df[df["seed"] == 1]["status"] == "ok").all()
