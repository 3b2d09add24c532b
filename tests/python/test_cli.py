"""The command line: python3 -m cdnmesh sweep SPEC.yaml and python3 -m cdnmesh report STORE."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import cdnmesh
from cdnmesh.catalogue import axis_label, metric, param_label
from conftest import REPO_DIR, subprocess_env


def _cli(*args, cwd, **env):
    return subprocess.run([sys.executable, "-m", "cdnmesh", *args], cwd=cwd,
                          env=subprocess_env(**env), capture_output=True, text=True, timeout=120)


def _write_spec(tmp_path):
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "mini.yaml"
    scenario = REPO_DIR / "scenarios" / "small-swarm.yaml"
    spec.write_text(f"""
name: mini
scenario: {scenario}
overrides: {{run.duration_s: 30}}
grid:
  audience.initial_viewers: [4, 12]
  tracker.policy: [random, hybrid]
seeds: 2
baseline: {{p2p.enabled: false}}
baseline_over: [audience.initial_viewers]
workers: 2
report: {{x: audience.initial_viewers, hue: tracker.policy, y: [offload_ratio, rebuffer_ratio]}}
""")
    return spec


def test_sweep_spec_then_report(tmp_path):
    spec = _write_spec(tmp_path)
    swept = _cli("sweep", str(spec), cwd=tmp_path, CDNMESH_PROGRESS_INTERVAL_S="0")
    assert swept.returncode == 0, swept.stderr
    assert "mini: 12 runs (12 ok)" in swept.stdout
    lines = swept.stderr.splitlines()
    assert lines[0] == "mini: 0 stored, 12 to run"
    progress = [line for line in lines if re.match(r"mini: \d+/12 runs", line)]
    assert progress[0].startswith("mini: 0/12 runs") and len(progress) == 13  # not a TTY
    assert progress[-1].startswith("mini: 12/12 runs (12 ok)")
    store = tmp_path / "results" / "mini.db"  # default store: results/<name>.db in the cwd
    df = cdnmesh.load(store)
    assert len(df) == 12 and df["baseline"].sum() == 4
    again = _cli("sweep", str(spec), "--no-progress", cwd=tmp_path)
    assert again.stderr.splitlines() == ["mini: 12 stored, 0 to run"]

    report = _cli("report", str(store), "--out", "report", "--x", "audience.initial_viewers",
                  "--hue", "tracker.policy", "--y", "offload_ratio,rebuffer_ratio", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    for name in ("offload_ratio.svg", "offload_ratio.png", "rebuffer_ratio.svg",
                 "offload_over_time.svg", "offload_vs_cross_isp.svg", "cdf_startup_delay.svg",
                 "cdf_upload.png"):
        assert (tmp_path / "report" / name).stat().st_size > 0, name
    text = (tmp_path / "report" / "report.md").read_text()
    header = (f"| {param_label('tracker.policy')} | {param_label('audience.initial_viewers')} "
              f"| n | {axis_label('offload_ratio')} | {axis_label('rebuffer_ratio')} |")
    assert header in text
    for group in ("| random | 4 | 2 (!) |", "| hybrid | 12 | 2 (!) |", "| baseline | 4 | 2 (!) |"):
        assert group in text
    assert re.search(r"\| random \| 4 \| 2 \(!\) \| [0-9.]+ \[[0-9.]+, [0-9.]+\] \|", text)
    assert "Fewer than 3 runs behind some points" in text
    assert f"![{metric('offload_ratio').label}](offload_ratio.svg)" in text
    assert text.index("| random |") < text.index("| hybrid |") < text.index("| baseline |")

    from_spec = _cli("report", str(spec), "--out", "from-spec", "--format", "pdf", cwd=tmp_path)
    assert from_spec.returncode == 0, from_spec.stderr
    assert (tmp_path / "from-spec" / "offload_ratio.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "from-spec" / "efficiency.pdf").exists()  # the spec's y only


def test_stale_runs_are_reported_and_rerun_on_request(tmp_path):
    spec = _write_spec(tmp_path)
    assert _cli("sweep", str(spec), "--no-progress", cwd=tmp_path).returncode == 0
    store = tmp_path / "results" / "mini.db"
    db = sqlite3.connect(store)
    db.execute("UPDATE runs SET code_version = 'an-older-build'")
    db.commit()
    db.close()
    stale = _cli("sweep", str(spec), "--no-progress", cwd=tmp_path)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == [
        "mini: 0 stored, 0 to run",
        "mini: 12 stale: stored by code version an-older-build; not run: pass --rerun-stale "
        "(rerun_stale=True) to run them with this build"]
    assert "mini: 0 runs in " in stale.stdout
    assert "12 stale runs left out: rerun with --rerun-stale" in stale.stdout
    quick = ("--y", "offload_ratio", "--format", "svg")
    report = _cli("report", str(store), "--out", "old", *quick, cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "not by the current build" in (tmp_path / "old" / "report.md").read_text()
    rerun = _cli("sweep", str(spec), "--no-progress", "--rerun-stale", cwd=tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    assert "mini: 0 stored, 12 to run" in rerun.stderr
    assert len(cdnmesh.load(store)) == 12 and len(cdnmesh.load(store, code_version="all")) == 24
    report = _cli("report", str(store), "--out", "new", *quick, cwd=tmp_path)
    text = (tmp_path / "new" / "report.md").read_text()
    assert f"12 runs of code version {cdnmesh.build_identity()}" in text
    assert "12 runs of other code versions (stale) are not shown" in text


def test_a_schema_1_store_is_refused_by_the_cli(tmp_path):
    db = sqlite3.connect(tmp_path / "old.db")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.commit()
    db.close()
    out = _cli("report", "old.db", "--out", "rep", cwd=tmp_path)
    assert out.returncode == 2 and "schema_version 1" in out.stderr
    assert "Traceback" not in out.stderr


def test_bad_spec_and_failed_runs_set_the_exit_status(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("scenario: x.yaml\ngrdi: {}\n")
    bad = _cli("sweep", str(spec), cwd=tmp_path)
    assert bad.returncode == 2 and "grdi" in bad.stderr

    spec.write_text(f"""
scenario: {REPO_DIR / "scenarios" / "small-swarm.yaml"}
overrides: {{run.duration_s: 30}}
grid: {{tracker.policy: [random, bogus]}}
store: runs.db
""")
    failed = _cli("sweep", str(spec), "--no-progress", cwd=tmp_path)
    assert failed.returncode == 1
    assert "1 ok" in failed.stdout and "config_error" in failed.stdout
    assert "tracker.policy" in failed.stdout


def test_spec_paths_are_relative_to_the_spec_file(tmp_path):
    from cdnmesh.spec import load_spec

    spec = load_spec(REPO_DIR / "sweeps" / "matching.yaml")
    assert spec.scenario == str(REPO_DIR / "scenarios" / "live-sports.yaml")
    assert spec.store_path() == REPO_DIR / "results" / "matching" / "runs.db"
    assert "tracker.policy" in spec.grid and spec.baseline == {"p2p.enabled": False}
