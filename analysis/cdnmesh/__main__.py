"""Command line: ``python3 -m cdnmesh sweep SPEC.yaml`` and ``python3 -m cdnmesh report STORE``.

    python3 -m cdnmesh sweep sweeps/matching.yaml [--workers N] [--executor local|dask]
                                                  [--address tcp://host:8786] [--store FILE]
                                                  [--rerun-stale]
    python3 -m cdnmesh report results/matching.db --out results/matching
                             [--x key.path] [--y metric[,metric...]] [--hue key.path]
                             [--col key.path] [--format svg,png,pdf] [--code-version V]
    python3 -m cdnmesh report sweeps/matching.yaml --out results/matching   # spec's store+report

A sweep first says "N stored, M to run" (and how many runs only an older build stored: stale,
run again with --rerun-stale), then shows progress on stderr: a bar on a terminal, a line every
few seconds otherwise. Exit status: 0 when every run of the sweep is ok, 1 when some are not
(they are listed) or stale runs were left out, 2 for an invalid spec, scenario or store.
"""

from __future__ import annotations

import argparse
import sys
import warnings
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
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar or lines")
    sweep.add_argument("--rerun-stale", action="store_true",
                       help="run again what only an older code version stored")
    report = commands.add_parser("report", help="plots and a Markdown table from a store")
    report.add_argument("store", help="results store (SQLite file), or a sweep spec (YAML)")
    report.add_argument("--out", required=True, help="output directory")
    report.add_argument("--x", help="x axis: a swept key path (default: picked)")
    report.add_argument("--y", help="metrics, comma-separated (default: the main QoS ones)")
    report.add_argument("--hue", help="one line per value of this key path (default: picked)")
    report.add_argument("--col", help="one panel per value of this key path (default: picked)")
    report.add_argument("--format", default="svg,png", type=_formats,
                        help="image formats, comma-separated: svg, png, pdf (default svg,png)")
    report.add_argument("--code-version", default="current",
                        help="code version to report: current (default) or a stored version")
    return parser


def _formats(text: str) -> List[str]:
    """--format value: a comma-separated list of svg, png, pdf."""
    formats = [item.strip() for item in text.split(",") if item.strip()]
    bad = [f for f in formats if f not in ("svg", "png", "pdf")]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"{text!r}: allowed: svg, png, pdf (comma-separated)")
    return formats


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _sweep(args: argparse.Namespace) -> int:
    """Runs a spec's sweep; prints a status summary."""
    from .api import ConfigError
    from .spec import check_spec, load_spec
    from .sweep_runner import sweep
    from .tables import StaleResultsWarning

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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StaleResultsWarning)  # said by the log already
            df = sweep(**spec.sweep_kwargs(), progress=not args.no_progress, log=_stderr,
                       rerun_stale=args.rerun_stale)
    except (ConfigError, FileNotFoundError, ValueError) as error:
        print(f"cdnmesh: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n} {s}" for s, n in df["status"].value_counts().items())
    print(f"{spec.name}: {len(df)} runs" + (f" ({counts})" if counts else "") +
          f" in {spec.store_path()}")
    failed = df[df["status"] != "ok"]
    for _, row in failed.iterrows():
        tail = (row["stderr_tail"] or "").strip().splitlines()
        print(f"  {row['status']}: {row['params_json']} seed {row['seed']}: "
              f"{tail[-1] if tail else ''}")
    stale = df.attrs.get("sweep", {}).get("stale", 0)
    if stale:
        print(f"  {stale} stale runs left out: rerun with --rerun-stale")
    return 1 if len(failed) or stale else 0


def _report(args: argparse.Namespace) -> int:
    """Writes the report of a store."""
    import sqlite3

    from .report import write_report

    store, x, hue, col = args.store, args.x, args.hue, args.col
    metrics = [m.strip() for m in args.y.split(",")] if args.y else None
    try:
        if store.endswith((".yaml", ".yml")):  # a sweep spec: its store and report settings
            from .spec import load_spec

            spec = load_spec(store)
            store = str(spec.store_path())
            x, hue = x or spec.report.get("x"), hue or spec.report.get("hue")
            col = col or spec.report.get("col")
            metrics = metrics or spec.report.get("y")
        path = write_report(store, args.out, x=x, y=metrics, hue=hue, col=col,
                            formats=args.format, code_version=args.code_version)
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
