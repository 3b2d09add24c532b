"""The metric catalogue: each metric's label, unit, kind and range, as the simulator defines it.

This is THE source of labels and units for plots, tables and docs: the entries come from
``_cdnmesh.metric_catalogue()`` (written once, in C++); names it does not list (time-series
columns, per-PoP keys) get a readable entry derived from the name's unit suffix. Scenario key
paths used as axes get labels derived from the key and the unit the scenario schema gives it::

    metric("offload_ratio").label      # "Offload"
    axis_label("offload_ratio")         # "Offload (%)"
    param_label("run.duration_s")       # "Run duration (s)"
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple

#: Name suffix -> (unit, kind, lower bound) for names the catalogue does not list (kinds as the
#: catalogue names them).
_SUFFIXES: Tuple[Tuple[str, str, str, Optional[float]], ...] = (
    ("_bps", "bit/s", "bit_rate", 0.0), ("_bytes", "bytes", "bytes", 0.0),
    ("_per_s", "1/s", "per_second", 0.0), ("_per_hour", "1/h", "per_hour", 0.0),
    ("_s", "s", "seconds", None), ("_ratio", "", "fraction", 0.0), ("_share", "", "fraction", 0.0),
)

#: Units a schema key may carry, shown as in the catalogue.
_PARAM_UNITS = {"bps": "bit/s", "s": "s", "bytes": "bytes"}


@dataclass(frozen=True)
class Metric:
    """One metric: name (as in summary.json), label, unit ("%" for percent metrics), kind
    ("fraction", "bytes", "seconds", ... as the simulator's catalogue names it), range [lo, hi]
    (None = unbounded), percent (show x100 on a % axis) and description."""

    name: str
    label: str
    unit: str
    kind: str
    lo: Optional[float]
    hi: Optional[float]
    percent: bool
    description: str

    @property
    def scale(self) -> float:
        """Factor from stored values to displayed ones (100 for percent metrics)."""
        return 100.0 if self.percent else 1.0

    @property
    def bounded(self) -> bool:
        """True when both ends of the range are finite (a ratio or share)."""
        return _finite(self.lo) and _finite(self.hi)

    def axis_label(self) -> str:
        """"Label (unit)"; the label alone when unitless or when it says the unit already
        ("Viewers", not "Viewers (viewers)")."""
        if not self.unit or self.label.lower().endswith(self.unit.lower()):
            return self.label
        return f"{self.label} ({self.unit})"


def _finite(value: Optional[float]) -> bool:
    return value is not None and math.isfinite(value)


def _from_dict(entry: Mapping[str, Any]) -> Metric:
    """A Metric from one catalogue dict; ValueError naming the field when it is malformed."""
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"metric catalogue: entry without a name: {entry!r}")
    kind = str(entry.get("kind") or "other")
    lo, hi = entry.get("lo"), entry.get("hi")
    return Metric(name=name, label=str(entry.get("label") or humanize(name)),
                  unit=str(entry.get("unit") or ""), kind=kind,
                  lo=None if lo is None else float(lo), hi=None if hi is None else float(hi),
                  percent=bool(entry.get("percent", False)),
                  description=str(entry.get("description") or ""))


@functools.lru_cache(maxsize=1)
def catalogue() -> Dict[str, Metric]:
    """{name: Metric} of every metric the simulator defines, in summary order."""
    from ._native import load_native

    entries = load_native().metric_catalogue()
    return {m.name: m for m in map(_from_dict, entries)}


#: Words written in capitals in derived labels.
_ACRONYMS = {"isp", "cdn", "p2p", "nat", "pop", "abr", "id", "vod", "ice"}


def humanize(name: str) -> str:
    """"startup_delay_p50_s" -> "Startup delay p50"; "tracker.policy" -> "Tracker policy";
    acronyms in capitals ("isp" -> "ISP")."""
    words = name.replace(".", " ").replace("_", " ").split()
    text = " ".join(w.upper() if w.lower() in _ACRONYMS else w for w in words)
    return text[:1].upper() + text[1:]


def _derived(name: str) -> Metric:
    """A readable entry for a name the catalogue does not list (from its unit suffix)."""
    for suffix, unit, kind, lo in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)] if unit else name
            bounded = kind == "fraction"
            return Metric(name, humanize(stem), "%" if bounded else unit, kind, lo,
                          1.0 if bounded else None, bounded, "")
    words = name.replace(".", "_").split("_")
    for word, unit, kind in (("bytes", "bytes", "bytes"), ("bps", "bit/s", "bit_rate")):
        if word in words:  # e.g. cdn_egress_bytes_per_pop.pop-paris
            return Metric(name, humanize(name.replace(f"_{word}", "")), unit, kind, 0.0, None,
                          False, "")
    return Metric(name, humanize(name), "", "other", None, None, False, "")


def metric(name: str) -> Metric:
    """The catalogue entry of ``name``; a derived readable entry for names it does not list
    (e.g. ``cdn_egress_bps_pop-paris`` -> "Cdn egress bps pop-paris", or ``viewers``)."""
    known = catalogue().get(name)
    if known is not None:
        return known
    if "." in name:  # a nested summary map, e.g. cdn_egress_bytes_per_pop.pop-paris
        head, _, key = name.partition(".")
        parent = catalogue().get(head)
        if parent is not None:
            return Metric(name, f"{parent.label}: {key}", parent.unit, parent.kind, parent.lo,
                          parent.hi, parent.percent, parent.description)
    return _derived(name)


def axis_label(name: str) -> str:
    """Axis label of a metric: "Offload (%)", "Startup delay p50 (s)"."""
    return metric(name).axis_label()


@functools.lru_cache(maxsize=1)
def _schema_units() -> Dict[str, str]:
    """{key path: unit} of the scenario schema (list elements as ``isps[].share``)."""
    from ._native import load_native

    return {p["key"]: str(p.get("unit") or "") for p in load_native().params()}


def param_label(key: str) -> str:
    """Label of a scenario key path used as an axis or legend title, with the schema's unit:
    "matching.policy" -> "Matching policy", "run.duration_s" -> "Run duration (s)"."""
    unit = _PARAM_UNITS.get(_schema_units().get(key, ""), _schema_units().get(key, ""))
    words = key
    for suffix in ("_s", "_bps", "_bytes"):
        if unit and key.endswith(suffix):
            words = key[: -len(suffix)]
    label = humanize(words)
    if unit and label.lower().endswith(unit.lower()):  # "Audience initial viewers (viewers)"
        return label
    return f"{label} ({unit})" if unit else label


def label(name: str) -> str:
    """Label of a column of a runs table: a metric's axis label, else a key path's label."""
    if name in catalogue() or name not in _schema_units():
        return axis_label(name)
    return param_label(name)
