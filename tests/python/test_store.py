"""Results store: schema, WAL journal, one row per key, pending-run selection, load()."""

from __future__ import annotations

import json
import sqlite3

import cdnmesh
from cdnmesh.plan import Task
from cdnmesh.store import Store, pending_tasks


def _task(seed: int, policy: str = "random") -> Task:
    return Task("/s.yaml", {}, {"tracker.policy": policy}, seed, "hash")


def _ok(offload: float) -> dict:
    summary = {"scenario_name": "s", "seed": 1, "code_version": "v1",
               "metrics": {"offload_ratio": offload, "cdn_egress_bytes_per_pop": {"pop": 5.0}}}
    return {"status": "ok", "exit_code": 0, "wall_s": 0.5, "stderr_tail": "",
            "result": {"summary": summary, "timeseries_csv": "time_s,viewers\n0,1\n"}}


def test_record_replace_and_load(tmp_path):
    path = tmp_path / "sub" / "runs.db"
    with Store(path) as store:
        store.record(_task(1), {"status": "crashed", "exit_code": -6, "wall_s": 0.1,
                                "stderr_tail": "boom", "result": None}, "s", "v0")
        store.record(_task(1), _ok(0.4), "s", "v0")  # the retry replaces the crashed attempt
        store.record(_task(2), _ok(0.6), "s", "v0")
        assert store.count() == 2
        assert store.statuses("hash") == {('{"tracker.policy":"random"}', 1): "ok",
                                          ('{"tracker.policy":"random"}', 2): "ok"}
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    df = cdnmesh.load(path)
    assert list(df["seed"]) == [1, 2]
    assert list(df["offload_ratio"]) == [0.4, 0.6]
    assert list(df["cdn_egress_bytes_per_pop.pop"]) == [5.0, 5.0]
    assert list(df["tracker.policy"]) == ["random", "random"]
    assert df["code_version"].iloc[0] == "v1"  # the summary's version wins
    with_ts = cdnmesh.load(path, timeseries=True)
    assert with_ts["timeseries_csv"].iloc[0].startswith("time_s")


def test_pending_tasks_retry_policy():
    tasks = [_task(seed) for seed in range(1, 6)]
    stored = {(tasks[0].params_json, 1): "ok", (tasks[0].params_json, 2): "config_error",
              (tasks[0].params_json, 3): "crashed", (tasks[0].params_json, 4): "timeout"}
    todo = pending_tasks(tasks, stored, retry_statuses=("crashed", "timeout"))
    assert [t.seed for t in todo] == [3, 4, 5]
    assert [t.seed for t in pending_tasks(tasks, stored, ())] == [5]


def test_scenarios_table_keeps_the_base_scenario(tmp_path):
    with Store(tmp_path / "runs.db") as store:
        store.add_scenario("hash", "s", {"name": "s"}, "/s.yaml")
        store.add_scenario("hash", "s", {"name": "s"}, "/s.yaml")
    db = sqlite3.connect(tmp_path / "runs.db")
    rows = db.execute("SELECT scenario_name, scenario_json FROM scenarios").fetchall()
    assert rows == [("s", json.dumps({"name": "s"}))]
