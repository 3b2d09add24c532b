"""Sweep specs and reports: bad values exit 2 naming the key, nothing is coerced."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cdnmesh
from cdnmesh.spec import SpecError, load_spec
from conftest import SMALL_SWARM, subprocess_env


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "cdnmesh", *args], cwd=cwd,
                          env=subprocess_env(), capture_output=True, text=True, timeout=120)


def _spec(tmp_path, body: str):
    path = tmp_path / "spec.yaml"
    path.write_text(f"scenario: {SMALL_SWARM}\n" + body)
    return path


BAD_SPECS = [
    ("seeds: [1.5, 2.7]\n", "seeds: [1.5, 2.7] is not allowed"),
    ("seeds: !!str 5\n", "seeds: '5' is not allowed"),
    ("seeds: 0\n", "seeds: 0 is not allowed"),
    ("seeds: [1, 1]\n", "a seed is given twice"),
    ("timeout_s: -1\n", "timeout_s: -1 is not allowed"),
    ("timeout_s: .nan\n", "timeout_s: nan is not allowed"),
    ("workers: 0\n", "workers: 0 is not allowed"),
    ("workers: true\n", "workers: True is not allowed"),
    ("executor: threads\n", "allowed: one of: local, dask"),
    ("grid: {tracker.policy: random}\n", "allowed: a non-empty list of values"),
    ("grid: {run.seed: [1, 2]}\n", "give seeds with `seeds:`"),
    ("grid: [1]\n", "grid: [1] is not allowed"),
    ("baseline_over: [audience.initial_viewers]\n", "is not a grid key"),
    ("report: {x: 1}\n", "report:"),
    ("report: {z: a}\n", "unknown key(s) ['z']"),
    ("report: {col: 1}\n", "col = 1; allowed: a key path"),
    ("grid_: {}\n", "grid_: unknown key"),
    ("seeds: 2\nseeds: 3\n", "key 'seeds' is given twice"),
    ("seeds: 2\n---\nseeds: 3\n", "invalid YAML"),
    ("name: [\n", "invalid YAML"),
]


@pytest.mark.parametrize("body,expected", BAD_SPECS)
def test_a_bad_spec_names_the_key(tmp_path, body, expected):
    with pytest.raises(SpecError) as error:
        load_spec(_spec(tmp_path, body))
    assert expected in str(error.value)
    assert str(tmp_path / "spec.yaml") in str(error.value)


def test_a_missing_scenario_and_a_directory_spec(tmp_path):
    (tmp_path / "s.yaml").write_text("scenario: nowhere.yaml\n")
    with pytest.raises(SpecError, match="nowhere.yaml is not a file"):
        load_spec(tmp_path / "s.yaml")
    with pytest.raises(SpecError, match="is a directory"):
        load_spec(tmp_path)
    (tmp_path / "n.yaml").write_bytes(b"scenario: a\x00\n")
    with pytest.raises(SpecError, match="NUL byte"):
        load_spec(tmp_path / "n.yaml")


def test_the_cli_exits_two_for_a_bad_spec(tmp_path):
    out = _cli("sweep", str(_spec(tmp_path, "seeds: [1.5, 2.7]\n")), "--no-progress", cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "seeds: [1.5, 2.7] is not allowed" in out.stderr
    assert "Traceback" not in out.stderr


def test_the_cli_checks_its_own_options(tmp_path):
    out = _cli("sweep", str(_spec(tmp_path, "")), "--timeout-s", "-1", "--no-progress",
               cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "timeout_s: -1.0 is not allowed" in out.stderr


def test_the_api_does_not_coerce_seeds_or_timeouts(tmp_path):
    with pytest.raises(ValueError, match="seeds: 1.5 is not allowed"):
        cdnmesh.sweep(SMALL_SWARM, seeds=[1.5, 2.7], store=tmp_path / "r.db", progress=False)
    with pytest.raises(ValueError, match="timeout_s: -1 is not allowed"):
        cdnmesh.sweep(SMALL_SWARM, timeout_s=-1, store=tmp_path / "r.db", progress=False)


def test_report_on_a_file_that_is_not_a_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    out = _cli("report", str(junk), "--out", str(tmp_path / "rep"), cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "not a cdnmesh results store" in out.stderr and "Traceback" not in out.stderr


def test_report_with_an_unknown_metric(tmp_path):
    store = tmp_path / "r.db"
    cdnmesh.sweep(SMALL_SWARM, grid={"audience.initial_viewers": [4]},
                  overrides={"run.duration_s": 20}, store=store, workers=1, progress=False)
    out = _cli("report", str(store), "--out", str(tmp_path / "rep"), "--y", "offlod_ratio",
               cwd=tmp_path)
    assert out.returncode == 2, out.stderr
    assert "unknown metric(s) ['offlod_ratio']" in out.stderr


def test_a_tag_pyyaml_cannot_build_is_a_spec_error(tmp_path):
    # "!!float word" made PyYAML raise a bare ValueError (found by spec_fuzz.py).
    with pytest.raises(SpecError, match="invalid YAML value"):
        load_spec(_spec(tmp_path, "seeds: !!float seedsscenario\n"))
    with pytest.raises(SpecError, match="invalid YAML value"):
        load_spec(_spec(tmp_path, "!!float : -1\n"))
