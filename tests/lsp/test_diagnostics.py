"""Diagnostics over stdio: check's own, as you type, latest version only, across includes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.lsp.client import Client, file_uri

WARNINGS_ONLY = """\
journey: Order a coffee
persona sam: Sam
stage order: Order
  step pay: Pays [persona=sab]
    touchpoint: Checkout [channel=app]
    emotion: -1 Annoyed
    pain: The card form asks for the address again
"""

ERRORS = """\
journey: Order a coffee
stage order: Order
  step pay: Pays
    touchpoint: Checkout [kind=digitl, tier=gold]
    pian: Slow
    emotion: +5 Thrilled
pay -> nowhere: Hands over
"""


def check_json(path: Path, *args: str) -> list[dict[str, Any]]:
    """What `journeymap check --diagnostics json` says about `path`."""
    done = subprocess.run(
        [sys.executable, "-m", "journeymap", "check", "--diagnostics", "json", *args, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return list(json.loads(done.stdout))


def as_check(diagnostics: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    """Server diagnostics in check's terms: severity, code, 1-based line and column, message."""
    severities = {1: "error", 2: "warning"}
    return [
        (
            severities[d["severity"]],
            d["code"],
            d["range"]["start"]["line"] + 1,
            d["range"]["start"]["character"] + 1,
            d["range"]["end"]["character"] - d["range"]["start"]["character"],
            d["message"],
        )
        for d in diagnostics
    ]


def from_check(diagnostics: list[dict[str, Any]]) -> list[tuple[object, ...]]:
    return [
        (d["severity"], d["code"], d["line"], d["column"], d["length"], d["message"])
        for d in diagnostics
    ]


def test_warnings_are_checks_own(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    path.write_text(WARNINGS_ONLY, encoding="utf-8")
    expected = from_check(check_json(path))
    assert {code for _, code, *_ in expected} >= {"W101"}
    assert any(str(code).startswith("W2") for _, code, *_ in expected)  # the linter's too
    uri = client.open(path)
    assert as_check(client.diagnostics(uri)) == expected


def test_errors_are_checks_own_and_carry_their_hints(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    path.write_text(ERRORS, encoding="utf-8")
    checked = check_json(path)
    assert {d["code"] for d in checked} >= {"E101", "E202"}
    uri = client.open(path)
    published = client.diagnostics(uri)
    assert as_check(published) == from_check(checked)
    assert [d["data"]["hint"] for d in published] == [d["hint"] for d in checked]
    assert all(d["source"] == "journeymap" for d in published)


def test_typing_updates_the_diagnostics_for_the_latest_version_only(
    client: Client, tmp_path: Path
) -> None:
    path = tmp_path / "map.journey"
    path.write_text(WARNINGS_ONLY, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri)
    # Type `pian` one character at a time, in quick succession, at the end.
    line = WARNINGS_ONLY.count("\n")
    version = 0
    for n, char in enumerate("    pian: x"):
        at = {"line": line, "character": n}
        version = client.change(uri, [{"range": {"start": at, "end": at}, "text": char}])
    published = client.diagnostics(uri)
    codes = [(d["code"], d["range"]["start"]["line"]) for d in published]
    assert ("E101", line) in codes
    path.write_text(WARNINGS_ONLY + "    pian: x", encoding="utf-8")
    assert as_check(published) == from_check(check_json(path))
    # Fixing the line clears the error: no stale diagnostic stays up.
    fixed = client.replace_all(uri, WARNINGS_ONLY)
    assert "E101" not in {d["code"] for d in client.diagnostics(uri, fixed)}
    assert version > 1


def test_only_the_last_of_quick_changes_is_published(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    path.write_text(WARNINGS_ONLY, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri)
    versions = [client.replace_all(uri, WARNINGS_ONLY + f"    pian{n}: x\n") for n in range(5)]
    message = client.notifications.get(timeout=30)
    while message["method"] != "textDocument/publishDiagnostics":
        message = client.notifications.get(timeout=30)
    assert message["params"]["version"] == versions[-1]
    assert "`pian4`" in message["params"]["diagnostics"][-1]["message"]


def test_an_error_in_an_included_file_is_reported_on_the_include_line(
    client: Client, journey: Path
) -> None:
    shared = journey.parent / "parts" / "shared.journey"
    shared.write_text("channel gov_site: Government website [kind=digitl]\n", encoding="utf-8")
    uri = client.open(journey)
    published = client.diagnostics(uri)
    on_include = [d for d in published if d["code"] == "E202"]
    assert len(on_include) == 1
    assert on_include[0]["range"]["start"]["line"] == 1  # include "parts/shared.journey"
    assert on_include[0]["message"].startswith("parts/shared.journey:1:")
    checked = [d for d in check_json(journey) if d["code"] == "E202"]
    assert on_include[0]["message"].endswith(checked[0]["message"])


def test_an_error_in_an_open_included_file_is_shown_in_that_file_too(
    client: Client, journey: Path
) -> None:
    # Two files each fine alone, but they declare the same ID: only the
    # including file's check can see it, and the included file shows it too.
    shared = journey.parent / "parts" / "shared.journey"
    shared.write_text("channel gov_site: Website [kind=digital]\nteam ops: Ops again\n")
    journey.write_text("team ops: Operations\n" + journey.read_text(encoding="utf-8"))
    shared_uri = client.open(shared)
    assert client.diagnostics(shared_uri) == []
    uri = client.open(journey)
    in_main = [d for d in client.diagnostics(uri) if d["code"] == "E301"]
    assert [d["range"]["start"]["line"] for d in in_main] == [2]  # the include line
    in_shared = client.diagnostics(shared_uri)
    assert [(d["code"], d["range"]["start"]["line"]) for d in in_shared] == [("E301", 1)]


def test_includes_resolve_below_the_root_given_in_the_initialization_options(
    tmp_path: Path,
) -> None:
    (tmp_path / "shared.journey").write_text("channel web: Website [kind=digital]\n")
    (tmp_path / "maps").mkdir()
    main = tmp_path / "maps" / "map.journey"
    main.write_text(
        'journey: T\ninclude "../shared.journey"\nstage s: S\n  step a: A\n'
        "    touchpoint: Page [channel=web]\n",
        encoding="utf-8",
    )
    # Without a root, the file's own directory is the root, as for `check`.
    plain = Client()
    try:
        plain.initialize()
        codes = [d["code"] for d in plain.diagnostics(plain.open(main))]
        assert codes == [d["code"] for d in check_json(main)]
        assert "E402" in codes
    finally:
        plain.kill()
    rooted = Client()
    try:
        rooted.initialize({"root": str(tmp_path)})
        published = rooted.diagnostics(rooted.open(main))
        assert as_check(published) == from_check(check_json(main, "--root", str(tmp_path)))
        assert "E402" not in [d["code"] for d in published]
    finally:
        rooted.kill()


def test_closing_a_document_clears_its_diagnostics(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "map.journey"
    path.write_text(ERRORS, encoding="utf-8")
    uri = client.open(path)
    assert client.diagnostics(uri)
    client.notify("textDocument/didClose", {"textDocument": {"uri": file_uri(path)}})
    assert client.diagnostics(uri) == []


def test_saving_an_included_file_rechecks_the_files_that_include_it(
    client: Client, journey: Path
) -> None:
    shared = journey.parent / "parts" / "shared.journey"
    shared.write_text("channel gov_site: Government website [kind=digitl]\n", encoding="utf-8")
    uri = client.open(journey)
    assert "E202" in [d["code"] for d in client.diagnostics(uri)]
    shared_uri = client.open(shared)
    client.diagnostics(shared_uri)
    fixed = "channel gov_site: Government website [kind=digital]\nteam digital: Digital\n"
    client.replace_all(shared_uri, fixed)
    shared.write_text(fixed, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": shared_uri}})
    # The including file is checked again: its include line is clean now.
    while True:
        published = client.diagnostics(uri)
        if "E202" not in [d["code"] for d in published]:
            break
    assert as_check(published) == from_check(check_json(journey))


def test_an_unsaved_buffer_without_a_file_is_checked_too(client: Client) -> None:
    uri = "untitled:Untitled-1"
    client.versions[uri] = 1
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri,
                "languageId": "journey",
                "version": 1,
                "text": "journey: T\nstage s: S\n  step a: A\n    pian: x\n",
            }
        },
    )
    assert [d["code"] for d in client.diagnostics(uri)] == ["E101"]
