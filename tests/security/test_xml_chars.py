"""Characters outside XML 1.0's `Char` production are located errors, never invalid output.

U+FFFE and U+FFFF in a `.journey` file, and JSON escapes that make a control
character, a noncharacter or a lone surrogate in a model's string, are E003
at their line and column; nothing is drawn from them.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.dom import minidom

import pytest
from click.testing import CliRunner

import journeymap
from journeymap.cli.app import cli
from journeymap.compiler.jsonio import dumps
from journeymap.compiler.load import compile_bytes

MODEL = dumps(journeymap.loads("journey: T\nstage s: S\n  step a: A\n"))


def _located(result: journeymap.Compiled) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in result.diagnostics]


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_a_noncharacter_in_a_journey_is_a_located_error(char: str) -> None:
    data = f"journey: T\nstep a: A{char}B\n".encode()
    result = compile_bytes(data)
    assert _located(result) == [("E003", 2, 10)]
    assert result.journey is None


def _model_with_title(escaped: str) -> str:
    return MODEL.replace('"title": "T"', f'"title": "{escaped}"')


@pytest.mark.parametrize("escape", ["\\u0001", "\\u001b", "\\u007f", "\\ufffe", "\\ud800"])
def test_a_bad_escape_in_a_json_string_is_a_located_error(escape: str) -> None:
    text = _model_with_title(f"A{escape}B")
    assert escape in text
    line = next(n for n, row in enumerate(text.splitlines(), 1) if escape in row)
    column = text.splitlines()[line - 1].index(escape) + 1
    result = journeymap.compile_string(text)
    assert _located(result) == [("E003", line, column)]
    assert result.journey is None


@pytest.mark.parametrize("escape", ["\\t", "\\n", "\\ud83d\\ude00", "\\\\u0001", "\\u00e9"])
def test_allowed_escapes_still_load(escape: str) -> None:
    result = journeymap.compile_string(_model_with_title(f"A{escape}B"))
    assert not result.has_errors, result.diagnostics


@pytest.mark.parametrize(
    "name, data",
    [
        ("bad.journey", "journey: T\nstep a: A\ufffeB\n".encode()),
        ("bad.json", _model_with_title("A\\u0001B").encode()),
        ("pair.json", _model_with_title("A\\ud800B").encode()),
    ],
)
def test_render_writes_nothing_for_them(tmp_path: Path, name: str, data: bytes) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out.svg"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "E003" in result.output
    assert not out.exists()


def test_every_allowed_character_gives_well_formed_svg() -> None:
    """The characters on each side of the refused ones draw as valid XML."""
    label = "\t\u0080\u009f\ud7ff\ue000\ufffd\U00010000\U0010ffff"
    text = _model_with_title(json.dumps(label)[1:-1])
    svg = journeymap.render(journeymap.loads(text), format="svg")
    assert isinstance(svg, str)
    minidom.parseString(svg.encode("utf-8"))
