"""Command line: ``python3 -m cdnmesh sweep SPEC.yaml`` and ``python3 -m cdnmesh report STORE``.

    python3 -m cdnmesh sweep sweeps/matching.yaml [--workers N] [--executor local|dask]
                                                  [--address tcp://host:8786] [--store FILE]
    python3 -m cdnmesh report results/matching.db --out results/matching
                             [--x key.path] [--y metric[,metric...]] [--hue key.path]
    python3 -m cdnmesh report sweeps/matching.yaml --out results/matching   # spec's store+report

Exit status: 0 when every run of the sweep is ok, 1 when some are not (they are listed), 2 for an
invalid spec or scenario.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional


def _parser() -> argparse.ArgumentParser:
    """Argument parser of both sub-commands."""
    parser = argparse.ArgumentParser(prog="python3 -m cdnmesh", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sweep = commands.add_parser("sweep", help="run (or resume) the sweep of a spec file")
    sweep.add_argument("spec", help="sweep spec (YAML)")
    sweep.add_argument("--workers", type=int, help="parallel runs (default: spec, else cores)")
    sweep.add_argument("--executor", choices=["local", "dask"], help="default: spec, else local")
    sweep.add_argument("--address", help="Dask scheduler address (implies --executor dask)")
    sweep.add_argument("--store", help="results store (default: spec, else results/<name>.db)")
    sweep.add_argument("--timeout-s", type=float, help="wall-time limit per run")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")
    report = commands.add_parser("report", help="plots and a Markdown table from a store")
    report.add_argument("store", help="results store (SQLite file), or a sweep spec (YAML)")
    report.add_argument("--out", required=True, help="output directory")
    report.add_argument("--x", help="x axis: a swept key path (default: picked)")
    report.add_argument("--y", help="metrics, comma-separated (default: the main QoS ones)")
    report.add_argument("--hue", help="one line per value of this key path (default: picked)")
    report.add_argument("--format", default="png", choices=["png", "svg"], help="image format")
    return parser


def _sweep(args: argparse.Namespace) -> int:
    """Runs a spec's sweep; prints a status summary."""
    from .api import ConfigError
    from .spec import check_spec, load_spec
    from .sweep_runner import sweep

    try:
        spec = load_spec(args.spec)
        for name in ("workers", "executor", "address", "store", "timeout_s"):
            if getattr(args, name) is not None:
                setattr(spec, name, getattr(args, name))
        if args.address:
            spec.executor = "dask"
        check_spec(spec, f"{args.spec} (with command-line options)")
    except (OSError, ValueError) as error:
        print(f"cdnmesh: {error}", file=sys.stderr)
        return 2
    try:
        df = sweep(**spec.sweep_kwargs(), progress=not args.no_progress)
    except (ConfigError, FileNotFoundError) as error:
        print(f"cdnmesh: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n} {s}" for s, n in df["status"].value_counts().items())
    print(f"{spec.name}: {len(df)} runs ({counts}) in {spec.store_path()}")
    failed = df[df["status"] != "ok"]
    for _, row in failed.iterrows():
        tail = (row["stderr_tail"] or "").strip().splitlines()
        print(f"  {row['status']}: {row['params_json']} seed {row['seed']}: "
              f"{tail[-1] if tail else ''}")
    return 1 if len(failed) else 0


def _report(args: argparse.Namespace) -> int:
    """Writes the report of a store."""
    import sqlite3

    from .report import write_report

    store, x, hue = args.store, args.x, args.hue
    metrics = [m.strip() for m in args.y.split(",")] if args.y else None
    try:
        if store.endswith((".yaml", ".yml")):  # a sweep spec: its store and report settings
            from .spec import load_spec

            spec = load_spec(store)
            store = str(spec.store_path())
            x, hue = x or spec.report.get("x"), hue or spec.report.get("hue")
            metrics = metrics or spec.report.get("y")
        path = write_report(store, args.out, x=x, y=metrics, hue=hue, image_format=args.format)
    except sqlite3.DatabaseError as error:
        print(f"cdnmesh: {store}: not a cdnmesh results store ({error})", file=sys.stderr)
        return 2
    except (OSError, KeyError, ValueError) as error:
        print(f"cdnmesh: {error}", file=sys.stderr)
        return 2
    print(f"report: {path}")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _sweep(args) if args.command == "sweep" else _report(args)
    except KeyboardInterrupt:
        print("cdnmesh: interrupted; finished runs are in the store, rerun to resume",
              file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
