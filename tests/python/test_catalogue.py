"""The metric catalogue is the simulator's: every summary and breakdown metric has a label,
unit and range from it; other names get readable derived entries; key paths get labels."""

from __future__ import annotations

import cdnmesh
from cdnmesh.catalogue import axis_label, catalogue, humanize, label, metric, param_label
from conftest import FAST


def test_entries_come_from_the_simulator():
    native = {entry["name"]: entry for entry in cdnmesh.api.native.metric_catalogue()}
    assert list(catalogue()) == list(native)
    for name, entry in native.items():
        got = metric(name)
        assert (got.label, got.unit, got.percent, got.lo, got.hi) == (
            entry["label"], entry["unit"], entry["percent"], entry["lo"], entry["hi"])
    offload = metric("offload_ratio")
    assert offload.bounded and offload.scale == 100 and axis_label("offload_ratio") == \
        f"{offload.label} (%)"


def test_every_metric_a_run_reports_is_catalogued(small_swarm):
    summary = cdnmesh.run(small_swarm, FAST, seed=1).summary
    names = set(catalogue())
    assert set(summary["metrics"]) - {"cdn_egress_bytes_per_pop"} <= names
    for groups in summary["breakdowns"].values():
        for metrics in groups.values():
            assert set(metrics) <= names


def test_derived_entries_for_names_the_catalogue_does_not_list():
    pop = metric("cdn_egress_bytes_per_pop.pop-paris")
    assert pop.unit == "bytes" and pop.label == "CDN egress per POP pop-paris"
    assert (metric("startup_delay_s").unit, metric("startup_delay_s").label) == ("s",
                                                                                "Startup delay")
    assert metric("down_bps").unit == "bit/s" and metric("swarms").unit == ""
    share = metric("some_share")
    assert share.percent and (share.lo, share.hi) == (0.0, 1.0)
    assert humanize("p2p_cross_isp_bytes") == "P2P cross ISP bytes"


def test_key_path_labels_use_the_schema_units():
    assert param_label("tracker.policy") == "Tracker policy"
    assert param_label("run.duration_s") == "Run duration (s)"
    assert label("run.duration_s") == "Run duration (s)"
    assert label("offload_ratio") == axis_label("offload_ratio")
