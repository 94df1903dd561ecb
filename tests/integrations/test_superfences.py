"""The SuperFences custom fence, tested with real Python-Markdown and pymdownx.superfences."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from journeymap.integrations.superfences import fence_format, fence_validator
from tests.integrations.conftest import BROKEN, JOURNEY, run_tool

markdown = pytest.importorskip("markdown", reason="Python-Markdown is not installed")
pytest.importorskip("pymdownx.superfences", reason="pymdown-extensions is not installed")

pytestmark = pytest.mark.slow

CONFIG = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "journey",
                "class": "journey",
                "validator": fence_validator,
                "format": fence_format,
            }
        ]
    }
}


def _html(text: str) -> str:
    return str(
        markdown.markdown(text, extensions=["pymdownx.superfences"], extension_configs=CONFIG)
    )


def test_fence_becomes_inline_svg() -> None:
    page = _html(f'# T\n\n```journey\n{JOURNEY}```\n\n```journey view="blueprint"\n{JOURNEY}```\n')
    assert page.count('<div class="journeymap journey"><svg') == 2
    prefixes = re.findall(r'aria-describedby="(jm-[0-9a-f]{10})-desc"', page)
    assert len(set(prefixes)) == 2
    assert "Journey map: Renew a passport." in page
    assert "Service blueprint: Renew a passport." in page


def test_render_false_shows_the_source() -> None:
    page = _html('```journey render="false"\njourney: A & B\n```\n')
    assert "<svg" not in page
    assert '<pre class="journey"><code>journey: A &amp; B' in page


def test_broken_fence_warns_and_shows_the_source(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        page = _html(f"```journey\n{BROKEN}```\n")
    assert "<svg" not in page and "pian: Slow" in page
    assert "<journey fence>:4:5: error[E101]: unknown keyword `pian`" in caplog.text


def test_bad_option_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        page = _html(f'```journey view="nope"\n{JOURNEY}```\n')
    assert "<svg" not in page and "error[E705]: unknown view `nope`" in caplog.text


def test_manual_setup_in_a_real_mkdocs_build(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="MkDocs is not installed")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# T\n\n```journey\n{JOURNEY}```\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        """site_name: Test
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: journey
          class: journey
          validator: !!python/name:journeymap.integrations.superfences.fence_validator
          format: !!python/name:journeymap.integrations.superfences.fence_format
""",
        encoding="utf-8",
    )
    done = run_tool(["-m", "mkdocs", "build", "--strict"], tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<div class="journeymap journey"><svg' in page
    # A broken fence is a warning, which --strict turns into a failed build.
    (docs / "index.md").write_text(f"# T\n\n```journey\n{BROKEN}```\n", encoding="utf-8")
    done = run_tool(["-m", "mkdocs", "build", "--strict"], tmp_path)
    assert done.returncode != 0 and "E101" in done.stderr
