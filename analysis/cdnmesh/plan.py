"""Sweep planning: grid expansion, seeds, canonical JSON and the identity of a run.

A run is identified by ``(code_version, scenario_hash, seed)``:

- ``code_version``: the build that runs it (:func:`cdnmesh.api.build_identity`); a run of another
  build is *stale*, never reused as if it were current.
- ``scenario_hash``: sha256 of the canonical JSON of the scenario *resolved* by the simulator with
  *every* override applied (the sweep's fixed overrides, the grid point, baseline overrides;
  every default filled in; ``run.seed`` left out, the seed is its own field). Two requests that
  resolve to the same scenario are the same simulation.

Beside it, ``request_hash`` (sha256 of the scenario source and every override, without the code
version) finds the runs an older build made of the same request, to report them stale.
``params_json`` is the canonical JSON of the grid point (plus baseline overrides), and
``overrides_json`` the JSON of every override in sweep order (fixed ones, then the grid's).
Values keep their JSON type: ``1000`` and ``1000.0`` are different parameters.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
import json
from dataclasses import dataclass, field
from typing import (Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple,
                    Union)

#: Store key of one run: (code version, resolved scenario hash, seed).
RunKey = Tuple[str, str, int]

def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no whitespace, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    """sha256 (hex) of a UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scenario_hash(resolved_scenario: Mapping[str, Any]) -> str:
    """sha256 (hex) of the canonical JSON of a resolved scenario, ``run.seed`` left out."""
    scenario = dict(resolved_scenario)
    if isinstance(scenario.get("run"), Mapping) and "seed" in scenario["run"]:
        scenario["run"] = {k: v for k, v in scenario["run"].items() if k != "seed"}
    return sha256_hex(canonical_json(scenario))


def request_hash(source_id: str, overrides: Mapping[str, Any]) -> str:
    """sha256 of what was asked for: the scenario source and every override (no code version)."""
    return sha256_hex(canonical_json({"source": source_id, "overrides": dict(overrides)}))


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
    """One planned run: what the worker process is given, and its identity in the store."""

    scenario: Union[str, Dict[str, Any]]  # absolute path or scenario dict
    fixed_overrides: Dict[str, Any]  # applied to every run of the sweep
    params: Dict[str, Any]  # grid point (+ baseline overrides): the run's own parameters
    seed: int
    baseline: bool = False
    scenario_hash: str = ""  # resolved scenario with every override (set by identify_tasks)
    request_hash: str = ""  # scenario source + every override (set by identify_tasks)
    code_version: str = ""  # build identity (set by identify_tasks)
    params_json: str = field(init=False)
    overrides_json: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params_json", canonical_json(self.params))
        # In sweep order (fixed, then grid keys as given): load() orders its columns by it.
        object.__setattr__(self, "overrides_json",
                           json.dumps(self.overrides, separators=(",", ":"), ensure_ascii=False))

    @property
    def overrides(self) -> Dict[str, Any]:
        """Every override of the run: the fixed ones, then the run's parameters."""
        merged = dict(self.fixed_overrides)
        merged.update(self.params)
        return merged

    @property
    def key(self) -> RunKey:
        """Store primary key."""
        return (self.code_version, self.scenario_hash, self.seed)

    def payload(self) -> Dict[str, Any]:
        """JSON-serialisable task for the worker process."""
        return {"scenario": self.scenario, "overrides": self.overrides, "seed": self.seed}


#: Resolves a run's overrides: (resolved scenario, None) or (None, error message).
Resolver = Callable[[Dict[str, Any]], Tuple[Optional[Dict[str, Any]], Optional[str]]]


def identify_tasks(tasks: Sequence[Task], resolve: Resolver, source_id: str,
                   code_version: str) -> Tuple[List[Task], Dict[str, Dict[str, Any]]]:
    """Tasks with their identity set, and {scenario_hash: resolved scenario}.

    ``resolve`` is called once per distinct set of overrides. A run whose overrides do not
    resolve (a bad grid value) is identified by its request (``invalid-<request_hash>``).
    """
    resolved_by_overrides: Dict[str, Tuple[str, Optional[Dict[str, Any]]]] = {}
    scenarios: Dict[str, Dict[str, Any]] = {}
    out: List[Task] = []
    for task in tasks:
        request = request_hash(source_id, task.overrides)
        if task.overrides_json not in resolved_by_overrides:
            resolved, _ = resolve(copy.deepcopy(task.overrides))
            hash_hex = scenario_hash(resolved) if resolved is not None else f"invalid-{request}"
            resolved_by_overrides[task.overrides_json] = (hash_hex, resolved)
            if resolved is not None:
                scenarios[hash_hex] = resolved
        hash_hex = resolved_by_overrides[task.overrides_json][0]
        out.append(dataclasses.replace(task, scenario_hash=hash_hex, request_hash=request,
                                       code_version=code_version))
    return out, scenarios


def plan_tasks(scenario: Union[str, Dict[str, Any]], fixed_overrides: Mapping[str, Any],
               grid: Optional[Mapping[str, Sequence[Any]]], seeds: Sequence[int],
               baseline: Optional[Mapping[str, Any]] = None,
               baseline_over: Sequence[str] = ()) -> List[Task]:
    """Grid x seeds, then (when ``baseline`` is given) the baseline runs (not yet identified).

    Baseline runs apply ``baseline`` overrides (e.g. ``{"p2p.enabled": False}``) once per seed
    and per value of the grid keys named in ``baseline_over`` (e.g. the audience size).
    """
    fixed = dict(fixed_overrides)
    tasks = [Task(scenario, fixed, point, seed) for point in expand_grid(grid) for seed in seeds]
    if baseline:
        unknown = [key for key in baseline_over if key not in (grid or {})]
        if unknown:
            raise ValueError(f"sweep: baseline_over names keys not in the grid: {unknown}")
        sub_grid = {key: (grid or {})[key] for key in baseline_over}
        for point in expand_grid(sub_grid):
            params = dict(point)
            params.update(baseline)
            tasks += [Task(scenario, fixed, params, seed, baseline=True) for seed in seeds]
    return tasks
