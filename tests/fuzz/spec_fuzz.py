#!/usr/bin/env python3
"""Mutation fuzzer for the sweep-spec parser (cdnmesh.spec.load_spec), seeded and time-bounded.

Debian packages no coverage-guided fuzzer for Python (atheris is PyPI-only), so this is a plain
random mutator with a fixed seed: byte flips, deletions, YAML tokens and splices of the seed
specs in tests/fuzz/seeds/spec_fuzz/. Property: load_spec either returns a spec that the sweep's
own checks accept, or raises SpecError (a ValueError) or OSError; anything else is a finding,
saved under --artifacts and reported with its traceback (exit 1).

    PYTHONPATH=analysis /usr/bin/python3 tests/fuzz/spec_fuzz.py --seconds 60
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from cdnmesh.plan import normalize_seeds
from cdnmesh.spec import SpecError, check_spec, load_spec
from cdnmesh.sweep_runner import _check_timeout

TOKENS = [": ", "[", "]", "{", "}", "- ", "\n", "\n  ", ", ", "!!str ", "!!float ", "!!int ",
          "!!binary ", "!!python/object ", "1e308", "-1", "0", "1.5", ".nan", ".inf", "null",
          "true", "---\n", "...\n", "&a ", "*a", "'", '"', "\x00", "\t", "#", "? ", "%YAML 1.1\n",
          "seeds", "timeout_s", "grid", "workers", "executor", "report", "baseline_over",
          "scenario", "store", "name", "address", "overrides", "baseline", "x", "y", "hue",
          "9" * 40, "\xff", "<<: ", "~"]


def mutate(data: str, corpus: list, rng: random.Random) -> str:
    """One to four random edits of ``data``."""
    for _ in range(rng.randint(1, 4)):
        pos = rng.randint(0, len(data))
        choice = rng.random()
        if choice < 0.35:
            data = data[:pos] + rng.choice(TOKENS) + data[pos:]
        elif choice < 0.6 and data:
            end = min(len(data), pos + rng.randint(1, 8))
            data = data[:pos] + data[end:]
        elif choice < 0.8 and data:
            i = rng.randrange(len(data))
            data = data[:i] + chr(rng.randrange(1, 128)) + data[i + 1:]
        else:
            other = rng.choice(corpus)
            cut = rng.randint(0, len(other))
            data = data[:pos] + other[cut:cut + rng.randint(1, 40)] + data[pos:]
    return data


def check_one(text: str, spec_path: Path) -> None:
    """Loads one input; raises on a finding."""
    spec_path.write_bytes(text.encode("utf-8", "surrogateescape"))
    try:
        spec = load_spec(spec_path)
    except (SpecError, OSError):
        return
    check_spec(spec, str(spec_path))  # an accepted spec passes every later check
    normalize_seeds(spec.seeds)
    _check_timeout(spec.timeout_s)
    spec.sweep_kwargs()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seeds", default="tests/fuzz/seeds/spec_fuzz")
    parser.add_argument("--artifacts", default="build-asan/fuzz/spec_fuzz-")
    parser.add_argument("--rng-seed", type=int, default=1)
    args = parser.parse_args()
    corpus = [p.read_text() for p in sorted(Path(args.seeds).glob("*.yaml"))]
    if not corpus:
        print(f"spec_fuzz: no seeds in {args.seeds}", file=sys.stderr)
        return 1
    rng = random.Random(args.rng_seed)
    executions = 0
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "s.yaml").write_text("run: {duration_s: 10}\n")  # the seeds' scenario
        spec_path = Path(tmp) / "spec.yaml"
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            text = corpus[executions % len(corpus)] if executions < len(corpus) else \
                mutate(rng.choice(corpus), corpus, rng)
            executions += 1
            try:
                check_one(text, spec_path)
            except Exception:  # noqa: BLE001  (any other exception is the finding)
                artifact = Path(f"{args.artifacts}crash-{executions}.yaml")
                artifact.parent.mkdir(parents=True, exist_ok=True)
                artifact.write_bytes(text.encode("utf-8", "surrogateescape"))
                traceback.print_exc()
                print(f"spec_fuzz: finding after {executions} inputs, saved as {artifact}",
                      file=sys.stderr)
                return 1
    print(f"spec_fuzz: stat::number_of_executed_units: {executions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
