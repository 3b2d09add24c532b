"""Stored runs -> pandas DataFrame: one row per run, parameters and metrics as columns.

Columns, in order: ``scenario_name, status, baseline``, one column per swept parameter (named by
its key path, e.g. ``tracker.policy``; empty where a run did not set it), ``seed, wall_s``, every
numeric summary metric (nested maps flattened with dots, e.g.
``cdn_egress_bytes_per_pop.pop-paris``), then ``code_version, exit_code, stderr_tail,
created_utc, scenario_hash, params_json``.
"""

from __future__ import annotations

import json
import numbers
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping

if TYPE_CHECKING:
    import pandas as pd

_HEAD = ["scenario_name", "status", "baseline"]
_MIDDLE = ["seed", "wall_s"]
_TAIL = ["code_version", "exit_code", "stderr_tail", "created_utc", "scenario_hash",
         "params_json"]


def flatten_numeric(tree: Mapping[str, Any], prefix: str = "") -> Dict[str, float]:
    """Numeric leaves of a nested dict as {"a.b": value} (bools and strings skipped)."""
    flat: Dict[str, float] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_numeric(value, name + "."))
        elif isinstance(value, numbers.Number) and not isinstance(value, bool):
            flat[name] = value
    return flat


def _ordered_unique(names: Iterable[str]) -> List[str]:
    """Names in first-seen order, without repeats."""
    seen: Dict[str, None] = {}
    for name in names:
        seen.setdefault(name, None)
    return list(seen)


def runs_frame(rows: Iterable[Mapping[str, Any]]) -> "pd.DataFrame":
    """DataFrame of stored runs (see the module docstring for the columns)."""
    import pandas as pd

    records: List[Dict[str, Any]] = []
    param_names: List[str] = []
    metric_names: List[str] = []
    for row in rows:
        params = json.loads(row["params_json"])
        summary = json.loads(row["summary_json"]) if row.get("summary_json") else {}
        metrics = flatten_numeric(summary.get("metrics", {}))
        param_names += list(params)
        metric_names += list(metrics)
        record = {name: row.get(name) for name in _HEAD + _MIDDLE + _TAIL}
        record["baseline"] = bool(record["baseline"])
        record.update(params)
        record.update(metrics)
        if "timeseries_csv" in row:
            record["timeseries_csv"] = row["timeseries_csv"]
        records.append(record)
    params_order = [n for n in _ordered_unique(param_names) if n not in _HEAD + _MIDDLE + _TAIL]
    metrics_order = [n for n in _ordered_unique(metric_names)
                     if n not in params_order + _HEAD + _MIDDLE + _TAIL]
    columns = _HEAD + params_order + _MIDDLE + metrics_order + _TAIL
    if any("timeseries_csv" in r for r in records):
        columns.append("timeseries_csv")
    return pd.DataFrame.from_records(records, columns=columns)


def param_columns(df: "pd.DataFrame") -> List[str]:
    """Swept-parameter columns of a runs DataFrame (those between ``baseline`` and ``seed``)."""
    columns = list(df.columns)
    try:
        return columns[columns.index("baseline") + 1: columns.index("seed")]
    except ValueError:
        return []
