"""Choosing a report's axes from the parameters that vary between its runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

from .frame import param_columns
from .plot import value_text

if TYPE_CHECKING:
    import pandas as pd


def varying_params(df: "pd.DataFrame") -> List[str]:
    """Parameters with more than one value among non-baseline runs."""
    rows = df[~df["baseline"].astype(bool)] if "baseline" in df.columns else df
    return [c for c in param_columns(df) if rows[c].map(value_text).nunique() > 1]


def _is_numeric(values: "pd.Series") -> bool:
    """True when every non-missing value is a number (bools are not)."""
    import pandas as pd

    present = values.dropna()
    if len(present) == 0 or present.map(lambda v: isinstance(v, bool)).any():
        return False
    return bool(pd.to_numeric(present, errors="coerce").notna().all())


def choose_axes(df: "pd.DataFrame", x: Optional[str] = None, hue: Optional[str] = None,
                col: Optional[str] = None) -> Tuple[str, Optional[str], Optional[str]]:
    """(x, hue, col): given ones kept (and checked); otherwise picked among the varying
    parameters: x the numeric one with the most values, then hue, then col."""
    for role, name in (("x", x), ("hue", hue), ("col", col)):
        if name is not None and name not in df.columns:
            raise ValueError(f"{role}: unknown parameter {name!r}; parameters: "
                             f"{', '.join(param_columns(df)) or 'none'}")
    varying = varying_params(df)
    if x is None:
        ranked = sorted(varying, key=lambda c: (not _is_numeric(df[c]), -df[c].nunique()))
        ranked = [c for c in ranked if c not in (hue, col)]
        x = ranked[0] if ranked else (param_columns(df) or ["seed"])[0]
    others = [c for c in varying if c not in (x, hue, col)]
    if hue is None and others:
        hue = others.pop(0)
    if col is None and others:
        col = others.pop(0)
    return x, hue, col
