"""Plots: catalogue labels and units, percent axes, intervals in range, n in legends, ordered
categories as points, facets, titles, warnings; the matplotlib objects are inspected."""

from __future__ import annotations

import itertools
import warnings

import matplotlib.colors
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

import cdnmesh
from cdnmesh.catalogue import axis_label, metric, param_label
from cdnmesh.plot import AveragedOverWarning, FewRunsWarning
from conftest import FAST

POLICIES = ["random", "same_isp", "hybrid"]  # grid order: not alphabetical
SIZES = [20, 200, 2000]


def _runs(seeds: int, durations=(30,)) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for policy, size, duration, seed in itertools.product(POLICIES, SIZES, durations,
                                                          range(1, seeds + 1)):
        rows.append({"status": "ok", "baseline": False, "tracker.policy": policy,
                     "audience.arrivals.viewers": size, "run.duration_s": duration, "seed": seed,
                     "offload_ratio": min(0.999, 0.1 * POLICIES.index(policy)
                                          + 0.1 * np.log10(size) + abs(rng.normal(0, 0.3))),
                     "theoretical_offload_bound": 1 - 2 / size})
    rows.append({"status": "crashed", "baseline": False, "tracker.policy": "random",
                 "audience.arrivals.viewers": 20, "run.duration_s": 30, "seed": 99,
                 "offload_ratio": np.nan, "theoretical_offload_bound": np.nan})
    return pd.DataFrame(rows)


def _bands(ax):
    return [c for c in ax.collections if isinstance(c, PolyCollection)]


def test_compare_uses_the_catalogue_and_percent(tmp_path):
    df = _runs(seeds=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = cdnmesh.plot.compare(df, x="audience.arrivals.viewers", y="offload_ratio",
                                   hue="tracker.policy", save=[tmp_path / "o.svg",
                                                               tmp_path / "o.pdf"])
    ax = fig.axes[0]
    entry = metric("offload_ratio")
    assert entry.percent and entry.unit == "%"
    assert ax.get_ylabel() == axis_label("offload_ratio") == f"{entry.label} (%)"
    assert ax.get_xlabel() == param_label("audience.arrivals.viewers")
    assert fig._suptitle.get_text() == (f"{entry.label} by "
                                        f"{param_label('audience.arrivals.viewers')} and "
                                        f"{param_label('tracker.policy')}")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [f"{p} (n=3)" for p in POLICIES]  # sweep order, runs behind each point
    assert ax.get_legend().get_title().get_text() == param_label("tracker.policy")
    hybrid = next(line for line in ax.lines if line.get_label().startswith("hybrid"))
    expected = df[(df["tracker.policy"] == "hybrid") & (df["status"] == "ok")].groupby(
        "audience.arrivals.viewers")["offload_ratio"].mean() * 100
    np.testing.assert_allclose(hybrid.get_ydata(), expected.values)
    for line, band in zip(ax.lines, _bands(ax)):
        band_y = band.get_paths()[0].vertices[:, 1]
        assert 0 <= band_y.min() and band_y.max() <= 100  # inside the metric's range
        assert band.get_facecolor()[0][:3] == pytest.approx(
            matplotlib.colors.to_rgb(line.get_color()))
    assert ax.get_ylim()[0] >= 0 and ax.get_ylim()[1] <= 100
    assert ax.get_xscale() == "log"
    assert (tmp_path / "o.svg").read_text().lstrip().startswith("<?xml")
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_categories_are_points_in_sweep_order():
    df = _runs(seeds=3)
    df = df[df["audience.arrivals.viewers"] == 200]
    fig = cdnmesh.plot.compare(df, x="tracker.policy", y="offload_ratio")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == POLICIES
    assert len(ax.lines) >= 1 and all(line.get_linestyle() == "None" for line in ax.lines)
    assert ax.get_legend().get_texts()[0].get_text() == f"{metric('offload_ratio').label} (n=3)"


def test_a_third_parameter_becomes_facets_or_a_warning():
    df = _runs(seeds=3, durations=(30, 60))
    fig = cdnmesh.plot.compare(df, x="audience.arrivals.viewers", y="offload_ratio",
                               hue="tracker.policy", col="run.duration_s")
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == [f"{param_label('run.duration_s')} = {d}"
                                                   for d in (30, 60)]
    with pytest.warns(AveragedOverWarning, match="run.duration_s"):
        cdnmesh.plot.compare(df, x="audience.arrivals.viewers", y="offload_ratio",
                             hue="tracker.policy")


def test_few_runs_warn_and_a_single_seed_has_no_band():
    with pytest.warns(FewRunsWarning, match="1 run"):
        fig = cdnmesh.plot.compare(_runs(seeds=1), x="audience.arrivals.viewers",
                                   y="offload_ratio", hue="tracker.policy")
    assert len(fig.axes[0].lines) == len(POLICIES) and _bands(fig.axes[0]) == []


def test_bound_lines_are_labelled_from_the_catalogue():
    runs = _runs(seeds=3)
    runs["tight_offload_bound"] = runs["theoretical_offload_bound"] * 0.9
    fig = cdnmesh.plot.compare(runs, x="audience.arrivals.viewers", y="offload_ratio",
                               hue="tracker.policy",
                               bound=["tight_offload_bound", "theoretical_offload_bound"])
    tight, loose = fig.axes[0].lines[-2:]
    assert (tight.get_label(), loose.get_label()) == (metric("tight_offload_bound").label,
                                                      metric("theoretical_offload_bound").label)
    assert (tight.get_linestyle(), loose.get_linestyle()) == ("--", "-.")
    np.testing.assert_allclose(loose.get_ydata(), [100 * (1 - 2 / s) for s in SIZES])
    np.testing.assert_allclose(tight.get_ydata(), [90 * (1 - 2 / s) for s in SIZES])


def test_tradeoff_and_breakdown_figures():
    runs = _runs(seeds=3)
    runs["p2p_cross_isp_share"] = 0.1 * runs["tracker.policy"].map(POLICIES.index) + 0.05
    fig = cdnmesh.plot.tradeoff(runs, hue="tracker.policy", by="audience.arrivals.viewers")
    ax = fig.axes[0]
    assert ax.get_xlabel() == axis_label("p2p_cross_isp_share")
    assert ax.get_ylabel() == axis_label("offload_ratio")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[:3] == [f"{p} (n=3)" for p in POLICIES]
    assert ax.get_ylim()[1] <= 100 and ax.get_xlim()[0] >= 0  # percent axes stay in range
    isp = runs.assign(isp=np.where(runs["seed"] % 2 == 0, "fibre", "dsl"))
    isp = pd.concat([isp, isp.assign(isp="cable")])
    with pytest.warns(FewRunsWarning, match="Offload vs ISP"):  # 1 or 2 seeds per ISP
        fig = cdnmesh.plot.breakdown(isp, "offload_ratio", by="isp", hue="tracker.policy",
                                     col="audience.arrivals.viewers")
    assert len(fig.axes) == len(SIZES)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["dsl", "fibre", "cable"]
    assert fig.axes[0].get_xlabel() == "ISP"


def test_run_timeseries_panels(small_swarm, tmp_path):
    result = cdnmesh.run(small_swarm, FAST, seed=1)
    fig = cdnmesh.plot.timeseries(result, save=tmp_path / "ts.png")
    rate_ax, viewers_ax, stalls_ax = fig.axes
    labels = [line.get_label() for line in rate_ax.lines]
    assert "P2P" in labels and "CDN pop" in labels
    np.testing.assert_allclose(rate_ax.lines[-1].get_ydata(), result.timeseries["p2p_bps"])
    assert list(viewers_ax.lines[0].get_ydata()) == list(result.timeseries["viewers"])
    assert len(stalls_ax.patches) == len(result.timeseries)
    assert viewers_ax.get_ylabel() == axis_label("viewers")
    assert (tmp_path / "ts.png").stat().st_size > 0


def test_cdf_pools_viewers_over_seeds():
    peers = pd.DataFrame({"status": "ok", "baseline": False, "run_id": ["a", "a", "b", "b"],
                          "tracker.policy": ["random"] * 4, "seed": [1, 1, 2, 2],
                          "startup_delay_s": [0.01, 0.2, 0.5, 3.0],
                          "uploaded_bytes": [0, 10, 20, 30]})
    fig = cdnmesh.plot.cdf(peers, "startup_delay_s", hue="tracker.policy")
    ax = fig.axes[0]
    line = ax.lines[0]
    assert line.get_label() == "random (n=2 runs, 4 viewers)"
    np.testing.assert_allclose(line.get_ydata(), [0, 25, 50, 75, 100])
    assert ax.get_xscale() == "log" and ax.get_xlabel() == axis_label("startup_delay_s")
    upload = cdnmesh.plot.cdf(peers, "uploaded_bytes").axes[0]
    assert upload.get_xscale() == "linear" and upload.get_ylabel() == "Viewers at or below (%)"


def test_offload_over_time_is_the_mean_of_each_interval():
    ts = pd.DataFrame({"run_id": ["a", "a", "b", "b"], "baseline": False,
                       "tracker.policy": "random", "seed": [1, 1, 2, 2],
                       "start_s": [0, 10, 0, 10], "end_s": [10, 20, 10, 20],
                       "offload": [0.2, np.nan, 0.4, 0.6]})  # nothing completed: undefined
    with pytest.warns(FewRunsWarning):
        fig = cdnmesh.plot.over_time(ts, hue="tracker.policy", window=(5.0, 20.0))
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [30.0, 60.0])
    assert ax.get_ylabel() == axis_label("offload_ratio") and ax.get_xlabel() == \
        "Simulated time (s)"
    assert ax.get_legend().get_texts()[0].get_text() == "random (n=1–2)"
