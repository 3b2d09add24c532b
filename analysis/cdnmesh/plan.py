"""Sweep planning: grid expansion, seeds, canonical parameter JSON and the scenario hash.

A run is identified by ``(scenario_hash, params_json, seed)``:

- ``scenario_hash``: sha256 of the canonical JSON of the scenario *resolved* by the simulator
  (every default filled in) with the sweep's fixed overrides applied, before grid overrides. Two
  files that resolve to the same scenario share results; changing a default in the code changes
  the hash (and so re-runs).
- ``params_json``: canonical JSON (sorted keys, no spaces) of the run's grid point, plus the
  baseline overrides for baseline runs. Values keep their JSON type: ``1000`` and ``1000.0`` are
  different parameters.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

#: Store key of one run: (scenario hash, canonical parameters JSON, seed).
RunKey = Tuple[str, str, int]


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def scenario_hash(resolved_scenario: Mapping[str, Any]) -> str:
    """sha256 (hex) of the canonical JSON of a resolved scenario."""
    return hashlib.sha256(canonical_json(resolved_scenario).encode("utf-8")).hexdigest()


def expand_grid(grid: Optional[Mapping[str, Sequence[Any]]]) -> List[Dict[str, Any]]:
    """Cartesian product of {key.path: [values]} as a list of {key.path: value}, in grid order."""
    if not grid:
        return [{}]
    keys = list(grid)
    for key in keys:
        values = grid[key]
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise ValueError(f"sweep grid: {key}: expected a list of values, got {values!r}")
    return [dict(zip(keys, combo)) for combo in itertools.product(*(list(grid[k]) for k in keys))]


def normalize_seeds(seeds: Union[int, Iterable[int]]) -> List[int]:
    """An int N means seeds 1..N; a list is taken as it is (duplicates dropped, order kept)."""
    if isinstance(seeds, (str, bytes, float, bool)):
        raise ValueError(f"sweep: seeds: {seeds!r} is not allowed; allowed: an integer N >= 1 "
                         "(seeds 1..N) or a list of integers")
    if isinstance(seeds, int):
        if seeds < 1:
            raise ValueError(f"sweep: seeds must be >= 1, got {seeds}")
        return list(range(1, seeds + 1))
    result: List[int] = []
    for seed in seeds:
        # No coercion: 1.5 or "2" used to become seed 1 or 2 without a word.
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise ValueError(f"sweep: seeds: {seed!r} is not allowed; allowed: integers in "
                             "[0, 2^63 - 1]")
        if seed not in result:
            result.append(seed)
    if not result:
        raise ValueError("sweep: no seeds")
    return result


@dataclass(frozen=True)
class Task:
    """One planned run: what the worker process is given, and its store key."""

    scenario: Union[str, Dict[str, Any]]  # absolute path or scenario dict
    fixed_overrides: Dict[str, Any]  # applied to every run of the sweep (part of the hash)
    params: Dict[str, Any]  # grid point (+ baseline overrides): the run's own parameters
    seed: int
    scenario_hash: str
    baseline: bool = False
    params_json: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params_json", canonical_json(self.params))

    @property
    def key(self) -> RunKey:
        """Store primary key."""
        return (self.scenario_hash, self.params_json, self.seed)

    def payload(self) -> Dict[str, Any]:
        """JSON-serialisable task for the worker process (overrides: fixed, then params)."""
        overrides = dict(self.fixed_overrides)
        overrides.update(self.params)
        return {"scenario": self.scenario, "overrides": overrides, "seed": self.seed}


def plan_tasks(scenario: Union[str, Dict[str, Any]], fixed_overrides: Mapping[str, Any],
               grid: Optional[Mapping[str, Sequence[Any]]], seeds: Sequence[int], hash_hex: str,
               baseline: Optional[Mapping[str, Any]] = None,
               baseline_over: Sequence[str] = ()) -> List[Task]:
    """Grid x seeds, then (when ``baseline`` is given) the baseline runs.

    Baseline runs apply ``baseline`` overrides (e.g. ``{"p2p.enabled": False}``) once per seed
    and per value of the grid keys named in ``baseline_over`` (e.g. the audience size).
    """
    fixed = dict(fixed_overrides)
    tasks = [Task(scenario, fixed, point, seed, hash_hex)
             for point in expand_grid(grid) for seed in seeds]
    if baseline:
        unknown = [key for key in baseline_over if key not in (grid or {})]
        if unknown:
            raise ValueError(f"sweep: baseline_over names keys not in the grid: {unknown}")
        sub_grid = {key: (grid or {})[key] for key in baseline_over}
        for point in expand_grid(sub_grid):
            params = dict(point)
            params.update(baseline)
            tasks += [Task(scenario, fixed, params, seed, hash_hex, baseline=True)
                      for seed in seeds]
    return tasks
