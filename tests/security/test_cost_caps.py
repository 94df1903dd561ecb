"""Bounded cost without timing anything: the caps and the work that grows with the input.

`check` of a file with a warning on every step prints at most 20 of one
code per file and counts the rest on one line, while JSON, the library and
the exit code keep every one; placing each warning does not split the file
again. The matrix keeps no cell per (touchpoint, step) pair and draws no
gutter piece per (channel, step) pair, so a touchpoint per step is linear.
The timings themselves are ratios in bench/cost.py (`python bench/run.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.analysis import check as check_module
from journeymap.analysis.check import check_bytes, check_file
from journeymap.cli.app import cli
from journeymap.layout.matrix import MAX_RULE_PIECES
from journeymap.layout.matrix_model import TouchpointRow, Use, build_matrix
from journeymap.model.diagnostics import MAX_SHOWN_PER_CODE, format_report
from journeymap.model.journey import Channel, Journey, Stage, Step, Touchpoint


def warned(steps: int, extra: str = "") -> str:
    """`steps` steps without a touchpoint: one W202 each."""
    lines = ["journey: Warnings", "stage s: Stage"]
    lines += [f"  step x{i}: Step {i}" for i in range(steps)]
    return "\n".join(lines) + "\n" + extra


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_text_output_shows_twenty_per_code_then_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.journey"
    path.write_text(warned(25), encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 0
    assert err.count("warning[W202]") == MAX_SHOWN_PER_CODE == 20
    assert f"… 5 more like this (W202 in {path})" in err
    # The 20th is followed by the count, the 21st is not shown, the total is all 25.
    assert "step `x19` has no touchpoint" in err and "`x20`" not in err
    assert err.rstrip().endswith("0 errors, 25 warnings")


def test_json_library_and_exit_code_keep_every_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "many.journey"
    path.write_text(warned(25), encoding="utf-8")
    code, out, _ = run("check", "--diagnostics", "json", str(path))
    assert code == 0
    assert [d["code"] for d in json.loads(out)] == ["W202"] * 25
    assert len(check_file(path).diagnostics) == 25
    strict, _, err = run("check", "--strict", str(path))
    assert strict == 1 and "25 warnings" in err


def test_the_cap_is_per_code_and_per_file(tmp_path: Path) -> None:
    one = tmp_path / "one.journey"
    two = tmp_path / "two.journey"
    one.write_text(warned(22), encoding="utf-8")
    two.write_text(warned(3), encoding="utf-8")
    _, _, err = run("check", str(one), str(two))
    assert err.count(f"{one}:") == 20 and err.count(f"{two}:") == 3
    assert f"… 2 more like this (W202 in {one})" in err
    assert f"W202 in {two}" not in err
    assert err.count("more like this") == 1


def test_a_file_with_fewer_than_the_cap_is_shown_whole() -> None:
    diagnostics = check_bytes(warned(MAX_SHOWN_PER_CODE).encode()).diagnostics
    text = format_report(diagnostics)
    assert text.count("warning[W202]") == 20 and "more like this" not in text


class CountingText(str):
    """Source text that counts how often it is split into lines."""

    splits = 0

    def split(self, *args: object, **kwargs: object) -> list[str]:  # type: ignore[override]
        CountingText.splits += 1
        return super().split(*args, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("steps", [10, 400])
def test_placing_the_warnings_does_not_split_the_file_again(
    steps: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each warning's column came from splitting the whole text anew: quadratic in steps."""
    decode = check_module.decode

    def counted(*args: object) -> str | None:
        text = decode(*args)  # type: ignore[arg-type]
        return None if text is None else CountingText(text)

    monkeypatch.setattr(check_module, "decode", counted)
    CountingText.splits = 0
    result = check_bytes(warned(steps).encode())
    assert [d.code for d in result.diagnostics] == ["W202"] * steps
    assert result.diagnostics[0].location.column == 3  # at the `step` word, past the indent
    assert CountingText.splits <= 2, CountingText.splits


def own_touchpoints(steps: int, channels: bool) -> Journey:
    made = tuple(
        Step(
            f"s{i}",
            f"Step {i}",
            touchpoints=(Touchpoint(None, f"T{i}", channel=f"c{i}" if channels else None),),
        )
        for i in range(steps)
    )
    declared = tuple(Channel(f"c{i}", f"C{i}") for i in range(steps)) if channels else ()
    return Journey(title="M", channels=declared, stages=(Stage("st", "S", steps=made),))


def test_the_matrix_keeps_only_the_cells_that_are_used() -> None:
    matrix = build_matrix(own_touchpoints(300, channels=True))
    rows = [row for group in matrix.groups for row in group.rows]
    assert len(rows) == 300
    # One mark per row, not a cell for each of the 300 steps.
    for index, row in enumerate(rows):
        assert row.used == (index,) and row.marks == (Use(None, False),)
        assert all(len(value) <= 1 for value in row if isinstance(value, tuple))
    for index, group in enumerate(matrix.groups):
        assert group.present_at == (index,)
        assert all(len(value) <= 1 for value in group if isinstance(value, tuple))
    # Spelled out on demand, as the Markdown table and the old callers read it.
    assert rows[1].uses == (None, Use(None, False)) + (None,) * 298
    assert matrix.groups[2].present[:4] == (False, False, True, False)
    assert matrix.touchpoints_per_step() == (1,) * 300
    assert matrix.channels_per_step() == (1,) * 300


def test_a_touchpoint_row_spells_out_its_uses() -> None:
    row = TouchpointRow("t", "T", (0, 2), (Use("primary", False), Use(None, True)), 4)
    assert row.uses == (Use("primary", False), None, Use(None, True), None)
    assert row.coverage == 2


@pytest.mark.parametrize("channels", [False, True], ids=["no channel", "own channel"])
def test_the_matrix_svg_grows_linearly_with_a_touchpoint_per_step(channels: bool) -> None:
    from journeymap.emit.pipeline import render  # the drawing: only these tests draw

    small, big = (len(str(render(own_touchpoints(n, channels), view="matrix"))) for n in (100, 400))
    # 4x the steps: a linear picture is about 4x the bytes, a quadratic one 16x.
    assert big / small < 5, big / small


def test_many_channels_times_many_steps_rule_each_gutter_once() -> None:
    from journeymap.emit.pipeline import render  # the drawing: only these tests draw

    steps = 200  # 200 channel headings x 201 gutters: above the cap
    assert steps * (steps + 1) > MAX_RULE_PIECES
    svg = str(render(own_touchpoints(steps, channels=True), view="matrix"))
    rules = svg.split('id="jm-rules"', 1)[1].split("</g>", 1)[0]
    vertical = [line for line in rules.split("<line")[1:] if _is_vertical(line)]
    assert len(vertical) == steps + 1


def _is_vertical(line: str) -> bool:
    import re  # only this helper parses the SVG's lines

    found = dict(re.findall(r'(x1|x2)="([^"]+)"', line))
    return found.get("x1") == found.get("x2")
