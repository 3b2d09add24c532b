"""Generates docs/python-api.md, the Python API reference, from the docstrings.

    python3 -m cdnmesh.apidoc docs/python-api.md          # rewrite the file
    python3 -m cdnmesh.apidoc --check docs/python-api.md  # exit 1 when it is out of date

A test (tests/python/test_apidoc.py) fails when the page and the docstrings disagree.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple

#: (module, public names) in the order the page shows them; None: the module's __all__.
SECTIONS: Tuple[Tuple[str, Optional[Sequence[str]]], ...] = (
    ("cdnmesh", ("run", "validate", "estimate", "params", "sweep", "load", "load_dataset",
                 "to_dataset", "code_version", "build_identity", "RunResult")),
    ("cdnmesh.tables", ("StaleResultsWarning",)),
    ("cdnmesh.plot", ("compare", "save_figure", "AveragedOverWarning", "FewRunsWarning")),
    ("cdnmesh.figures", ("breakdown", "over_time", "tradeoff", "cdf", "run_timeseries",
                         "interval_offload")),
    ("cdnmesh.catalogue", ("Metric", "catalogue", "metric", "axis_label", "param_label",
                           "label")),
    ("cdnmesh.stats", ("mean_ci", "interval", "format_interval")),
    ("cdnmesh.report", ("write_report", "markdown_table")),
    ("cdnmesh.store", ("Store", "StoreError")),
)

HEADER = """# Python API reference

Generated from the docstrings by `python3 -m cdnmesh.apidoc docs/python-api.md`; a test fails
when it is out of date. The guide is [analysis.md](analysis.md).
"""


def _annotation(value: Any) -> str:
    """An annotation as written (string annotations without their quotes)."""
    text = value if isinstance(value, str) else inspect.formatannotation(value)
    return text.replace("'", "").replace('"', "")


def _signature(obj: Any) -> str:
    """``name(arg: type = default, ...) -> type`` of a function or class (its constructor)."""
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return obj.__name__
    parts = []
    for param in signature.parameters.values():
        text = param.name
        if param.annotation is not inspect.Parameter.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not inspect.Parameter.empty:
            text += f" = {param.default!r}"
        parts.append(text)
    result = f"{obj.__name__}({', '.join(parts)})"
    if signature.return_annotation is not inspect.Signature.empty and not inspect.isclass(obj):
        result += f" -> {_annotation(signature.return_annotation)}"
    return result


def _entry(obj: Any) -> List[str]:
    """Markdown of one public function or class (public methods and properties included)."""
    kind = "class" if inspect.isclass(obj) else "function"
    lines = [f"### `{_signature(obj)}`", "", f"*{kind}*. {inspect.getdoc(obj) or ''}", ""]
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        for name, member in vars(obj).items():
            if name.startswith("_") or not (inspect.isfunction(member)
                                            or isinstance(member, (property, classmethod))):
                continue
            target = member.__func__ if isinstance(member, classmethod) else member
            doc = inspect.getdoc(target.fget if isinstance(target, property) else target)
            shown = name if isinstance(target, property) else _signature(target)
            lines += [f"- `{shown}`: {(doc or '').splitlines()[0] if doc else ''}"]
        lines.append("")
    return lines


def render() -> str:
    """The whole page."""
    lines = [HEADER]
    for module_name, names in SECTIONS:
        module = importlib.import_module(module_name)
        lines += [f"## `{module_name}`", "", inspect.getdoc(module) or "", ""]
        for name in names or getattr(module, "__all__", []):
            lines += _entry(getattr(module, name))
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    """Writes (or with --check compares) the page; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    if len(paths) != 1:
        print("usage: python3 -m cdnmesh.apidoc [--check] FILE", file=sys.stderr)
        return 2
    path, text = Path(paths[0]), render()
    if check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"apidoc: {path} is out of date; run python3 -m cdnmesh.apidoc {path}",
                  file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
