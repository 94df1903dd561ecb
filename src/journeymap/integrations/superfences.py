"""Custom fences for pymdownx.superfences: ```journey blocks drawn as inline SVG.

For sites that configure SuperFences by hand rather than use the MkDocs
plugin (see docs/integrations.md):

    custom_fences:
      - name: journey
        class: journey
        validator: !!python/name:journeymap.integrations.superfences.fence_validator
        format: !!python/name:journeymap.integrations.superfences.fence_format

Options are those of the plugin (`view`, `theme`, `render`). Includes and
relative theme paths resolve from the current directory: SuperFences does
not say which page a fence is on.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from journeymap.integrations.diagrams import (
    DiagramCache,
    DiagramError,
    DiagramOptions,
    draw_source,
    parse_options,
    svg_for_page,
)

# Under `mkdocs.`, so that `mkdocs build --strict` counts the warning and fails.
log = logging.getLogger("mkdocs.plugins.journeymap.superfences")

_DISPLAY = "<journey fence>"
# In memory only: SuperFences does not say where the site is built, so there
# is no build directory of its own to keep drawings in between builds.
_cache = DiagramCache(None)


def fence_validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, str],
    attrs: dict[str, str],
    md: Any,
) -> bool:
    """Accept every option: `fence_format` checks them, so a typo is an error, not plain code."""
    options.update(inputs)
    return True


def fence_format(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, str],
    md: Any,
    **kwargs: Any,
) -> str:
    """The fence as `<div class="journeymap">` holding the SVG, or its source on `render=false`.

    A journey that cannot be drawn logs a warning with the diagnostics and
    shows its source.
    """
    try:
        parsed = parse_options(options, DiagramOptions(), _DISPLAY)
        if not parsed.render:
            return _source_block(source, css_class)
        diagram = draw_source(
            source,
            parsed,
            document=Path.cwd() / "fence.md",
            display=_DISPLAY,
            root=Path.cwd(),
            cache=_cache,
        )
    except DiagramError as error:
        log.warning("cannot draw a journey diagram:\n%s", error.text)
        return _source_block(source, css_class)
    classes = "journeymap" if css_class in ("", "journeymap") else f"journeymap {css_class}"
    return f'<div class="{html.escape(classes)}">{svg_for_page(diagram)}</div>'


def _source_block(source: str, css_class: str) -> str:
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    return f"<pre{cls}><code>{html.escape(source)}</code></pre>"
