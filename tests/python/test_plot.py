"""Plots: one line per hue value with confidence bands; time series panels. The matplotlib
objects are inspected, not only the files."""

from __future__ import annotations

import itertools

import matplotlib.colors
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

import cdnmesh
from cdnmesh.stats import ci95_half_width, mean_ci, t975
from conftest import FAST

POLICIES = ["random", "same_isp", "hybrid"]
SIZES = [20, 200, 2000]


def _runs(seeds: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for policy, size, seed in itertools.product(POLICIES, SIZES, range(1, seeds + 1)):
        rows.append({"status": "ok", "baseline": False, "tracker.policy": policy,
                     "audience.arrivals.viewers": size, "seed": seed,
                     "offload_ratio": 0.1 * POLICIES.index(policy) + 0.1 * np.log10(size)
                     + rng.normal(0, 0.02),
                     "theoretical_offload_bound": 1 - 2 / size})
    rows.append({"status": "crashed", "baseline": False, "tracker.policy": "random",
                 "audience.arrivals.viewers": 20, "seed": 99, "offload_ratio": np.nan,
                 "theoretical_offload_bound": np.nan})
    return pd.DataFrame(rows)


def _bands(ax):
    return [c for c in ax.collections if isinstance(c, PolyCollection)]


def test_compare_draws_a_line_and_a_band_per_hue_value(tmp_path):
    df = _runs(seeds=3)
    fig = cdnmesh.plot.compare(df, x="audience.arrivals.viewers", y="offload_ratio",
                               hue="tracker.policy", save=tmp_path / "offload.png")
    ax = fig.axes[0]
    assert sorted(line.get_label() for line in ax.lines) == sorted(POLICIES)
    for line in ax.lines:
        assert list(line.get_xdata()) == SIZES
    assert len(_bands(ax)) == len(POLICIES)
    hybrid = next(line for line in ax.lines if line.get_label() == "hybrid")
    expected = df[(df["tracker.policy"] == "hybrid") & (df["status"] == "ok")].groupby(
        "audience.arrivals.viewers")["offload_ratio"].mean()
    np.testing.assert_allclose(hybrid.get_ydata(), expected.values)
    for line, band in zip(ax.lines, _bands(ax)):  # each band surrounds its line's means
        band_y = band.get_paths()[0].vertices[:, 1]
        assert band_y.min() < min(line.get_ydata()) and band_y.max() > max(line.get_ydata())
        assert band.get_facecolor()[0][:3] == pytest.approx(
            matplotlib.colors.to_rgb(line.get_color()))
    assert ax.get_xscale() == "log"
    assert (tmp_path / "offload.png").stat().st_size > 0


def test_compare_with_bound_and_svg(tmp_path):
    fig = cdnmesh.plot.compare(_runs(seeds=2), x="audience.arrivals.viewers", y="offload_ratio",
                               hue="tracker.policy", bound="theoretical_offload_bound",
                               save=tmp_path / "offload.svg")
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert len(labels) == len(POLICIES) + 1 and "theoretical_offload_bound" in labels
    np.testing.assert_allclose(fig.axes[0].lines[-1].get_ydata(), [1 - 2 / s for s in SIZES])
    assert (tmp_path / "offload.svg").read_text().lstrip().startswith("<?xml")


def test_single_seed_has_no_band():
    fig = cdnmesh.plot.compare(_runs(seeds=1), x="audience.arrivals.viewers",
                               y="offload_ratio", hue="tracker.policy")
    assert len(fig.axes[0].lines) == len(POLICIES)
    assert _bands(fig.axes[0]) == []


def test_compare_on_a_given_axes_and_categorical_x():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    returned = cdnmesh.plot.compare(_runs(seeds=2), x="tracker.policy", y="offload_ratio",
                                    ax=ax)
    assert returned is fig and len(ax.lines) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == sorted(POLICIES)


def test_confidence_interval_math():
    assert t975(1) == pytest.approx(12.706) and t975(1000) == pytest.approx(1.962, abs=1e-3)
    assert t975(31) == pytest.approx(2.0395, abs=1e-3)
    assert ci95_half_width(1.0, 4) == pytest.approx(3.182 / 2)
    assert np.isnan(ci95_half_width(1.0, 1))
    stats = mean_ci(pd.DataFrame({"g": ["a", "a", "b"], "y": [1.0, 3.0, 5.0]}), ["g"], "y")
    assert list(stats["mean"]) == [2.0, 5.0] and list(stats["n"]) == [2, 1]
    assert stats["ci95"].iloc[0] == pytest.approx(12.706) and np.isnan(stats["ci95"].iloc[1])


def test_timeseries_panels(small_swarm, tmp_path):
    result = cdnmesh.run(small_swarm, FAST, seed=1)
    fig = cdnmesh.plot.timeseries(result, save=tmp_path / "ts.png")
    rate_ax, viewers_ax, stalls_ax = fig.axes
    labels = [line.get_label() for line in rate_ax.lines]
    assert "P2P" in labels and "CDN pop" in labels
    np.testing.assert_allclose(rate_ax.lines[-1].get_ydata(), result.timeseries["p2p_bps"] / 1e6)
    assert list(viewers_ax.lines[0].get_ydata()) == list(result.timeseries["viewers"])
    assert len(stalls_ax.patches) == len(result.timeseries)
    assert viewers_ax.get_ylabel() == "viewers" and stalls_ax.get_ylabel() == "stalls"
    assert (tmp_path / "ts.png").stat().st_size > 0
