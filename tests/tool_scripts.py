"""Import the scripts in tools/ (a folder of scripts, not a package) for their tests."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.conftest import REPO


def load_tool(name: str) -> ModuleType:
    """The module tools/NAME.py, imported once per test run."""
    key = f"_journeymap_tools_{name}"
    if key in sys.modules:
        return sys.modules[key]
    path = REPO / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(key, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
