"""The command line: python3 -m cdnmesh sweep SPEC.yaml and python3 -m cdnmesh report STORE."""

from __future__ import annotations

import subprocess
import sys

import cdnmesh
from conftest import REPO_DIR, subprocess_env


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "cdnmesh", *args], cwd=cwd,
                          env=subprocess_env(), capture_output=True, text=True, timeout=120)


def test_sweep_spec_then_report(tmp_path):
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
    swept = _cli("sweep", str(spec), "--no-progress", cwd=tmp_path)
    assert swept.returncode == 0, swept.stderr
    assert "mini: 12 runs (12 ok)" in swept.stdout
    store = tmp_path / "results" / "mini.db"  # default store: results/<name>.db in the cwd
    df = cdnmesh.load(store)
    assert len(df) == 12 and df["baseline"].sum() == 4

    report = _cli("report", str(store), "--out", "report", "--x", "audience.initial_viewers",
                  "--hue", "tracker.policy", "--y", "offload_ratio,rebuffer_ratio", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "report" / "offload_ratio.png").stat().st_size > 0
    assert (tmp_path / "report" / "rebuffer_ratio.png").stat().st_size > 0
    text = (tmp_path / "report" / "report.md").read_text()
    header = "| tracker.policy | audience.initial_viewers | n | offload_ratio | rebuffer_ratio |"
    assert header in text
    for group in ("| baseline | 4 | 2 |", "| hybrid | 12 | 2 |", "| random | 4 | 2 |"):
        assert group in text
    assert " ± " in text and "![offload_ratio](offload_ratio.png)" in text

    from_spec = _cli("report", str(spec), "--out", "from-spec", cwd=tmp_path)
    assert from_spec.returncode == 0, from_spec.stderr
    assert sorted(p.name for p in (tmp_path / "from-spec").iterdir()) == [
        "offload_ratio.png", "rebuffer_ratio.png", "report.md"]


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
