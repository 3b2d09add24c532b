"""A sweep killed mid-way (SIGKILL or SIGINT) and restarted completes with exactly the expected
rows: none lost, none duplicated, none run twice."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cdnmesh
from conftest import SMALL_SWARM, subprocess_env

EXPECTED_RUNS = 12  # 3 policies x 4 seeds


def _write_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"""
name: killed
scenario: {SMALL_SWARM}
overrides: {{run.duration_s: 300}}
grid: {{tracker.policy: [random, same_isp, hybrid]}}
seeds: 4
store: runs.db
workers: 1
""")
    return spec


def _stored_rows(store: Path) -> int:
    """Rows in the store, read while the sweep may be writing (0 before the table exists)."""
    if not store.exists():
        return 0
    db = sqlite3.connect(store, timeout=10)
    try:
        return db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()


def _start_sweep(spec: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cdnmesh", "sweep", str(spec), "--no-progress"],
                            env=subprocess_env(), cwd=spec.parent, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT])
def test_killed_sweep_resumes_without_duplicates(tmp_path, signum):
    spec = _write_spec(tmp_path)
    store = tmp_path / "runs.db"
    proc = _start_sweep(spec)
    deadline = time.monotonic() + 60
    while _stored_rows(store) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signum)
    proc.communicate(timeout=30)
    assert proc.returncode != 0, "the sweep finished before it could be killed"

    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = dict(db.execute("SELECT params_json || seed, created_utc FROM runs").fetchall())
    db.close()
    assert 2 <= len(before) < EXPECTED_RUNS

    restarted = _start_sweep(spec)
    out, err = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, err
    assert f"{EXPECTED_RUNS} runs ({EXPECTED_RUNS} ok)" in out

    df = cdnmesh.load(store)
    assert len(df) == EXPECTED_RUNS
    assert not df.duplicated(["scenario_hash", "params_json", "seed"]).any()
    assert set(df["status"]) == {"ok"}
    assert sorted(zip(df["tracker.policy"], df["seed"])) == sorted(
        (p, s) for p in ("random", "same_isp", "hybrid") for s in range(1, 5))
    after = dict(zip(df["params_json"] + df["seed"].astype(str), df["created_utc"]))
    for key, created in before.items():  # runs finished before the kill were not run again
        assert after[key] == created
