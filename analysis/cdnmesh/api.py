"""Single runs in this process: :func:`run`, :func:`validate`, :func:`params`.

These call the compiled module directly. For many runs use :func:`cdnmesh.sweep`, which gives each
run its own process (ns-3 keeps global state).
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from ._native import load_native
from .result import RunResult

#: The compiled simulator module.
native = load_native()

ConfigError = native.ConfigError
SimulationError = native.SimulationError

#: A scenario: a YAML file path or a dict with the same structure.
Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]
#: Overrides: ["key.path=value", ...] or {"key.path": value}.
Overrides = Union[None, Sequence[str], Mapping[str, Any]]


def scenario_arg(scenario: Scenario) -> Union[str, Dict[str, Any]]:
    """Normalises a scenario for the compiled module (paths as str, mappings as dict)."""
    if isinstance(scenario, Mapping):
        return dict(scenario)
    return os.fspath(scenario)


def overrides_arg(overrides: Overrides) -> Union[None, List[str], Dict[str, Any]]:
    """Normalises overrides for the compiled module."""
    if overrides is None:
        return None
    if isinstance(overrides, Mapping):
        return dict(overrides)
    if isinstance(overrides, str):
        return [overrides]
    return list(overrides)


def run(scenario: Scenario, overrides: Overrides = None, seed: Optional[int] = None,
        progress: bool = False, force: bool = False) -> RunResult:
    """Runs one simulation in this process and returns its :class:`RunResult`.

    Raises ConfigError (a ValueError naming the key path, or a run whose cost estimate exceeds
    the budget unless ``force``) or SimulationError.
    """
    raw = native.run(scenario_arg(scenario), overrides_arg(overrides), seed, progress, force)
    return RunResult.from_native(raw)


def validate(scenario: Scenario, overrides: Overrides = None,
             seed: Optional[int] = None, force: bool = False) -> Dict[str, Any]:
    """Checks a scenario (and its cost estimate against the budget, unless ``force``) and
    returns it resolved (every default filled in)."""
    return native.validate(scenario_arg(scenario), overrides_arg(overrides), seed, force)


def estimate(scenario: Scenario, overrides: Overrides = None,
             seed: Optional[int] = None) -> Dict[str, float]:
    """The cost estimate of a scenario: viewers, events, memory_bytes, output_bytes, ..."""
    return native.estimate(scenario_arg(scenario), overrides_arg(overrides), seed)


def params() -> List[Dict[str, Any]]:
    """The scenario schema: one dict per key (key, type, default, unit, range, description)."""
    return list(native.params())


def code_version() -> str:
    """Version of the simulator code: the commit that last changed core/, models/, sim/, pybind/
    or the build files (``-dirty`` for uncommitted changes to them)."""
    return str(getattr(native, "version", "unknown"))


#: Suffix of the code version of a build with uncommitted code changes.
_DIRTY = "-dirty"


@functools.lru_cache(maxsize=1)
def build_identity() -> str:
    """The code version runs are stored under: :func:`code_version` for a build of a commit;
    for a build of uncommitted code ("...-dirty") or of unknown origin, that plus ``+so.`` and
    the first 12 hex digits of the extension's sha256, so two different uncommitted builds never
    share results."""
    version = code_version()
    if not version.endswith(_DIRTY) and version != "unknown":
        return version
    digest = hashlib.sha256()
    with open(native.__file__, "rb") as binary:
        for block in iter(lambda: binary.read(1 << 20), b""):
            digest.update(block)
    return f"{version}+so.{digest.hexdigest()[:12]}"
