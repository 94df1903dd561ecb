"""The command line: exit codes, output files, standard input and diagnostics formats.

Most tests drive the click command in-process with `CliRunner`; a few run
`python -m journeymap` as a real subprocess, as users and CI do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from journeymap._version import __version__
from journeymap.cli.app import cli
from tests.conftest import files_below

GOOD = (
    "journey: T\nteam ops: Ops\nstage s: S\n  step a: A\n    touchpoint: Desk [kind=human]\n"
    "    pain: Slow\n    opportunity: Faster [owner=ops]\n"
)
WARN = GOOD + "    touchpoint: T [channel=web]\n"
BAD = "journey: T\nstage s: S\n  step a: A\n    pian: Slow\n"


def run(*args: str, stdin: bytes | str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr if result.stderr_bytes is not None else "")
    return result


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("good.journey").write_text(GOOD)
    Path("warn.journey").write_text(WARN)
    Path("bad.journey").write_text(BAD)
    return tmp_path


# -- check ------


def test_check_ok(files: Path) -> None:
    result = run("check", "good.journey")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_check_error_exits_1_with_a_located_message(files: Path) -> None:
    result = run("check", "bad.journey")
    assert result.exit_code == 1
    assert "bad.journey:4:5: error[E101]: unknown keyword `pian`" in result.stderr
    assert "1 error, 0 warnings" in result.stderr


def test_check_reports_every_file(files: Path) -> None:
    result = run("check", "good.journey", "bad.journey", "warn.journey")
    assert result.exit_code == 1
    assert "error[E101]" in result.stderr and "warning[W101]" in result.stderr


def test_warnings_exit_0_unless_strict(files: Path) -> None:
    relaxed = run("check", "warn.journey")
    assert relaxed.exit_code == 0
    assert "warn.journey:8:28: warning[W101]" in relaxed.stderr
    strict = run("check", "--strict", "warn.journey")
    assert strict.exit_code == 1
    assert "warning[W101]" in strict.stderr


def test_diagnostics_json(files: Path) -> None:
    result = run("check", "--diagnostics", "json", "bad.journey")
    assert result.exit_code == 1
    (item,) = json.loads(result.stdout)
    assert item == {
        "severity": "error",
        "code": "E101",
        "message": "unknown keyword `pian` — did you mean `pain`?",
        "file": "bad.journey",
        "line": 4,
        "column": 5,
        "length": 4,
        "hint": None,
    }


def test_diagnostics_json_when_clean_is_an_empty_list(files: Path) -> None:
    result = run("check", "--diagnostics", "json", "good.journey")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_missing_file(files: Path) -> None:
    result = run("check", "nope.journey")
    assert result.exit_code == 1
    assert "nope.journey: error[E007]: cannot read `nope.journey`: no such file" in result.stderr


def test_a_directory_is_checked_file_by_file(files: Path) -> None:
    Path("adir").mkdir()
    empty = run("check", "adir")
    assert empty.exit_code == 0 and "0 checked, 0 failed" in empty.stderr
    Path("adir/bad.journey").write_text(BAD, encoding="utf-8")
    result = run("check", "adir")
    assert result.exit_code == 1
    assert "adir/bad.journey:" in result.stderr and "1 checked, 1 failed" in result.stderr


def test_check_stdin(files: Path) -> None:
    assert run("check", "-", stdin=GOOD).exit_code == 0
    bad = run("check", "-", stdin=BAD)
    assert bad.exit_code == 1
    assert "<stdin>:4:5: error[E101]" in bad.stderr


def test_check_json_model_on_stdin(files: Path) -> None:
    model = run("render", "good.journey", "--format", "json", "-o", "-").stdout
    assert run("check", "-", stdin=model).exit_code == 0
    broken = model.replace('"pains"', '"pain"')
    result = run("check", "-", stdin=broken)
    assert result.exit_code == 1
    assert "error[E502]: missing key `pains` at $.stages[0].steps[0]" in result.stderr


def test_invalid_utf8_on_stdin(files: Path) -> None:
    result = run("check", "-", stdin=b"step a: \xff\n")
    assert result.exit_code == 1
    assert "<stdin>:1:9: error[E001]" in result.stderr


# -- usage ------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("args", [(), ("check",), ("render",)])
def test_help_shows_examples(args: tuple[str, ...]) -> None:
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "journeymap " in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("frobnicate",),
        ("check", "--no-such-option", "x.journey"),
        ("render", "--format", "gif", "good.journey"),
        ("render", "-", "--format", "json"),
        ("render", "good.journey", "bad.journey", "--format", "json", "-o", "x.json"),
    ],
)
def test_usage_errors_exit_2(files: Path, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Error" in result.output or "Error" in result.stderr


# -- render ------


def test_render_json_beside_the_input(files: Path) -> None:
    result = run("render", "good.journey", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("good.json").read_text())
    assert data["title"] == "T"


def test_render_to_stdout(files: Path) -> None:
    result = run("render", "good.journey", "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["stages"][0]["steps"][0]["pains"] == ["Slow"]


def test_render_stdin_to_stdout(files: Path) -> None:
    result = run("render", "-", "--format", "json", "-o", "-", stdin=GOOD)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "T"


def test_errors_create_no_output_file(files: Path) -> None:
    result = run("render", "bad.journey", "--format", "json")
    assert result.exit_code == 1
    assert not Path("bad.json").exists()
    assert "error[E101]" in result.stderr
    assert files_below(files) == [
        "bad.journey",
        "good.journey",
        "warn.journey",
    ]


def test_errors_leave_an_existing_output_untouched(files: Path) -> None:
    Path("out.json").write_text("precious")
    before = Path("out.json").stat().st_mtime_ns
    result = run("render", "bad.journey", "--format", "json", "-o", "out.json")
    assert result.exit_code == 1
    assert Path("out.json").read_text() == "precious"
    assert Path("out.json").stat().st_mtime_ns == before


def test_errors_print_nothing_on_stdout(files: Path) -> None:
    result = run("render", "bad.journey", "--format", "json", "-o", "-")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_unwritable_output_is_e701(files: Path) -> None:
    result = run("render", "good.journey", "--format", "json", "-o", "no/such/dir/out.json")
    assert result.exit_code == 1
    assert "error[E701]" in result.stderr
    assert not Path("no").exists()


def test_render_warnings_still_write(files: Path) -> None:
    result = run("render", "warn.journey", "--format", "json", "-o", "w.json")
    assert result.exit_code == 0
    assert Path("w.json").exists()
    assert "warning[W101]" in result.stderr


# -- real subprocesses ------


def journeymap(
    *args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run(
        [sys.executable, "-m", "journeymap", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert b"Traceback" not in proc.stdout + proc.stderr
    return proc


def test_subprocess_check_ok_and_error(files: Path) -> None:
    assert journeymap("check", "good.journey", cwd=files).returncode == 0
    bad = journeymap("check", "bad.journey", cwd=files)
    assert bad.returncode == 1
    assert b"bad.journey:4:5: error[E101]" in bad.stderr


def test_subprocess_stdin_to_stdout(files: Path) -> None:
    proc = journeymap("render", "-", "--format", "json", "-o", "-", cwd=files, stdin=GOOD.encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "T"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.journey", b"journey: T\x00\n"),
        ("binary.journey", bytes(range(256)) * 4),
        ("latin1.journey", "journey: Café\n".encode("latin-1")),
        ("long.journey", b"journey: " + b"x" * 1_000_000 + b"\n"),
        ("empty.journey", b""),
    ],
)
def test_subprocess_bad_input_exits_1_and_writes_nothing(
    files: Path, name: str, content: bytes
) -> None:
    Path(name).write_bytes(content)
    Path("keep.json").write_text("old")
    proc = journeymap("render", name, "--format", "json", "-o", "keep.json", cwd=files)
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert f"{name}".encode() in proc.stderr and b"error[E0" in proc.stderr
    assert len(proc.stderr) < 5000  # a 1 MB line is quoted as a window, not whole
    assert Path("keep.json").read_text() == "old"


def test_subprocess_directory(files: Path) -> None:
    Path("d").mkdir()
    Path("d/bad.journey").write_text(BAD)
    proc = journeymap("check", "d", cwd=files)
    assert proc.returncode == 1
    assert b"d/bad.journey:4:5: error[E101]" in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith(b"1 checked, 1 failed in ")


def test_subprocess_usage_error(files: Path) -> None:
    proc = journeymap("check", cwd=files)
    assert proc.returncode == 2


def test_check_runs_the_map_quality_rules_and_ignore_silences_them(files: Path) -> None:
    Path("lint.journey").write_text("journey: T\nstage s: S\n  step a: A\n    pain: Slow\n")
    found = run("check", "lint.journey")
    assert found.exit_code == 0
    assert "warning[W202]" in found.stderr and "warning[W204]" in found.stderr
    assert run("check", "--strict", "lint.journey").exit_code == 1
    quiet = run("check", "--strict", "--ignore", "W202,w204", "lint.journey")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_check_and_render_of_a_json_model_show_the_json_line_and_path(tmp_path: Path) -> None:
    source = tmp_path / "m.journey"
    source.write_text(GOOD + "    emotion: 1 Fine\n")
    assert (
        run("render", str(source), "--format", "json", "-o", str(tmp_path / "m.json")).exit_code
        == 0
    )
    model = tmp_path / "m.json"
    text = model.read_text().replace('"score": 1', '"score": 7')
    model.write_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"score": 7' in t)
    column = text.splitlines()[line - 1].index("7") + 1
    for args in (["check", str(model)], ["render", str(model), "-o", str(tmp_path / "o.svg")]):
        result = run(*args)
        assert result.exit_code == 1
        assert f"m.json:{line}:{column}: error[E504]" in result.stderr
        assert "$.stages[0].steps[0].emotions[0].score" in result.stderr
    assert not (tmp_path / "o.svg").exists()
