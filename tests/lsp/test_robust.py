"""The server survives anything an editor may send, never leaves stale diagnostics, and exits 0."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.lsp.client import Client
from tests.lsp.conftest import MAIN
from tests.lsp.test_diagnostics import as_check, check_json, from_check

PIECES = [
    "step",
    "stage s:",
    "touchpoint",
    " [kind=",
    "[",
    "]",
    '"',
    "\\",
    "->",
    "-->",
    ":",
    "persona=",
    'include "',
    "../../etc/passwd",
    "#",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x07",
    "\x7f",
    "é",
    "中文",
    "😀",
    "\u200b",
    "emotion: +9",
    "count: -1",
    "theme: ",
    "    pain: ",
]


def utf16(line: str, column: int) -> int:
    """A character column as the client counts it (UTF-16 code units, LSP's default)."""
    return len(line[:column].encode("utf-16-le")) // 2


def position_of(text: str, offset: int) -> dict[str, int]:
    """The LSP position of character `offset` in `text`, lines split as pygls splits them."""
    line_start = 0
    for number, line in enumerate(text.splitlines(True)):
        if offset < line_start + len(line) or (
            offset == line_start + len(line) and not line.endswith(("\n", "\r"))
        ):
            return {"line": number, "character": utf16(line, offset - line_start)}
        line_start += len(line)
    return {"line": len(text.splitlines(True)), "character": 0}


def garbage(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))


def fuzz(client: Client, uri: str, text: str, rng: random.Random, edits: int) -> str:
    """Random edits (inserts, deletions across lines, replacements, pastes) and requests."""
    for _ in range(edits):
        start = rng.randint(0, len(text))
        end = min(len(text), start + rng.choice([0, 0, 1, 3, 40, 400]))
        new = garbage(rng)
        if rng.random() < 0.02:
            new = MAIN * rng.randint(50, 400)  # a huge paste
        change = {
            "range": {"start": position_of(text, start), "end": position_of(text, end)},
            "text": new,
        }
        client.change(uri, [change])
        text = text[:start] + new + text[end:]
        if rng.random() < 0.2:
            at = position_of(text, rng.randint(0, len(text)))
            method = rng.choice(
                [
                    "textDocument/completion",
                    "textDocument/hover",
                    "textDocument/definition",
                    "textDocument/documentSymbol",
                    "textDocument/formatting",
                ]
            )
            params: dict[str, Any] = {"textDocument": {"uri": uri}, "position": at}
            if method == "textDocument/formatting":
                params = {
                    "textDocument": {"uri": uri},
                    "options": {"tabSize": 2, "insertSpaces": True},
                }
            client.request(method, params)  # any answer, but an answer
    return text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fuzzed_edits_never_kill_the_server_nor_leave_stale_diagnostics(
    client: Client, tmp_path: Path, seed: int
) -> None:
    path = tmp_path / "map.journey"
    uri = client.open(path, MAIN)
    client.diagnostics(uri)
    text = fuzz(client, uri, MAIN, random.Random(seed), 150)
    # The server's text is the client's: what it formats from is what was typed.
    assert client.process.poll() is None
    # A last edit to known text: the next diagnostics are for it, and are check's.
    final = "journey: T\nstage s: S\n  step a: A\n    pian: x\n"
    version = client.replace_all(uri, final)
    published = client.diagnostics(uri, version)
    path.write_text(final, encoding="utf-8")
    assert as_check(published) == from_check(check_json(path))
    assert text != final
    assert client.stop() == 0


def test_every_request_on_a_position_beyond_the_text_is_answered(
    client: Client, tmp_path: Path
) -> None:
    uri = client.open(tmp_path / "map.journey", "journey: T\n")
    client.diagnostics(uri)
    for method in ("textDocument/completion", "textDocument/hover", "textDocument/definition"):
        client.request(method, client.at(uri, 99, 99))
    params = {**client.at(uri, 99, 99), "context": {"includeDeclaration": True}}
    assert client.request("textDocument/references", params) == []
    assert client.process.poll() is None


def test_shutdown_then_exit_ends_with_code_0() -> None:
    client = Client()
    client.initialize()
    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(timeout=30) == 0
    client.kill()


def test_exit_without_shutdown_ends_with_code_1() -> None:
    client = Client()
    client.initialize()
    client.notify("exit", None)
    assert client.process.wait(timeout=30) == 1
    client.kill()


def test_without_the_extra_the_command_says_how_to_install_it(tmp_path: Path) -> None:
    # A `pygls` that cannot be imported stands first on the path.
    fake = tmp_path / "fake" / "pygls"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pygls'\", name='pygls')\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); sys.argv[1:] = ['lsp']; "
            "from journeymap.cli.console import main; main()",
            str(tmp_path / "fake"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "pip install 'journeymap[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_thousands_of_edits_do_not_grow_the_server(client: Client, tmp_path: Path) -> None:
    # pygls 2.1 kept one future per notification (1.4 KB each); the server drops them.
    uri = client.open(tmp_path / "map.journey", MAIN)
    client.diagnostics(uri)
    end = {"line": 0, "character": len("journey: Renew a passport")}

    def type_and_undo(times: int) -> None:
        version = 0
        for n in range(times):
            added = n % 2 == 0
            after = {"line": 0, "character": end["character"] + (0 if added else 1)}
            version = client.change(
                uri, [{"range": {"start": end, "end": after}, "text": "x" if added else ""}]
            )
        client.diagnostics(uri, version)

    type_and_undo(200)
    before = _rss_kib(client.process.pid)
    type_and_undo(6000)
    grown = _rss_kib(client.process.pid) - before
    assert grown < 3 * 1024, f"the server grew by {grown} KiB over 6,000 edits"
