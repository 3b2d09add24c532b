"""Comparison plots (matplotlib): means over seeds with 95 % intervals that respect each metric's
range, labels and units from the metric catalogue, n in the legend.

A numeric x gives lines with bands; a categorical x (a policy, an ISP) gives points with error
bars, dodged per hue value, in the order the values were swept (never alphabetical). A third
parameter becomes facets (``col=``). Averaging over a parameter that varies but is not drawn
warns (:class:`AveragedOverWarning`), so does a group of fewer than 3 runs
(:class:`FewRunsWarning`). Figures are ``matplotlib.figure.Figure`` objects rendered by Agg when
saved (SVG, PDF or PNG by extension); nothing touches pyplot's global state. More figures
(per-ISP breakdowns, time series, trade-offs, CDFs): :mod:`cdnmesh.figures`.
"""

from __future__ import annotations

import math
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .catalogue import axis_label, label, metric
from .frame import param_columns
from .stats import MIN_RUNS, mean_ci

if TYPE_CHECKING:
    import pandas as pd

SavePath = Union[None, str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]

#: Hue label of baseline runs (e.g. the CDN-only runs of a sweep).
BASELINE_LABEL = "baseline"
#: Colour of baseline marks (kept out of the colour cycle of the compared groups).
BASELINE_COLOR = "dimgray"


class AveragedOverWarning(UserWarning):
    """A plot or table averages over a parameter that varies between its runs."""


class FewRunsWarning(UserWarning):
    """A point or row rests on fewer than MIN_RUNS runs."""


def save_figure(fig: Figure, save: SavePath) -> None:
    """Saves the figure to one path or several (format from each extension: svg, pdf, png)."""
    if save is None:
        return
    paths = [save] if isinstance(save, (str, os.PathLike)) else list(save)
    for path in paths:
        fig.savefig(os.fspath(path), dpi=150, bbox_inches="tight")


def ok_rows(df: "pd.DataFrame") -> "pd.DataFrame":
    """Successful runs only (all rows when there is no status column); ValueError when they
    come from several code versions (compare within one: see cdnmesh.load)."""
    data = df[df["status"] == "ok"] if "status" in df.columns else df
    if "code_version" in data.columns and data["code_version"].nunique() > 1:
        raise ValueError("plot: runs of several code versions "
                         f"({', '.join(map(str, data['code_version'].unique()))}) would be mixed; "
                         "select one (cdnmesh.load(..., code_version=...))")
    return data


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def hue_labels(df: "pd.DataFrame", hue: Optional[str]) -> List[str]:
    """Hue label per row; baseline runs without a hue value are labelled "baseline"."""
    if hue is None:
        return ["" for _ in range(len(df))]
    is_baseline = df["baseline"] if "baseline" in df.columns else [False] * len(df)
    return [BASELINE_LABEL if _missing(v) and base else value_text(v)
            for v, base in zip(df[hue], is_baseline)]


def value_text(value: Any) -> str:
    """A parameter value as shown: integral floats without ".0", missing as "unset"."""
    if _missing(value):
        return "unset"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def ordered(values: Sequence[Any]) -> List[Any]:
    """Distinct values in display order: numbers ascending, otherwise as first seen (the
    sweep's grid order), "baseline" last."""
    distinct = list(dict.fromkeys(values))
    try:
        return sorted(distinct, key=float)
    except (TypeError, ValueError):
        rest = [v for v in distinct if v != BASELINE_LABEL]
        return rest + [v for v in distinct if v == BASELINE_LABEL]


def palette(labels: Sequence[str]) -> Dict[str, Any]:
    """A colour per hue label (seaborn's colour-blind palette; baseline grey)."""
    import seaborn as sns

    colors = sns.color_palette("colorblind", max(1, len(labels)))
    named = [lab for lab in labels if lab != BASELINE_LABEL]
    out: Dict[str, Any] = {lab: colors[i % len(colors)] for i, lab in enumerate(named)}
    out[BASELINE_LABEL] = BASELINE_COLOR
    return out


def n_text(counts: Sequence[int]) -> str:
    """"n=3", or "n=2–3" when groups differ."""
    low, high = min(counts), max(counts)
    return f"n={low}" if low == high else f"n={low}–{high}"


def check_averaging(df: "pd.DataFrame", shown: Sequence[Optional[str]], what: str) -> List[str]:
    """Parameters that vary among ``df``'s runs but are not among ``shown``; warns about them."""
    rows = df[~df["baseline"].astype(bool)] if "baseline" in df.columns else df
    hidden = [c for c in param_columns(df) if c not in shown and c in rows.columns
              and rows[c].map(value_text).nunique() > 1]
    if hidden:
        warnings.warn(f"{what} averages over {', '.join(hidden)}, which vary between its runs; "
                      "draw them (hue=, col=) or select one value", AveragedOverWarning,
                      stacklevel=3)
    return hidden


def warn_few_runs(stats: "pd.DataFrame", what: str) -> None:
    """FewRunsWarning when some group has fewer than MIN_RUNS runs."""
    if len(stats) and int(stats["n"].min()) < MIN_RUNS:
        warnings.warn(f"{what}: some points rest on {int(stats['n'].min())} run(s) "
                      f"(fewer than {MIN_RUNS}): their intervals say little", FewRunsWarning,
                      stacklevel=3)


def _numeric(values: Sequence[Any]) -> bool:
    """True when every value is a number (bools are categories)."""
    if any(isinstance(v, (bool, str)) for v in values):
        return False
    try:
        [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    return len(values) > 0


def _group_stats(data: "pd.DataFrame", x: str, y: str) -> "pd.DataFrame":
    """Per hue label and x value: n, mean, low, high in display units (x100 for percent)."""
    stats = mean_ci(data, ["_hue", x], y)
    scale = metric(y).scale
    for column in ("mean", "low", "high"):
        stats[column] = stats[column] * scale
    return stats


def _draw_lines(ax: Axes, stats: "pd.DataFrame", colors: Dict[str, Any],
                labels: Dict[str, str], x: str) -> None:
    """One line of means per hue label (numeric x), with its band where there are seeds."""
    for hue in ordered(list(stats["_hue"])):
        group = stats[stats["_hue"] == hue].sort_values(x, key=lambda s: s.astype(float))
        xs = group[x].astype(float)
        style = {"linestyle": ":"} if hue == BASELINE_LABEL else {}
        ax.plot(xs, group["mean"], marker="o", color=colors[hue], label=labels[hue], **style)
        if group["low"].notna().any():
            ax.fill_between(xs, group["low"].fillna(group["mean"]),
                            group["high"].fillna(group["mean"]), color=colors[hue],
                            alpha=0.15, linewidth=0)


def _draw_points(ax: Axes, stats: "pd.DataFrame", colors: Dict[str, Any],
                 labels: Dict[str, str], x: str, categories: List[Any]) -> None:
    """Points with error bars per category, dodged per hue label (categorical x)."""
    hues = ordered(list(stats["_hue"]))
    width = 0.7 / max(1, len(hues))
    for k, hue in enumerate(hues):
        group = stats[stats["_hue"] == hue]
        xs = [categories.index(v) - 0.35 + width * (k + 0.5) for v in group[x]]
        yerr = [(group["mean"] - group["low"]).fillna(0).clip(lower=0),
                (group["high"] - group["mean"]).fillna(0).clip(lower=0)]
        ax.errorbar(xs, group["mean"], yerr=yerr, fmt="o", capsize=3, color=colors[hue],
                    label=labels[hue], linestyle="none")
    ax.set_xticks(range(len(categories)), [value_text(c) for c in categories])


def clamp_axis(ax: Axes, name: str, axis: str = "y") -> None:
    """Keeps an axis inside metric ``name``'s range (no band below 0 or above 100 %)."""
    entry = metric(name)
    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    if entry.lo is not None and low < entry.lo * entry.scale:
        low = entry.lo * entry.scale
    if entry.hi is not None and high > entry.hi * entry.scale:
        high = entry.hi * entry.scale
    (ax.set_ylim if axis == "y" else ax.set_xlim)(low, high)


def _x_axis(ax: Axes, values: List[float], logx: Optional[bool]) -> None:
    """Log scale for wide positive ranges; ticks at the swept values."""
    if logx or (logx is None and values and min(values) > 0 and max(values) / min(values) >= 100):
        ax.set_xscale("log")
    distinct = sorted(set(values))
    if 0 < len(distinct) <= 8:
        ax.set_xticks(distinct, [f"{v:g}" for v in distinct])
        ax.minorticks_off()


#: Line styles of bound columns, in the order given.
_BOUND_STYLES = ("--", "-.", ":")


def _draw_bounds(ax: Axes, data: "pd.DataFrame", x: str, bounds: Sequence[str]) -> None:
    """A black line of the mean of each bound column per x (baseline runs left out): dashed,
    then dash-dotted."""
    rows = data[~data["baseline"].astype(bool)] if "baseline" in data.columns else data
    for style, bound in zip(_BOUND_STYLES, [b for b in bounds if b in data.columns]):
        stats = mean_ci(rows[rows[x].notna()], [x], bound)
        stats = stats.sort_values(x, key=lambda s: s.astype(float))
        ax.plot(stats[x].astype(float), stats["mean"] * metric(bound).scale, color="black",
                linestyle=style, linewidth=1.2, label=metric(bound).label)


def _draw_flat(ax: Axes, data: "pd.DataFrame", y: str, color: Any, text: str) -> None:
    """A group without x values (a baseline run once per seed): a horizontal line and band."""
    stats = mean_ci(data, [], y)
    if stats.empty:
        return
    scale = metric(y).scale
    mean, low, high = (float(stats[c].iloc[0]) * scale for c in ("mean", "low", "high"))
    ax.axhline(mean, linestyle=":", color=color, label=text)
    if math.isfinite(low):
        ax.axhspan(low, high, color=color, alpha=0.15, linewidth=0)


def _figure(ax: Optional[Axes], panels: int) -> Tuple[Figure, List[Axes]]:
    """The figure and one axes per facet (the given axes when there is one facet)."""
    if ax is not None:
        if panels > 1:
            raise ValueError("plot: col= draws several panels; pass no ax=")
        return ax.figure, [ax]
    fig = Figure(figsize=(1.5 + 4.2 * panels, 4.5), layout="constrained")
    return fig, list(fig.subplots(1, panels, sharey=True, squeeze=False)[0])


def _legend_labels(data: "pd.DataFrame", x: str, y: str, by: List[str]) -> Dict[str, str]:
    """Legend text per hue label: the value (or the metric) and the runs behind its points."""
    stats = mean_ci(data, ["_hue"] + by, y)
    warn_few_runs(stats, f"{metric(y).label} vs {label(x)}")
    return {hue: f"{hue or metric(y).label} ({n_text(list(stats[stats['_hue'] == hue]['n']))})"
            for hue in stats["_hue"].unique()}


def _draw_panel(ax: Axes, data: "pd.DataFrame", x: str, y: str, style: Dict[str, Any],
                bounds: Sequence[str], logx: Optional[bool]) -> None:
    """One facet: lines (numeric x) or points (categories), flat baselines, the bounds."""
    has_x = data[x].notna()
    stats = _group_stats(data[has_x], x, y)
    colors, labels = style["colors"], style["labels"]
    if style["categories"] is None:
        _draw_lines(ax, stats, colors, labels, x)
        _x_axis(ax, [float(v) for v in data.loc[has_x, x]], logx)
    else:
        _draw_points(ax, stats, colors, labels, x, style["categories"])
    for hue in ordered(list(data.loc[~has_x, "_hue"])):
        _draw_flat(ax, data[~has_x & (data["_hue"] == hue)], y, colors[hue],
                   labels.get(hue, hue))
    if bounds and style["categories"] is None:
        _draw_bounds(ax, data[has_x], x, bounds)
    clamp_axis(ax, y)
    ax.set_xlabel(label(x))
    ax.grid(True, alpha=0.3)


def compare(df: "pd.DataFrame", x: str, y: str, hue: Optional[str] = None,
            col: Optional[str] = None, ax: Optional[Axes] = None,
            bound: Union[None, str, Sequence[str]] = None, save: SavePath = None,
            logx: Optional[bool] = None, title: Optional[str] = None) -> Figure:
    """Mean of ``y`` vs ``x`` over seeds, one line (numeric x) or set of points (categorical x)
    per ``hue`` value, with 95 % intervals; one panel per value of ``col``.

    df: runs or a per-group table (only status "ok" rows are used; one code version). bound: a
    column (e.g. "tight_offload_bound") or several, each a black line (dashed, dash-dotted) of
    its mean per x.
    logx: log-scaled x axis (default: when positive numeric x spans >= 2 decades). Baseline rows
    are their own group ("baseline"), a flat line when they have no x value. Labels, units and
    the y range come from the metric catalogue; legends give the runs behind each point (n).
    Returns the Figure; saves it when ``save`` is a path or a list of paths.
    """
    data = ok_rows(df).copy()
    check_averaging(data, [x, hue, col], f"{metric(y).label} vs {label(x)}")
    data["_hue"] = hue_labels(data, hue)
    facets = ordered([value_text(v) for v in data[col]]) if col else [None]
    fig, axes = _figure(ax, len(facets))
    present = data[x].dropna()
    style = {"colors": palette(ordered(list(data["_hue"]))),
             "labels": _legend_labels(data, x, y, [x] + ([col] if col else [])),
             "categories": None if _numeric(list(present)) else ordered(list(present))}
    for panel, facet in zip(axes, facets):
        subset = data if facet is None else data[data[col].map(value_text) == facet]
        _draw_panel(panel, subset, x, y, style, [bound] if isinstance(bound, str) else
                    list(bound or []), logx)
        if facet is not None:
            panel.set_title(f"{label(col)} = {facet}", fontsize="medium")
    axes[0].set_ylabel(axis_label(y))
    axes[-1].legend(title=label(hue) if hue else None, fontsize="small", loc="upper left",
                    bbox_to_anchor=(1.02, 1.0))
    heading = title or f"{metric(y).label} by {label(x)}" + (f" and {label(hue)}" if hue else "")
    (fig.suptitle(heading) if ax is None else axes[0].set_title(heading))
    save_figure(fig, save)
    return fig


# The other figures, reachable as cdnmesh.plot.<name> (defined in cdnmesh.figures).
from .figures import breakdown, cdf, over_time, tradeoff  # noqa: E402
from .figures import run_timeseries as timeseries  # noqa: E402

__all__ = ["compare", "breakdown", "cdf", "over_time", "tradeoff", "timeseries", "save_figure",
           "AveragedOverWarning", "FewRunsWarning"]
