"""Stored runs -> pandas DataFrame: one row per run, parameters and metrics as columns.

Columns, in order: ``scenario_name, status, baseline``; the parameters: one column per key path
any run overrides (fixed overrides included, e.g. ``tracker.policy``; empty where a run did not
set it), then every other scenario key whose resolved value differs between the runs (two
scenario files, a changed default); ``seed, wall_s, window_start_s, window_end_s`` (the
measurement window the metrics cover); every numeric summary metric (nested maps
flattened with dots, e.g. ``cdn_egress_bytes_per_pop.pop-paris``; JSON null is NaN); then
``code_version, exit_code, stderr_tail, created_utc, scenario_hash, request_hash, params_json,
overrides_json, run_id``.
"""

from __future__ import annotations

import json
import math
import numbers
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence

if TYPE_CHECKING:
    import pandas as pd

_HEAD = ["scenario_name", "status", "baseline"]
_MIDDLE = ["seed", "wall_s", "window_start_s", "window_end_s"]
_TAIL = ["code_version", "exit_code", "stderr_tail", "created_utc", "scenario_hash",
         "request_hash", "params_json", "overrides_json", "run_id"]
#: Columns of a runs frame that are neither parameters nor metrics.
FIXED_COLUMNS = tuple(_HEAD + _MIDDLE + _TAIL)
#: Resolved-scenario keys never shown as parameters (the seed has its own column).
_NOT_PARAMS = {"run.seed", "name"}


def flatten_numeric(tree: Mapping[str, Any], prefix: str = "") -> Dict[str, float]:
    """Numeric leaves of a nested dict as {"a.b": value}; null leaves are NaN (undefined, never
    0); bools and strings skipped."""
    flat: Dict[str, float] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_numeric(value, name + "."))
        elif value is None:
            flat[name] = math.nan
        elif isinstance(value, numbers.Number) and not isinstance(value, bool):
            flat[name] = value
    return flat


def flatten_tree(tree: Any, prefix: str = "") -> Dict[str, Any]:
    """Every leaf of a nested dict/list as {"a.b": v, "isps[0].share": v}."""
    if isinstance(tree, Mapping):
        flat: Dict[str, Any] = {}
        for key, value in tree.items():
            flat.update(flatten_tree(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(tree, list):
        flat = {}
        for index, value in enumerate(tree):
            flat.update(flatten_tree(value, f"{prefix}[{index}]"))
        return flat if tree else {prefix: "[]"}
    return {prefix: tree}


def _ordered_unique(names: Iterable[str]) -> List[str]:
    """Names in first-seen order, without repeats."""
    return list(dict.fromkeys(names))


def run_id(row: Mapping[str, Any]) -> str:
    """Short identifier of a stored run: code version, scenario hash prefix, seed."""
    return f"{row['code_version']}/{str(row['scenario_hash'])[:12]}/{row['seed']}"


def varying_scenario_keys(rows: Sequence[Mapping[str, Any]],
                          scenarios: Mapping[str, Mapping[str, Any]]) -> Dict[str, List[Any]]:
    """{key path: value per row} of resolved-scenario leaves that are hidden parameters: they
    differ between runs given the same overrides (two scenario files, a changed file), so the
    overrides alone do not tell those runs apart. Values the overrides explain are left out."""
    flat = {h: flatten_tree(s) for h, s in scenarios.items()}
    per_row = [flat.get(row["scenario_hash"]) for row in rows]
    groups: Dict[str, List[int]] = {}
    for index, row in enumerate(rows):
        if per_row[index] is not None:
            same = json.dumps(json.loads(row["overrides_json"]), sort_keys=True)
            groups.setdefault(same, []).append(index)
    keys = _ordered_unique(k for f in per_row if f for k in f)
    varying = {}
    for key in keys:
        if key in _NOT_PARAMS:
            continue
        for members in groups.values():
            texts = {json.dumps(per_row[i].get(key), sort_keys=True) for i in members}
            if len(texts) > 1:
                varying[key] = [None if f is None else f.get(key) for f in per_row]
                break
    return varying


def _record(row: Mapping[str, Any]) -> Dict[str, Any]:
    """The columns of one run, before ordering."""
    summary = json.loads(row["summary_json"]) if row.get("summary_json") else {}
    record = {name: row.get(name) for name in FIXED_COLUMNS if name != "run_id"}
    record["baseline"] = bool(record["baseline"])
    record["run_id"] = run_id(row)
    window = summary.get("window") or {}
    record["window_start_s"], record["window_end_s"] = window.get("start_s"), window.get("end_s")
    record.update(json.loads(row["overrides_json"]))
    record.update(flatten_numeric(summary.get("metrics", {})))
    return record


def runs_frame(rows: Sequence[Mapping[str, Any]],
               scenarios: Optional[Mapping[str, Mapping[str, Any]]] = None) -> "pd.DataFrame":
    """DataFrame of stored runs (see the module docstring for the columns); ``scenarios``
    ({scenario_hash: resolved}) adds the scenario keys that differ between runs."""
    import pandas as pd

    records = [_record(row) for row in rows]
    param_names = _ordered_unique(k for row in rows for k in json.loads(row["overrides_json"]))
    param_names = [n for n in param_names if n not in FIXED_COLUMNS]
    for key, values in varying_scenario_keys(rows, scenarios or {}).items():
        if key not in param_names and key not in FIXED_COLUMNS:
            param_names.append(key)
            for record, value in zip(records, values):
                record[key] = value
    metric_names = _ordered_unique(k for r in records for k in r
                                   if k not in param_names and k not in FIXED_COLUMNS)
    columns = _HEAD + param_names + _MIDDLE + metric_names + _TAIL
    return pd.DataFrame.from_records(records, columns=columns)


def param_columns(df: "pd.DataFrame") -> List[str]:
    """Parameter columns of a runs DataFrame (those between ``baseline`` and ``seed``)."""
    columns = list(df.columns)
    try:
        between = columns[columns.index("baseline") + 1: columns.index("seed")]
    except ValueError:
        return []
    return [c for c in between if c not in FIXED_COLUMNS]


def id_columns(df: "pd.DataFrame") -> List[str]:
    """Columns that identify a run in per-run tables: parameters, seed and the run's identity."""
    return ["run_id", "scenario_name", "baseline"] + param_columns(df) + ["seed", "code_version"]
