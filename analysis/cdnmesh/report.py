"""Reports: PNG/SVG comparison plots and a Markdown table (mean ± 95 % CI per group).

``write_report(store, out_dir)`` writes ``<out_dir>/<metric>.png`` per metric and
``<out_dir>/report.md``. Without explicit axes it picks them from the swept parameters: x is the
numeric parameter with the most values, hue the next varying parameter.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple, Union

from .frame import param_columns
from .stats import format_mean_ci, mean_ci
from .store import load

if TYPE_CHECKING:
    import pandas as pd

#: Metrics reported when none are named (those present in the store).
DEFAULT_METRICS = ("offload_ratio", "efficiency", "rebuffer_ratio", "p2p_cross_isp_share",
                   "startup_delay_p50_s", "startup_delay_p95_s", "mean_bitrate_bps")

#: Metric drawn as the bound line of a metric's plot.
BOUNDS = {"offload_ratio": "theoretical_offload_bound"}


def varying_params(df: "pd.DataFrame") -> List[str]:
    """Parameters with more than one value among non-baseline runs."""
    rows = df[~df["baseline"].astype(bool)] if "baseline" in df.columns else df
    return [c for c in param_columns(df) if rows[c].dropna().astype(str).nunique() > 1]


def _is_numeric(values: "pd.Series") -> bool:
    """True when every non-missing value is a number."""
    import pandas as pd

    present = values.dropna()
    return len(present) > 0 and pd.to_numeric(present, errors="coerce").notna().all()


def choose_axes(df: "pd.DataFrame", x: Optional[str] = None,
                hue: Optional[str] = None) -> Tuple[str, Optional[str]]:
    """(x, hue): given ones kept; otherwise picked among the varying parameters."""
    varying = varying_params(df)
    if x is None:
        ranked = sorted(varying, key=lambda c: (not _is_numeric(df[c]), -df[c].nunique()))
        if not ranked:
            ranked = param_columns(df) or ["seed"]
        x = ranked[0]
    if hue is None:
        others = [c for c in varying if c != x]
        hue = others[0] if others else None
    return x, hue


def markdown_table(df: "pd.DataFrame", by: Sequence[str], metrics: Sequence[str]) -> str:
    """One row per group of ``by``: n and mean ± 95 % CI of each metric.

    The first column of ``by`` labels baseline runs "baseline"; missing values read "all".
    """
    from .plot import hue_labels

    data = df[df["status"] == "ok"].copy()
    keys = []
    for position, column in enumerate(by):
        labels = hue_labels(data, column) if position == 0 else data[column]
        data[f"_{column}"] = [_cell(v) for v in labels]
        keys.append(f"_{column}")
    if not keys:
        data["_all"] = "all"
        keys = ["_all"]
    tables = [mean_ci(data, keys, metric).set_index(keys) for metric in metrics]
    header = [k[1:] for k in keys] + ["n"] + list(metrics)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    index = tables[0].index if tables else []
    for group in sorted(index, key=_sort_key):
        values = group if isinstance(group, tuple) else (group,)
        cells = [str(v) for v in values] + [str(int(tables[0].loc[group, "n"]))]
        for table in tables:
            row = table.loc[group] if group in table.index else None
            cells.append("n/a" if row is None else format_mean_ci(row["mean"], row["ci95"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    """Table cell text: integral floats without ".0", missing values as "all"."""
    if value is None or (isinstance(value, float) and value != value):
        return "all"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sort_key(group: object) -> tuple:
    """Sorts groups numerically where possible, then as text."""
    values = group if isinstance(group, tuple) else (group,)
    key = []
    for value in values:
        try:
            key.append((0, float(value), ""))
        except (TypeError, ValueError):
            key.append((1, 0.0, str(value)))
    return tuple(key)


def _failures_section(df: "pd.DataFrame") -> str:
    """Markdown list of runs that did not finish ok (with the last line of their stderr)."""
    failed = df[df["status"] != "ok"]
    if failed.empty:
        return ""
    lines = ["", "## Runs that did not finish", ""]
    for _, row in failed.iterrows():
        tail = (row.get("stderr_tail") or "").strip().splitlines()
        lines.append(f"- `{row['params_json']}` seed {row['seed']}: **{row['status']}** "
                     f"{tail[-1] if tail else ''}")
    return "\n".join(lines) + "\n"


def _shown_path(store: Union[str, "os.PathLike[str]"], out: Path) -> str:
    """The store's path relative to the report's folder when possible (portable reports)."""
    try:
        return os.path.relpath(os.fspath(store), os.fspath(out))
    except ValueError:
        return os.fspath(store)


def write_report(store: Union[str, "os.PathLike[str]"], out_dir: Union[str, "os.PathLike[str]"],
                 x: Optional[str] = None, y: Optional[Sequence[str]] = None,
                 hue: Optional[str] = None, image_format: str = "png") -> Path:
    """Writes the plots and report.md for a results store; returns the Markdown file's path."""
    from .plot import compare

    df = load(store)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    x, hue = choose_axes(df, x, hue)
    if isinstance(y, str):
        y = [y]
    unknown = [m for m in (y or []) if m not in df.columns]
    if unknown:  # an unknown metric used to give an empty report and exit 0
        raise ValueError(f"y: unknown metric(s) {unknown}; known columns: "
                         f"{', '.join(map(str, df.columns))}")
    metrics = [m for m in (y or DEFAULT_METRICS) if m in df.columns]
    counts = ", ".join(f"{n} {s}" for s, n in df["status"].value_counts().items())
    text = [f"# Report: {', '.join(sorted(set(df['scenario_name'].dropna())))}", "",
            f"Store `{_shown_path(store, out)}`: {len(df)} runs ({counts}); code version(s) "
            f"{', '.join(sorted(set(df['code_version'].dropna())))}.", "",
            f"Mean ± 95 % confidence interval over seeds (Student t); x = `{x}`, "
            f"hue = `{hue}`.", ""]
    for metric in metrics:
        image = out / f"{metric}.{image_format}"
        compare(df, x=x, y=metric, hue=hue, bound=BOUNDS.get(metric), save=image)
        text.append(f"![{metric}]({image.name})")
    by = [c for c in (hue, x) if c is not None]
    text += ["", markdown_table(df, by, metrics), _failures_section(df)]
    path = out / "report.md"
    path.write_text("\n".join(text))
    return path
