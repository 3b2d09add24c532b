"""Means over seeds with 95 % confidence intervals that respect each metric's range.

The range comes from the metric catalogue (:mod:`cdnmesh.catalogue`):

- a metric bounded on both sides (a ratio or share in [0, 1]): Student-t interval of the mean on
  the logit scale (delta method), mapped back: always inside (lo, hi), asymmetric near a bound;
- a metric bounded below only (seconds, bytes, counts): the same on the log scale of
  ``mean - lo``: always above ``lo``;
- an unbounded metric: the plain Student-t interval.

A group of one run has no interval (NaN); a group whose runs all agree has the zero-width
interval at their value. Quantiles come from ``scipy.stats.t``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

if TYPE_CHECKING:
    import pandas as pd

#: Confidence level of every interval.
LEVEL = 0.95
#: Groups with fewer runs than this are flagged (an interval from 2 seeds says little).
MIN_RUNS = 3


def t_quantile(dof: int, level: float = LEVEL) -> float:
    """Two-sided Student-t quantile for ``dof`` degrees of freedom (NaN for dof < 1)."""
    from scipy.stats import t

    return float(t.ppf(0.5 + level / 2, dof)) if dof >= 1 else float("nan")


def t975(dof: int) -> float:
    """Two-sided 95 % Student-t quantile."""
    return t_quantile(dof, 0.95)


def _finite(value: Optional[float]) -> bool:
    return value is not None and math.isfinite(value)


def interval(mean: float, std: float, count: int, lo: Optional[float] = None,
             hi: Optional[float] = None) -> Tuple[float, float]:
    """(low, high) of the 95 % CI of a mean of ``count`` runs with sample std ``std``, kept
    inside [lo, hi] by a logit (both bounds) or log (lower bound) transform."""
    if count < 2 or not (math.isfinite(mean) and math.isfinite(std)):
        return float("nan"), float("nan")
    if std == 0:
        return mean, mean
    half = t_quantile(count - 1) * std / math.sqrt(count)
    if _finite(lo) and _finite(hi) and hi > lo and lo < mean < hi:
        width = hi - lo
        p = (mean - lo) / width
        k = half / width / (p * (1 - p))
        centre = math.log(p / (1 - p))
        return (lo + width / (1 + math.exp(-(centre - k))),
                lo + width / (1 + math.exp(-(centre + k))))
    if _finite(lo) and not _finite(hi) and mean > lo:
        k = half / (mean - lo)
        return lo + (mean - lo) * math.exp(-k), lo + (mean - lo) * math.exp(k)
    low, high = mean - half, mean + half
    return (max(low, lo) if _finite(lo) else low), (min(high, hi) if _finite(hi) else high)


def mean_ci(df: "pd.DataFrame", by: Sequence[str], y: str, lo: Optional[float] = None,
            hi: Optional[float] = None, bounds_from_catalogue: bool = True) -> "pd.DataFrame":
    """Groups ``df`` by ``by`` and returns columns by..., n, mean, std, low, high for ``y``.

    Rows with a missing ``y`` (NaN: undefined, e.g. 0/0) are left out. The range [lo, hi] is
    the catalogue's for ``y`` unless given (or ``bounds_from_catalogue=False``).
    """
    import pandas as pd

    if bounds_from_catalogue and lo is None and hi is None:
        from .catalogue import metric

        entry = metric(y)
        lo, hi = entry.lo, entry.hi
    keys: List[str] = list(by)
    data = df[keys + [y]].copy()
    data[y] = pd.to_numeric(data[y], errors="coerce")
    data = data.dropna(subset=[y])
    if not keys:
        data["_all"] = ""
        keys = ["_all"]
    grouped = data.groupby(keys, dropna=False, sort=False)[y]
    out = grouped.agg(n="count", mean="mean", std="std").reset_index()
    bounds = [interval(m, s, int(n), lo, hi) for m, s, n in zip(out["mean"], out["std"], out["n"])]
    out["low"] = [b[0] for b in bounds]
    out["high"] = [b[1] for b in bounds]
    return out.drop(columns=["_all"], errors="ignore")


def significant(value: float, digits: int = 3) -> str:
    """A number with ``digits`` significant digits, without exponent for everyday magnitudes."""
    if not math.isfinite(value):
        return "n/a"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    if -4 <= magnitude < 6:
        decimals = max(0, digits - 1 - magnitude)
        return f"{value:.{decimals}f}"
    return f"{value:.{digits - 1}e}"


_PREFIXES = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def engineering(value: float, digits: int = 3) -> str:
    """A number with an SI prefix: 2.21e6 -> "2.21 M" (small numbers as they are)."""
    if not math.isfinite(value):
        return "n/a"
    for factor, prefix in _PREFIXES:
        if abs(value) >= factor:
            return f"{significant(value / factor, digits)} {prefix}"
    return significant(value, digits)


def format_interval(mean: float, low: float, high: float, scale: float = 1.0,
                    prefixed: bool = False) -> str:
    """"71.3 [52.1, 85.0]" (the mean alone when there is no interval); ``prefixed``: with SI
    prefixes ("2.21 M [1.42 M, 3.45 M]"). The unit belongs in the column header."""
    if mean is None or not math.isfinite(mean):
        return "n/a"
    show = engineering if prefixed else significant
    text = show(mean * scale)
    if low is not None and math.isfinite(low) and math.isfinite(high):
        text += f" [{show(low * scale)}, {show(high * scale)}]"
    return text
