"""Reports from a store: axes for three parameters, a note for a fourth, n and intervals in the
table, catalogue units in the header; stores built by hand so every number is known."""

from __future__ import annotations

import itertools

import pandas as pd

import cdnmesh
from cdnmesh.catalogue import axis_label, param_label
from cdnmesh.plan import Task, canonical_json, sha256_hex
from cdnmesh.report import markdown_table, write_report
from cdnmesh.store import Store

POLICIES = ["random", "same_isp"]


def _record(store, params, seed, offload, share):
    key = canonical_json(params)
    task = Task("/s.yaml", {}, params, seed, scenario_hash=sha256_hex(key),
                request_hash=sha256_hex("r" + key), code_version=cdnmesh.api.build_identity())
    summary = {"window": {"start_s": 0.0, "end_s": 20.0},
               "metrics": {"offload_ratio": offload, "p2p_cross_isp_share": share}}
    store.record(task, {"status": "ok", "exit_code": 0, "wall_s": 0.1, "result": {
        "summary": summary, "timeseries_csv": "start_s,end_s,viewers,cdn_bps,p2p_bps,offload\n"
        f"0,10,2,{1 - offload},{offload},{offload}\n10,20,2,{1 - offload},{offload},{offload}\n",
        "peers_csv": f"id,startup_delay_s,uploaded_bytes\n1,0.{seed},{seed}000\n"}}, "s")


def test_three_parameters_become_x_hue_and_panels_and_a_fourth_is_noted(tmp_path):
    path = tmp_path / "runs.db"
    with Store(path) as store:
        for policy, size, duration, seed in itertools.product(POLICIES, [10, 100], [30, 60],
                                                              [1, 2, 3]):
            params = {"tracker.policy": policy, "audience.initial_viewers": size,
                      "run.duration_s": duration, "stream.segment_s": 2 + seed % 2}
            _record(store, params, seed, 0.1 * seed + 0.2 * POLICIES.index(policy),
                    None if policy == "random" and seed == 1 else 0.3)
    report = write_report(path, tmp_path / "out", y=["offload_ratio", "p2p_cross_isp_share"],
                          formats=["svg"])
    text = report.read_text()
    assert f"x = {param_label('audience.initial_viewers')}, hue = " \
           f"{param_label('tracker.policy')}, panels = {param_label('run.duration_s')}" in text
    assert "averages over stream.segment_s" in text
    header = (f"| {param_label('tracker.policy')} | {param_label('run.duration_s')} | "
              f"{param_label('audience.initial_viewers')} | n | {axis_label('offload_ratio')} |")
    assert header in text
    # random, 30 s, 10 viewers: offload 10, 20, 30 %: mean 20 % in a range-respecting interval.
    row = next(line for line in text.splitlines() if line.startswith("| random | 30 | 10 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3] == "3" and cells[4].startswith("20.0 [") and cells[5].endswith("(n=2)")
    low, high = map(float, cells[4][len("20.0 ["):-1].split(", "))
    assert 0 < low < 20 < high < 100
    assert (tmp_path / "out" / "offload_over_time.svg").stat().st_size > 0
    assert (tmp_path / "out" / "cdf_upload.svg").stat().st_size > 0


def test_markdown_table_marks_small_and_undefined_groups():
    df = pd.DataFrame({"status": ["ok"] * 3, "baseline": [False, False, True],
                       "tracker.policy": ["hybrid", "hybrid", None], "seed": [1, 2, 1],
                       "offload_ratio": [0.5, 0.7, 0.0], "p2p_cross_isp_share": [0.2, 0.4, None]})
    text = markdown_table(df, ["tracker.policy"], ["offload_ratio", "p2p_cross_isp_share"])
    lines = text.splitlines()
    assert lines[2].startswith("| hybrid | 2 (!) | 60.0 [")
    assert lines[3] == "| baseline | 1 (!) | 0 | n/a |"


def test_a_build_of_uncommitted_code_is_flagged(tmp_path, monkeypatch):
    for version, flagged in (("0123abcd-dirty+so.42", True), ("0123abcd", False)):
        monkeypatch.setattr(cdnmesh.api, "build_identity", lambda v=version: v)
        path = tmp_path / f"{flagged}.db"
        with Store(path) as store:
            for seed in (1, 2, 3):
                _record(store, {"tracker.policy": "random"}, seed, 0.5, 0.1)
        text = write_report(path, tmp_path / str(flagged), y=["offload_ratio"], formats=["png"],
                            extra_figures=False).read_text()
        assert f"runs of code version {version}" in text
        assert ("build of uncommitted code" in text) == flagged
