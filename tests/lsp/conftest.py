"""Fixtures for the language server tests: a running server, and a small journey on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lsp.client import Client

MAIN = """\
journey: Renew a passport
include "parts/shared.journey"
persona maya: Maya Chen
  role: First-time saver, 24
stage apply: Apply
  step form: Fills in the online form
    touchpoint web_form: Renewal form [channel=gov_site, tier=primary, owner=digital]
    emotion: -1 Tedious [persona=maya]
    backstage review: Officer reviews it [owner=digital]
  step: Pays the fee
    touchpoint: Payment page [channel=gov_site]
review -> form: Asks for a new photo
"""

SHARED = """\
channel gov_site: Government website [kind=digital]
team digital: Digital service team
"""


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    """map.journey including parts/shared.journey, with no problems."""
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "shared.journey").write_text(SHARED, encoding="utf-8")
    main = tmp_path / "map.journey"
    main.write_text(MAIN, encoding="utf-8")
    return main


@pytest.fixture
def client() -> Iterator[Client]:
    """A started and initialized server, stopped (or killed) after the test."""
    started = Client()
    started.initialize()
    yield started
    started.kill()
