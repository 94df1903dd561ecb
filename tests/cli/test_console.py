"""The console script's express path renders and checks exactly as click's commands would.

`journeymap.cli.console` reads the plainest `render` calls itself, without
importing click. These tests hold it to click: every call it takes, click
parses to the same parameters; every call it runs prints, writes and exits as
the click command does; and every other call is left to click.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.cli.app import cli
from journeymap.cli.console import express_arguments, express_check_files
from tests.conftest import GALLERY

# What click's render command sets when an option is not given.
_DEFAULTS = {
    "view": "map",
    "fmt": None,
    "theme": None,
    "scale": None,
    "personas": None,
    "stages": None,
    "lanes": None,
    "engine": None,
    "annotate": False,
    "check_only": False,
    "output": None,
    "out_dir": None,
    "jobs": None,
    "shard": None,
    "watch": False,
    "data": (),
    "root": None,
    "diagnostics_format": "text",
}


def _click_parameters(args: list[str]) -> dict[str, object]:
    """What click's `render` command makes of `args` (the words after `render`)."""
    command = cli.get_command(click.Context(cli), "render")
    assert command is not None
    return command.make_context("render", list(args)).params


def _expected(found: dict[str, str]) -> dict[str, object]:
    chosen = {key: value for key, value in found.items() if key != "file"}
    return {**_DEFAULTS, **chosen, "files": (found["file"],)}


@pytest.mark.parametrize(
    "args",
    [
        ["render", "map.journey"],
        ["render", "map.journey", "-o", "out.svg"],
        ["render", "-o", "out.svg", "map.journey"],
        ["render", "map.journey", "--output=out.svg", "--view", "blueprint"],
        ["render", "--view=matrix", "map.journey", "--theme", "dark"],
        ["render", "map.journey", "--format", "json", "--theme=print.toml", "-o", "m.json"],
        ["render", "render"],  # a file called render
        ["render", "map.journey", "--view", "no-such-view"],  # click's words for this
    ],
)
def test_plain_calls_are_read_as_click_reads_them(args: list[str]) -> None:
    found = express_arguments(args)
    assert found is not None
    if found.get("view", "map") in ("map", "blueprint", "matrix"):
        assert _click_parameters(args[1:]) == _expected(found)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check", "map.journey"],
        ["--help"],
        ["render"],
        ["render", "-h"],
        ["render", "--help"],
        ["render", "a.journey", "b.journey"],
        ["render", "-"],
        ["render", "map.journey", "-o", "-"],
        ["render", "map.journey", "-o"],
        ["render", "map.journey", "-oout.svg"],
        ["render", "map.journey", "-o=out.svg"],
        ["render", "map.journey", "--view="],
        ["render", "map.journey", "--output", "--view"],
        ["render", "map.journey", "--view", "map", "--view", "blueprint"],
        ["render", "map.journey", "--scale", "2"],
        ["render", "map.journey", "--personas", "ana"],
        ["render", "map.journey", "--check"],
        ["render", "map.journey", "--diagnostics", "json"],
        ["render", "map.journey", "--data", "pages.csv"],
        ["render", "--", "map.journey"],
        ["render", "map.journey", "--vie", "map"],
    ],
)
def test_other_calls_are_left_to_click(args: list[str]) -> None:
    assert express_arguments(args) is None


@pytest.mark.parametrize(
    ("args", "files"),
    [
        (["check", "a.journey"], ("a.journey",)),
        (["check", "a.journey", "b.json", "check"], ("a.journey", "b.json", "check")),
        (["check"], None),
        (["check", "-"], None),
        (["check", "a.journey", "--strict"], None),
        (["check", "--", "a.journey"], None),
        (["check", "-h"], None),
        (["render", "a.journey"], None),
    ],
)
def test_plain_checks_are_read_as_click_reads_them(
    args: list[str], files: tuple[str, ...] | None
) -> None:
    assert express_check_files(args) == files
    if files is not None:
        command = cli.get_command(click.Context(cli), "check")
        assert command is not None
        params = command.make_context("check", args[1:]).params
        assert params == {
            "files": files,
            "strict": False,
            "ignore": (),
            "data": (),
            "targets": False,
            "jobs": None,
            "shard": None,
            "root": None,
            "diagnostics_format": "text",
        }


_WORDS = st.sampled_from(
    [
        "map.journey",
        "x",
        "-",
        "--",
        "-o",
        "-ox",
        "--output",
        "--output=o.svg",
        "--output=",
        "--view",
        "--view=blueprint",
        "blueprint",
        "matrix",
        "--format",
        "--format=png",
        "json",
        "svg",
        "--theme",
        "dark",
        "--scale",
        "2",
        "-h",
        "--lanes",
        "=",
        "",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=7))
def test_whatever_the_express_path_takes_click_takes_the_same_way(words: list[str]) -> None:
    found = express_arguments(["render", *words])
    if found is None:
        return
    view, fmt = found.get("view", "map"), found.get("fmt", "svg")
    if view not in ("map", "blueprint", "matrix") or fmt not in ("svg", "png", "json"):
        return  # a value click refuses: the express run hands it to click (below)
    assert _click_parameters(words) == _expected(found)


# Run as the console script and as the bare click command, in fresh
# processes; the probe says on its last line whether click was imported.
_EXPRESS = """
import sys
from journeymap.cli.console import main
sys.argv = ["journeymap", *sys.argv[1:]]
try:
    main()
finally:
    sys.stderr.write("\\nclick imported: %s" % ("click" in sys.modules))
"""
_CLICK = """
import sys
from journeymap.cli.app import cli
try:
    cli(sys.argv[1:], prog_name="journeymap")
finally:
    sys.stderr.write("\\nclick imported: True")
"""


def _run(probe: str, args: list[str], cwd: Path) -> tuple[int, str, str, bool]:
    env = dict(os.environ)
    env.pop("_JOURNEYMAP_COMPLETE", None)
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    err, _, probed = done.stderr.rpartition("\nclick imported: ")
    return done.returncode, done.stdout, err, probed == "True"


_GOOD = (GALLERY / "clinic-visit.journey").read_text(encoding="utf-8")
_INPUTS = {
    "good.journey": _GOOD,
    "warned.journey": "journey: T\nstage s: S\n  step a: A\n    pain: Slow\n",
    "broken.journey": "journey: T\nstage s: S\n  step a: A [kind=nope]\n  stepp b: B\n",
    "styled.journey": "journey: T\nstage s: S\n  step a: \x1b[31mRed\x1b[0m [bogus]\n",
    "themed.journey": "journey: T\ntheme: no-such-theme\nstage s: S\n  step a: A\n",
}

# (arguments, whether the express path draws it rather than handing it to
# click, the exit code both give)
_CASES = [
    (["render", "good.journey"], True, 0),
    (["render", "good.journey", "--view", "blueprint", "--theme", "dark", "-o", "b.svg"], True, 0),
    (["render", "good.journey", "--view=matrix", "--output=m.svg"], True, 0),
    (["render", "good.journey", "--format", "json", "-o", "g.json"], True, 0),
    (["render", "good.journey", "--format", "mermaid"], True, 0),
    (["render", "warned.journey", "-o", "w.svg"], True, 0),
    (["render", "broken.journey", "-o", "x.svg"], True, 1),
    (["render", "styled.journey", "-o", "s.svg"], True, 1),
    (["render", "themed.journey", "-o", "t.svg"], True, 1),
    (["render", "missing.journey", "-o", "n.svg"], True, 1),
    (["render", "good.journey", "--theme", "no-such-theme"], True, 1),
    (["render", "good.journey", "-o", "no-such-dir/x.svg"], True, 1),
    # Refused calls: click says what is wrong, in its words.
    (["render", "good.journey", "-o", "g.png"], True, 0),
    (["render", "good.journey", "--format", "pdf", "--engine", "native"], False, 2),
    (["render", "good.journey", "--format", "png", "-o", "g.svg"], False, 2),
    (["render", "good.journey", "-o", "g.txt"], False, 2),
    (["render", "good.journey", "--format", "markdown"], False, 2),
    (["render", "good.journey", "--view", "blue"], False, 2),
    (["render", "good.journey", "-o", "good.journey"], False, 2),
    (["render", "inputs", "-o", "x.svg"], False, 2),
    (["render", "", "-o", "x.svg"], False, 2),  # "" is the current directory to Path
    (["render", "good.journey", "--lanes", "nope"], False, 2),
    # Options that do not apply to the view or format: refused, nothing written.
    (["render", "good.journey", "--format", "json", "--theme", "dark", "-o", "g.json"], False, 2),
    (["render", "good.journey", "--theme=dark", "--format=mermaid"], False, 2),
    (
        ["render", "good.journey", "--view", "matrix", "--format", "markdown", "--theme", "dark"],
        False,
        2,
    ),
    (["render", "good.journey", "--scale", "2"], False, 2),
    (["render", "good.journey", "--lanes", "customer"], False, 2),
    (["render", "good.journey", "--view", "blueprint", "--annotate"], False, 2),
    (["render", "good.journey", "--format", "json", "--engine", "native"], False, 2),
    (["render", "good.journey", "--format", "mermaid", "--personas", "tomas"], False, 2),
    # check FILE...: the editors' and pre-commit's call.
    (["check", "good.journey"], True, 0),
    (["check", "good.journey", "warned.journey", "broken.journey"], True, 1),
    (["check", "styled.journey", "missing.journey"], True, 1),
    (["check", "warned.journey", "--strict"], False, 1),
    (["check", "--diagnostics", "json", "broken.journey"], False, 1),
    (["check", "good.journey", "--ignor", "W101"], False, 2),
]


@pytest.mark.parametrize(
    ("args", "express", "exit_code"), _CASES, ids=[" ".join(case[0]) for case in _CASES]
)
def test_the_express_path_prints_writes_and_exits_as_click_does(
    tmp_path: Path, args: list[str], express: bool, exit_code: int
) -> None:
    runs = []
    for probe in (_EXPRESS, _CLICK):
        where = tmp_path / ("express" if probe is _EXPRESS else "click")
        (where / "inputs").mkdir(parents=True)
        for name, text in _INPUTS.items():
            (where / name).write_text(text, encoding="utf-8")
        code, out, err, clicked = _run(probe, args, where)
        written = {
            path.relative_to(where).as_posix(): path.read_bytes()
            for path in sorted(where.rglob("*"))
            if path.is_file() and "cache" not in path.parts
        }
        runs.append((code, out, err, written, clicked))
    (code, out, err, written, clicked), click_run = runs[0], runs[1]
    assert (code, out, err, written) == click_run[:4]
    assert clicked is not express  # the express path did run, or did step aside
    assert code == exit_code
    if args[0] == "render" and code == 0:
        assert len(written) > len(_INPUTS)  # something was drawn


@pytest.mark.parametrize("text", ["plain", "", "a\x1b[31mred\x1b[0m b", "\x1b]0;title\x07", "é ✓"])
@pytest.mark.parametrize("err", [False, True])
def test_echo_prints_what_click_echo_prints(
    text: str, err: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    from journeymap.cli.run import echo

    click.echo(text, err=err)
    theirs = capsys.readouterr()
    echo(text, err=err)
    assert capsys.readouterr() == theirs
