"""Stale outputs for `render --check`: what `render` would write, compared with the disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli
from journeymap.emit.staleness import Stale, default_target, output_status, stale_outputs
from journeymap.model.diagnostics import Diagnostic

JOURNEY = """journey: Renew a passport
stage apply: Apply
  step fill: Fills in the form
    touchpoint: Web form [kind=digital]
    emotion: -1 Tedious
"""


@pytest.fixture
def journey_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "passport.journey"
    path.write_text(JOURNEY, encoding="utf-8")
    return path


def _render(*args: str) -> None:
    result = CliRunner().invoke(cli, ["render", *args])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--view", "blueprint", "--theme", "dark"),
        ("--format", "json"),
        ("--format", "mermaid"),
        ("--format", "dot"),
    ],
)
def test_fresh_render_is_not_stale(journey_file: Path, args: tuple[str, ...]) -> None:
    _render(str(journey_file), *args)
    options = dict(zip(args[::2], args[1::2], strict=True))
    assert (
        stale_outputs(
            [journey_file],
            view=options.get("--view", "map"),
            fmt=options.get("--format", "svg"),
            theme=options.get("--theme"),
        )
        == []
    )


def test_missing_and_changed_outputs_are_stale(journey_file: Path) -> None:
    target = str(journey_file.with_suffix(".svg"))
    assert stale_outputs([journey_file]) == [Stale(str(journey_file), target, "missing")]
    _render(str(journey_file))
    journey_file.write_text(JOURNEY.replace("Tedious", "Bored"), encoding="utf-8")
    before = Path(target).read_bytes()
    assert stale_outputs([journey_file]) == [Stale(str(journey_file), target, "differs")]
    assert Path(target).read_bytes() == before  # nothing written


def test_file_theme_counts(journey_file: Path) -> None:
    _render(str(journey_file))
    journey_file.write_text("theme: dark\n" + JOURNEY, encoding="utf-8")
    assert [s.reason for s in stale_outputs([journey_file])] == ["differs"]


def test_output_option_names_the_target(journey_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere.svg"
    _render(str(journey_file), "-o", str(out))
    assert stale_outputs([journey_file], output=out) == []
    assert stale_outputs([journey_file])[0].reason == "missing"


def test_inputs_with_errors_give_diagnostics_not_stale_entries(journey_file: Path) -> None:
    journey_file.write_text(JOURNEY + "    pian: Slow\n", encoding="utf-8")
    diagnostics: list[Diagnostic] = []
    assert stale_outputs([journey_file], diagnostics=diagnostics) == []
    assert [d.code for d in diagnostics] == ["E101"]


def test_bad_theme_gives_diagnostics(journey_file: Path) -> None:
    diagnostics: list[Diagnostic] = []
    assert stale_outputs([journey_file], theme="nope", diagnostics=diagnostics) == []
    assert [d.code for d in diagnostics] == ["E601"]


def test_helpers(tmp_path: Path) -> None:
    assert default_target("a/b.journey", "mermaid") == "a/b.mmd"
    assert default_target("a/b.journey", "png") == "a/b.png"
    target = tmp_path / "x.svg"
    assert output_status(target, b"x") == "missing"
    target.write_bytes(b"x")
    assert output_status(target, b"x") is None
    assert output_status(target, b"y") == "differs"
