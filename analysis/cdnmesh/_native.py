"""Locates and imports the compiled simulator module ``_cdnmesh``.

Search order:

1. ``cdnmesh._cdnmesh``: the extension installed inside the package (``pip install .`` copies
   the built ``_cdnmesh*.so`` there, see setup.py);
2. ``import _cdnmesh`` as it stands (PYTHONPATH already points at ``<build>/pybind``);
3. ``$CDNMESH_BUILD_DIR/pybind``;
4. ``<repository>/build/pybind`` (the directory ``scripts/build.sh`` builds into; also what an
   editable install, ``pip install -e .``, finds).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import List, Optional

#: Repository root (analysis/cdnmesh/_native.py -> repository).
REPO_DIR: Path = Path(__file__).resolve().parents[2]

#: Directory holding the ``cdnmesh`` package (added to child processes' PYTHONPATH).
PACKAGE_PARENT_DIR: Path = Path(__file__).resolve().parents[1]


def build_dirs() -> List[Path]:
    """Candidate build directories, most specific first."""
    dirs: List[Path] = []
    env_dir = os.environ.get("CDNMESH_BUILD_DIR")
    if env_dir:
        dirs.append(Path(env_dir))
    dirs.append(REPO_DIR / "build")
    return dirs


def _try_import(name: str = "_cdnmesh") -> Optional[ModuleType]:
    """Imports ``name``; None when no such module exists."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def load_native() -> ModuleType:
    """Returns the simulator module, importing it from the build tree when needed."""
    module = _try_import(f"{__package__}._cdnmesh") or _try_import()
    if module is not None:
        return module
    searched = []
    for build_dir in build_dirs():
        pybind_dir = build_dir / "pybind"
        searched.append(str(pybind_dir))
        if not pybind_dir.is_dir() or str(pybind_dir) in sys.path:
            continue
        sys.path.insert(0, str(pybind_dir))
        module = _try_import()
        if module is not None:
            return module
        sys.path.remove(str(pybind_dir))
    raise ImportError(
        "cdnmesh: the compiled simulator module _cdnmesh was not found (searched PYTHONPATH and "
        + ", ".join(searched)
        + "). Build it with scripts/build.sh, then set PYTHONPATH=<repo>/analysis:<build>/pybind "
        "or CDNMESH_BUILD_DIR=<build>."
    )

