"""The pre-commit hooks, tested with a real `pre-commit try-repo` in a temporary git repository.

try-repo installs journeymap from a git repository, so the working tree is
copied to a temporary repository and committed there (the real one is left
alone). pre-commit then builds a virtualenv and pip-installs journeymap and
its dependencies from PyPI: without network the tests skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import REPO
from tests.integrations.conftest import BROKEN, JOURNEY

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")

pytestmark = pytest.mark.slow

_GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
_OFFLINE = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "No matching distribution found",
    "Could not find a version that satisfies",
    "Network is unreachable",
)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **_GIT_ENV}
    )


def _tree_files() -> list[str]:
    """Tracked and new (not ignored) files of the working tree, as the next commit would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the working tree, for try-repo."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path_factory.mktemp("journeymap-repo")
    for name in _tree_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "snapshot")
    return copy


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Shared by the tests of this module: pre-commit builds the hook environment once.
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "map.journey").write_text(JOURNEY, encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "a map")
    return tmp_path


def _try_repo(project: Path, repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), hook, "--all-files"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **_GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
        timeout=900,
        check=False,
    )
    log = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in log for sign in _OFFLINE):
        pytest.skip(
            f"pre-commit could not install journeymap from PyPI (no network?): {log[-500:]}"
        )
    return done


def test_check_hook_passes_and_fails(project: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "journeymap check" in done.stdout and "Passed" in done.stdout
    (project / "broken.journey").write_text(BROKEN, encoding="utf-8")
    _git(project, "add", "-A")
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-check")
    assert done.returncode == 1 and "Failed" in done.stdout
    assert "broken.journey:4:5: error[E101]: unknown keyword `pian`" in done.stdout


def test_render_hook_fails_when_an_svg_changes(
    project: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-render")
    # A new SVG fails the commit too, so that it is not left out of it.
    assert done.returncode == 1 and "map.svg: rendered (missing)" in done.stdout
    svg = project / "map.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    _git(project, "add", "-A")
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-render")
    assert done.returncode == 0, done.stdout  # up to date: nothing changed
    (project / "map.journey").write_text(JOURNEY.replace("Tedious", "Bored"), encoding="utf-8")
    _git(project, "add", "-A")
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-render")
    assert done.returncode == 1 and "map.svg: rendered (differs)" in done.stdout
    assert "Bored" in svg.read_text(encoding="utf-8")


def test_fmt_hook(project: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    from journeymap.cli.app import cli

    if "fmt" not in cli.list_commands(click.Context(cli)):
        pytest.skip("`journeymap fmt` is not registered in the CLI yet")
    messy = "journey:   Renew a passport\nstage apply: Apply\n  step fill:   Fills in the form\n"
    (project / "map.journey").write_text(messy, encoding="utf-8")
    _git(project, "add", "-A")
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-fmt")
    assert done.returncode == 1 and "files were modified by this hook" in done.stdout
    assert (project / "map.journey").read_text(encoding="utf-8") != messy
    _git(project, "add", "-A")
    done = _try_repo(project, hook_repo, pre_commit_home, "journeymap-fmt")
    assert done.returncode == 0, done.stdout
