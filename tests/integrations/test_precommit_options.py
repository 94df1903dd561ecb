"""The `journeymap-render` hook refuses, as `render` does, an option that does nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.integrations.precommit import main
from tests.conftest import files_below
from tests.integrations.conftest import JOURNEY


def test_a_theme_for_json_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "map.journey"
    source.write_text(JOURNEY, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main([str(source), "--format", "json", "--theme", "dark"])
    assert stopped.value.code == 2
    assert "--theme applies only to svg, png, dot or pdf, not to the map as json" in (
        capsys.readouterr().err
    )
    assert files_below(tmp_path) == ["map.journey"]


def test_a_theme_for_svg_is_taken(tmp_path: Path) -> None:
    source = tmp_path / "map.journey"
    source.write_text(JOURNEY, encoding="utf-8")
    assert main([str(source), "--theme", "dark"]) == 1  # written: add it to the commit
    assert files_below(tmp_path) == ["map.journey", "map.svg"]
