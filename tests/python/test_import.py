"""Importing cdnmesh without a built _cdnmesh fails with a message saying how to build it."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ANALYSIS_DIR


def test_missing_extension_gives_a_clear_import_error(tmp_path):
    # A copy of the package two levels below tmp_path: its "<repo>/build/pybind" does not exist.
    package_root = tmp_path / "analysis"
    shutil.copytree(ANALYSIS_DIR / "cdnmesh", package_root / "cdnmesh",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(package_root), "CDNMESH_BUILD_DIR": str(tmp_path / "nowhere"),
           "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", "import cdnmesh"], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "ImportError" in proc.stderr
    assert "_cdnmesh" in proc.stderr and "scripts/build.sh" in proc.stderr
