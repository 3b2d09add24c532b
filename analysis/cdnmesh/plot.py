"""Plots (matplotlib): comparisons with 95 % confidence bands over seeds, and run time series.

Figures are built as ``matplotlib.figure.Figure`` objects, rendered by the Agg backend when saved;
nothing touches pyplot's global state, so this works headless and inside notebooks alike.
"""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple, Union

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .result import RunResult, csv_to_frame
from .stats import mean_ci

if TYPE_CHECKING:
    import pandas as pd

SavePath = Union[None, str, "os.PathLike[str]"]

#: Hue label of baseline runs (e.g. the CDN-only runs of a sweep).
BASELINE_LABEL = "baseline"
#: Colour of baseline lines (kept out of the colour cycle of the compared groups).
BASELINE_COLOR = "dimgray"


def _save(fig: Figure, save: SavePath) -> None:
    """Saves the figure (format from the extension: .png, .svg, .pdf)."""
    if save is not None:
        fig.savefig(os.fspath(save), dpi=150, bbox_inches="tight")


def _ok_rows(df: "pd.DataFrame") -> "pd.DataFrame":
    """Successful runs only (all rows when there is no status column)."""
    return df[df["status"] == "ok"] if "status" in df.columns else df


def hue_labels(df: "pd.DataFrame", hue: Optional[str]) -> List[str]:
    """Hue label per row; baseline runs without a hue value are labelled "baseline"."""
    if hue is None:
        return ["" for _ in range(len(df))]
    labels = []
    is_baseline = df["baseline"] if "baseline" in df.columns else [False] * len(df)
    for value, base in zip(df[hue], is_baseline):
        missing = value is None or (isinstance(value, float) and math.isnan(value))
        labels.append(BASELINE_LABEL if missing and base else str(value))
    return labels


def _x_positions(values: Sequence[Any]) -> Tuple[List[float], Optional[List[str]]]:
    """Numeric x values as they are; categories as 0..k-1 with their tick labels."""
    try:
        return [float(v) for v in values], None
    except (TypeError, ValueError):
        categories = sorted({str(v) for v in values})
        return [float(categories.index(str(v))) for v in values], categories


def _draw_group(ax: Axes, stats: "pd.DataFrame", label: str) -> None:
    """One line of means, with a 95 % band where groups have several seeds."""
    style = {"color": BASELINE_COLOR, "linestyle": ":"} if label == BASELINE_LABEL else {}
    line, = ax.plot(stats["_x"], stats["mean"], marker="o", label=label, **style)
    if stats["ci95"].notna().any():
        ax.fill_between(stats["_x"], stats["low"].fillna(stats["mean"]),
                        stats["high"].fillna(stats["mean"]), color=line.get_color(), alpha=0.15,
                        linewidth=0)


def _draw_flat(ax: Axes, data: "pd.DataFrame", y: str, label: str) -> None:
    """A group without x values (e.g. a baseline run once per seed): a horizontal line."""
    stats = mean_ci(data, [], y)
    if stats.empty:
        return
    mean, low, high = (float(stats[c].iloc[0]) for c in ("mean", "low", "high"))
    line = ax.axhline(mean, linestyle=":", color=BASELINE_COLOR, label=label)
    if math.isfinite(low):
        ax.axhspan(low, high, color=line.get_color(), alpha=0.15, linewidth=0)


def _draw_bound(ax: Axes, data: "pd.DataFrame", bound: str) -> None:
    """Dashed black line of the mean of column ``bound`` per x (baseline runs left out)."""
    rows = data[data["_x"].notna()]
    if "baseline" in rows.columns:
        rows = rows[~rows["baseline"].astype(bool)]
    stats = mean_ci(rows, ["_x"], bound)
    ax.plot(stats["_x"], stats["mean"], "k--", linewidth=1.2, label=bound)


def compare(df: "pd.DataFrame", x: str, y: str, hue: Optional[str] = None,
            ax: Optional[Axes] = None, bound: Optional[str] = None, save: SavePath = None,
            logx: Optional[bool] = None) -> Figure:
    """Mean of ``y`` vs ``x`` over seeds, one line per ``hue`` value, with 95 % CI bands.

    df: runs (e.g. from :func:`cdnmesh.sweep` or :func:`cdnmesh.load`; only status "ok" rows are
    used). bound: a column (e.g. "theoretical_offload_bound") drawn as a dashed black line of its
    mean per x. logx: log-scaled x axis (default: when positive numeric x spans >= 2 decades).
    Baseline rows are drawn as their own line ("baseline"), flat when they have no x value.
    Returns the Figure; saves it when ``save`` is a path (.png, .svg).
    """
    fig = ax.figure if ax is not None else Figure(figsize=(7, 4.5))
    ax = ax if ax is not None else fig.add_subplot()
    data = _ok_rows(df).copy()
    data["_hue"] = hue_labels(data, hue)
    has_x = data[x].notna()
    positions, categories = _x_positions(list(data.loc[has_x, x]))
    data["_x"] = float("nan")
    data.loc[has_x, "_x"] = positions
    for label in sorted(set(data["_hue"])):
        group = data[data["_hue"] == label]
        shown = label or y
        if group["_x"].notna().any():
            _draw_group(ax, mean_ci(group[group["_x"].notna()], ["_x"], y), shown)
        elif len(group):
            _draw_flat(ax, group, y, shown)
    if bound is not None and bound in data.columns:
        _draw_bound(ax, data, bound)
    _format_x_axis(ax, positions, categories, logx)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.grid(True, alpha=0.3)
    if hue is not None or bound is not None:
        outside = len(ax.get_legend_handles_labels()[1]) > 4
        ax.legend(title=hue, fontsize="small", loc="upper left" if outside else "best",
                  bbox_to_anchor=(1.01, 1.0) if outside else None)
    _save(fig, save)
    return fig


def _format_x_axis(ax: Axes, positions: List[float], categories: Optional[List[str]],
                   logx: Optional[bool]) -> None:
    """Category ticks, or a log scale for wide positive ranges, ticks at the swept values."""
    if categories is not None:
        ax.set_xticks(range(len(categories)), categories)
        return
    if logx or (logx is None and positions and min(positions) > 0
                and max(positions) / min(positions) >= 100):
        ax.set_xscale("log")
    values = sorted(set(positions))
    if 0 < len(values) <= 8:
        ax.set_xticks(values, [f"{v:g}" for v in values])
        ax.minorticks_off()


def _timeseries_frame(result: Union[RunResult, "pd.DataFrame", str]) -> Tuple["pd.DataFrame", str]:
    """The time series table and a title from a RunResult, a DataFrame or CSV text."""
    if isinstance(result, RunResult):
        name = result.summary.get("scenario_name", "")
        return result.timeseries, f"{name} (seed {result.seed})"
    if isinstance(result, str):
        return csv_to_frame(result), ""
    return result, ""


def timeseries(result: Union[RunResult, "pd.DataFrame", str], save: SavePath = None) -> Figure:
    """Three stacked panels over simulated time: CDN egress per PoP vs P2P rate (Mbit/s),
    concurrent viewers, stalls started per interval. Returns the Figure; saves it when asked."""
    frame, title = _timeseries_frame(result)
    fig = Figure(figsize=(8, 7))
    rate_ax, viewers_ax, stalls_ax = fig.subplots(3, 1, sharex=True)
    time_s = frame["start_s"]
    for column in [c for c in frame.columns if c.startswith("cdn_egress_bps_")]:
        rate_ax.plot(time_s, frame[column] / 1e6, label=f"CDN {column[len('cdn_egress_bps_'):]}")
    rate_ax.plot(time_s, frame["p2p_bps"] / 1e6, label="P2P", color="tab:green", linewidth=2)
    rate_ax.set_ylabel("rate (Mbit/s)")
    rate_ax.legend(fontsize="small")
    viewers_ax.plot(time_s, frame["viewers"], color="tab:purple")
    viewers_ax.set_ylabel("viewers")
    width_s = float(time_s.diff().median()) if len(time_s) > 1 else 1.0
    stalls_ax.bar(time_s, frame["stalls"], width=width_s, align="edge", color="tab:red")
    stalls_ax.set_ylabel("stalls")
    stalls_ax.set_xlabel("simulated time (s)")
    for ax in (rate_ax, viewers_ax, stalls_ax):
        ax.grid(True, alpha=0.3)
    if title:
        fig.suptitle(title)
    _save(fig, save)
    return fig
