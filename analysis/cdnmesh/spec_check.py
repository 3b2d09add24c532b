"""Validation of sweep specs: one table of keys, each with what it allows, checked in one pass.

Every problem is reported with its key path, the value found and what is allowed, like the
scenario schema does; nothing is coerced (``seeds: [1.5]`` is an error, not seed 1).
"""

from __future__ import annotations

import math
import reprlib
from typing import Any, Callable, Dict, List, Optional

#: Largest seed (run.seed is an unsigned 64-bit integer in the simulator; sqlite stores int64).
MAX_SEED = 2**63 - 1
#: More parallel runs than this is a typo, not a machine.
MAX_WORKERS = 4096

Problem = Optional[str]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool)) or _is_number(value)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def _text(value: Any) -> str:
    """A bounded repr (reprlib: a huge or recursive value costs no more than a small one)."""
    return _REPR.repr(value)


def _nonempty_str(value: Any) -> Problem:
    return None if isinstance(value, str) and value.strip() else "allowed: a non-empty string"


def _optional_str(value: Any) -> Problem:
    return None if value is None or isinstance(value, str) else "allowed: a string or null"


def _seeds(value: Any) -> Problem:
    if _is_int(value):
        return None if 1 <= value <= 100_000 else "allowed: N in [1, 100000] (seeds 1..N) or a list"
    if not isinstance(value, list) or not value:
        return "allowed: an integer N >= 1 (seeds 1..N) or a non-empty list of integers"
    for i, seed in enumerate(value):
        if not _is_int(seed) or not 0 <= seed <= MAX_SEED:
            return f"element [{i}] = {_text(seed)}; allowed: integers in [0, 2^63 - 1]"
    if len(set(value)) != len(value):
        return "allowed: distinct integers (a seed is given twice)"
    return None


def _workers(value: Any) -> Problem:
    if value is None or (_is_int(value) and 1 <= value <= MAX_WORKERS):
        return None
    return f"allowed: an integer in [1, {MAX_WORKERS}] or null"


def _timeout_s(value: Any) -> Problem:
    if value is None or (_is_number(value) and value > 0):
        return None
    return "allowed: a number of seconds > 0, or null (no limit)"


def _executor(value: Any) -> Problem:
    return None if value in ("local", "dask") else "allowed: one of: local, dask"


def _key_values(value: Any, what: str) -> Problem:
    """A mapping {key.path: value}; values scalars, lists or mappings of those."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return f"allowed: a mapping {{key.path: {what}}}"
    for key in value:
        if not isinstance(key, str) or not key:
            return f"key {_text(key)}; allowed: key paths (non-empty strings)"
    return None


def _grid(value: Any) -> Problem:
    problem = _key_values(value, "[values]")
    if problem or value is None:
        return problem
    for key, values in value.items():
        if key == "run.seed":
            return "key run.seed; allowed: other keys (give seeds with `seeds:`)"
        if not isinstance(values, list) or not values:
            return f"{key} = {_text(values)}; allowed: a non-empty list of values"
    return None


def _baseline_over(value: Any) -> Problem:
    if value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return None
    return "allowed: a list of grid key paths"


def _report(value: Any) -> Problem:
    if value is None:
        return None
    if not isinstance(value, dict):
        return "allowed: a mapping with x, hue, col, y"
    unknown = sorted(set(map(str, value)) - {"x", "hue", "col", "y"})
    if unknown:
        return f"unknown key(s) {unknown}; allowed: x, hue, col, y"
    for key in ("x", "hue", "col"):
        if not (value.get(key) is None or isinstance(value.get(key), str)):
            return f"{key} = {_text(value.get(key))}; allowed: a key path"
    y = value.get("y")
    if not (y is None or isinstance(y, str) or
            (isinstance(y, list) and all(isinstance(m, str) for m in y))):
        return f"y = {_text(y)}; allowed: a metric name or a list of them"
    return None


#: Every key of a spec: its check (a problem text or None) and whether it is required.
KEYS: Dict[str, Callable[[Any], Problem]] = {
    "name": _nonempty_str, "scenario": _nonempty_str, "grid": _grid, "seeds": _seeds,
    "overrides": lambda v: _key_values(v, "value"), "baseline": lambda v: _key_values(v, "value"),
    "baseline_over": _baseline_over, "store": _optional_str, "executor": _executor,
    "workers": _workers, "address": _optional_str, "timeout_s": _timeout_s, "report": _report,
}
REQUIRED = ("scenario",)


def spec_problems(raw: Dict[Any, Any]) -> List[str]:
    """Every problem of a raw spec mapping, as "key: value ...; allowed: ..." lines."""
    problems: List[str] = []
    for key in raw:
        if key not in KEYS:
            problems.append(f"{key}: unknown key; allowed: {', '.join(KEYS)}")
    for key in REQUIRED:
        if raw.get(key) is None:
            problems.append(f"{key}: required")
    for key, check in KEYS.items():
        if key in raw and (key not in REQUIRED or raw[key] is not None):
            problem = check(raw[key])
            if problem:
                problems.append(f"{key}: {_text(raw[key])} is not allowed; {problem}")
    grid = raw.get("grid") if isinstance(raw.get("grid"), dict) else {}
    for key in raw.get("baseline_over") or []:
        if isinstance(key, str) and key not in grid:
            problems.append(f"baseline_over: {key!r} is not a grid key; allowed: {sorted(grid)}")
    return problems
