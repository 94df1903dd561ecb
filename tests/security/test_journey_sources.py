"""Secrets never leave the file they are in: only journey sources are quoted.

A path on the command line or in an include may name any file: a key, an
environment file, `/proc/self/environ`, or a symbolic link to one. Every
entry that reads a journey file (check, render, fmt, report, diff, the
library, includes) gives such a file one error, E008, that names it, with no
source line and no token of it, in text and JSON diagnostics alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap
from journeymap.cli.app import cli
from journeymap.language.journey_source import is_journey_source

SECRET = "hunter2-SECRET-b3BlbnNzaC1rZXk"
"""A token each hostile file holds; it must appear in no output."""

HOSTILE: dict[str, bytes] = {
    "key": (
        f"-----BEGIN OPENSSH PRIVATE KEY-----\n{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n"
    ).encode(),
    "environ": f"HOME=/root\0API_TOKEN={SECRET}\0PATH=/usr/bin\0".encode(),
    "dotenv": f"# settings\nAPI_TOKEN={SECRET}\n".encode(),
    "passwd": f"root:x:0:0:{SECRET}:/root:/bin/bash\n".encode(),
    "yaml": f"password: {SECRET}\nstep: x\n".encode(),
    "json": json.dumps({"type": "service_account", "private_key": SECRET}).encode(),
    "binary": b"\x89PNG\r\n\x1a\n\x00" + SECRET.encode() + bytes(range(256)),
    "latin1": f"caf\xe9 {SECRET}\n".encode("latin-1"),
    "unknown keyword": f"jorney: {SECRET}\n".encode(),
    "bad syntax": f'journey: "{SECRET}\n'.encode(),
}


@pytest.fixture(params=sorted(HOSTILE))
def secret_link(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A `.journey` symbolic link (as a pull request can add) to a hostile file outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "id_ed25519"
    target.write_bytes(HOSTILE[request.param])
    repo = tmp_path / "repo"
    repo.mkdir()
    link = repo / "map.journey"
    link.symlink_to(target)
    return link


def _assert_only_e008(output: str, name: str) -> None:
    assert SECRET not in output
    assert "E008" in output and f"`{name}` is not a journey source" in output
    assert " | " not in output  # no quoted source line


def _one_e008(result: journeymap.Compiled, name: str) -> None:
    assert [(d.code, d.message, d.location.line, d.source_line) for d in result.diagnostics] == [
        ("E008", f"`{name}` is not a journey source", 0, None)
    ]


def test_the_library_refuses_a_link_to_a_secret(secret_link: Path) -> None:
    _one_e008(journeymap.compile_file(secret_link), str(secret_link))
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.load(secret_link)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--diagnostics", "json"],
        ["render", "-o", "out.svg"],
        ["render", "--diagnostics", "json", "-o", "out.svg"],
        ["report"],
    ],
)
def test_every_command_refuses_it(secret_link: Path, command: list[str]) -> None:
    os.chdir(secret_link.parent)
    before = secret_link.read_bytes()
    result = CliRunner().invoke(cli, [*command, "map.journey"])
    assert result.exit_code == 1, result.output
    _assert_only_e008(result.output, "map.journey")
    assert result.output.count("E008") == 1
    assert secret_link.is_symlink() and secret_link.read_bytes() == before
    assert not (secret_link.parent / "out.svg").exists()


@pytest.mark.parametrize("command", [["fmt", "--check"], ["fmt"]])
def test_fmt_skips_it_naming_the_link(secret_link: Path, command: list[str]) -> None:
    """fmt reads no file through a link out of the root: it names the link and skips it."""
    os.chdir(secret_link.parent)
    before = secret_link.read_bytes()
    result = CliRunner().invoke(cli, [*command, "map.journey"])
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output and " | " not in result.output
    assert "map.journey: error[E701]: skipped: a symbolic link" in result.output
    assert secret_link.is_symlink() and secret_link.read_bytes() == before


@pytest.mark.parametrize("command", [["fmt", "--check"], ["fmt"]])
def test_fmt_refuses_a_link_inside_the_root_to_a_non_journey(
    secret_link: Path, command: list[str]
) -> None:
    """A link that stays inside the root is read, and its target is not a journey source."""
    inside = secret_link.parent / "keys" / "id_ed25519"
    inside.parent.mkdir()
    inside.write_bytes(secret_link.read_bytes())
    secret_link.unlink()
    secret_link.symlink_to(inside)
    os.chdir(secret_link.parent)
    before = inside.read_bytes()
    result = CliRunner().invoke(cli, [*command, "map.journey"])
    assert result.exit_code == 1, result.output
    _assert_only_e008(result.output, "map.journey")
    assert secret_link.is_symlink() and inside.read_bytes() == before


def test_json_diagnostics_hold_one_error_naming_the_file(secret_link: Path) -> None:
    os.chdir(secret_link.parent)
    result = CliRunner().invoke(cli, ["check", "--diagnostics", "json", "map.journey"])
    start = result.output.index("[")
    found = json.loads(result.output[start : result.output.rindex("]") + 1])
    assert [(d["code"], d["file"], d["line"]) for d in found] == [("E008", "map.journey", 0)]


@pytest.mark.parametrize("side", [0, 1])
def test_diff_refuses_it_on_either_side(secret_link: Path, side: int) -> None:
    os.chdir(secret_link.parent)
    Path("ok.journey").write_text("journey: T\nstep a: A\n", encoding="utf-8")
    args = ["ok.journey", "map.journey"] if side else ["map.journey", "ok.journey"]
    result = CliRunner().invoke(cli, ["diff", *args])
    assert result.exit_code in (1, 2), result.output
    _assert_only_e008(result.output, "map.journey")


def test_an_include_of_it_is_refused_at_the_include(secret_link: Path) -> None:
    main = secret_link.parent / "main.journey"
    main.write_text('journey: T\ninclude "secret.journey"\nstep a: A\n', encoding="utf-8")
    (secret_link.parent / "secret.journey").write_bytes(secret_link.read_bytes())
    result = journeymap.compile_file(main)
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("E008", 2)]
    assert all(SECRET not in d.format() for d in result.diagnostics)


def test_a_link_to_proc_environ_is_refused(tmp_path: Path) -> None:
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc")
    link = tmp_path / "env.journey"
    link.symlink_to("/proc/self/environ")
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "check", "--diagnostics", "json", str(link)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "JM_TEST_SECRET": SECRET},
    )
    assert done.returncode == 1
    assert SECRET not in done.stdout + done.stderr
    assert "E008" in done.stdout + done.stderr


def test_a_git_revision_that_is_not_a_journey_source_is_refused(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], check=True)
    Path("map.journey").write_bytes(HOSTILE["dotenv"])
    subprocess.run([*git, "add", "map.journey"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    Path("map.journey").write_text("journey: T\nstep a: A\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", "HEAD:map.journey", "map.journey"])
    _assert_only_e008(result.output, "HEAD:map.journey")


# -- what still counts as a journey source, and is quoted ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "journey: T\n",
        "\ufeff# a comment\n\n   \n  step a: A\n",
        "a -> b: label\n",
        'include "other.journey"\n',
        "description: only a description\n",
        "",
        "# only comments\n",
        '{"version": 1}',
        '{"title": "x",\n "version": 1, oops}',  # a model with a syntax error
    ],
)
def test_journey_sources_are_recognised(text: str) -> None:
    assert is_journey_source(text.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_not(name: str) -> None:
    assert not is_journey_source(HOSTILE[name])


def test_a_journey_source_is_still_quoted(tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    path.write_text("journey: T\nstep a: A\n    pian: Slow\n", encoding="utf-8")
    (d,) = journeymap.compile_file(path).diagnostics
    assert d.code == "E101" and d.source_line == "    pian: Slow"


def test_a_json_model_with_a_syntax_error_keeps_its_located_error(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"version": 1,\n "title": oops}\n', encoding="utf-8")
    (d,) = journeymap.compile_file(path).diagnostics
    assert (d.code, d.location.line) == ("E501", 2)
