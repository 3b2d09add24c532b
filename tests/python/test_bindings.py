"""Bindings through the cdnmesh package: run, validate, params and the error types."""

from __future__ import annotations

import pandas as pd
import pytest

import cdnmesh
from conftest import FAST

MAIN_METRICS = ["offload_ratio", "theoretical_offload_bound", "efficiency", "rebuffer_ratio",
                "startup_delay_p50_s", "startup_delay_p95_s", "p2p_cross_isp_share", "viewers",
                "peak_concurrent_viewers", "mean_bitrate_bps", "cdn_egress_bytes_per_pop"]


def test_run_returns_metrics_and_tables(small_swarm):
    result = cdnmesh.run(small_swarm, FAST, seed=1)
    assert isinstance(result, cdnmesh.RunResult)
    for name in MAIN_METRICS:
        assert name in result.metrics, name
    assert result.metrics["viewers"] > 0
    assert 0.0 <= result.metrics["offload_ratio"] <= 1.0
    assert result.summary["scenario_name"] == "small-swarm"
    assert result.seed == 1
    assert result.scenario["run"]["duration_s"] == 30
    assert isinstance(result.timeseries, pd.DataFrame)
    assert {"start_s", "end_s", "viewers", "p2p_bps", "stalls"} <= set(result.timeseries.columns)
    assert any(c.startswith("cdn_egress_bps_") for c in result.timeseries.columns)
    assert len(result.peers) == result.metrics["viewers"]
    assert result.wall_seconds >= 0


def test_same_seed_gives_the_same_summary(small_swarm):
    first = cdnmesh.run(small_swarm, FAST, seed=7)
    second = cdnmesh.run(small_swarm, ["run.duration_s=30"], seed=7)
    assert first.summary == second.summary
    assert first.timeseries_csv == second.timeseries_csv


def test_dict_scenario_matches_file(small_swarm):
    resolved = cdnmesh.validate(small_swarm, FAST, seed=4)
    assert resolved["run"]["seed"] == 4 and resolved["tracker"]["policy"] == "random"
    from_dict = cdnmesh.run(resolved)
    from_file = cdnmesh.run(small_swarm, FAST, seed=4)
    assert from_dict.metrics == from_file.metrics


def test_unknown_key_raises_config_error_naming_the_path(small_swarm):
    with pytest.raises(cdnmesh.ConfigError) as caught:
        cdnmesh.run(small_swarm, {"tracker.polcy": "random"})
    assert isinstance(caught.value, ValueError)
    assert "tracker.polcy" in str(caught.value)


def test_bad_value_raises_config_error_naming_the_path(small_swarm):
    with pytest.raises(ValueError, match=r"tracker\.policy"):
        cdnmesh.validate(small_swarm, {"tracker.policy": "bogus"})
    with pytest.raises(cdnmesh.ConfigError, match=r"run\.duration_s"):
        cdnmesh.run(small_swarm, {"run.duration_s": -1})


def test_params_describe_the_schema():
    entries = {entry["key"]: entry for entry in cdnmesh.params()}
    assert "tracker.policy" in entries and "run.duration_s" in entries
    for field in ("type", "default", "unit", "description"):
        assert field in entries["run.duration_s"]
    assert entries["run.duration_s"]["unit"] == "s"


def test_simulation_error_is_a_runtime_error():
    assert issubclass(cdnmesh.SimulationError, RuntimeError)
    assert issubclass(cdnmesh.ConfigError, ValueError)
    assert cdnmesh.code_version()
