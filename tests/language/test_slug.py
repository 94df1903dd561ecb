"""Automatic IDs: the ASCII fast path of `slug` gives what the per-character rule gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeymap.language.values import _slug_by_character, slug


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_ascii_path_equals_the_character_rule(name: str) -> None:
    by_character = _slug_by_character(name.lower())
    expected = by_character or "step"
    if by_character and by_character[0].isdigit():
        expected = f"step-{by_character}"
    assert slug(name, "step") == expected


def test_examples_from_the_language_guide() -> None:
    assert slug("Sees an Instagram ad!", "step") == "sees-an-instagram-ad"
    assert slug("1st visit", "stage") == "stage-1st-visit"
    assert slug("  --Pays £20 (card)  ", "step") == "pays-20-card"
    assert slug("Zahlt für Café", "step") == "zahlt-für-café"
    assert slug("???", "step") == "step"
