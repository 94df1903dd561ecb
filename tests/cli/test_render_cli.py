"""`journeymap render` draws maps: SVG by default, PNG, themes, narrowing, atomic output."""

from __future__ import annotations

import gc
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli
from tests.conftest import GALLERY, files_below

SOURCE = (GALLERY / "clinic-visit.journey").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str = SOURCE, name: str = "visit.journey") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_svg_beside_the_input_by_default(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source)])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "visit.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert "Outpatient visit for a knee injury" in svg


def test_png_with_scale_is_a_png_of_the_right_size(tmp_path: Path) -> None:
    source = _write(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["render", str(source), "--format", "png"]).exit_code == 0
    one = (tmp_path / "visit.png").read_bytes()
    out = tmp_path / "big.png"
    assert (
        runner.invoke(
            cli, ["render", str(source), "--format", "png", "--scale", "2", "-o", str(out)]
        ).exit_code
        == 0
    )
    two = out.read_bytes()
    assert one[:8] == two[:8] == b"\x89PNG\r\n\x1a\n"
    width_one = int.from_bytes(one[16:20], "big")
    width_two = int.from_bytes(two[16:20], "big")
    assert abs(width_two - 2 * width_one) <= 2


def test_theme_option_and_document_theme(tmp_path: Path) -> None:
    runner = CliRunner()
    light = _write(tmp_path, name="light.journey")
    dark_doc = _write(tmp_path, "theme: dark\n" + SOURCE, name="dark.journey")
    assert runner.invoke(cli, ["render", str(light)]).exit_code == 0
    assert runner.invoke(cli, ["render", str(dark_doc)]).exit_code == 0
    assert (
        runner.invoke(
            cli, ["render", str(light), "--theme", "dark", "-o", str(tmp_path / "forced.svg")]
        ).exit_code
        == 0
    )
    light_svg = (tmp_path / "light.svg").read_text(encoding="utf-8")
    dark_svg = (tmp_path / "dark.svg").read_text(encoding="utf-8")
    forced = (tmp_path / "forced.svg").read_text(encoding="utf-8")
    assert light_svg != dark_svg
    assert forced == dark_svg  # --theme dark draws what `theme: dark` draws


def test_unknown_theme_is_a_located_error_and_writes_nothing(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source), "--theme", "nope"])
    assert result.exit_code == 1
    assert "error[E601]" in result.output and "theme `nope` not found" in result.output
    assert not (tmp_path / "visit.svg").exists()


def test_narrowing_to_a_persona_and_a_stage(tmp_path: Path) -> None:
    source = _write(tmp_path)
    out = tmp_path / "narrow.svg"
    result = CliRunner().invoke(
        cli, ["render", str(source), "--personas", "ingrid", "--stages", "visit", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert "Waits to be called" in svg and "Calls to book" not in svg
    assert "Ingrid" in svg


def test_unknown_persona_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source), "--personas", "tomsa"])
    assert result.exit_code == 2
    assert "did you mean `tomas`?" in result.output


def test_errors_leave_an_existing_output_untouched(tmp_path: Path) -> None:
    source = _write(tmp_path, "journey: Broken\nstage s: S\n  pain: no step here\n")
    old = tmp_path / "visit.svg"
    old.write_text("old picture", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(source)])
    assert result.exit_code == 1
    assert "error[E102]" in result.output
    assert old.read_text(encoding="utf-8") == "old picture"
    assert files_below(tmp_path) == ["visit.journey", "visit.svg"]


def test_svg_to_standard_output(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<svg")
    assert not (tmp_path / "visit.svg").exists()


def test_blueprint_view_and_lane_narrowing(tmp_path: Path) -> None:
    source = _write(tmp_path)
    runner = CliRunner()
    full, narrow = tmp_path / "full.svg", tmp_path / "narrow.svg"
    drawn = runner.invoke(cli, ["render", str(source), "--view", "blueprint", "-o", str(full)])
    assert drawn.exit_code == 0, drawn.output
    result = runner.invoke(
        cli,
        [
            "render",
            str(source),
            "--view",
            "blueprint",
            "--lanes",
            "customer,frontstage",
            "-o",
            str(narrow),
        ],
    )
    assert result.exit_code == 0, result.output
    full_svg, narrow_svg = full.read_text(encoding="utf-8"), narrow.read_text(encoding="utf-8")
    assert "line of visibility" in full_svg and "Support processes" in full_svg
    assert "Support processes" not in narrow_svg and "Frontstage" in narrow_svg
    assert "Receptionist triages the call" in narrow_svg
    assert "Finds a slot in the schedule" not in narrow_svg  # a backstage card


def test_unknown_lane_is_a_usage_error(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(
        cli, ["render", str(source), "--view", "blueprint", "--lanes", "frontstag"]
    )
    assert result.exit_code == 2
    assert "did you mean `frontstage`?" in result.output


def test_mermaid_format_writes_an_mmd_that_imports_back(tmp_path: Path) -> None:
    source = _write(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["render", str(source), "--format", "mermaid"]).exit_code == 0
    mmd = tmp_path / "visit.mmd"
    assert mmd.read_text(encoding="utf-8").lstrip().startswith(("%%", "journey"))
    back = tmp_path / "back.journey"
    result = runner.invoke(cli, ["import", "mermaid", str(mmd), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert "Calls to book" in back.read_text(encoding="utf-8")


def test_every_command_is_registered() -> None:
    expected = {"check", "render", "fmt", "diff", "report", "import", "new", "themes", "serve"}
    with click.Context(cli) as ctx:
        assert expected <= set(cli.list_commands(ctx))
        for name in expected:  # each one, lazily imported or not, is a real command
            assert isinstance(cli.get_command(ctx, name), click.Command), name


def test_dot_format_and_the_graphviz_engine(tmp_path: Path) -> None:
    source = _write(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["render", str(source), "--format", "dot"]).exit_code == 0
    dot = (tmp_path / "visit.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and "Calls to book" in dot
    native_pdf = ["render", str(source), "--format", "pdf", "--engine", "native"]
    refused = runner.invoke(cli, native_pdf)
    assert refused.exit_code == 2
    assert "--engine graphviz" in refused.output


def test_graphviz_engine_without_dot_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(cli, ["render", str(source), "--engine", "graphviz"])
    assert result.exit_code == 1
    assert "error[E704]" in result.output and "install Graphviz" in result.output
    assert not (tmp_path / "visit.svg").exists()


def test_annotate_marks_hot_spots_only_when_asked(tmp_path: Path) -> None:
    source = _write(
        tmp_path,
        "journey: T\nstage s: S\n  step a: A\n    emotion: -2 Bad\n"
        "    pain: Slow\n  step b: B\n    emotion: +1 Fine\n",
    )
    runner = CliRunner()
    plain, marked = tmp_path / "plain.svg", tmp_path / "marked.svg"
    assert runner.invoke(cli, ["render", str(source), "-o", str(plain)]).exit_code == 0
    result = runner.invoke(cli, ["render", str(source), "--annotate", "-o", str(marked)])
    assert result.exit_code == 0, result.output
    assert "hot spot" not in plain.read_text(encoding="utf-8")
    assert "hot spot" in marked.read_text(encoding="utf-8")


def test_an_internal_error_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import journeymap.emit.render_file
    from journeymap.cli import console as cli_module

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(journeymap.emit.render_file, "draw", broken)
    monkeypatch.delenv("JOURNEYMAP_DEBUG", raising=False)
    monkeypatch.setattr("sys.argv", ["journeymap", "render", str(_write(tmp_path))])
    threshold = gc.get_threshold()
    try:
        with pytest.raises(SystemExit) as stopped:
            cli_module.main()
        # main() leaves the collector as a process about to exit wants it.
        assert gc.get_freeze_count() > 0
    finally:  # this test process goes on: undo that
        gc.unfreeze()
        gc.set_threshold(*threshold)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err and "Traceback" not in err


def test_render_check_lists_stale_outputs_and_writes_nothing(tmp_path: Path) -> None:
    source = _write(tmp_path)
    svg = tmp_path / "visit.svg"
    runner = CliRunner()
    missing = runner.invoke(cli, ["render", "--check", str(source)])
    assert missing.exit_code == 1 and missing.stdout.strip() == str(svg)
    assert not svg.exists()
    assert runner.invoke(cli, ["render", str(source)]).exit_code == 0
    fresh = runner.invoke(cli, ["render", "--check", str(source)])
    assert fresh.exit_code == 0 and fresh.stdout == ""
    svg.write_text(svg.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    assert runner.invoke(cli, ["render", "--check", str(source)]).exit_code == 1


def test_matrix_view_as_svg_and_as_a_markdown_table(tmp_path: Path) -> None:
    source = _write(tmp_path)
    runner = CliRunner()
    svg = runner.invoke(cli, ["render", str(source), "--view", "matrix", "-o", "-"])
    assert svg.exit_code == 0 and "Booking line" in svg.stdout and svg.stdout.startswith("<svg")
    table = runner.invoke(cli, ["render", str(source), "--view", "matrix", "--format", "markdown"])
    assert table.exit_code == 0, table.output
    markdown = (tmp_path / "visit.md").read_text(encoding="utf-8")
    assert "| Channel / touchpoint |" in markdown
    wrong = runner.invoke(cli, ["render", str(source), "--format", "markdown"])
    assert wrong.exit_code == 2 and "--view matrix" in wrong.output


def test_a_directory_renders_into_out_dir_and_skips_unchanged_files(tmp_path: Path) -> None:
    tree = tmp_path / "docs" / "a"
    tree.mkdir(parents=True)
    (tree / "one.journey").write_text(SOURCE, encoding="utf-8")
    (tree / "two.journey").write_text(SOURCE.replace("Outpatient", "Second"), encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(cli, ["render", str(tmp_path / "docs"), "--out-dir", str(out)])
    assert first.exit_code == 0, first.output
    assert "2 checked, 2 rendered, 0 unchanged, 0 failed in " in first.output
    assert (out / "a" / "one.svg").exists() and (out / "a" / "two.svg").exists()
    again = runner.invoke(cli, ["render", str(tmp_path / "docs"), "--out-dir", str(out)])
    assert "2 checked, 0 rendered, 2 unchanged, 0 failed in " in again.output
    alone = runner.invoke(cli, ["render", str(tmp_path / "docs")])
    assert alone.exit_code == 2 and "--out-dir" in alone.output


def test_watch_takes_one_file(tmp_path: Path) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source), str(source), "--watch"])
    assert result.exit_code == 2 and "--watch follows one FILE" in result.output


# -- options that do not apply ------

# Each option as given on the command line, for `misapplied` cases below.
_GIVEN = {
    "scale": ["--scale", "2"],
    "lanes": ["--lanes", "customer"],
    "annotate": ["--annotate"],
    "engine": ["--engine", "native"],
    "theme": ["--theme", "dark"],
    "personas": ["--personas", "tomas"],
    "stages": ["--stages", "visit"],
}


def _misapplied_cases() -> list[tuple[str, str, str]]:
    """Every (option, view, format) the formats table says the option does not apply to."""
    from journeymap.emit.formats import FORMATS, applies, engine_for

    cases = []
    for option in _GIVEN:
        for fmt, spec in FORMATS.items():
            for view in spec.views:
                try:
                    engine_for(view, fmt, None)
                except ValueError:
                    continue
                if not applies(option, view, fmt):
                    cases.append((option, view, fmt))
    return cases


MISAPPLIED = _misapplied_cases()


def test_the_table_refuses_the_options_the_issue_names() -> None:
    named = {(o, v, f) for o, v, f in MISAPPLIED}
    assert ("scale", "map", "svg") in named
    assert ("lanes", "map", "svg") in named
    assert ("annotate", "blueprint", "svg") in named
    assert ("engine", "map", "json") in named
    assert ("theme", "map", "json") in named
    assert len(MISAPPLIED) >= 30


@pytest.mark.parametrize(
    ("option", "view", "fmt"), MISAPPLIED, ids=["-".join(c) for c in MISAPPLIED]
)
def test_an_option_that_does_not_apply_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, option: str, view: str, fmt: str
) -> None:
    from journeymap.emit.formats import suffix_of, where_applies

    source = _write(tmp_path)
    out = tmp_path / f"out{suffix_of(fmt)}"
    args = ["render", str(source), "--view", view, "--format", fmt, "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, *_GIVEN[option]])
    assert result.exit_code == 2, result.output
    assert f"--{option} applies only to {where_applies(option)}" in result.output
    assert f"not to the {view} as {fmt}" in result.output
    assert files_below(tmp_path) == ["visit.journey"]


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "png", "--scale", "2"],
        ["--view", "blueprint", "--lanes", "customer,backstage"],
        ["--annotate"],
        ["--engine", "native"],
        ["--view", "matrix", "--format", "markdown", "--personas", "tomas"],
        ["--format", "dot", "--theme", "dark"],
    ],
)
def test_an_option_that_applies_is_taken(tmp_path: Path, args: list[str]) -> None:
    source = _write(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(source), *args])
    assert result.exit_code == 0, result.output
    assert len(files_below(tmp_path)) == 2


def test_annotate_with_the_graphviz_engine_is_refused_naming_the_engine(tmp_path: Path) -> None:
    source = _write(tmp_path)
    args = ["render", str(source), "--annotate", "--engine", "graphviz", "-o", "x.svg"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "drawn by the native engine, not to the map as svg drawn by the graphviz" in (
        result.output
    )
    assert files_below(tmp_path) == ["visit.journey"]
