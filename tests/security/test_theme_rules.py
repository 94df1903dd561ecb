"""Themes are untrusted input: where they may be read from, and what they may hold.

A journey's `theme:` (in a file or a JSON model) and every `extends` below it
resolve like includes: inside the root, `.toml` only, at most 1 MB, refused by
size before a byte is read. `--theme PATH` follows the same rules except the
root. A theme's text is never quoted; values are validated as they load.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap
from journeymap.cli.app import cli
from journeymap.compiler.jsonio import dumps
from journeymap.layout import themes
from journeymap.layout.themes import MAX_THEME_BYTES, load_theme, read_theme, resolve_theme
from journeymap.model.diagnostics import Collector

SECRET = "hunter2-SECRET-token"
JOURNEY = "journey: T\ntheme: {ref}\nstage s: S\n  step a: A\n"
CHILD = 'extends = "default"\n[palette]\ntext = "#000"\n'


def _render(folder: Path, *args: str) -> tuple[int, str]:
    os.chdir(folder)
    result = CliRunner().invoke(cli, ["render", *args, "-o", "out.svg"])
    assert SECRET not in result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _journey(folder: Path, ref: str) -> Path:
    path = folder / "map.journey"
    path.write_text(JOURNEY.format(ref=ref), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "brand.toml").write_text(CHILD, encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    return root


# -- where a theme may be read from ----------------------------------------------------


@pytest.mark.parametrize(
    "ref, code",
    [
        ("../outside/brand.toml", "E611"),
        ("{outside}/brand.toml", "E611"),
        ("link/brand.toml", "E611"),  # a symbolic link in the repo leading out
        ("notes.txt", "E612"),
        ("/proc/self/environ", "E612"),
        ("secrets/id_rsa", "E612"),
        ("missing.toml", "E601"),
    ],
)
def test_a_journeys_theme_path_is_confined(repo: Path, ref: str, code: str) -> None:
    (repo / "link").symlink_to(repo.parent / "outside")
    (repo / "notes.txt").write_text(SECRET, encoding="utf-8")
    ref = ref.format(outside=repo.parent / "outside")
    _journey(repo, ref)
    exit_code, output = _render(repo, "map.journey")
    assert exit_code == 1 and code in output, output
    assert not (repo / "out.svg").exists()


def test_a_theme_inside_the_root_is_read(repo: Path) -> None:
    (repo / "themes").mkdir()
    (repo / "themes" / "brand.toml").write_text(CHILD, encoding="utf-8")
    _journey(repo, "themes/brand.toml")
    assert _render(repo, "map.journey")[0] == 0
    assert 'fill="#000000"' in (repo / "out.svg").read_text(encoding="utf-8")


def test_root_option_widens_the_theme_sandbox(repo: Path) -> None:
    sub = repo / "maps"
    sub.mkdir()
    (repo / "brand.toml").write_text(CHILD, encoding="utf-8")
    _journey(sub, "../brand.toml")
    assert _render(sub, "map.journey")[0] == 1
    assert _render(sub, "--root", str(repo), "map.journey")[0] == 0


def test_extends_below_a_journeys_theme_is_confined_too(repo: Path) -> None:
    (repo / "brand.toml").write_text('extends = "../outside/brand.toml"\n', encoding="utf-8")
    _journey(repo, "brand.toml")
    exit_code, output = _render(repo, "map.journey")
    assert exit_code == 1 and "brand.toml:1:1: error[E611]" in output, output


def test_a_json_models_theme_is_confined(repo: Path) -> None:
    model = json.loads(dumps(journeymap.loads("journey: T\nstage s: S\n  step a: A\n")))
    model["theme"] = "../outside/brand.toml"
    (repo / "model.json").write_text(json.dumps(model), encoding="utf-8")
    exit_code, output = _render(repo, "model.json")
    assert exit_code == 1 and "E611" in output, output


def test_the_command_line_theme_may_live_anywhere_but_must_be_toml(repo: Path) -> None:
    _journey(repo, "default")
    outside = str(repo.parent / "outside" / "brand.toml")
    assert _render(repo, "--theme", outside, "map.journey")[0] == 0
    (repo.parent / "outside" / "brand.txt").write_text(SECRET, encoding="utf-8")
    exit_code, output = _render(repo, "--theme", outside[:-5] + ".txt", "map.journey")
    assert exit_code == 1 and "E612" in output
    exit_code, output = _render(repo, "--theme", "/proc/self/environ", "map.journey")
    assert exit_code == 1 and "E612" in output


def test_a_theme_over_one_megabyte_is_refused_before_reading(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = repo / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(MAX_THEME_BYTES + 1)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the theme was opened")

    monkeypatch.setattr(themes, "open", no_reading, raising=False)
    collector = Collector()
    assert read_theme("big.toml", collector, repo, repo) is None
    assert [d.code for d in collector.sorted()] == ["E613"]


def test_a_link_to_a_device_is_not_read(repo: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    (repo / "zero.toml").symlink_to("/dev/zero")
    theme, problems = resolve_theme("zero.toml", None, option_base=repo, own_base=repo)
    assert theme is None and [d.code for d in problems] == ["E609"]


# -- a theme's text is never quoted ---------------------------------------------------


@pytest.mark.parametrize(
    "text, code, line",
    [
        (f'extends = "default"\n[palette]\ntext = "{SECRET}"\n', "E605", 3),
        (f'extends = "default"\n[typography]\nfont_family = "{SECRET};"\n', "E608", 3),
        (f'extends = "default"\n[spacing]\ngutter = "{SECRET}"\n', "E604", 3),
        (f'extends = "default"\n[curves]\ncolours = ["#000", "{SECRET}"]\n', "E605", 3),
        (f'extends = "default"\n[curves]\nmarkers = ["{SECRET}"]\n', "E608", 3),
        (f'extends = "default"\n[lines]\ncurve = 2\n{SECRET}\n', "E602", 4),
        (f'extends = "default"\n\n{SECRET} = = 1\n', "E602", 3),
        (f'extends = "default"\n\nname = "\\x{SECRET}"\n', "E602", 3),
    ],
)
def test_theme_errors_name_file_line_and_key_only(
    tmp_path: Path, text: str, code: str, line: int
) -> None:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    collector = Collector()
    assert read_theme(path, collector) is None
    found = collector.sorted()
    assert [(d.code, d.location.file, d.location.line) for d in found] == [(code, str(path), line)]
    assert found[0].source_line is None
    assert SECRET not in found[0].format() and " | " not in found[0].format()


# -- values ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("typography", "title_size", "inf"),
        ("typography", "title_size", "nan"),
        ("typography", "title_size", "-inf"),
        ("typography", "title_size", "1e308"),
        ("typography", "title_size", "-4"),
        ("typography", "title_size", "0"),
        ("spacing", "margin", "-1"),
        ("spacing", "margin", "1001"),
        ("spacing", "margin", "1" + "0" * 400),
        ("lines", "tertiary_dash", '"4 1e308"'),
        ("lines", "tertiary_dash", '"99999 3"'),
        ("curves", "dashes", '["2 2", "5 100000"]'),
        ("typography", "font_family", '"Arial\\" onload=\\"alert(1)"'),
        ("typography", "font_family", '"Arial; fill: url(#x)"'),
        ("typography", "font_family", '"Arial\\\\"'),
        ("typography", "font_family", '"<script>"'),
        ("typography", "font_family", '"Arial\\u0007"'),
        ("typography", "font_family", '"  "'),
        ("typography", "font_family", '"' + "A" * 201 + '"'),
        ("palette", "text", '"url(#x)"'),
        ("palette", "text", '"rgb(300, 0, 0)"'),
        ("palette", "text", '"#12345"'),
        ("palette", "text", '"red; x"'),
        ("palette", "text", '"javascript:alert(1)"'),
    ],
)
def test_bad_values_are_located_errors(tmp_path: Path, section: str, key: str, value: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'extends = "default"\n\n[{section}]\n{key} = {value}\n', encoding="utf-8")
    collector = Collector()
    assert read_theme(path, collector) is None
    (d,) = collector.sorted()
    assert d.code in ("E605", "E608"), d.format()
    assert (d.location.file, d.location.line) == (str(path), 4)
    assert f"`{section}.{key}`" in d.message


def test_bad_numbers_end_in_an_error_not_an_internal_error(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(
        'extends = "default"\n[typography]\ntitle_size = inf\n', encoding="utf-8"
    )
    _journey(tmp_path, "t.toml")
    exit_code, output = _render(tmp_path, "map.journey")
    assert exit_code == 1 and "t.toml:3:1: error[E608]" in output, output


@pytest.mark.parametrize(
    "value, stored",
    [
        ('"#1f2328"', "#1f2328"),
        ('"#ABC"', "#aabbcc"),
        ('"rgb(31, 35, 40)"', "#1f2328"),
        ('"rgb(0 128 255)"', "#0080ff"),
        ('"SlateGray"', "#708090"),
        ('"rebeccapurple"', "#663399"),
    ],
)
def test_css_colours_load_as_hex(tmp_path: Path, value: str, stored: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'extends = "default"\n[palette]\ntext = {value}\n', encoding="utf-8")
    assert load_theme(path).palette.text == stored


def test_a_safe_font_family_list_loads(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    family = "Noto Sans CJK JP, DejaVu Sans-Bold, Font_2.0, sans-serif"
    path.write_text(
        f'extends = "default"\n[typography]\nfont_family = "{family}"\n', encoding="utf-8"
    )
    assert load_theme(path).typography.font_family == family


def _chain(folder: Path, length: int) -> Path:
    """`t0.toml` extends `t1.toml` … extends `t{length}.toml`, which extends nothing."""
    for i in range(length):
        (folder / f"t{i}.toml").write_text(f'extends = "t{i + 1}.toml"\n', encoding="utf-8")
    (folder / f"t{length}.toml").write_text(
        (themes.resources.themes_dir() / "default.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return folder / "t0.toml"


def test_extends_chains_at_most_eight_deep(tmp_path: Path) -> None:
    assert load_theme(_chain(tmp_path, 8)).palette == load_theme("default").palette
    deeper = tmp_path / "deeper"
    deeper.mkdir()
    collector = Collector()
    assert read_theme(_chain(deeper, 9), collector) is None
    (d,) = collector.sorted()
    assert (d.code, d.location.file, d.location.line) == ("E610", str(deeper / "t8.toml"), 1)


def test_an_extends_loop_through_a_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "alias.toml"\n', encoding="utf-8")
    (tmp_path / "alias.toml").symlink_to(tmp_path / "a.toml")
    collector = Collector()
    assert read_theme(tmp_path / "a.toml", collector) is None
    assert [d.code for d in collector.sorted()] == ["E606"]
