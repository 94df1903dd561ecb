"""Completion over stdio: keywords by block, attribute keys and values, IDs, flow ends, themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeymap.language.resources import theme_names
from tests.lsp.client import Client
from tests.lsp.conftest import MAIN


def complete(client: Client, path: Path, text: str, marker: str = "|") -> dict[str, Any]:
    """Open `text` (with `|` where the cursor is) and ask for completions there."""
    before, after = text.split(marker)
    line = before.count("\n")
    character = len(before) - (before.rfind("\n") + 1)
    uri = client.open(path, before + after)
    client.diagnostics(uri)
    result = client.request("textDocument/completion", client.at(uri, line, character))
    return dict(result)


def labels(result: dict[str, Any]) -> list[str]:
    return [item["label"] for item in result["items"]]


def edits(result: dict[str, Any]) -> dict[str, tuple[int, int, str]]:
    """label → (start character, end character, new text) of each item's edit."""
    return {
        item["label"]: (
            item["textEdit"]["range"]["start"]["character"],
            item["textEdit"]["range"]["end"]["character"],
            item["textEdit"]["newText"],
        )
        for item in result["items"]
    }


def test_keywords_at_the_start_of_a_line_in_a_step(client: Client, journey: Path) -> None:
    text = MAIN.replace("    emotion: -1 Tedious", "    pa|\n    emotion: -1 Tedious")
    found = complete(client, journey, text)
    names = labels(found)
    assert {"touchpoint", "emotion", "pain", "think", "backstage", "opportunity"} <= set(names)
    assert "role" not in names  # a persona's line, not a step's
    assert edits(found)["pain"] == (4, 6, "pain")  # replaces the typed `pa`
    by_label = {item["label"]: item for item in found["items"]}
    assert by_label["pain"]["detail"] == "a pain point at a step"
    # The step's own keywords sort before the document-wide ones.
    assert by_label["pain"]["sortText"] < by_label["journey"]["sortText"]


def test_keywords_in_a_persona_block(client: Client, journey: Path) -> None:
    text = MAIN.replace("  role: First-time saver, 24\n", "  role: First-time saver, 24\n  |\n")
    names = labels(complete(client, journey, text))
    assert {"role", "goal", "need", "frustration", "quote", "stage", "step"} <= set(names)
    assert "touchpoint" not in names and "pain" not in names


def test_attribute_keys_inside_an_auto_closed_bracket(client: Client, journey: Path) -> None:
    text = MAIN.replace("Payment page [channel=gov_site]", "Payment page [channel=gov_site, |]")
    found = complete(client, journey, text)
    names = labels(found)
    assert {"kind", "tier", "phase", "owner", "assumption"} <= set(names)
    assert "channel" not in names  # already given on this line
    assert edits(found)["tier"][2] == "tier="
    assert edits(found)["assumption"][2] == "assumption"  # a flag takes no value


def test_attribute_keys_of_a_step(client: Client, journey: Path) -> None:
    text = MAIN.replace("step: Pays the fee", "step: Pays the fee [mo|]")
    found = complete(client, journey, text)
    assert set(labels(found)) == {"persona", "moment-of-truth", "fail-point", "assumption"}
    start, end, _ = edits(found)["moment-of-truth"]
    assert end - start == 2


def test_word_list_values(client: Client, journey: Path) -> None:
    for key, words in (
        ("kind", ["digital", "physical", "human"]),
        ("tier", ["primary", "secondary", "tertiary"]),
        ("phase", ["before", "during", "after"]),
    ):
        text = MAIN.replace("Payment page [channel=gov_site]", f"Payment page [{key}=|]")
        assert labels(complete(client, journey, text)) == words, key
    text = MAIN.replace(
        "Tedious [persona=maya]", "Tedious [persona=maya]\n    opportunity: X [priority=h|]"
    )
    found = complete(client, journey, text)
    assert labels(found) == ["high", "medium", "low"]
    assert edits(found)["high"][1] - edits(found)["high"][0] == 1


def test_declared_ids_after_persona_channel_and_owner(client: Client, journey: Path) -> None:
    text = MAIN.replace("Tedious [persona=maya]", "Tedious [persona=|]")
    assert labels(complete(client, journey, text)) == ["maya"]
    text = MAIN.replace("[channel=gov_site]", "[channel=|]")
    assert labels(complete(client, journey, text)) == ["gov_site"]  # declared in the include
    text = MAIN.replace("[channel=gov_site]", "[owner=d|]")
    assert labels(complete(client, journey, text)) == ["digital"]


def test_several_personas_inside_quotes(client: Client, journey: Path) -> None:
    text = MAIN.replace(
        "persona maya: Maya Chen", "persona maya: Maya Chen\npersona leo: Leo"
    ).replace("Tedious [persona=maya]", 'Tedious [persona="maya, |"]')
    assert labels(complete(client, journey, text)) == ["leo", "maya"]


def test_a_persona_declared_a_moment_ago_is_offered(client: Client, journey: Path) -> None:
    uri = client.open(journey)
    client.diagnostics(uri)
    # Declared by an edit just now, before the server checked it again.
    at = {"line": 2, "character": 0}
    client.change(uri, [{"range": {"start": at, "end": at}, "text": "persona ana: Ana\n"}])
    line = MAIN.splitlines().index("    emotion: -1 Tedious [persona=maya]") + 1
    column = len("    emotion: -1 Tedious [persona=")
    found = client.request("textDocument/completion", client.at(uri, line, column))
    assert sorted(labels(found)) == ["ana", "maya"]


def test_flow_ends(client: Client, journey: Path) -> None:
    text = MAIN.replace("review -> form: Asks for a new photo", "review -> |")
    names = labels(complete(client, journey, text))
    # Steps (explicit and automatic IDs), touchpoints and lane items; no personas or teams.
    assert {"form", "pays-the-fee", "web_form", "review"} <= set(names)
    assert "maya" not in names and "digital" not in names and "apply" not in names


def test_theme_names(client: Client, journey: Path) -> None:
    text = MAIN.replace("journey: Renew a passport\n", "journey: Renew a passport\ntheme: |\n")
    assert labels(complete(client, journey, text)) == theme_names()
    assert "dark" in theme_names()


def test_nothing_inside_free_text(client: Client, journey: Path) -> None:
    text = MAIN.replace("Fills in the online form", "Fills in the on|line form")
    assert labels(complete(client, journey, text)) == []
