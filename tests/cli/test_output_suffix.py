"""`-o`'s suffix picks the format of `render` and of `diff`'s picture; a mismatch is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from journeymap.cli.app import cli
from tests.conftest import files_below

OLD = "journey: Visit\nstage s: Arrive\n  step a: Walks in\n    emotion: +1 Fine\n"
NEW = OLD.replace("Walks in", "Strolls in")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KNOWN = ".svg, .png, .json, .dot, .pdf, .mmd, .md"


def _run(tmp_path: Path, *args: str) -> Result:
    (tmp_path / "old.journey").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.journey").write_text(NEW, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        return CliRunner().invoke(cli, list(args))


def test_render_o_png_writes_a_png(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "new.journey", "-o", "map.png")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "map.png").read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".json", b"{"), (".dot", b"digraph"), (".mmd", b"\njourney\n"), (".svg", b"<svg")],
)
def test_render_o_suffix_picks_each_format(tmp_path: Path, suffix: str, start: bytes) -> None:
    result = _run(tmp_path, "render", "new.journey", "-o", f"out{suffix}")
    assert result.exit_code == 0, result.output
    written = (tmp_path / f"out{suffix}").read_bytes()
    assert written.startswith(start) or start in written


def test_render_o_md_writes_the_matrix_table(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "new.journey", "--view", "matrix", "-o", "m.md")
    assert result.exit_code == 0, result.output
    assert "\n| Channel / touchpoint |" in (tmp_path / "m.md").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_render_o_pdf_writes_a_pdf_through_graphviz(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "new.journey", "-o", "map.pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF-")


def test_render_markdown_is_written_beside_the_input_as_md(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "new.journey", "--view", "matrix", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.md").is_file()


def test_render_o_dash_keeps_the_format_option(tmp_path: Path) -> None:
    result = _run(tmp_path, "render", "new.journey", "--format", "json", "-o", "-")
    assert result.exit_code == 0 and result.stdout.lstrip().startswith("{")
    result = _run(tmp_path, "render", "new.journey", "-o", "-")
    assert result.exit_code == 0 and "<svg" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "map.txt"), KNOWN),
        (("-o", "map"), KNOWN),
        (("--format", "png", "-o", "map.svg"), "--format png and -o map.svg disagree"),
        (("--format", "json", "-o", "map.txt"), KNOWN),
    ],
)
def test_render_refuses_an_unknown_or_disagreeing_suffix(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = _run(tmp_path, "render", "new.journey", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert files_below(tmp_path) == ["new.journey", "old.journey"]


def test_render_check_compares_against_the_suffix_s_format(tmp_path: Path) -> None:
    assert _run(tmp_path, "render", "new.journey", "-o", "map.png").exit_code == 0
    assert _run(tmp_path, "render", "--check", "new.journey", "-o", "map.png").exit_code == 0
    (tmp_path / "map.png").write_bytes(b"stale")
    assert _run(tmp_path, "render", "--check", "new.journey", "-o", "map.png").exit_code == 1


def test_diff_o_png_writes_a_png(tmp_path: Path) -> None:
    result = _run(tmp_path, "diff", "old.journey", "new.journey", "-o", "diff.png")
    assert result.exit_code == 1, result.output  # the maps differ
    assert (tmp_path / "diff.png").read_bytes().startswith(PNG_SIGNATURE)


def test_diff_o_png_of_the_blueprint_writes_a_png(tmp_path: Path) -> None:
    args = ("diff", "old.journey", "new.journey", "-o", "bp.png", "--view", "blueprint")
    assert _run(tmp_path, *args).exit_code == 1
    assert (tmp_path / "bp.png").read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("target", "message"),
    [("diff.txt", KNOWN), ("diff.json", "drawn as .svg or .png"), ("d.pdf", ".svg or .png")],
)
def test_diff_refuses_a_suffix_it_cannot_draw(tmp_path: Path, target: str, message: str) -> None:
    result = _run(tmp_path, "diff", "old.journey", "new.journey", "-o", target)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / target).exists()
