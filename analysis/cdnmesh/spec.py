"""Sweep specification files (YAML), as run by ``python3 -m cdnmesh sweep SPEC.yaml``.

Example (``sweeps/matching.yaml``)::

    name: matching                          # names the store and the progress bar
    scenario: ../scenarios/live-sports.yaml # relative to this file
    overrides: {run.duration_s: 300}        # applied to every run (part of the scenario hash)
    grid:                                   # {key.path: [values]}: the cartesian product is run
      tracker.policy: [random, same_isp, hybrid]
      audience.arrivals.viewers: [100, 1000]
    seeds: 3                                # N (seeds 1..N) or a list
    baseline: {p2p.enabled: false}          # optional: extra runs, once per seed...
    baseline_over: [audience.arrivals.viewers]  # ...and per value of these grid keys
    store: ../results/matching/runs.db      # relative to this file; default results/<name>.db
                                            # (relative to the current directory)
    executor: local                         # local | dask
    workers: 2                              # processes (local) or LocalCluster workers (dask)
    address: null                           # dask scheduler address, e.g. tcp://host:8786
    timeout_s: 1800                         # per run; null = no limit
    report: {x: audience.arrivals.viewers, hue: tracker.policy, y: [offload_ratio]}
                                            # defaults of `python3 -m cdnmesh report SPEC.yaml`
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Dict, List, Optional, Union


@dataclass
class SweepSpec:
    """A parsed sweep specification."""

    name: str
    scenario: str  # absolute path
    grid: Dict[str, List[Any]] = field(default_factory=dict)
    seeds: Union[int, List[int]] = 1
    overrides: Dict[str, Any] = field(default_factory=dict)
    baseline: Optional[Dict[str, Any]] = None
    baseline_over: List[str] = field(default_factory=list)
    store: Optional[str] = None
    executor: str = "local"
    workers: Optional[int] = None
    address: Optional[str] = None
    timeout_s: Optional[float] = None
    report: Dict[str, Any] = field(default_factory=dict)

    def store_path(self) -> Path:
        """Store file: as given, or results/<name>.db in the current directory."""
        return Path(self.store) if self.store else Path("results") / f"{self.name}.db"

    def sweep_kwargs(self) -> Dict[str, Any]:
        """Keyword arguments for :func:`cdnmesh.sweep`."""
        return {"scenario": self.scenario, "grid": self.grid, "seeds": self.seeds,
                "store": self.store_path(), "executor": self.executor, "workers": self.workers,
                "address": self.address, "timeout_s": self.timeout_s,
                "overrides": self.overrides or None, "baseline": self.baseline,
                "baseline_over": self.baseline_over, "name": self.name}


def _relative_to(base_dir: Path, path: str) -> str:
    """``path`` made absolute against ``base_dir`` (absolute paths unchanged)."""
    return str((base_dir / Path(path).expanduser()).resolve())


def load_spec(path: Union[str, Path]) -> SweepSpec:
    """Reads a spec file; raises ValueError naming the offending key."""
    import yaml

    spec_path = Path(path)
    raw = yaml.safe_load(spec_path.read_text()) or {}
    if not isinstance(raw, dict):
        raise ValueError(f"{spec_path}: expected a mapping at the top level")
    known = {f.name for f in fields(SweepSpec)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"{spec_path}: unknown key(s) {unknown}; known: {sorted(known)}")
    for key in ("scenario",):
        if not raw.get(key):
            raise ValueError(f"{spec_path}: {key}: required")
    for key in ("grid", "overrides", "report"):
        if not isinstance(raw.get(key) or {}, dict):
            raise ValueError(f"{spec_path}: {key}: expected a mapping")
    base_dir = spec_path.resolve().parent
    raw["scenario"] = _relative_to(base_dir, str(raw["scenario"]))
    if raw.get("store"):
        raw["store"] = _relative_to(base_dir, str(raw["store"]))
    raw.setdefault("name", spec_path.stem)
    for key in ("grid", "overrides", "report"):
        raw[key] = raw.get(key) or {}
    raw["baseline_over"] = list(raw.get("baseline_over") or [])
    return SweepSpec(**raw)
