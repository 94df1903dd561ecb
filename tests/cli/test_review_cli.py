"""`journeymap fmt` and `journeymap diff` from the command line: files, stdin, git, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from journeymap.cli.review import diff_command, fmt_command
from tests.conftest import files_below

CASES = Path(__file__).parents[1] / "analysis" / "diff_cases"
UNTIDY = "journey:T\nstage s:S\n      step a:  A   # note\n"
TIDY = "journey: T\nstage s: S\n  step a: A # note\n"


@click.group()
def cli() -> None:
    """A stand-in for `journeymap.cli.app.cli`, which registers the same commands."""


cli.add_command(fmt_command)
cli.add_command(diff_command)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


# -- fmt ------------------------------------------------------------------------------------


def test_fmt_rewrites_in_place(tmp_path: Path) -> None:
    target = tmp_path / "a.journey"
    target.write_text(UNTIDY, encoding="utf-8")
    tidy = tmp_path / "b.journey"
    tidy.write_text(TIDY, encoding="utf-8")
    before = tidy.stat().st_mtime_ns
    result = run("fmt", str(target), str(tidy))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == TIDY
    assert tidy.stat().st_mtime_ns == before  # an unchanged file is not rewritten
    assert "1 of 2 file(s) reformatted" in result.stderr
    assert files_below(tmp_path) == ["a.journey", "b.journey"]  # no temp


def test_fmt_check_lists_files_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    untidy = tmp_path / "sub" / "a.journey"
    untidy.write_text(UNTIDY, encoding="utf-8")
    (tmp_path / "b.journey").write_text(TIDY, encoding="utf-8")
    result = run("fmt", "--check", str(tmp_path))
    assert result.exit_code == 1
    assert f"would reformat {untidy}" in result.stderr
    assert "b.journey" not in result.stderr.replace("2 file(s)", "")
    assert untidy.read_text(encoding="utf-8") == UNTIDY
    assert run("fmt", "--check", str(tmp_path / "b.journey")).exit_code == 0


def test_fmt_diff_prints_a_unified_diff(tmp_path: Path) -> None:
    target = tmp_path / "a.journey"
    target.write_text(UNTIDY, encoding="utf-8")
    result = run("fmt", "--diff", str(target))
    assert result.exit_code == 0
    assert f"--- {target}\n+++ {target}\n" in result.stdout
    assert "-      step a:  A   # note\n+journey: T\n" in result.stdout
    assert "+  step a: A # note\n" in result.stdout
    assert target.read_text(encoding="utf-8") == UNTIDY


def test_fmt_stdin_to_stdout() -> None:
    result = run("fmt", "-", stdin=UNTIDY)
    assert result.exit_code == 0
    assert result.stdout == TIDY
    check = run("fmt", "--check", "-", stdin=UNTIDY)
    assert (check.exit_code, check.stdout) == (1, "")


def test_fmt_leaves_a_file_with_syntax_errors_alone(tmp_path: Path) -> None:
    target = tmp_path / "bad.journey"
    target.write_text("journey:T\npain: [oops\n", encoding="utf-8")
    result = run("fmt", str(target))
    assert result.exit_code == 1
    assert "error[E014]" in result.stderr and "not formatted" in result.stderr
    assert target.read_text(encoding="utf-8") == "journey:T\npain: [oops\n"


def test_fmt_usage_and_unreadable_files(tmp_path: Path) -> None:
    assert run("fmt").exit_code == 2
    missing = run("fmt", str(tmp_path / "nope.journey"))
    assert missing.exit_code == 1 and "error[E007]" in missing.stderr


# -- diff ------------------------------------------------------------------------------------


def test_diff_exit_codes_and_text() -> None:
    same = run("diff", str(CASES / "formatting.old.journey"), str(CASES / "formatting.new.journey"))
    assert same.exit_code == 0 and "no changes" in same.stdout
    differ = run("diff", str(CASES / "steps.old.journey"), str(CASES / "steps.new.journey"))
    assert differ.exit_code == 1
    assert differ.stdout == (CASES / "steps.diff.txt").read_text(encoding="utf-8").replace(
        "steps.old.journey", str(CASES / "steps.old.journey")
    ).replace("steps.new.journey", str(CASES / "steps.new.journey"))


def test_diff_formats() -> None:
    old, new = str(CASES / "feelings.old.journey"), str(CASES / "feelings.new.journey")
    markdown = run("diff", old, new, "--format", "markdown")
    assert markdown.exit_code == 1 and markdown.stdout.startswith("### Journey changes:")
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert len(data["changes"]) == 11


def test_diff_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.journey"
    bad.write_text("stage s: S\n  pian: x\n", encoding="utf-8")
    result = run("diff", str(bad), str(CASES / "steps.new.journey"))
    assert result.exit_code == 2 and "error[E101]" in result.stderr
    assert run("diff", str(bad)).exit_code == 2  # one argument is a usage error
    missing = run("diff", str(tmp_path / "none.journey"), str(bad))
    assert missing.exit_code == 2 and "error[E007]" in missing.stderr


def test_diff_stdin_and_dev_null() -> None:
    new = (CASES / "steps.new.journey").read_text(encoding="utf-8")
    result = run("diff", "/dev/null", "-", stdin=new)
    assert result.exit_code == 1
    assert "+ step e: Epsilon" in result.stdout


def test_git_external_diff_driver_exits_0_on_changes() -> None:
    old, new = str(CASES / "steps.old.journey"), str(CASES / "steps.new.journey")
    result = run("diff", "docs/x.journey", old, "a" * 40, "100644", new, "b" * 40, "100644")
    assert result.exit_code == 0
    assert result.stdout.startswith("a/docs/x.journey → b/docs/x.journey: 5 changes")


def test_textconv_prints_the_listing() -> None:
    result = run("diff", "--textconv", str(CASES / "steps.new.journey"))
    assert result.exit_code == 0
    assert "step c: Gamma\n" in result.stdout and "stage two: Two\n" in result.stdout


def test_textconv_never_reads_a_device() -> None:
    # The fallback printed the raw bytes of a file that does not compile: /dev/zero never
    # ended (found by the fuzz harness's diff target). A child process, so a hang fails.
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "diff", "--textconv", "/dev/zero"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"E007" in done.stderr


def test_textconv_shows_a_broken_journey_as_it_is(tmp_path: Path) -> None:
    broken = tmp_path / "x.journey"
    broken.write_text("journey: T\nstep a A\n", encoding="utf-8")
    result = run("diff", "--textconv", str(broken))
    assert result.stdout == "journey: T\nstep a A\n"


def test_textconv_prints_nothing_of_a_file_that_is_not_a_journey(tmp_path: Path) -> None:
    # git runs textconv on a pull request's `.journey` files: a key renamed to one must not
    # reach the diff in a public log, yet the reviewer sees that it changed.
    key = tmp_path / "key.journey"
    key.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n")
    result = run("diff", "--textconv", str(key))
    assert "OPENSSH" not in result.output and "b3Bl" not in result.output
    assert result.stdout.startswith("(not a journey source: 60 bytes, sha256 ")


def test_blueprint_picture(tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    old, new = str(CASES / "blueprint.old.journey"), str(CASES / "blueprint.new.journey")
    result = run("diff", old, new, "-o", str(out), "--view", "blueprint")
    assert result.exit_code == 1 and "+ step scan: Scans an ID" in result.stdout
    svg = out.read_text(encoding="utf-8")
    assert 'id="jm-diff-legend"' in svg and 'id="jm-backstage-ocr"' in svg
    alone = run("diff", old, new, "-o", "-", "--view", "blueprint")
    assert alone.stdout == svg  # `-o -`: the picture instead of the report


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_diff_picture_as_png(tmp_path: Path, view: str) -> None:
    out = tmp_path / "d.png"
    old, new = str(CASES / "blueprint.old.journey"), str(CASES / "blueprint.new.journey")
    result = run("diff", old, new, "-o", str(out), "--view", view)
    assert result.exit_code == 1, result.output
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 300 and height > 100
    assert files_below(tmp_path) == ["d.png"]


# -- git revisions ----------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _git(tmp_path, "init", "-q")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CASES / "steps.old.journey", docs / "x.journey")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "old")
    shutil.copy(CASES / "steps.new.journey", docs / "x.journey")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_diff_reads_git_revisions(repo: Path) -> None:
    result = run("diff", "HEAD:docs/x.journey", "docs/x.journey")
    assert result.exit_code == 1, result.stderr
    assert "> moved step c: from stage “One” to stage “Two”" in result.stdout
    assert run("diff", "HEAD:docs/x.journey", "HEAD:./docs/x.journey").exit_code == 0


@needs_git
def test_bad_revisions_are_clear_errors(repo: Path) -> None:
    result = run("diff", "HEAD~5:docs/x.journey", "docs/x.journey")
    assert result.exit_code == 2
    assert "cannot read `HEAD~5:docs/x.journey` from git" in result.stderr
    missing = run("diff", "HEAD:docs/none.journey", "docs/x.journey")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_missing_git_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the path
    result = run("diff", "HEAD:docs/x.journey", str(CASES / "steps.new.journey"))
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr
