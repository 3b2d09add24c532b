"""Figures beyond the per-metric comparison of :func:`cdnmesh.plot.compare`:

- :func:`breakdown`: a metric per ISP (or device class) from ``load(store, table="isp")``;
- :func:`over_time`: a time-series column (offload by default) over simulated time, mean and
  95 % band over seeds, one line per policy, from ``load(store, table="timeseries")``;
- :func:`tradeoff`: offload against the share of P2P bytes crossing ISPs, one point per
  (policy, audience size) with intervals on both axes;
- :func:`cdf`: the distribution over viewers of a per-viewer column (startup delay, upload),
  pooled over seeds, from ``load(store, table="peers")``;
- :func:`run_timeseries`: the panels of one run (rates per PoP and P2P, viewers, stalls).

Labels, units and ranges come from the metric catalogue, as in :mod:`cdnmesh.plot`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Union

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import EngFormatter

from .catalogue import axis_label, label, metric
from .plot import (BASELINE_LABEL, SavePath, check_averaging, clamp_axis, compare, hue_labels,
                   n_text, ok_rows, ordered, palette, save_figure, value_text)
from .result import RunResult, csv_to_frame
from .stats import mean_ci

if TYPE_CHECKING:
    import pandas as pd

#: Label of the simulated-time axis.
TIME_LABEL = "Simulated time (s)"
#: Units drawn with engineering prefixes (k, M, G).
_ENG_UNITS = {"bytes": "B", "bit/s": "bit/s"}


def _engineering(axis: Any, name: str) -> None:
    """k/M/G tick labels for byte and rate metrics (the axis label keeps the unit)."""
    if metric(name).unit in _ENG_UNITS:
        axis.set_major_formatter(EngFormatter(sep=" "))


def breakdown(table: "pd.DataFrame", y: str, by: str = "isp", hue: Optional[str] = None,
              col: Optional[str] = None, save: SavePath = None) -> Figure:
    """``y`` per ISP (``by="isp"``) or device class (``by="device"``): points with intervals,
    one colour per ``hue`` value, one panel per ``col`` value."""
    fig = compare(table, x=by, y=y, hue=hue, col=col,
                  title=f"{metric(y).label} per {label(by)}" +
                  (f" and {label(hue)}" if hue else ""))
    for ax in fig.axes:
        _engineering(ax.yaxis, y)
    save_figure(fig, save)
    return fig


def _time_s(frame: "pd.DataFrame") -> "pd.Series":
    """Start of each interval (s)."""
    return frame["start_s"]


def interval_offload(frame: "pd.DataFrame") -> "pd.Series":
    """Offload ratio of each interval: timeseries.csv's ``offload`` (P2P / (CDN + P2P) of the
    interval's completed bytes; NaN where nothing completed)."""
    return frame["offload"].astype(float)


def over_time(timeseries: "pd.DataFrame", y: str = "offload_ratio", hue: Optional[str] = None,
              col: Optional[str] = None, window: Optional[Tuple[float, float]] = None,
              save: SavePath = None) -> Figure:
    """Mean of a time-series column over seeds against simulated time, with 95 % bands.
    ``y="offload_ratio"`` is each interval's offload (:func:`interval_offload`), drawn with the
    catalogue's offload label and range; ``window``
    (start_s, end_s), the summary's measurement window, is shaded."""
    data = timeseries.copy()
    data["time_s"] = _time_s(data)
    if y == "offload_ratio" and y not in data.columns:
        data[y] = interval_offload(data)
    fig = compare(data, x="time_s", y=y, hue=hue, col=col, logx=False,
                  title=f"{metric(y).label} over time" + (f" by {label(hue)}" if hue else ""))
    for ax in fig.axes:
        ax.set_xlabel(TIME_LABEL)
        for line in ax.lines:
            line.set_marker("")
        if window is not None:
            ax.axvspan(window[0], window[1], color="0.5", alpha=0.08, linewidth=0,
                       label="measurement window")
    legend = fig.axes[-1].get_legend()
    fig.axes[-1].legend(title=legend.get_title().get_text() or None, fontsize="small",
                        loc="upper left", bbox_to_anchor=(1.02, 1.0))
    save_figure(fig, save)
    return fig


def _pair_stats(data: "pd.DataFrame", keys: List[str], x: str, y: str) -> "pd.DataFrame":
    """Per group of ``keys``: n and mean/low/high of x and y (display units)."""
    sx = mean_ci(data, keys, x).rename(columns={"mean": "x", "low": "x_low", "high": "x_high"})
    sy = mean_ci(data, keys, y).rename(columns={"mean": "y", "low": "y_low", "high": "y_high"})
    both = sx[keys + ["n", "x", "x_low", "x_high"]].merge(sy[keys + ["y", "y_low", "y_high"]],
                                                          on=keys)
    for name, column in ((x, "x"), (y, "y")):
        for suffix in ("", "_low", "_high"):
            both[column + suffix] = both[column + suffix] * metric(name).scale
    return both


def _error(stats: "pd.DataFrame", column: str) -> np.ndarray:
    """Asymmetric error bar lengths (0 where there is no interval)."""
    low = (stats[column] - stats[column + "_low"]).fillna(0).clip(lower=0)
    high = (stats[column + "_high"] - stats[column]).fillna(0).clip(lower=0)
    return np.vstack([low.to_numpy(), high.to_numpy()])


def tradeoff(runs: "pd.DataFrame", x: str = "p2p_cross_isp_share", y: str = "offload_ratio",
             hue: Optional[str] = None, by: Optional[str] = None, save: SavePath = None) -> Figure:
    """``y`` against ``x``: one point per (hue value, ``by`` value) with intervals on both
    axes; colour per hue value, marker per ``by`` value (e.g. the audience size)."""
    data = ok_rows(runs).copy()
    data = data[~data["baseline"].astype(bool)] if "baseline" in data.columns else data
    check_averaging(data, [hue, by], f"{metric(y).label} vs {metric(x).label}")
    data["_hue"] = hue_labels(data, hue)
    data["_by"] = [value_text(v) for v in data[by]] if by else ""
    stats = _pair_stats(data, ["_hue", "_by"], x, y)
    fig = Figure(figsize=(7.5, 5), layout="constrained")
    ax = fig.add_subplot()
    colors = palette(ordered(list(stats["_hue"])))
    markers = dict(zip(ordered(list(stats["_by"])), "osD^vP*Xph"))
    for (hue_value, by_value), group in stats.groupby(["_hue", "_by"], sort=False):
        ax.errorbar(group["x"], group["y"], xerr=_error(group, "x"), yerr=_error(group, "y"),
                    fmt=markers.get(by_value, "o"), color=colors[hue_value], capsize=2,
                    linestyle="none")
    for hue_value in ordered(list(stats["_hue"])):
        counts = list(stats[stats["_hue"] == hue_value]["n"])
        ax.plot([], [], "o", color=colors[hue_value], label=f"{hue_value} ({n_text(counts)})")
    for by_value, marker in markers.items():
        if by:
            ax.plot([], [], marker, color="black", fillstyle="none",
                    label=f"{label(by)} = {by_value}")
    ax.set_xlabel(axis_label(x))
    ax.set_ylabel(axis_label(y))
    clamp_axis(ax, x, "x")
    clamp_axis(ax, y, "y")
    ax.grid(True, alpha=0.3)
    ax.legend(title=label(hue) if hue else None, fontsize="small", loc="upper left",
              bbox_to_anchor=(1.02, 1.0))
    fig.suptitle(f"{metric(y).label} vs {metric(x).label}")
    save_figure(fig, save)
    return fig


def _ecdf(values: np.ndarray) -> "tuple[np.ndarray, np.ndarray]":
    """Sorted values and their empirical CDF (fraction of viewers at or below)."""
    ordered_values = np.sort(values)
    fractions = np.arange(1, len(ordered_values) + 1) / len(ordered_values)
    return np.concatenate([ordered_values[:1], ordered_values]), np.concatenate([[0.0], fractions])


def _cdf_scale(ax: Any, values: np.ndarray) -> None:
    """A log x axis when the values are positive and span two decades or more (startup delays:
    most viewers in the first second, a tail of several); linear otherwise (uploads of 0)."""
    if len(values) and values.min() > 0 and values.max() / values.min() >= 100:
        ax.set_xscale("log")


def cdf(peers: "pd.DataFrame", y: str, hue: Optional[str] = None, col: Optional[str] = None,
        save: SavePath = None) -> Figure:
    """Distribution over viewers of a per-viewer column (e.g. ``startup_delay_s``,
    ``uploaded_bytes``), pooled over seeds: one ECDF per ``hue`` value, one panel per ``col``
    value; the legend gives the runs and viewers behind each curve."""
    data = ok_rows(peers).copy()
    check_averaging(data, [hue, col], f"CDF of {metric(y).label}")
    data["_hue"] = hue_labels(data, hue)
    facets = ordered([value_text(v) for v in data[col]]) if col else [None]
    fig = Figure(figsize=(1.5 + 4.2 * len(facets), 4.5), layout="constrained")
    axes = list(fig.subplots(1, len(facets), sharey=True, squeeze=False)[0])
    colors = palette(ordered(list(data["_hue"])))
    for ax, facet in zip(axes, facets):
        subset = data if facet is None else data[data[col].map(value_text) == facet]
        for hue_value in ordered(list(subset["_hue"])):
            group = subset[subset["_hue"] == hue_value]
            values = group[y].dropna().to_numpy(dtype=float) * metric(y).scale
            if len(values) == 0:
                continue
            xs, ps = _ecdf(values)
            runs = group["run_id"].nunique() if "run_id" in group.columns else 1
            ax.step(xs, ps * 100, where="post", color=colors[hue_value],
                    linestyle=":" if hue_value == BASELINE_LABEL else "-",
                    label=f"{hue_value or metric(y).label} (n={runs} runs, {len(values)} viewers)")
        ax.set_xlabel(axis_label(y))
        _cdf_scale(ax, subset[y].dropna().to_numpy(dtype=float))
        _engineering(ax.xaxis, y)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="x-small", loc="lower right")
        if facet is not None:
            ax.set_title(f"{label(col)} = {facet}", fontsize="medium")
    axes[0].set_ylabel("Viewers at or below (%)")
    axes[0].set_ylim(0, 100)
    fig.suptitle(f"Distribution of {metric(y).label.lower()} over viewers")
    save_figure(fig, save)
    return fig


def _run_frame(result: Union[RunResult, "pd.DataFrame", str]) -> "tuple[pd.DataFrame, str]":
    """The time series table and a title from a RunResult, a DataFrame or CSV text."""
    if isinstance(result, RunResult):
        name = result.summary.get("scenario_name", "")
        return result.timeseries, f"{name} (seed {result.seed})"
    if isinstance(result, str):
        return csv_to_frame(result), ""
    return result, ""


def run_timeseries(result: Union[RunResult, "pd.DataFrame", str],
                   save: SavePath = None) -> Figure:
    """Three stacked panels of one run over simulated time: CDN egress per PoP and P2P delivery
    rate, concurrent viewers, stalls started per interval."""
    frame, title = _run_frame(result)
    fig = Figure(figsize=(8, 7), layout="constrained")
    rate_ax, viewers_ax, stalls_ax = fig.subplots(3, 1, sharex=True)
    time_s = _time_s(frame)
    for column in [c for c in frame.columns if c.startswith("cdn_egress_bps_")]:
        rate_ax.plot(time_s, frame[column], label=f"CDN {column[len('cdn_egress_bps_'):]}")
    rate_ax.plot(time_s, frame["p2p_bps"], label="P2P", color="tab:green", linewidth=2)
    rate_ax.set_ylabel(f"Delivery rate ({metric('p2p_bps').unit})")
    rate_ax.yaxis.set_major_formatter(EngFormatter(sep=" "))
    rate_ax.legend(fontsize="small")
    viewers_ax.plot(time_s, frame["viewers"], color="tab:purple")
    viewers_ax.set_ylabel(axis_label("viewers"))
    width_s = float(time_s.diff().median()) if len(time_s) > 1 else 1.0
    stalls_ax.bar(time_s, frame["stalls"], width=width_s, align="edge", color="tab:red")
    stalls_ax.set_ylabel("Stalls started")
    stalls_ax.set_xlabel(TIME_LABEL)
    for ax in (rate_ax, viewers_ax, stalls_ax):
        ax.grid(True, alpha=0.3)
    fig.suptitle(title or "Run over time")
    save_figure(fig, save)
    return fig
