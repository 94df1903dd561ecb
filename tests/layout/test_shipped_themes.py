"""The generated shipped-theme data: what tomllib reads from themes/*.toml, for that text only."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from journeymap.layout import shipped_themes
from journeymap.layout.themes import parse_toml
from tests.conftest import REPO
from tests.tool_scripts import load_tool

MODULE = REPO / "src" / "journeymap" / "layout" / "shipped_themes.py"


def test_the_committed_module_is_what_the_generator_writes_from_the_themes() -> None:
    tool = load_tool("gen_theme_data")
    assert MODULE.read_text(encoding="utf-8") == tool.module_text(tool.shipped_sources()), (
        "src/journeymap/layout/shipped_themes.py is stale: "
        "run `python tools/gen_theme_data.py` (make generated)"
    )


def test_every_shipped_theme_reads_as_tomllib_reads_it() -> None:
    names = sorted(p.name for p in (REPO / "themes").glob("*.toml"))
    assert sorted(shipped_themes.THEMES) == names
    for name in names:
        text = (REPO / "themes" / name).read_text(encoding="utf-8")
        assert parse_toml(name, text) == tomllib.loads(text), name


def test_other_text_under_a_shipped_name_is_parsed_not_looked_up() -> None:
    text = (REPO / "themes" / "default.toml").read_text(encoding="utf-8")
    changed = text.replace('background = "#ffffff"', 'background = "#fffffe"', 1)
    assert changed != text and len(changed) == len(text)
    assert parse_toml("default.toml", changed)["palette"]["background"] == "#fffffe"


def test_each_call_gives_a_fresh_copy() -> None:
    text = (REPO / "themes" / "default.toml").read_text(encoding="utf-8")
    first = parse_toml("default.toml", text)
    first["palette"]["background"] = "#000000"
    first["palette"]["stage_tints"].append("#000000")
    assert parse_toml("default.toml", text) == tomllib.loads(text)


def test_a_render_with_a_shipped_theme_does_not_import_tomllib(tmp_path: Path) -> None:
    source = tmp_path / "visit.journey"
    source.write_text("journey: Visit\nstage s: Arrive\n  step a: Walks in\n", encoding="utf-8")
    probe = (
        "import sys\nfrom journeymap.cli.console import main\n"
        "sys.argv = ['journeymap', 'render', sys.argv[1], '--theme', 'dark', '-o', sys.argv[2]]\n"
        "try:\n    main()\nfinally:\n    print('tomllib' in sys.modules)\n"
    )
    out = tmp_path / "visit.svg"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(source), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<svg")
    assert done.stdout.split()[-1] == "False"
