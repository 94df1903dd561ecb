"""The VS Code extension's language client: its manifest, and its start-up with stubbed modules.

The manifest is checked statically: the client code is declared and
activated for `.journey` files, its dependency named, every setting the code
reads declared, and the grammar colouring still contributed without it. When
Node.js is on the machine, extension.js also runs against stand-ins for the
`vscode` and `vscode-languageclient` modules: it starts `journeymap lsp` with
the command of the setting, and with no server (or no client module) it
starts nothing and does not fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

VSCODE = REPO / "editors" / "vscode"
MANIFEST: dict[str, Any] = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
CODE = (VSCODE / "extension.js").read_text(encoding="utf-8")


def test_the_manifest_declares_the_client_code_and_its_dependency() -> None:
    assert (VSCODE / MANIFEST["main"]).resolve() == VSCODE / "extension.js"
    assert "onLanguage:journey" in MANIFEST["activationEvents"]
    assert re.fullmatch(r"\^\d+\.\d+\.\d+", MANIFEST["dependencies"]["vscode-languageclient"])
    # vscode-languageclient 9 refuses to start in a VS Code older than 1.82.
    assert MANIFEST["dependencies"]["vscode-languageclient"].startswith("^9.")
    engine = tuple(int(n) for n in MANIFEST["engines"]["vscode"].lstrip("^").split("."))
    assert engine >= (1, 82, 0)


def test_every_setting_the_code_reads_is_declared_with_its_default() -> None:
    declared = MANIFEST["contributes"]["configuration"]["properties"]
    read = dict(re.findall(r'config\.get\("([\w.]+)", ([^)]+)\)', CODE))
    assert {f"journeymap.{key}" for key in read} == set(declared)
    for key, default in read.items():
        assert json.loads(default.replace("'", '"')) == declared[f"journeymap.{key}"]["default"]
    assert declared["journeymap.server.command"]["default"] == "journeymap"
    assert declared["journeymap.server.args"]["default"] == ["lsp"]


def test_the_grammar_colouring_is_still_contributed() -> None:
    languages = MANIFEST["contributes"]["languages"]
    assert [lang["extensions"] for lang in languages] == [[".journey"]]
    grammars = {g["scopeName"]: g["path"] for g in MANIFEST["contributes"]["grammars"]}
    assert grammars["source.journey"] == "./syntaxes/journey.tmLanguage.json"
    assert all((VSCODE / path).is_file() for path in grammars.values())


_VSCODE_STUB = """
const settings = JSON.parse(process.env.JM_SETTINGS);
const lines = [];
global.__outputLines = lines;
module.exports = {
  workspace: { getConfiguration: (section) => ({
    get: (key, fallback) => {
      const name = section + "." + key;
      return name in settings ? settings[name] : fallback;
    },
  }) },
  window: { createOutputChannel: () => ({ appendLine: (line) => lines.push(line), dispose() {} }) },
};
"""

_CLIENT_STUB = """
global.__clients = [];
class LanguageClient {
  constructor(id, name, server, options) {
    this.record = { id, name, server, options, started: false };
    global.__clients.push(this.record);
  }
  start() { this.record.started = true; return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}
module.exports = { LanguageClient };
"""

_RUN = """
const extension = require(process.argv[2]);
const context = { subscriptions: [] };
extension.activate(context);
console.log(JSON.stringify({ clients: global.__clients || [], output: global.__outputLines }));
"""


def activate(tmp_path: Path, settings: dict[str, Any], *, with_client: bool) -> dict[str, Any]:
    """Run `activate` under Node with stand-in modules; what it created and wrote."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    modules = tmp_path / "node_modules"
    (modules / "vscode").mkdir(parents=True)
    (modules / "vscode" / "index.js").write_text(_VSCODE_STUB, encoding="utf-8")
    if with_client:
        (modules / "vscode-languageclient").mkdir()
        (modules / "vscode-languageclient" / "node.js").write_text(_CLIENT_STUB, encoding="utf-8")
    run = tmp_path / "run.js"
    run.write_text(_RUN, encoding="utf-8")
    done = subprocess.run(
        [node, str(run), str(VSCODE / "extension.js")],
        capture_output=True,
        text=True,
        check=True,
        env={"NODE_PATH": str(modules), "JM_SETTINGS": json.dumps(settings), "PATH": ""},
        timeout=60,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def journeymap_command() -> str:
    """The journeymap console script of the environment running the tests."""
    script = Path(sys.executable).parent / "journeymap"
    if not script.exists():
        pytest.skip("no journeymap console script beside this Python")
    return str(script)


def test_the_client_starts_journeymap_lsp_with_the_command_of_the_setting(
    tmp_path: Path,
) -> None:
    command = journeymap_command()
    found = activate(tmp_path, {"journeymap.server.command": command}, with_client=True)
    (client,) = found["clients"]
    assert client["server"]["run"] == {"command": command, "args": ["lsp"]}
    assert client["started"] is True
    assert {"scheme": "file", "language": "journey"} in client["options"]["documentSelector"]
    assert client["options"]["initializationOptions"] == {}
    rooted = activate(
        tmp_path / "b",
        {"journeymap.server.command": command, "journeymap.server.root": "/srv/maps"},
        with_client=True,
    )
    assert rooted["clients"][0]["options"]["initializationOptions"] == {"root": "/srv/maps"}


def test_without_the_command_nothing_starts_and_the_output_says_how_to_install(
    tmp_path: Path,
) -> None:
    missing = str(tmp_path / "no-such" / "journeymap")
    found = activate(tmp_path, {"journeymap.server.command": missing}, with_client=True)
    assert found["clients"] == []
    assert any("pip install 'journeymap[lsp]'" in line for line in found["output"])


def test_without_the_client_module_the_extension_still_activates(tmp_path: Path) -> None:
    found = activate(tmp_path, {}, with_client=False)
    assert found == {"clients": [], "output": []}


def test_the_setting_can_turn_the_server_off(tmp_path: Path) -> None:
    command = journeymap_command()
    settings = {"journeymap.server.command": command, "journeymap.server.enabled": False}
    assert activate(tmp_path, settings, with_client=True)["clients"] == []
