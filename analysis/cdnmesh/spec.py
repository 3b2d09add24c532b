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
                                            # (also col: a key path drawn as panels)
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from .spec_check import spec_problems


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


class SpecError(ValueError):
    """An invalid sweep spec; the message names the file and every offending key."""


def _relative_to(base_dir: Path, path: str) -> str:
    """``path`` made absolute against ``base_dir`` (absolute paths unchanged)."""
    return str((base_dir / Path(path).expanduser()).resolve())


def _strict_loader() -> type:
    """A SafeLoader that refuses duplicate keys (PyYAML keeps the last one without a word) and
    aliases."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[override]
            # An alias can multiply a document exponentially ("billion laughs"); specs need none.
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                                  event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):  # type: ignore[override]
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} is given twice", key_node.start_mark)
                seen.add(key) if isinstance(key, (str, int, float, bool)) else None
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


def _read_raw(spec_path: Path) -> Dict[Any, Any]:
    """The spec file's top-level mapping; SpecError for unreadable text or YAML."""
    import yaml

    try:
        text = spec_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SpecError(f"{spec_path}: not UTF-8 text ({error.reason} at byte {error.start})")
    if "\0" in text:
        raise SpecError(f"{spec_path}: contains a NUL byte; a spec is YAML text")
    try:
        raw = yaml.load(text, Loader=_strict_loader())  # one document only (else an error)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise SpecError(f"{spec_path}{where}: invalid YAML: {problem}")
    except Exception as error:  # noqa: BLE001
        # PyYAML's constructors raise ValueError, IndexError, ... for tagged values they cannot
        # build ("!!float x", "!!float ''"), found by spec_fuzz.py: all are the file's fault.
        raise SpecError(f"{spec_path}: invalid YAML value: {type(error).__name__}: {error}")
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise SpecError(f"{spec_path}: expected a mapping of keys at the top level, "
                        f"got {type(raw).__name__}")
    return raw


def check_spec(spec: SweepSpec, origin: str) -> None:
    """Raises SpecError when a spec (e.g. after command-line changes) is not valid."""
    raw = {f.name: getattr(spec, f.name) for f in fields(SweepSpec)}
    problems = spec_problems(raw)
    if problems:
        raise SpecError(f"{origin}: " + f"\n{origin}: ".join(problems))


def load_spec(path: Union[str, Path]) -> SweepSpec:
    """Reads and validates a spec file; raises SpecError (a ValueError) naming every bad key."""
    spec_path = Path(path)
    if spec_path.is_dir():
        raise SpecError(f"{spec_path}: is a directory, not a sweep spec")
    raw = _read_raw(spec_path)
    problems = spec_problems(raw)
    if problems:
        raise SpecError(f"{spec_path}: " + f"\n{spec_path}: ".join(problems))
    base_dir = spec_path.resolve().parent
    raw["scenario"] = _relative_to(base_dir, str(raw["scenario"]))
    if not Path(raw["scenario"]).is_file():
        raise SpecError(f"{spec_path}: scenario: {raw['scenario']} is not a file")
    if raw.get("store"):
        raw["store"] = _relative_to(base_dir, str(raw["store"]))
    raw.setdefault("name", spec_path.stem)
    for key in ("grid", "overrides", "report"):
        raw[key] = raw.get(key) or {}
    raw["baseline_over"] = list(raw.get("baseline_over") or [])
    for key in ("seeds", "executor"):
        if raw.get(key) is None:
            raw.pop(key, None)
    return SweepSpec(**raw)
