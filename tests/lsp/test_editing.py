"""Formatting (exactly `journeymap fmt`) and quick fixes (did-you-mean), over stdio."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.lsp.client import Client

MESSY = """\
journey:   Order a coffee   # the title
stage order:Order
step pay: Pays [tier=primary,persona=sam]
        touchpoint: Checkout [tier=primary, kind=digital]
   pain: Slow


pay -> pay
"""

MISSPELT = """\
journey: Order a coffee
persona sam: Sam
channel app: App [kind=digital]
stage order: Order
  step pay: Pays [persona=sma]
    touchpoint: Checkout [channel=app, kind=digitl]
    touchpoint: Counter [channel=ap]
    pian: Slow
    opportunity: Faster [prority=high]
pay -> pya
"""


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """`text` with LSP text edits applied (positions in characters; last edit first)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(pos: dict[str, int]) -> int:
        return min(offsets[pos["line"]] + pos["character"], len(text))

    ordered = sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True)
    for edit in ordered:
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def fmt(text: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "fmt", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def test_formatting_gives_exactly_what_fmt_writes(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    uri = client.open(path, MESSY)
    client.diagnostics(uri)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True}},
    )
    formatted = apply(MESSY, edits)
    assert formatted == fmt(MESSY)
    assert formatted != MESSY
    # Formatting formatted text changes nothing.
    client.replace_all(uri, formatted)
    again = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True}},
    )
    assert again == []


def test_formatting_text_with_syntax_errors_changes_nothing(client: Client, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "map.journey", 'journey: T\npain: "unterminated\n')
    client.diagnostics(uri)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True}},
    )
    assert not edits


def test_each_did_you_mean_is_a_quick_fix(client: Client, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "map.journey", MISSPELT)
    diagnostics = client.diagnostics(uri)
    fixes: dict[str, str] = {}
    for diagnostic in diagnostics:
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            },
        )
        for action in actions:
            assert action["kind"] == "quickfix"
            (edits,) = action["edit"]["changes"].values()
            line = apply(MISSPELT, edits).split("\n")[diagnostic["range"]["start"]["line"]]
            fixes[diagnostic["code"] + " " + action["title"]] = line.strip()
    assert fixes == {
        "E101 Change to `pain`": "pain: Slow",
        "E201 Change to `priority`": "opportunity: Faster [priority=high]",
        "E202 Change to `digital`": "touchpoint: Checkout [channel=app, kind=digital]",
        "W101 Change to `sam`": "step pay: Pays [persona=sam]",
        "W101 Change to `app`": "touchpoint: Counter [channel=app]",
        "E302 Change to `pay`": "pay -> pay",
    }
    # A diagnostic without a suggestion has no quick fix.
    client.replace_all(uri, MISSPELT.replace("pian: Slow", "qqqqqqqq: Slow"))
    (unknown,) = [d for d in client.diagnostics(uri) if d["code"] == "E101"]
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": unknown["range"],
            "context": {"diagnostics": [unknown]},
        },
    )
    assert actions == []
