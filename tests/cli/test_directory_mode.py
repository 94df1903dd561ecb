"""Directory mode: `check DIR`, `fmt --check DIR`, `render DIR --out-dir OUT [--check]`.

A generated folder of journeys sharing an include fragment: the walk's order,
fragments checked but not drawn, `--jobs N` byte-identical to `--jobs 1`,
`--shard I/N` whose shards add up to the unsharded run byte for byte, and
the one summary line off a terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from journeymap.cli.app import cli
from journeymap.compiler.tree import is_fragment, parse_shard, shard_of, walk
from journeymap.emit.batch import MANIFEST, load_manifests
from journeymap.model.journey import Journey, Stage, Step
from tests.conftest import files_below

SHARED = "persona ana: Ana\nchannel web: Website [kind=digital]\nteam ops: Operations\n"
JOURNEY = (
    'journey: Journey {n}\ninclude "{up}shared/people.journey"\n'
    "stage s: Stage\n  step a{n}: Step {n}\n"
    "    touchpoint t{n}: Page {n} [channel=web, owner=ops]\n    emotion: {score}\n"
)


def make_folder(root: Path, count: int = 24) -> Path:
    """`count` journeys over three levels of folders, all including one shared fragment."""
    src = root / "src"
    (src / "shared").mkdir(parents=True)
    (src / "shared" / "people.journey").write_text(SHARED, encoding="utf-8")
    for n in range(count):
        folder = src / f"area{n % 3}" / ("deep" if n % 4 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        up = "../" * len(folder.relative_to(src).parts)
        text = JOURNEY.format(n=n, up=up, score=n % 5 - 2)
        if n % 7 == 3:
            text += "    touchpoint: Call [channel=phone]\n"  # W101: undeclared channel
        (folder / f"j{n:02}.journey").write_text(text, encoding="utf-8")
    return src


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output + result.stderr
    return result


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file under `out`, manifests left out."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".journeymap-cache")
    }


def without_summary(stderr: str) -> str:
    """stderr without its last line, the summary with its seconds."""
    lines = stderr.splitlines()
    assert lines and " checked, " in lines[-1] and lines[-1].endswith(" s")
    return "\n".join(lines[:-1])


# -- the walk ----------------------------------------------------------------------------


def test_the_walk_is_sorted_by_relative_path_and_skips_hidden_folders(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 6)
    (src / ".git").mkdir()
    (src / ".git" / "x.journey").write_text(SHARED, encoding="utf-8")
    (src / "notes.txt").write_text("not a journey", encoding="utf-8")
    tree = walk(src)
    assert list(tree.files) == sorted(tree.files)
    assert tree.files[0] == "area0/deep/j00.journey"
    assert "shared/people.journey" in tree.files
    assert not [f for f in tree.files if ".git" in f or f.endswith(".txt")]
    assert len(tree.files) == 7 and tree.skipped == ()


def test_a_fragment_declares_only() -> None:
    assert is_fragment(Journey())
    assert not is_fragment(Journey(title="T"))
    assert not is_fragment(Journey(stages=(Stage("s", "S", steps=(Step("a", "A"),)),)))


def test_shards_are_stable_and_cover_every_file_once(tmp_path: Path) -> None:
    files = walk(make_folder(tmp_path, 40)).files
    for count in (1, 2, 3, 7):
        shards = [walk(tmp_path / "src", shard=(i, count)).files for i in range(1, count + 1)]
        assert sorted(f for shard in shards for f in shard) == sorted(files)
    # A file's shard depends on its own path only: adding files moves no other file.
    before = {f: shard_of(f, 4) for f in files}
    (tmp_path / "src" / "new.journey").write_text(SHARED, encoding="utf-8")
    after = walk(tmp_path / "src")
    assert {f: shard_of(f, 4) for f in after.files if f in before} == before
    assert shard_of("a/b.journey", 4) == shard_of("a/b.journey", 4)
    assert parse_shard("2/4") == (2, 4)
    for wrong in ("0/4", "5/4", "2", "a/b", "1/0"):
        with pytest.raises(ValueError, match="--shard"):
            parse_shard(wrong)


# -- check DIR ----------------------------------------------------------------------------


def test_check_dir_lists_every_error_and_exits_1(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 8)
    assert run("check", str(src)).exit_code == 0
    (src / "area1" / "bad.journey").write_text("journey: B\nstep a: A\n  pian: x\n")
    (src / "area2" / "worse.journey").write_text("journey: W\nstep a: A\n  delite: x\n")
    result = run("check", str(src), "--jobs", "2")
    assert result.exit_code == 1
    assert f"{src / 'area1' / 'bad.journey'}:3:3: error[E101]" in result.stderr
    assert f"{src / 'area2' / 'worse.journey'}:3:3: error[E101]" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("11 checked, 2 failed in ")


def test_check_dir_output_is_the_same_for_any_jobs(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 24)
    (src / "area1" / "bad.journey").write_text("journey: B\nstep a: A\n  pian: x\n")
    serial = run("check", str(src), "--jobs", "1")
    parallel = run("check", str(src), "--jobs", "3")
    assert serial.exit_code == parallel.exit_code == 1
    assert "W101" in serial.stderr  # the undeclared channels are warned about
    assert without_summary(parallel.stderr) == without_summary(serial.stderr)
    as_json = [run("check", str(src), "--jobs", j, "--diagnostics", "json") for j in "13"]
    assert as_json[0].stdout == as_json[1].stdout and json.loads(as_json[0].stdout)


def test_fmt_dir_is_the_same_for_any_jobs(tmp_path: Path) -> None:
    # Files are read and formatted in the workers; the writing stays in order in this
    # process, so what is printed and what is written do not depend on --jobs.
    folders = []
    for jobs in "13":
        src = make_folder(tmp_path / jobs, 24)
        for path in sorted(src.rglob("j1*.journey")):
            path.write_text(path.read_text(encoding="utf-8").replace(": ", ":   "))
        (src / "area1" / "bad.journey").write_text("journey: B\nstep a A\n")
        checked = run("fmt", "--check", str(src), "--jobs", jobs)
        written = run("fmt", str(src), "--jobs", jobs)
        files = {name: (src / name).read_bytes() for name in files_below(src)}
        shown = (checked.exit_code, checked.stderr, written.exit_code, written.stderr)
        folders.append((shown, files, str(src)))
    (one, files_one, src_one), (three, files_three, src_three) = folders
    assert one[0] == one[2] == 1  # the bad file fails both runs
    assert "would reformat" in one[1] and "10 of 26 file(s) reformatted" in one[3]
    assert [part.replace(src_three, src_one) for part in map(str, three)] == list(map(str, one))
    assert files_three == files_one


def test_check_dir_shards_add_up_to_the_whole(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 24)
    whole = json.loads(run("check", str(src), "--diagnostics", "json").stdout)
    parts = []
    for i in (1, 2, 3):
        part = run("check", str(src), "--shard", f"{i}/3", "--diagnostics", "json")
        parts += json.loads(part.stdout)
    key = json.dumps
    assert whole and sorted(map(key, parts)) == sorted(map(key, whole))
    assert run("check", str(src), "--shard", "4/3").exit_code == 2


def test_an_empty_shard_exits_0(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "only.journey").write_text(JOURNEY.format(n=1, up="", score=0).replace("include", "#"))
    empty = next(i for i in range(1, 9) if shard_of("only.journey", 8) != i)
    for command in (["check"], ["fmt", "--check"]):
        result = run(*command, str(src), "--shard", f"{empty}/8")
        assert result.exit_code == 0, result.output
    result = run("render", str(src), "--out-dir", str(tmp_path / "o"), "--shard", f"{empty}/8")
    assert result.exit_code == 0 and outputs(tmp_path / "o") == {}
    assert result.stderr.startswith("0 checked, 0 rendered")


# -- fmt --check DIR ----------------------------------------------------------------------


def test_fmt_check_dir_lists_files_that_would_change(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 6)
    run("fmt", str(src))
    assert run("fmt", "--check", str(src)).exit_code == 0
    messy = src / "area1" / "j01.journey"
    messy.write_text(messy.read_text().replace("  step", "       step"))
    result = run("fmt", "--check", str(src))
    assert result.exit_code == 1 and f"would reformat {messy}" in result.stderr
    sharded = [run("fmt", "--check", str(src), "--shard", f"{i}/2") for i in (1, 2)]
    assert sorted(r.exit_code for r in sharded) == [0, 1]


# -- render DIR --out-dir OUT [--check] ---------------------------------------------------


def test_fragments_are_checked_but_not_drawn(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, 4), tmp_path / "out"
    result = run("render", str(src), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    assert "shared/people.svg" not in outputs(out) and len(outputs(out)) == 4
    assert "1 fragments" in result.stderr
    (src / "shared" / "people.journey").write_text("persona ana: Ana\n  pian: x\n")
    broken = run("check", str(src))
    assert broken.exit_code == 1 and "people.journey:2:3: error[E101]" in broken.stderr


def test_render_dir_is_the_same_for_any_jobs(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 24)
    one = run("render", str(src), "--out-dir", str(tmp_path / "one"), "--jobs", "1")
    three = run("render", str(src), "--out-dir", str(tmp_path / "three"), "--jobs", "3")
    assert one.exit_code == three.exit_code == 0
    assert outputs(tmp_path / "one") == outputs(tmp_path / "three")
    assert len(outputs(tmp_path / "one")) == 24
    manifests = [(tmp_path / d / MANIFEST).read_bytes() for d in ("one", "three")]
    assert manifests[0] == manifests[1]


def test_render_check_lists_stale_and_missing_outputs_and_writes_nothing(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, 6), tmp_path / "out"
    never = run("render", str(src), "--out-dir", str(tmp_path / "none"), "--check")
    assert never.exit_code == 1 and not (tmp_path / "none").exists()
    assert len(never.stdout.splitlines()) == 6  # every output is missing
    run("render", str(src), "--out-dir", str(out))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    fresh = run("render", str(src), "--out-dir", str(out), "--check")
    assert fresh.exit_code == 0 and fresh.stdout == ""
    (out / "area1" / "j01.svg").write_text("<svg/>")  # edited by hand
    (out / "area2" / "j02.svg").unlink()
    (src / "area0" / "j03.journey").write_text(
        JOURNEY.format(n=3, up="../", score=2).replace("Page", "Form")
    )
    changed = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    stale = run("render", str(src), "--out-dir", str(out), "--check")
    assert stale.exit_code == 1
    assert stale.stdout.splitlines() == [
        str(out / "area0" / "j03.svg"),
        str(out / "area1" / "j01.svg"),
        str(out / "area2" / "j02.svg"),
    ]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == changed
    assert before.keys() - changed.keys() == {out / "area2" / "j02.svg"}


def test_render_check_verifies_outputs_without_a_manifest(tmp_path: Path) -> None:
    src, out = make_folder(tmp_path, 4), tmp_path / "out"
    run("render", str(src), "--out-dir", str(out))
    (out / MANIFEST).unlink()  # committed SVGs, cache not kept: drawn again and compared
    assert run("render", str(src), "--out-dir", str(out), "--check").exit_code == 0


def test_render_shards_add_up_to_the_unsharded_run_byte_for_byte(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 30)
    whole = tmp_path / "whole"
    assert run("render", str(src), "--out-dir", str(whole)).exit_code == 0
    union: dict[str, bytes] = {}
    merged: dict[str, dict[str, str]] = {}
    shared = tmp_path / "shared-out"
    for i in (1, 2, 3):
        alone = tmp_path / f"shard{i}"
        result = run("render", str(src), "--out-dir", str(alone), "--shard", f"{i}/3")
        assert result.exit_code == 0
        part = outputs(alone)
        assert not union.keys() & part.keys()  # no file is in two shards
        union.update(part)
        manifest = json.loads((alone / f".journeymap-cache.{i}-of-3.json").read_text())
        merged.update(manifest["files"])
        assert not (alone / MANIFEST).exists()
        run("render", str(src), "--out-dir", str(shared), "--shard", f"{i}/3")
    assert union == outputs(whole)
    assert merged == json.loads((whole / MANIFEST).read_text())["files"]
    # Later runs read every shard's manifest: nothing is drawn again.
    assert len(load_manifests(shared)) == 31
    check = run("render", str(src), "--out-dir", str(shared), "--check")
    assert check.exit_code == 0 and check.stdout == ""
    again = run("render", str(src), "--out-dir", str(shared))
    assert "0 rendered, 30 unchanged" in again.stderr
    assert outputs(shared) == outputs(whole)


def test_off_a_terminal_one_summary_line_and_no_progress(tmp_path: Path) -> None:
    src = make_folder(tmp_path, 3)
    rendered = run("render", str(src), "--out-dir", str(tmp_path / "out"))
    assert "\r" not in rendered.stderr
    (line,) = rendered.stderr.splitlines()
    assert line.startswith("4 checked, 3 rendered, 0 unchanged, 1 fragments, 0 failed in ")
    checked = run("check", str(src))
    (line,) = checked.stderr.splitlines()
    assert line.startswith("4 checked, 0 failed in ") and line.endswith(" s")


def test_on_a_terminal_a_progress_line_with_the_file_and_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.cli import progress

    monkeypatch.setattr(progress, "wanted", lambda stream=None: True)
    src = make_folder(tmp_path, 6)
    for args in (["check", str(src)], ["render", str(src), "--out-dir", str(tmp_path / "o")]):
        result = run(*args, "--jobs", "1")
        assert "\r[" in result.stderr and "/7 " in result.stderr
        assert "area2/j05.journey" in result.stderr  # the file just done
        assert "s left" in result.stderr  # time left, while files remain
        assert " checked, " in result.stderr.splitlines()[-1]
