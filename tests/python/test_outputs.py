"""What a run writes, read back as a user would: names with commas, undefined values, the
measurement window and the breakdowns in the summary."""

from __future__ import annotations

import math

import cdnmesh
from conftest import FAST, SMALL_SWARM

_TWO_ISPS = {
    "isps": [{"name": "north, \"east\"", "share": 0.5, "pop": "pop"},
             {"name": "south", "share": 0.5, "pop": "pop"}],
    "cdn": {"pops": [{"name": "pop"}]},
}


def test_a_comma_and_quotes_in_an_isp_name_round_trip_through_peers_csv() -> None:
    result = cdnmesh.run(SMALL_SWARM, {**FAST, **_TWO_ISPS}, seed=2)
    peers = result.peers
    assert set(peers["isp"]) == {"north, \"east\"", "south"}
    assert len(peers.columns) == 30  # no field split by the comma
    assert set(result.summary["breakdowns"]["isp"]) == {"north, \"east\"", "south"}
    by_isp = result.summary["breakdowns"]["isp"]
    assert sum(g["viewers"] for g in by_isp.values()) == result.metrics["viewers"]


def test_undefined_values_are_none_and_empty_not_zero() -> None:
    result = cdnmesh.run(SMALL_SWARM, {**FAST, "p2p.enabled": False, "audience.devices.tv": 0},
                         seed=1)
    assert result.metrics["offload_ratio"] == 0.0
    assert result.metrics["efficiency"] is None
    assert result.metrics["p2p_cross_isp_share"] is None
    tv = result.summary["breakdowns"]["device"]["tv"]
    assert tv["viewers"] == 0 and tv["offload_ratio"] is None


def test_the_window_is_reported_and_applied() -> None:
    whole = cdnmesh.run(SMALL_SWARM, {"run.duration_s": 120}, seed=1)
    late = cdnmesh.run(SMALL_SWARM, {"run.duration_s": 120, "metrics.warmup_s": 60}, seed=1)
    assert late.summary["window"] == {"start_s": 60.0, "end_s": 120.0}
    assert late.metrics["cdn_bytes"] < whole.metrics["cdn_bytes"]
    assert late.metrics["offload_ratio"] > whole.metrics["offload_ratio"]
    # The time series covers the whole run either way.
    assert list(late.timeseries["start_s"]) == list(whole.timeseries["start_s"])
    assert math.isclose(late.timeseries["end_s"].iloc[-1], 120.0)


def test_a_window_past_the_run_is_refused_naming_the_key() -> None:
    try:
        cdnmesh.run(SMALL_SWARM, {**FAST, "metrics.warmup_s": 20, "metrics.window_s": 20})
    except cdnmesh.ConfigError as error:
        assert "metrics.window_s" in str(error)
    else:
        raise AssertionError("a window ending after the run was accepted")
