"""Results store: schema v2, WAL journal, one row per (code version, scenario, seed), old schemas
refused, per-run tables read back tidy."""

from __future__ import annotations

import json
import math
import sqlite3

import pytest

import cdnmesh
from cdnmesh.plan import Task
from cdnmesh.store import SCHEMA_VERSION, Store, StoreError, pending_tasks


def _task(seed: int, policy: str = "random", version: str = "v1") -> Task:
    return Task("/s.yaml", {"run.duration_s": 30}, {"tracker.policy": policy}, seed,
                scenario_hash=f"hash-{policy}", request_hash=f"req-{policy}", code_version=version)


BREAKDOWNS = {"isp": {"fibre": {"viewers": 3, "offload_ratio": 0.5, "p2p_cross_isp_share": None},
                      "dsl": {"viewers": 2, "offload_ratio": 0.25, "p2p_cross_isp_share": 0.1}},
              "device": {"desktop": {"viewers": 5, "offload_ratio": 0.4}}}


def _ok(offload: float) -> dict:
    summary = {"scenario_name": "s", "seed": 1, "code_version": "v1",
               "scenario": {"name": "s", "run": {"seed": 1}}, "breakdowns": BREAKDOWNS,
               "metrics": {"offload_ratio": offload, "rebuffer_ratio": None,
                           "cdn_egress_bytes_per_pop": {"pop": 5.0}}}
    return {"status": "ok", "exit_code": 0, "wall_s": 0.5, "stderr_tail": "",
            "result": {"summary": summary, "timeseries_csv": "start_s,end_s,viewers\n0,10,1\n",
                       "peers_csv": 'id,isp,startup_delay_s\n1,"a,b",0.5\n2,NA,\n'}}


def _patch_identity(monkeypatch, version="v1"):
    monkeypatch.setattr(cdnmesh.api, "build_identity", lambda: version)


def test_record_replace_and_load(tmp_path, monkeypatch):
    _patch_identity(monkeypatch)
    path = tmp_path / "sub" / "runs.db"
    with Store(path) as store:
        store.record(_task(1), {"status": "crashed", "exit_code": -6, "wall_s": 0.1,
                                "stderr_tail": "boom", "result": None}, "s")
        store.record(_task(1), _ok(0.4), "s")  # the retry replaces the crashed attempt
        store.record(_task(2), _ok(0.6), "s")
        assert store.count() == 2
        assert store.statuses([_task(1).key, _task(3).key]) == {_task(1).key: "ok"}
        raw = store.rows()[0]
        assert "scenario" not in json.loads(raw["summary_json"])  # kept once, in scenarios
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM meta").fetchone()[0] == SCHEMA_VERSION == "2"
    db.close()
    df = cdnmesh.load(path)
    assert list(df["seed"]) == [1, 2] and list(df["offload_ratio"]) == [0.4, 0.6]
    assert df["rebuffer_ratio"].isna().all()  # JSON null is NaN, never 0
    assert list(df["cdn_egress_bytes_per_pop.pop"]) == [5.0, 5.0]
    assert list(df["tracker.policy"]) == ["random"] * 2
    assert list(df["run.duration_s"]) == [30, 30]  # fixed overrides are columns too
    assert set(df["code_version"]) == {"v1"}


def test_per_run_tables_are_tidy(tmp_path, monkeypatch):
    _patch_identity(monkeypatch)
    path = tmp_path / "runs.db"
    with Store(path) as store:
        store.record(_task(1), _ok(0.4), "s")
        store.record(_task(1, "hybrid"), _ok(0.7), "s")
    isp = cdnmesh.load(path, table="isp")
    assert len(isp) == 4 and list(isp.columns[:3]) == ["run_id", "scenario_name", "baseline"]
    fibre = isp[(isp["isp"] == "fibre") & (isp["tracker.policy"] == "hybrid")]
    assert fibre["offload_ratio"].tolist() == [0.5] and fibre["seed"].tolist() == [1]
    assert math.isnan(fibre["p2p_cross_isp_share"].iloc[0])
    assert cdnmesh.load(path, table="device")["device"].tolist() == ["desktop", "desktop"]
    peers = cdnmesh.load(path, table="peers")
    assert peers["isp"].tolist() == ["a,b", "NA"] * 2  # quoted fields and "NA" stay text
    assert math.isnan(peers["startup_delay_s"].iloc[1])
    series = cdnmesh.load(path, table="timeseries")
    assert series[["tracker.policy", "start_s", "viewers"]].values.tolist() == [
        ["random", 0, 1], ["hybrid", 0, 1]]
    data = cdnmesh.load_dataset(path, table="isp")
    assert dict(data.sizes) == {"tracker.policy": 2, "seed": 1, "isp": 2}
    assert float(data["offload_ratio"].sel({"tracker.policy": "hybrid", "seed": 1,
                                            "isp": "dsl"})) == 0.25
    series_data = cdnmesh.load_dataset(path, table="timeseries")
    assert dict(series_data.sizes) == {"tracker.policy": 2, "seed": 1, "start_s": 1}
    with pytest.raises(ValueError, match="not unique over"):
        cdnmesh.to_dataset(isp, dims=["tracker.policy", "seed"])
    with pytest.raises(ValueError, match="table 'ips'"):
        cdnmesh.load(path, table="ips")


def test_versions_are_never_mixed(tmp_path, monkeypatch):
    path = tmp_path / "runs.db"
    with Store(path) as store:
        store.record(_task(1, version="old"), _ok(0.1), "s")
        store.record(_task(1, version="v1"), _ok(0.9), "s")
        store.record(_task(1, version="other"), _ok(0.5), "s")
    _patch_identity(monkeypatch, "v1")
    assert cdnmesh.load(path)["offload_ratio"].tolist() == [0.9]
    assert len(cdnmesh.load(path, code_version="all")) == 3
    assert cdnmesh.load(path, code_version="old")["offload_ratio"].tolist() == [0.1]
    _patch_identity(monkeypatch, "v2")
    with pytest.raises(ValueError, match="several code versions"):
        cdnmesh.load(path)
    with pytest.raises(ValueError, match="plot: runs of several code versions"):
        cdnmesh.plot.compare(cdnmesh.load(path, code_version="all"), x="tracker.policy",
                             y="offload_ratio")


def test_a_schema_1_store_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "runs.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.execute("CREATE TABLE runs (scenario_hash TEXT, params_json TEXT, seed INTEGER)")
    db.commit()
    before = db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    db.close()
    for opener in (lambda: Store(path), lambda: cdnmesh.load(path)):
        with pytest.raises(StoreError, match="schema_version 1.*without the code version.*mv"):
            opener()
    db = sqlite3.connect(path)  # nothing was added to the old file
    assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == before
    db.close()


def test_pending_tasks_retry_policy():
    tasks = [_task(seed) for seed in range(1, 6)]
    stored = {tasks[0].key: "ok", tasks[1].key: "config_error", tasks[2].key: "crashed",
              tasks[3].key: "timeout"}
    todo = pending_tasks(tasks, stored, retry_statuses=("crashed", "timeout"))
    assert [t.seed for t in todo] == [3, 4, 5]
    assert [t.seed for t in pending_tasks(tasks, stored, ())] == [5]
