"""Reading a results store: :func:`load` (tidy pandas DataFrames) and :func:`load_dataset`
(an xarray Dataset with one dimension per parameter and one per seed).

Tables (``table=``):

- ``"runs"``: one row per run (columns: :mod:`cdnmesh.frame`).
- ``"timeseries"``: one row per run and interval: the run's identity columns (run_id,
  scenario_name, baseline, parameters, seed, code_version) then timeseries.csv's columns
  (``start_s, end_s, viewers, ...``).
- ``"isp"`` / ``"device"``: one row per run and ISP (device class): identity columns, ``isp``
  (``device``), then the breakdown's metrics (viewers, offload_ratio, ...; null is NaN).
- ``"peers"``: one row per run and viewer: identity columns then peers.csv's columns.

Code versions (``code_version=``): ``"current"`` (default) reads the runs of the build this
process uses; when the store has none, the runs of its only code version (with a warning), and
an error naming the versions when it has several. ``"all"`` reads every run (mixing versions:
compare within one), a version string reads that version's runs. Runs of other versions than
the one read are never mixed in silently.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from .frame import id_columns, runs_frame
from .result import csv_to_frame
from .store import Store, decompress

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

PathLike = Union[str, "os.PathLike[str]"]
TABLES = ("runs", "timeseries", "isp", "device", "peers")
_BLOB_OF = {"timeseries": "timeseries_z", "peers": "peers_z"}


class StaleResultsWarning(UserWarning):
    """Results of a code version other than the current build's were read."""


def select_versions(available: Mapping[str, int], code_version: str,
                    current: str, path: PathLike) -> Optional[List[str]]:
    """The code versions to read (None = all); ValueError when the choice is ambiguous."""
    if code_version == "all":
        return None
    if code_version != "current":
        if code_version not in available:
            raise ValueError(f"{path}: no runs of code version {code_version!r}; stored: "
                             f"{_describe(available)}")
        return [code_version]
    if current in available or not available:
        return [current]
    if len(available) == 1:
        only = next(iter(available))
        warnings.warn(f"{path}: every run was made by code version {only}, not by the current "
                      f"build {current}: results of that version are shown; rerun the sweep "
                      "with --rerun-stale to bring them up to date", StaleResultsWarning,
                      stacklevel=3)
        return [only]
    raise ValueError(f"{path}: no runs of the current build {current}, and runs of several "
                     f"code versions ({_describe(available)}): pick one with "
                     "code_version=... (--code-version), or rerun the sweep with --rerun-stale")


def _describe(available: Mapping[str, int]) -> str:
    return ", ".join(f"{v} ({n} runs)" for v, n in available.items()) or "none"


def _read(path: PathLike, code_version: str, blobs: Sequence[str] = ()) -> "pd.DataFrame":
    """Runs frame of the selected versions, with the requested compressed columns kept."""
    from .api import build_identity

    with Store(path, readonly=True) as store:
        versions = select_versions(store.versions(), code_version, build_identity(), path)
        rows = store.rows(code_versions=versions, blobs=blobs)
        scenarios = store.scenarios({row["scenario_hash"] for row in rows})
    df = runs_frame(rows, scenarios)
    for blob in blobs:
        df[blob] = [row.get(blob) for row in rows]
    df.attrs["summaries"] = [json.loads(r["summary_json"]) if r["summary_json"] else {}
                             for r in rows]
    return df


def _csv_table(runs: "pd.DataFrame", blob: str) -> "pd.DataFrame":
    """Concatenated per-run CSV tables, each row prefixed with its run's identity columns."""
    import pandas as pd

    ids = id_columns(runs)
    parts = []
    for _, run in runs.iterrows():
        text = decompress(run[blob])
        if not text.strip():
            continue
        part = csv_to_frame(text)
        for position, column in enumerate(ids):
            part.insert(position, column, [run[column]] * len(part))
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=ids)
    return pd.concat(parts, ignore_index=True)


def _breakdown_table(runs: "pd.DataFrame", kind: str) -> "pd.DataFrame":
    """One row per run and group of ``summary.breakdowns[kind]`` (null metrics as NaN)."""
    import pandas as pd

    ids = id_columns(runs)
    records: List[Dict[str, Any]] = []
    for (_, run), summary in zip(runs.iterrows(), runs.attrs["summaries"]):
        groups = (summary.get("breakdowns") or {}).get(kind) or {}
        for group, metrics in groups.items():
            record = {column: run[column] for column in ids}
            record[kind] = group
            record.update({k: (float("nan") if v is None else v) for k, v in metrics.items()})
            records.append(record)
    if not records:
        return pd.DataFrame(columns=ids + [kind])
    return pd.DataFrame.from_records(records)


def load(path: PathLike, table: str = "runs", code_version: str = "current") -> "pd.DataFrame":
    """Reads a results store into a tidy DataFrame (see the module docstring for ``table`` and
    ``code_version``). Raises FileNotFoundError, StoreError (another schema) or ValueError."""
    if table not in TABLES:
        raise ValueError(f"load: table {table!r} is not allowed; allowed: {', '.join(TABLES)}")
    blob = _BLOB_OF.get(table)
    runs = _read(path, code_version, [blob] if blob else [])
    if table == "runs":
        runs.attrs.pop("summaries", None)
        return runs
    if blob:
        return _csv_table(runs[runs["status"] == "ok"], blob)
    ok = runs["status"] == "ok"
    selected = runs[ok].copy()
    selected.attrs["summaries"] = [s for s, keep in zip(runs.attrs["summaries"], ok) if keep]
    return _breakdown_table(selected, table)


def to_dataset(df: "pd.DataFrame", dims: Optional[Sequence[str]] = None,
               variables: Optional[Sequence[str]] = None) -> "xr.Dataset":
    """A tidy frame as an xarray Dataset: ``dims`` (default: the parameters that vary, and
    ``seed``) become dimensions, numeric columns variables. Unset parameters read "unset"."""
    from .frame import FIXED_COLUMNS, param_columns

    data = df[df["status"] == "ok"] if "status" in df.columns else df
    if dims is None:
        dims = [c for c in param_columns(df) if data[c].astype(str).nunique() > 1] + ["seed"]
    params = set(param_columns(df))
    numeric = [c for c in data.columns if c not in dims and c not in FIXED_COLUMNS
               and c not in params and str(data[c].dtype) not in ("object", "bool")]
    data = data[list(dims) + list(variables or numeric)].copy()
    for dim in dims:
        if data[dim].isna().any():
            data[dim] = data[dim].astype(object).where(data[dim].notna(), "unset").astype(str)
    if data.duplicated(list(dims)).any():
        raise ValueError(f"to_dataset: rows are not unique over {list(dims)}; add the dimension "
                         "that tells them apart (e.g. code_version)")
    return data.set_index(list(dims)).to_xarray()


def load_dataset(path: PathLike, table: str = "runs", code_version: str = "current",
                 dims: Optional[Sequence[str]] = None) -> "xr.Dataset":
    """:func:`load` as an xarray Dataset; for per-group tables (isp, device, timeseries)
    the group column (``isp``, ``device``, ``start_s``) is a dimension too."""
    df = load(path, table, code_version)
    if dims is None and table != "runs":
        from .frame import param_columns

        extra = {"isp": "isp", "device": "device", "timeseries": "start_s", "peers": "id"}[table]
        varying = [c for c in param_columns(df) if df[c].astype(str).nunique() > 1]
        dims = varying + ["seed", extra]
        df = df.drop(columns=[c for c in ("end_s", "run_id", "code_version", "scenario_name",
                                          "baseline") if c in df.columns])
    return to_dataset(df, dims)
