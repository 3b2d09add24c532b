"""Reports: figures (SVG and PNG by default) and report.md with a table of n and 95 % intervals.

``write_report(store, out_dir)`` reads the runs of one code version (:func:`cdnmesh.load`) and
writes, per metric, ``<metric>.<fmt>`` (:func:`cdnmesh.plot.compare`); when the runs have them,
``isp_<metric>``, ``device_<metric>`` (breakdowns), ``offload_over_time``,
``offload_vs_cross_isp`` (trade-off), ``cdf_startup_delay`` and ``cdf_upload`` (per viewer); and
``report.md``. Without explicit axes it picks them from the parameters that vary: x is the
numeric one with the most values, hue the next, facets (col) the third; any further one is
averaged over, which the report says.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple, Union

from .catalogue import axis_label, label, metric
from .plot import (BASELINE_LABEL, AveragedOverWarning, FewRunsWarning, hue_labels, ordered,
                   value_text)
from .report_axes import choose_axes, varying_params
from .stats import MIN_RUNS, format_interval, mean_ci
from .store import Store
from .tables import StaleResultsWarning, load

if TYPE_CHECKING:
    import pandas as pd

PathLike = Union[str, "os.PathLike[str]"]

#: Metrics reported when none are named (those present in the store).
DEFAULT_METRICS = ("offload_ratio", "tight_offload_bound", "efficiency", "rebuffer_ratio", "p2p_cross_isp_share",
                   "startup_delay_p50_s", "startup_delay_p95_s", "mean_bitrate_bps")
#: Metrics drawn as bound lines on a metric's plot (those present).
BOUNDS = {"offload_ratio": ("tight_offload_bound", "theoretical_offload_bound")}
#: Breakdown figures: (table, metric).
BREAKDOWNS = (("isp", "offload_ratio"), ("isp", "p2p_cross_isp_share"),
              ("device", "offload_ratio"), ("device", "upload_per_viewer_mean_bytes"))
#: Metrics of the per-ISP table of report.md.
ISP_TABLE_METRICS = ("viewers", "offload_ratio", "p2p_cross_isp_share", "rebuffer_ratio")
#: Per-viewer CDF figures: (file stem, peers.csv column).
CDFS = (("cdf_startup_delay", "startup_delay_s"), ("cdf_upload", "uploaded_bytes"))
#: Warnings a report lists under "Notes".
_NOTED = (AveragedOverWarning, FewRunsWarning, StaleResultsWarning)


def _cells(data: "pd.DataFrame", by: Sequence[str]) -> List[str]:
    """Grouping columns as display text (the first labels baseline runs "baseline")."""
    keys = []
    for position, column in enumerate(by):
        labels = hue_labels(data, column) if position == 0 else list(data[column])
        data[f"_{column}"] = [value_text(v) if v != BASELINE_LABEL else v for v in labels]
        keys.append(f"_{column}")
    return keys


def _cell(row: Optional["pd.Series"], name: str, runs: int) -> str:
    """One metric's cell: mean [interval] in display units; "(n=k)" when only k of the group's
    runs define it (the others are undefined, e.g. 0/0); "n/a" when none does."""
    if row is None or int(row["n"]) == 0:
        return "n/a"
    entry = metric(name)
    text = format_interval(row["mean"], row["low"], row["high"], entry.scale,
                           prefixed=entry.unit in ("bytes", "bit/s"))
    return text + (f" (n={int(row['n'])})" if int(row["n"]) < runs else "")


def markdown_table(df: "pd.DataFrame", by: Sequence[str], metrics: Sequence[str]) -> str:
    """One row per group of ``by``: n (runs) and mean [95 % interval] of each metric, in the
    catalogue's units. Groups of fewer than MIN_RUNS runs are marked "(!)"."""
    data = (df[df["status"] == "ok"] if "status" in df.columns else df).copy()
    keys = _cells(data, by) or ["_all"]
    if keys == ["_all"]:
        data["_all"] = "all"
    sizes = data.groupby(keys, sort=False).size()
    tables = [mean_ci(data, keys, m).set_index(keys) for m in metrics]
    header = [label(k[1:]) if k != "_all" else "runs" for k in keys] + ["n"] + \
        [axis_label(m) for m in metrics]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for group in sorted(sizes.index, key=lambda g: _sort_key(g, data, keys)):
        values = group if isinstance(group, tuple) else (group,)
        runs = int(sizes[group])
        cells = list(map(str, values)) + [f"{runs}" + (" (!)" if runs < MIN_RUNS else "")]
        cells += [_cell(table.loc[group] if group in table.index else None, name, runs)
                  for name, table in zip(metrics, tables)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _sort_key(group: object, data: "pd.DataFrame", keys: List[str]) -> tuple:
    """Groups in display order: each key's values as :func:`cdnmesh.plot.ordered` gives them."""
    values = group if isinstance(group, tuple) else (group,)
    return tuple(ordered(list(data[k])).index(v) for k, v in zip(keys, values))


def _failures_section(df: "pd.DataFrame") -> str:
    """Markdown list of runs that did not finish ok (with the last line of their stderr)."""
    failed = df[df["status"] != "ok"]
    if failed.empty:
        return ""
    lines = ["", "## Runs that did not finish", ""]
    for _, row in failed.iterrows():
        tail = (row.get("stderr_tail") or "").strip().splitlines()
        lines.append(f"- `{row['overrides_json']}` seed {row['seed']}: **{row['status']}** "
                     f"{tail[-1] if tail else ''}")
    return "\n".join(lines) + "\n"


def _shown_path(store: PathLike, out: Path) -> str:
    """The store's path relative to the report's folder when possible (portable reports)."""
    try:
        return os.path.relpath(os.fspath(store), os.fspath(out))
    except ValueError:
        return os.fspath(store)


class _Figures:
    """Draws figures into the output folder, one file per format, noting what was written."""

    def __init__(self, out: Path, formats: Sequence[str]) -> None:
        self.out, self.formats, self.written = out, list(formats), []  # type: ignore[var-annotated]

    def draw(self, stem: str, title: str, make: Callable[[List[Path]], object]) -> None:
        paths = [self.out / f"{stem}.{fmt}" for fmt in self.formats]
        make(paths)
        self.written.append((title, paths[0].name))


class _Tables:
    """The store's tables for one code version, each read once."""

    def __init__(self, store: PathLike, version: str) -> None:
        self.store, self.version, self._cache = store, version, {}  # type: ignore[var-annotated]

    def __call__(self, table: str) -> "pd.DataFrame":
        if table not in self._cache:
            self._cache[table] = load(self.store, table, self.version)
        return self._cache[table]


def _extra_figures(figures: _Figures, get: _Tables, axes: Tuple) -> None:
    """Breakdowns, offload over time, the trade-off and per-viewer CDFs, where data exists."""
    from . import figures as fig

    x, hue, col = axes
    facet = col or x
    for table, name in BREAKDOWNS:
        frame = get(table)
        if name in frame.columns and frame[name].notna().any():
            figures.draw(f"{table}_{name}", f"{metric(name).label} per {label(table)}",
                         lambda p, f=frame, t=table, n=name: fig.breakdown(
                             f, n, by=t, hue=hue, col=facet, save=p))
    series, runs = get("timeseries"), get("runs")
    if len(series):
        window = _window(runs)
        figures.draw("offload_over_time", f"{metric('offload_ratio').label} over time",
                     lambda p: fig.over_time(series, hue=hue, col=facet, window=window, save=p))
    if "p2p_cross_isp_share" in runs.columns:
        figures.draw("offload_vs_cross_isp", f"{metric('offload_ratio').label} vs "
                     f"{metric('p2p_cross_isp_share').label}",
                     lambda p: fig.tradeoff(runs, hue=hue, by=x, save=p))
    peers = get("peers")
    for stem, column in CDFS:
        if column in peers.columns:
            figures.draw(stem, f"Distribution of {metric(column).label.lower()} over viewers",
                         lambda p, c=column: fig.cdf(peers, c, hue=hue, col=facet, save=p))


def _isp_section(get: _Tables, axes: Tuple) -> List[str]:
    """The per-ISP table (mean [interval] per policy, ISP and x), when runs have breakdowns."""
    isp = get("isp")
    metrics = [m for m in ISP_TABLE_METRICS if m in isp.columns]
    if isp.empty or not metrics:
        return []
    x, hue, col = axes
    by = [c for c in (hue, col, "isp", x) if c is not None]
    return ["## Per ISP", "", markdown_table(isp, by, metrics)]


def _window(runs: "pd.DataFrame") -> Optional[Tuple[float, float]]:
    """The runs' measurement window (start_s, end_s) when they all share one, else None."""
    ok = runs[runs["status"] == "ok"]
    windows = set(zip(ok["window_start_s"], ok["window_end_s"]))
    if len(windows) != 1:
        return None
    start_s, end_s = windows.pop()
    finite = all(isinstance(v, (int, float)) and math.isfinite(v) for v in (start_s, end_s))
    return (float(start_s), float(end_s)) if finite else None


def _notes(caught: Sequence[warnings.WarningMessage]) -> List[str]:
    """Distinct messages of the warnings a report must show (few-runs warnings as one)."""
    texts = [str(w.message) for w in caught if issubclass(w.category, _NOTED)
             and not issubclass(w.category, FewRunsWarning)]
    few = [str(w.message).split(": some points")[0] for w in caught
           if issubclass(w.category, FewRunsWarning)]
    if few:
        texts.append(f"Fewer than {MIN_RUNS} runs behind some points (their intervals say "
                     f"little; table rows marked \"(!)\") in: {'; '.join(dict.fromkeys(few))}.")
    return list(dict.fromkeys(texts))


def _header(df: "pd.DataFrame", store: PathLike, out: Path, axes: Tuple) -> List[str]:
    """Title, store, code version, method and axes lines of report.md."""
    with Store(store, readonly=True) as db:
        versions = db.versions()
    shown = sorted(set(df["code_version"].dropna()))
    others = sum(n for v, n in versions.items() if v not in shown)
    counts = ", ".join(f"{n} {s}" for s, n in df["status"].value_counts().items())
    x, hue, col = axes
    lines = [f"# Report: {', '.join(sorted(set(df['scenario_name'].dropna())))}", "",
             f"Store `{_shown_path(store, out)}`: {len(df)} runs of code version "
             f"{', '.join(shown) or 'none'} ({counts})."]
    if others:
        lines.append(f"{others} runs of other code versions (stale) are not shown.")
    if any("-dirty" in v for v in shown):
        lines.append("**These runs come from a build of uncommitted code (`-dirty`): no commit "
                     "reproduces them; rebuild a clean commit and rerun before publishing.**")
    lines += ["", "Mean and 95 % confidence interval over seeds (Student t on the logit scale "
              "for ratios, on the log scale for positive metrics: intervals stay in range); "
              f"n = runs per group. x = {label(x)}, hue = {label(hue) if hue else 'none'}"
              f"{', panels = ' + label(col) if col else ''}.", ""]
    return lines


def write_report(store: PathLike, out_dir: PathLike, x: Optional[str] = None,
                 y: Optional[Sequence[str]] = None, hue: Optional[str] = None,
                 col: Optional[str] = None, formats: Sequence[str] = ("svg", "png"),
                 code_version: str = "current", extra_figures: bool = True) -> Path:
    """Writes the figures and report.md for a results store; returns the Markdown file's path.
    ``extra_figures=False`` draws the per-metric comparisons only (no breakdowns, time series,
    trade-off or CDFs)."""
    from .plot import compare

    out = Path(out_dir)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = load(store, code_version=code_version)
        if df.empty:
            raise ValueError(f"{store}: no runs to report")
        version = str(df["code_version"].iloc[0])
        axes = choose_axes(df, x, hue, col)
        metrics = _metrics(df, y)
        out.mkdir(parents=True, exist_ok=True)
        figures = _Figures(out, formats)
        for name in metrics:
            figures.draw(name, metric(name).label, lambda p, n=name: compare(
                df, x=axes[0], y=n, hue=axes[1], col=axes[2], bound=BOUNDS.get(n), save=p))
        tables = _Tables(store, version)
        if extra_figures:
            _extra_figures(figures, tables, axes)
        by = [c for c in (axes[1], axes[2], axes[0]) if c is not None]
        table = markdown_table(df, by, metrics)
        isp_section = _isp_section(tables, axes)
    text = _header(df, store, out, axes)
    notes = _notes(caught)
    if notes:
        text += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    text += [f"![{title}]({name})" for title, name in figures.written]
    text += ["", table] + isp_section + [_failures_section(df)]
    path = out / "report.md"
    path.write_text("\n".join(text))
    return path


def _metrics(df: "pd.DataFrame", y: Optional[Sequence[str]]) -> List[str]:
    """The metrics to report; ValueError naming unknown ones."""
    if isinstance(y, str):
        y = [y]
    unknown = [m for m in (y or []) if m not in df.columns]
    if unknown:  # an unknown metric used to give an empty report and exit 0
        raise ValueError(f"y: unknown metric(s) {unknown}; known columns: "
                         f"{', '.join(map(str, df.columns))}")
    return [m for m in (y or DEFAULT_METRICS) if m in df.columns]


__all__ = ["write_report", "markdown_table", "choose_axes", "varying_params"]
