"""Batch rendering of a directory tree: mirroring, parallel = serial, skipping, failures."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from journeymap.cli.progress import ProgressBar, progress_bar, time_left
from journeymap.emit.batch import MANIFEST, render_tree
from tests.conftest import GALLERY

GOOD = "journey: {title}\nstep a: Opens the app\n  touchpoint: Home [tier=primary]\n"


def _tree(root: Path, count: int = 4) -> Path:
    src = root / "src"
    for n in range(count):
        sub = src / ("team" if n % 2 else "") / ("deep" if n == 3 else "")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"j{n}.journey").write_text(GOOD.format(title=f"Journey {n}"), encoding="utf-8")
    (src / ".hidden").mkdir()
    (src / ".hidden" / "skip.journey").write_text(GOOD.format(title="no"), encoding="utf-8")
    (src / "notes.txt").write_text("not a journey", encoding="utf-8")
    return src


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def test_mirrors_the_tree_and_skips_unchanged_files(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    seen: list[tuple[int, int, str]] = []
    first = render_tree(src, out, progress=lambda *a: seen.append(a))
    assert (first.rendered, first.skipped, first.failed) == (4, 0, 0)
    assert sorted(_outputs(out)) == ["j0.svg", "j2.svg", "team/deep/j3.svg", "team/j1.svg"]
    assert [f.source for f in first.files] == sorted(f.source for f in first.files)
    assert [s[:2] for s in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    second = render_tree(src, out)
    assert (second.rendered, second.skipped, second.failed) == (0, 4, 0)


def test_parallel_output_equals_serial(tmp_path: Path) -> None:
    src = _tree(tmp_path, 6)
    parallel = render_tree(src, tmp_path / "p", jobs=3)
    serial = render_tree(src, tmp_path / "s", jobs=1)
    assert parallel.rendered == serial.rendered == 6
    assert _outputs(tmp_path / "p") == _outputs(tmp_path / "s")


def test_edits_deleted_outputs_and_new_options_render_again(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    render_tree(src, out)
    (src / "j0.journey").write_text(GOOD.format(title="Edited"), encoding="utf-8")
    (out / "j2.svg").unlink()
    (out / "team" / "j1.svg").write_text("tampered", encoding="utf-8")
    again = render_tree(src, out)
    rendered = {f.source for f in again.files if f.status == "rendered"}
    assert rendered == {"j0.journey", "j2.journey", "team/j1.journey"}
    assert b"Edited" in (out / "j0.svg").read_bytes()
    assert render_tree(src, out, theme="dark").rendered == 4  # options are in the key


def test_an_edited_include_renders_the_includer_again(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "parts").mkdir(parents=True)
    (src / "parts" / "shared.journey").write_text("channel web: Web\n", encoding="utf-8")
    main = (
        'journey: Main\ninclude "parts/shared.journey"\n'
        "step: Opens\n  touchpoint: Home [channel=web]\n"
    )
    (src / "main.journey").write_text(main, encoding="utf-8")
    assert render_tree(src, out, view="matrix").failed == 0
    (src / "parts" / "shared.journey").write_text("channel web: Website\n", encoding="utf-8")
    again = render_tree(src, out, view="matrix")
    statuses = {f.source: f.status for f in again.files}
    assert statuses["main.journey"] == "rendered"
    assert b"Website" in (out / "main.svg").read_bytes()


def test_a_bad_file_is_reported_and_the_others_render(tmp_path: Path) -> None:
    src, out = _tree(tmp_path), tmp_path / "out"
    (src / "bad.journey").write_text("journey: Bad\nstep: X\n  pian: typo\n", encoding="utf-8")
    result = render_tree(src, out, jobs=2)
    assert (result.rendered, result.failed) == (4, 1)
    (bad,) = [f for f in result.files if f.status == "failed"]
    assert bad.source == "bad.journey" and bad.diagnostics
    assert bad.diagnostics[0].location.file.endswith("bad.journey")
    assert not (out / "bad.svg").exists()
    # No temp files are left behind, and the failure is retried next time.
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "bad.journey" not in manifest["files"]
    assert render_tree(src, out).failed == 1


def test_formats_and_views(tmp_path: Path) -> None:
    src = _tree(tmp_path, 1)
    md = render_tree(src, tmp_path / "md", view="matrix", fmt="markdown")
    assert md.rendered == 1 and (tmp_path / "md" / "j0.md").read_text().startswith("**Journey 0**")
    with pytest.raises(ValueError, match="markdown is the touchpoint matrix's table"):
        render_tree(src, tmp_path / "x", fmt="markdown")


def test_the_gallery_renders_in_parallel(tmp_path: Path) -> None:
    result = render_tree(GALLERY, tmp_path / "out", view="matrix")
    journeys = [p for p in GALLERY.rglob("*.journey") if p.parent.name != "shared"]
    assert result.failed == 0 and result.rendered == len(journeys)
    assert result.fragments == 3  # gallery/brightwater/shared/*.journey: include fragments


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert progress_bar(io.StringIO()) is None
    assert isinstance(progress_bar(Tty()), ProgressBar)
    monkeypatch.setenv("CI", "true")
    assert progress_bar(Tty()) is None
    stream = Tty()
    bar = ProgressBar(stream)
    bar.started -= 3  # one file of four took 3 s: three more take about 9 s
    bar(1, 4, "a.journey")
    assert "\r[######------------------] 1/4 ~9s left a.journey" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_time_left_is_the_pace_so_far() -> None:
    assert time_left(10.0, 1, 4) == " ~30s left"
    assert time_left(60.0, 1, 3) == " ~2m00s left"
    assert time_left(5.0, 0, 4) == time_left(5.0, 4, 4) == ""
