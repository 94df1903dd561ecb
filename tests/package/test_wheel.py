"""The built wheel carries the grammar and the themes, and works from a fresh venv.

Slow (it builds a wheel and installs it with its dependencies), so it runs
once per test session; the rest of the suite runs from the source tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import GALLERY, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("journeymap-*.whl")
    return built


def test_wheel_contains_grammar_and_themes(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "journeymap/grammar/journey.lark" in names
    shipped_themes = {Path(n).name for n in names if n.startswith("journeymap/themes/")}
    in_repo = {p.name for p in (REPO / "themes").iterdir() if p.is_file()}
    assert in_repo and shipped_themes == in_repo


def _clean_env() -> dict[str, str]:
    """The environment without PYTHONPATH, so the venv sees only what it installed."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_installed_wheel_loads_its_own_grammar(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True
    )
    if install.returncode != 0:
        pytest.skip(f"could not install the wheel's dependencies: {install.stderr[-300:]}")
    probe_code = (
        "import journeymap, journeymap.language.resources as r, journeymap.language.parser as p\n"
        "p.lark_parser()\n"
        "print(journeymap.__file__, r.grammar_path(), r.themes_dir(), sep='\\n')\n"
    )
    probe = subprocess.run(
        [str(python), "-c", probe_code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    package_file, grammar, themes = probe.stdout.splitlines()
    site = Path(package_file).parent
    assert str(site).startswith(str(venv)), package_file
    assert Path(grammar) == site / "grammar" / "journey.lark"
    assert Path(themes) == site / "themes"
    result = subprocess.run(
        [
            str(venv / "bin" / "journeymap"),
            "render",
            str(GALLERY / "savings-account.journey"),
            "--format",
            "json",
            "-o",
            "-",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stderr
    assert '"title": "Open a savings account"' in result.stdout
