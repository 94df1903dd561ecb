"""Hover, go to definition, references and the outline, over stdio, across includes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeymap.lsp.keyword_docs import MEANINGS
from tests.lsp.client import Client, file_uri
from tests.lsp.conftest import MAIN, SHARED


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """0-based line and character of the first `needle` in `text` (plus `offset`)."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def hover(client: Client, uri: str, text: str, needle: str, offset: int = 1) -> str | None:
    line, character = position(text, needle, offset)
    result = client.request("textDocument/hover", client.at(uri, line, character))
    return None if result is None else str(result["contents"]["value"])


def spans(locations: list[dict[str, Any]]) -> list[tuple[str, int, int, int]]:
    return sorted(
        (
            loc["uri"],
            loc["range"]["start"]["line"],
            loc["range"]["start"]["character"],
            loc["range"]["end"]["character"],
        )
        for loc in locations
    )


def opened(client: Client, path: Path) -> str:
    uri = client.open(path)
    client.diagnostics(uri)
    return uri


def test_hover_on_a_persona_gives_its_name_and_role(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    shown = hover(client, uri, MAIN, "persona=maya", len("persona=") + 1)
    assert shown is not None
    assert "Maya Chen" in shown and "First-time saver, 24" in shown


def test_hover_on_a_step_gives_its_stage_and_name(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    shown = hover(client, uri, MAIN, "review -> form", len("review -> ") + 1)
    assert shown is not None
    assert "Fills in the online form" in shown and "apply" in shown and "Apply" in shown


def test_hover_on_a_touchpoint_gives_its_channel(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    shown = hover(client, uri, MAIN, "web_form")
    assert shown is not None
    assert "Renewal form" in shown and "gov_site" in shown and "Government website" in shown


def test_hover_on_a_keyword_gives_its_meaning_from_the_docs(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    for keyword in ("touchpoint", "backstage", "persona", "emotion"):
        shown = hover(client, uri, MAIN, keyword)
        assert shown == f"`{keyword}`: {MEANINGS[keyword]}"
    assert hover(client, uri, MAIN, "online form") is None  # plain text names nothing


def test_definition_of_an_id_declared_in_an_include(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    line, character = position(MAIN, "channel=gov_site", len("channel=") + 2)
    found = client.request("textDocument/definition", client.at(uri, line, character))
    shared = file_uri(journey.parent / "parts" / "shared.journey")
    assert spans(found) == [(shared, 0, len("channel "), len("channel gov_site"))]


def test_definition_of_a_flow_end_and_of_a_step_without_an_id(
    client: Client, journey: Path
) -> None:
    text = MAIN + "pays-the-fee -> review\n"
    journey.write_text(text, encoding="utf-8")
    uri = opened(client, journey)
    line, character = position(text, "review -> form", 1)
    found = client.request("textDocument/definition", client.at(uri, line, character))
    declared = position(text, "review: Officer")
    assert spans(found) == [(uri, *declared, declared[1] + len("review"))]
    line, character = position(text, "pays-the-fee ->", 1)
    found = client.request("textDocument/definition", client.at(uri, line, character))
    step = position(text, "step: Pays")
    assert spans(found) == [(uri, *step, step[1] + len("step"))]  # the automatic ID's keyword


def occurrences(text: str, needle: str, offset: int, length: int) -> list[tuple[int, int, int]]:
    """(line, start, end) of the `length` characters at `offset` in every `needle` of `text`."""
    found, at = [], text.find(needle)
    while at >= 0:
        line = text.count("\n", 0, at + offset)
        character = at + offset - (text.rfind("\n", 0, at + offset) + 1)
        found.append((line, character, character + length))
        at = text.find(needle, at + 1)
    return found


def test_references_across_includes(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    shared_path = journey.parent / "parts" / "shared.journey"
    shared = file_uri(shared_path)
    uses = [(uri, *span) for span in occurrences(MAIN, "owner=digital", 6, 7)]
    assert len(uses) == 2
    declaration = [(shared, *span) for span in occurrences(SHARED, "team digital", 5, 7)]
    line, character = position(MAIN, "owner=digital", len("owner=") + 1)
    params = {**client.at(uri, line, character), "context": {"includeDeclaration": True}}
    assert spans(client.request("textDocument/references", params)) == sorted(declaration + uses)
    params["context"] = {"includeDeclaration": False}
    assert spans(client.request("textDocument/references", params)) == sorted(uses)


def test_references_of_a_persona_and_a_flow_end(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    line, character = position(MAIN, "persona maya", len("persona ") + 1)
    params = {**client.at(uri, line, character), "context": {"includeDeclaration": False}}
    assert spans(client.request("textDocument/references", params)) == [
        (uri, *position(MAIN, "maya]", 0), position(MAIN, "maya]")[1] + 4)
    ]
    line, character = position(MAIN, "step form", len("step ") + 1)
    params = {**client.at(uri, line, character), "context": {"includeDeclaration": False}}
    assert spans(client.request("textDocument/references", params)) == [
        (uri, *position(MAIN, "form: Asks", 0), position(MAIN, "form: Asks")[1] + 4)
    ]


def test_the_outline_has_personas_stages_and_their_steps(client: Client, journey: Path) -> None:
    uri = opened(client, journey)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    outline = [
        (s["name"], s["kind"], [(c["name"], c["kind"]) for c in s.get("children") or []])
        for s in symbols
    ]
    assert outline == [
        ("Maya Chen", 5, []),
        ("Apply", 3, [("Fills in the online form", 12), ("Pays the fee", 12)]),
    ]
    stage = symbols[1]
    assert stage["selectionRange"]["start"] == {"line": 4, "character": 6}  # `apply`
    assert stage["range"]["start"]["line"] == 4
    assert stage["range"]["end"]["line"] >= 10  # the stage runs over its steps
