"""Packaging hook: copies the CMake-built extension ``_cdnmesh*.so`` into the ``cdnmesh`` package.

The extension is looked up in ``$CDNMESH_BUILD_DIR/pybind``, then ``build/pybind`` (where
scripts/build.sh puts it). An editable install (``pip install -e .``) copies nothing: the package
then finds the extension in the build tree itself (cdnmesh/_native.py). Metadata: pyproject.toml.
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent


def find_extension() -> Path:
    """The built extension; SystemExit saying how to build it when there is none."""
    dirs = [Path(os.environ["CDNMESH_BUILD_DIR"]) / "pybind"] if os.environ.get(
        "CDNMESH_BUILD_DIR") else []
    dirs.append(HERE / "build" / "pybind")
    for folder in dirs:
        found = sorted(folder.glob("_cdnmesh*.so"))
        if found:
            return found[0]
    raise SystemExit("cdnmesh: no built _cdnmesh*.so in " + ", ".join(map(str, dirs)) +
                     ": build it first (scripts/build.sh _cdnmesh), or set CDNMESH_BUILD_DIR")


class BuildPyWithExtension(build_py):
    """build_py that also puts the compiled simulator into the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        extension = find_extension()
        target = Path(self.build_lib) / "cdnmesh" / extension.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(extension, target)


class BinaryDistribution(Distribution):
    """The wheel holds a compiled module: tag it for this interpreter and platform."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildPyWithExtension}, distclass=BinaryDistribution)
