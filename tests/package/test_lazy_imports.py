"""`check` and `render` start fast: each imports only what its own work needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Run in a fresh interpreter: this test process has imported everything already.
_PROBE = """
import sys
from journeymap.cli.app import cli
try:
    cli(sys.argv[2:] or ["check", sys.argv[1]], standalone_mode=False)
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)))
"""

_FORBIDDEN_TOP = ("svgwrite", "graphviz", "resvg_py")
_FORBIDDEN_PACKAGES = ("journeymap.layout", "journeymap.emit", "journeymap.emit.graphviz")
# The table of views and formats: the command line's option choices, standard library only.
_ALLOWED = ("journeymap.emit", "journeymap.emit.formats")


def _modules_after_check(path: Path, *command: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_check_imports_no_drawing_code(tmp_path: Path) -> None:
    source = tmp_path / "visit.journey"
    source.write_text(
        "journey: Visit\nstage s: Arrive\n  step a: Walks in\n"
        "    touchpoint t: Front desk [channel=store]\n",
        encoding="utf-8",
    )
    modules = _modules_after_check(source)
    assert "journeymap.analysis" in modules  # the probe did run `check`
    drawn = sorted(
        m
        for m in modules
        if m not in _ALLOWED
        and (
            m.split(".")[0] in _FORBIDDEN_TOP
            or any(m == p or m.startswith(p + ".") for p in _FORBIDDEN_PACKAGES)
        )
    )
    assert drawn == []


def test_lark_loads_only_for_lines_the_fast_path_cannot_read(tmp_path: Path) -> None:
    good = tmp_path / "good.journey"
    good.write_text("journey: Visit\nstage s: Arrive\n  step a: Walks in [fail-point]\n")
    bad = tmp_path / "bad.journey"
    bad.write_text('journey: Visit\nstage s: Arrive\n  step a: "Walks in\n')
    # The fast path's patterns are committed with the package (generated from
    # the grammar), so even a first run reads a good file without Lark.
    assert "lark" not in _modules_after_check(good)
    assert "lark" in _modules_after_check(bad)  # an error is explained by Lark


# The click group and the console script: always imported by a command.
_ENTRY_MODULES = {"journeymap.cli.app", "journeymap.cli.console"}


def test_render_imports_neither_the_other_commands_nor_difflib(tmp_path: Path) -> None:
    source = tmp_path / "visit.journey"
    source.write_text("journey: Visit\nstage s: Arrive\n  step a: Walks in\n", encoding="utf-8")
    out = tmp_path / "visit.svg"
    # `--output`, not `-o`: click itself imports difflib whenever it parses a
    # short option (it first tries the option as a long one, and the failed
    # match looks for close names).
    modules = _modules_after_check(source, "render", str(source), "--output", str(out))
    assert out.read_text(encoding="utf-8").startswith("<svg")  # the probe did render
    others = sorted(
        m
        for m in modules
        if (m.startswith("journeymap.cli.") and m not in _ENTRY_MODULES) or m == "difflib"
    )
    # Only the options shared by render and check, and what render runs; fmt,
    # diff, report, import, new, themes and serve are imported when named.
    assert others == ["journeymap.cli.run", "journeymap.cli.shared"]


_CONSOLE_PROBE = """
import sys
from journeymap.cli.console import main
sys.argv = ["journeymap", *sys.argv[1:]]
try:
    main()
finally:
    print("\\n".join(sorted(sys.modules)))
"""


def test_a_plain_render_from_the_console_script_imports_no_click(tmp_path: Path) -> None:
    source = tmp_path / "visit.journey"
    source.write_text("journey: Visit\nstage s: Arrive\n  step a: Walks in\n", encoding="utf-8")
    out = tmp_path / "visit.svg"
    done = subprocess.run(
        [sys.executable, "-c", _CONSOLE_PROBE, "render", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<svg")
    modules = set(done.stdout.split())
    assert "journeymap.layout.map" in modules  # the probe did draw
    assert not {"click", "journeymap.cli.app", "difflib"} & modules


_COUNTING_PROBE = """
import builtins, sys
compiled = []
real_compile = builtins.compile
def counting(source, *args, **kwargs):
    # A module imported without a .pyc is compiled by importlib: not our doing.
    if "importlib" not in sys._getframe(1).f_code.co_filename:
        compiled.append(str(source)[:60])
    return real_compile(source, *args, **kwargs)
builtins.compile = counting
compile("0", "<probe>", "eval")  # seen, so the probe is known to count
from journeymap.cli.console import main
sys.argv = ["journeymap", *sys.argv[1:]]
try:
    main()
finally:
    print(repr(compiled))
"""


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_a_render_compiles_no_python_source(tmp_path: Path, view: str) -> None:
    # Compiling source is slow on a cold start. Records are NamedTuples with
    # no string annotations for typing to compile; what this probe does not
    # count is the `eval` inside collections.namedtuple that makes each
    # record's `__new__`.
    source = tmp_path / "visit.journey"
    source.write_text(
        "journey: Visit\nteam desk: Front desk\nstage s: Arrive\n  step a: Walks in\n"
        "    touchpoint t: Front desk [channel=store]\n    backstage: Books [owner=desk]\n",
        encoding="utf-8",
    )
    out = tmp_path / "visit.svg"
    command = [sys.executable, "-c", _COUNTING_PROBE, "render", str(source), "--view", view]
    run = subprocess.run([*command, "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<svg")
    assert eval(run.stdout.strip().splitlines()[-1]) == ["0"]  # the probe's own compile only


def test_a_plain_check_from_the_console_script_imports_no_click_nor_drawing(
    tmp_path: Path,
) -> None:
    source = tmp_path / "visit.journey"
    source.write_text("journey: Visit\nstage s: Arrive\n  step a: Walks in\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CONSOLE_PROBE, "check", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert "journeymap.analysis" in modules  # the probe did check
    assert not {"click", "journeymap.cli.app", "difflib"} & modules
    assert not [m for m in modules if m.startswith(("journeymap.layout", "journeymap.emit"))]
