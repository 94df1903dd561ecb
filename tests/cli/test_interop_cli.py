"""`journeymap import mermaid`, `new` and `themes` on the command line: files, stdin, exits."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import journeymap
from journeymap.cli.interop import import_command, new_command, themes_command
from journeymap.language.resources import theme_names
from tests.conftest import files_below

VECTORS = Path(__file__).parents[1] / "integrations" / "mermaid_vectors"
DAY = (VECTORS / "08-docs-working-day.mmd").read_text(encoding="utf-8")


@click.group()
def cli() -> None:
    """A stand-in for `journeymap.cli.app.cli`, which registers the same commands."""


cli.add_command(import_command)
cli.add_command(new_command)
cli.add_command(themes_command)


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_import_writes_beside_the_input_and_never_overwrites_it(tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(DAY, encoding="utf-8")
    result = run("import", "mermaid", str(source))
    assert result.exit_code == 0, result.output
    target = tmp_path / "day.journey"
    journey = journeymap.load(target)
    assert journey.title == "My working day"
    assert [p.name for p in journey.personas] == ["Me", "Cat"]
    target.write_text("# edited by hand\n", encoding="utf-8")
    again = run("import", "mermaid", str(source))
    assert again.exit_code == 1
    assert "error[E703]" in again.stderr
    assert target.read_text(encoding="utf-8") == "# edited by hand\n"
    explicit = run("import", "mermaid", str(source), "-o", str(target))
    assert explicit.exit_code == 0
    assert journeymap.load(target).title == "My working day"


def test_import_from_stdin_to_stdout_and_markdown(tmp_path: Path) -> None:
    result = run("import", "mermaid", "-", stdin=DAY)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported from the Mermaid journey in <stdin>\n")
    assert journeymap.loads(result.stdout).title == "My working day"
    readme = tmp_path / "README.md"
    readme.write_text(f"# Day\n\n```mermaid\n{DAY}```\n", encoding="utf-8")
    out = tmp_path / "out.journey"
    assert run("import", "mermaid", str(readme), "-o", str(out)).exit_code == 0
    assert "(line 3)" in out.read_text(encoding="utf-8").splitlines()[0]


def test_import_errors_write_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.mmd"
    source.write_text("journey\nsection S\n  Make tea; 5: Me\n", encoding="utf-8")
    result = run("import", "mermaid", str(source))
    assert result.exit_code == 1
    assert f"{source}:3:3: error[E802]: task `Make tea` has no score" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "bad.journey").exists()
    assert files_below(tmp_path) == [source.name]


def test_score_range_maps_scores_and_is_checked(tmp_path: Path) -> None:
    source = tmp_path / "tens.mmd"
    source.write_text("journey\nsection S\n  A: 0: Me\n  B: 5: Me\n  C: 10: Me\n", "utf-8")
    result = run("import", "mermaid", str(source), "--score-range", "0-10", "-o", "-")
    assert result.exit_code == 0, result.output
    journey = journeymap.loads(result.stdout)
    assert [s.emotions[0].score for s in journey.steps()] == [-2, 0, 2]
    assert "warning[W804]: scores from 0 to 10 mapped onto emotions -2 to +2" in result.stderr
    assert "(--score-range)" in result.stderr
    # Without the option the file's own range is 0..10 too (min(1, 0), max(5, 10)).
    same = run("import", "mermaid", str(source), "-o", "-")
    assert same.stdout == result.stdout
    narrow = run("import", "mermaid", str(source), "--score-range", "0-5", "-o", "-")
    assert [s.emotions[0].score for s in journeymap.loads(narrow.stdout).steps()] == [-2, 2, 2]
    assert f"{source}:5:1: warning[W805]: task score 10 is outside --score-range 0-5" in (
        narrow.stderr
    )
    for bad in ("10-0", "ten", "5-5", "1-"):
        refused = run("import", "mermaid", str(source), "--score-range", bad)
        assert refused.exit_code == 2, bad
        assert "--score-range" in refused.stderr
        assert not (tmp_path / "tens.journey").exists()


def test_import_bad_bytes_missing_files_and_usage(tmp_path: Path) -> None:
    result = run("import", "mermaid", "-", "-o", str(tmp_path / "x.journey"), stdin=b"\xff")
    assert result.exit_code == 1
    assert "error[E001]" in result.stderr
    assert not (tmp_path / "x.journey").exists()
    missing = run("import", "mermaid", str(tmp_path / "nope.mmd"))
    assert missing.exit_code == 1 and "error[E007]" in missing.stderr
    source = tmp_path / "day.mmd"
    source.write_text(DAY, encoding="utf-8")
    assert run("import", "mermaid", str(source), "--block", "2").exit_code == 2
    assert run("import", "mermaid", str(source), "--block", "0").exit_code == 2
    assert run("import", "mermaid", str(source), "-o", str(source)).exit_code == 2
    readme = tmp_path / "notes.md"
    readme.write_text("# No diagrams\n", encoding="utf-8")
    none = run("import", "mermaid", str(readme))
    assert none.exit_code == 1 and "error[E804]" in none.stderr


@pytest.mark.parametrize("template", ["map", "blueprint"])
def test_new_writes_a_starter_that_compiles_cleanly(
    template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "--template", template)
    assert result.exit_code == 0, result.output
    target = tmp_path / f"{template}.journey"
    text = target.read_text(encoding="utf-8")
    assert f"journeymap render {template}.journey" in text
    compiled = journeymap.compile_file(target)
    assert compiled.diagnostics == []
    assert compiled.journey is not None and compiled.journey.stages
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 5
    fmt = pytest.importorskip("journeymap.language.format")
    assert fmt.format_text(text) == text
    if template == "blueprint":
        assert compiled.journey.flows and any(
            not s.lanes.is_empty() for s in compiled.journey.steps()
        )


@pytest.mark.parametrize(("template", "view"), [("map", "map"), ("blueprint", "blueprint")])
def test_the_render_command_in_the_header_draws_its_view(
    template: str, view: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.cli.app import cli as whole_cli  # the render command, to run the header's

    monkeypatch.chdir(tmp_path)
    result = run("new", "--template", template, "starter.journey")
    assert result.exit_code == 0
    header = Path("starter.journey").read_text(encoding="utf-8").splitlines()[0]
    command = header.partition("Render it with:")[2].split()
    assert command[:3] == ["journeymap", "render", "starter.journey"]
    assert " ".join(command) in result.stderr  # `new` says the same
    drawn = CliRunner().invoke(whole_cli, command[1:])
    assert drawn.exit_code == 0, drawn.output
    svg = Path("starter.svg").read_text(encoding="utf-8")
    described = "Service blueprint:" if view == "blueprint" else "Journey map:"
    assert described in svg
    assert ("line of interaction" in svg) is (view == "blueprint")


def test_new_refuses_to_overwrite_and_writes_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "mine.journey"
    target.write_text("journey: Mine\n", encoding="utf-8")
    result = run("new", str(target))
    assert result.exit_code == 1
    assert "error[E703]" in result.stderr
    assert target.read_text(encoding="utf-8") == "journey: Mine\n"
    printed = run("new", "-")
    assert printed.exit_code == 0
    assert journeymap.loads(printed.stdout).title == "Order a coffee ahead"
    assert run("new", "--template", "matrix").exit_code == 2
    unwritable = run("new", str(tmp_path / "missing-dir" / "a.journey"))
    assert unwritable.exit_code == 1 and "error[E701]" in unwritable.stderr


def test_themes_lists_each_shipped_theme_with_a_description() -> None:
    result = run("themes")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == theme_names()
    described = dict(line.split(None, 1) for line in lines)
    assert described["dark"] == "For dark wiki pages and slides."
    assert described["default"] == "Light, calm, colour only where it means something."
    assert all(text.endswith(".") for text in described.values())
