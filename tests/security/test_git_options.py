"""git sees no options from users: `diff` refuses a revision starting with `-`, and git is
called as `git show --no-textconv --end-of-options REV:path`.

Before this, `journeymap diff -- '--output=FILE:x.journey' new.journey` had
`git show` write the file `FILE:x.journey`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from journeymap.analysis.diff import gitrev
from journeymap.analysis.diff.gitrev import RevisionError, option_like, read_revision
from journeymap.cli.review import diff_command
from tests.conftest import files_below

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
JOURNEY = "journey: T\nstage s: S\n  step a: A\n"
HOSTILE = ["--output=FILE:x.journey", "-p:x.journey", "--exec=touch PWNED:x.journey"]


@click.group()
def cli() -> None:
    """A stand-in for the app's group, holding `diff`."""


cli.add_command(diff_command)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "x.journey").write_text(JOURNEY, encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
@pytest.mark.parametrize("argument", HOSTILE)
@pytest.mark.parametrize("side", ["old", "new"])
def test_a_revision_starting_with_a_dash_is_a_usage_error(
    repo: Path, argument: str, side: str
) -> None:
    args = [argument, "x.journey"] if side == "old" else ["x.journey", argument]
    result = CliRunner().invoke(cli, ["diff", "--", *args], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.stderr and "a revision cannot" in result.stderr
    assert [f for f in files_below(repo) if not f.startswith(".git/")] == [
        "x.journey"
    ]  # git wrote nothing, and was not asked to


def test_option_like_names_only_revisions() -> None:
    assert option_like("--output=FILE:x.journey") and option_like("-x:y")
    assert not option_like("HEAD:x.journey") and not option_like("-")
    assert not option_like("-plain-file.journey")  # no `REV:path` shape: a file name


@needs_git
def test_read_revision_refuses_an_option_even_when_asked_directly(repo: Path) -> None:
    with pytest.raises(RevisionError, match="cannot start with `-`"):
        read_revision("--output=FILE:x.journey", cwd=repo)
    assert [f for f in files_below(repo) if not f.startswith(".git/")] == ["x.journey"]


def test_git_is_told_where_its_options_end(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, b"journey: T\n", b"")

    monkeypatch.setattr(gitrev.subprocess, "run", fake_run)
    assert read_revision("HEAD~1:docs/x.journey") == b"journey: T\n"
    assert calls == [["git", "show", "--no-textconv", "--end-of-options", "HEAD~1:docs/x.journey"]]


@needs_git
def test_an_ordinary_revision_still_reads(repo: Path) -> None:
    assert read_revision("HEAD:x.journey", cwd=repo).decode("utf-8") == JOURNEY
