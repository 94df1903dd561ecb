"""Directory mode never follows a symbolic link out of the folder (issue 20).

A pull request can add `leak.journey -> ~/.ssh/id_rsa` or a folder link to
`/etc`; `check DIR`, `fmt DIR`, `render DIR` and `report DIR` would then read
the secret and quote its lines in a public CI log. Each command skips such a
link, names it on stderr, and nothing of the target reaches any output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli
from journeymap.compiler.tree import walk

SECRET = "AKIA-TOPSECRET-4242"
GOOD = "journey: Fine\nstage s: S\n  step a: A\n    touchpoint: Desk [kind=human]\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder with one good journey, a file link and a folder link leading out, a dangling
    link, and links that stay inside (followed)."""
    outside = tmp_path / "home"
    (outside / "keys").mkdir(parents=True)
    # Written as a journey would be, so that a command that read it would quote it.
    (outside / "id_rsa").write_text(f"step {SECRET}: {SECRET}\n", encoding="utf-8")
    (outside / "keys" / "deploy.journey").write_text(f"journey: {SECRET}\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "fine.journey").write_text(GOOD, encoding="utf-8")
    (root / "leak.journey").symlink_to(outside / "id_rsa")
    (root / "maps" / "keys").symlink_to(outside / "keys", target_is_directory=True)
    (root / "gone.journey").symlink_to(tmp_path / "nowhere.journey")
    (root / "alias.journey").symlink_to(root / "maps" / "fine.journey")
    return root


def _everything(result: object, out: Path | None = None) -> str:
    text = getattr(result, "stdout", "") + getattr(result, "stderr", "")
    if out is not None and out.exists():
        text += "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())
    return text


def _names_each_skipped_link(stderr: str, root: Path) -> None:
    assert f"{root / 'leak.journey'}: skipped: a symbolic link to outside the folder" in stderr
    assert f"{root / 'maps' / 'keys'}: skipped: a symbolic link to outside the folder" in stderr
    assert f"{root / 'gone.journey'}: skipped: a symbolic link that leads nowhere" in stderr


def test_the_walker_skips_links_out_and_keeps_links_in(repo: Path) -> None:
    tree = walk(repo)
    assert tree.files == ("alias.journey", "maps/fine.journey")
    assert [s.path for s in tree.skipped] == sorted(
        str(repo / name) for name in ("gone.journey", "leak.journey", "maps/keys")
    )


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--diagnostics", "json"],
        ["fmt", "--check"],
        ["fmt"],
        ["render", "--out-dir", "OUT"],
        ["render", "--out-dir", "OUT", "--check"],
        ["report"],
        ["report", "--format", "json"],
        ["report", "--format", "svg"],
    ],
    ids=" ".join,
)
def test_no_command_reads_through_a_link_out_of_the_folder(
    repo: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    args = [str(out) if word == "OUT" else word for word in command]
    result = CliRunner().invoke(cli, [*args, str(repo)], catch_exceptions=False)
    assert SECRET not in _everything(result, out)
    _names_each_skipped_link(result.stderr, repo)
    assert result.exit_code in (0, 1)
    assert (repo.parent / "home" / "id_rsa").read_text().startswith("step ")  # fmt left it
