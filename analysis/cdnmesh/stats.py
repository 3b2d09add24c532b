"""Mean and 95 % confidence intervals over seeds (Student's t, no SciPy needed)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, Optional, Sequence

if TYPE_CHECKING:
    import pandas as pd

# Two-sided 95 % quantiles t_{0.975, df} for df = 1..30.
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
         2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
         2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
_Z975 = 1.959964


def t975(dof: int) -> float:
    """Two-sided 95 % Student-t quantile for ``dof`` degrees of freedom (NaN for dof < 1)."""
    if dof < 1:
        return float("nan")
    if dof <= len(_T975):
        return _T975[dof - 1]
    # Cornish-Fisher expansion: accurate to ~1e-4 beyond 30 degrees of freedom.
    z = _Z975
    return z + (z ** 3 + z) / (4 * dof) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * dof ** 2)


def ci95_half_width(std: float, count: int) -> float:
    """Half-width of the 95 % CI of a mean of ``count`` samples with sample std ``std``."""
    if count < 2 or not math.isfinite(std):
        return float("nan")
    return t975(count - 1) * std / math.sqrt(count)


def mean_ci(df: "pd.DataFrame", by: Sequence[str], y: str) -> "pd.DataFrame":
    """Groups ``df`` by ``by`` and returns columns by..., n, mean, std, ci95, low, high for ``y``.

    Rows with a missing ``y`` are left out; ``ci95`` is NaN for groups of one sample.
    """
    import pandas as pd

    keys: List[str] = list(by)
    data = df[keys + [y]].copy()
    data[y] = pd.to_numeric(data[y], errors="coerce")
    data = data.dropna(subset=[y])
    if not keys:
        data["_all"] = ""
        keys = ["_all"]
    grouped = data.groupby(keys, dropna=False, sort=True)[y]
    out = grouped.agg(n="count", mean="mean", std="std").reset_index()
    out["ci95"] = [ci95_half_width(s, int(n)) for s, n in zip(out["std"], out["n"])]
    out["low"] = out["mean"] - out["ci95"]
    out["high"] = out["mean"] + out["ci95"]
    return out.drop(columns=["_all"], errors="ignore")


def format_mean_ci(mean: float, ci95: Optional[float], digits: int = 4) -> str:
    """"mean ± ci" (or just the mean when there is no interval)."""
    if mean is None or not math.isfinite(mean):
        return "n/a"
    text = f"{mean:.{digits}g}"
    if ci95 is not None and math.isfinite(ci95):
        text += f" ± {ci95:.{2}g}"
    return text
