"""Include sandbox cases tests/compiler/test_diagnostics.py does not cover.

A symbolic link inside the root that points at a device or at a directory
outside it, a file one byte over 10 MB, and the root named with `--root`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap
from journeymap.cli.app import cli
from journeymap.language.source import MAX_FILE_BYTES

MAIN = 'journey: T\ninclude "{target}"\nstep a: A\n'


def _codes(result: journeymap.compiler.load.Compiled) -> list[str]:
    return [d.code for d in result.diagnostics if d.is_error]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "zero.journey").symlink_to("/dev/zero")
    main = tmp_path / "main.journey"
    main.write_text(MAIN.format(target="zero.journey"), encoding="utf-8")
    began = time.monotonic()
    result = journeymap.compile_file(main)
    assert time.monotonic() - began < 5
    assert _codes(result) == ["E402"]
    assert result.diagnostics[0].location.line == 2


def test_a_link_to_a_directory_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.journey").write_text("step s: Secret\n", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "shared").symlink_to(outside)
    main = root / "main.journey"
    main.write_text(MAIN.format(target="shared/secret.journey"), encoding="utf-8")
    assert _codes(journeymap.compile_file(main)) == ["E402"]


def test_an_include_over_ten_megabytes_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.journey"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    main = tmp_path / "main.journey"
    main.write_text(MAIN.format(target="big.journey"), encoding="utf-8")
    began = time.monotonic()
    result = journeymap.compile_file(main)
    assert time.monotonic() - began < 5
    assert _codes(result) == ["E005"]
    assert "10,485,761 bytes" in result.diagnostics[0].message


def test_root_option_widens_and_narrows_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "common.journey").write_text("persona p: P\n", encoding="utf-8")
    sub = tmp_path / "maps"
    sub.mkdir()
    main = sub / "main.journey"
    main.write_text(MAIN.format(target="../common.journey"), encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["check", str(main)])
    assert refused.exit_code == 1 and "E402" in refused.output
    allowed = runner.invoke(cli, ["check", "--root", str(tmp_path), str(main)])
    assert allowed.exit_code == 0, allowed.output
    narrow = runner.invoke(cli, ["check", "--root", str(sub / "nowhere"), str(main)])
    assert narrow.exit_code == 1 and "E402" in narrow.output
