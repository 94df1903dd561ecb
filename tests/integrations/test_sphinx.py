"""The Sphinx extension, tested with a real `sphinx-build -b html` of a small project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.integrations import diagrams
from journeymap.integrations.diagrams import DiagramOptions
from tests.integrations.conftest import BROKEN, JOURNEY, run_tool

pytest.importorskip("sphinx", reason="Sphinx is not installed (pip install -e '.[test]')")
pytest.importorskip("myst_parser", reason="myst-parser is not installed")

pytestmark = pytest.mark.slow

CONF = """extensions = ["myst_parser", "journeymap.integrations.sphinx_ext"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
"""


def _indent(text: str) -> str:
    return "".join(f"   {line}\n" for line in text.splitlines())


INDEX = f"""Journeys
========

.. toctree::

   myst

Inline:

.. journey::

{_indent(JOURNEY)}
From a file, with options:

.. journey:: maps/passport.journey
   :view: blueprint
   :theme: dark
   :alt: The passport blueprint
   :caption: Renewing a passport, behind the scenes
   :align: center
   :name: passport-blueprint
   :class: wide

See :ref:`passport-blueprint`.
"""

MYST = f"""# MyST

```{{journey}}
:view: map
{JOURNEY}```

:::{{journey}} maps/passport.journey
:::
"""


def _project(root: Path, index: str = INDEX) -> Path:
    src = root / "src"
    (src / "maps").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(index, encoding="utf-8")
    (src / "myst.md").write_text(MYST, encoding="utf-8")
    (src / "maps" / "passport.journey").write_text(JOURNEY, encoding="utf-8")
    (src / "conf.py").write_text(CONF + 'myst_enable_extensions = ["colon_fence"]\n')
    return src


def _build(src: Path, *flags: str) -> tuple[int, str]:
    done = run_tool(["-m", "sphinx", "-b", "html", "-q", *flags, str(src), "out"], src.parent)
    return done.returncode, done.stdout + done.stderr


def _expected_name(text: str, view: str, theme: str | None = None) -> str:
    compiled = diagrams.compile_source(text, document=Path("x.rst"))
    loaded = diagrams._load_theme(theme, None, Path.cwd(), None)
    key = diagrams.diagram_key(compiled, DiagramOptions(view=view, theme=theme), loaded)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    return f"journey-{key[:16]}.svg"


def test_build_writes_content_named_images_with_alt_text(tmp_path: Path) -> None:
    src = _project(tmp_path)
    code, log = _build(src, "-W", "-j", "2")
    assert code == 0, log
    out = tmp_path / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    images = sorted(p.name for p in (out / "_images").glob("journey-*.svg"))
    # The map (inline here and in MyST, same content: one file) and the dark blueprint.
    assert images == sorted(
        {_expected_name(JOURNEY, "map"), _expected_name(JOURNEY, "blueprint", "dark")}
    )
    tags = re.findall(r"<img [^>]*>", index)
    assert len(tags) == 2
    inline = tags[0]
    assert f'src="_images/{_expected_name(JOURNEY, "map")}"' in inline
    assert 'alt="Journey map: Renew a passport. Stages: Apply (1 step); Wait (1 step).' in inline
    blueprint = tags[1]
    assert 'alt="The passport blueprint"' in blueprint and 'class="journeymap wide"' in blueprint
    assert "Renewing a passport, behind the scenes" in index
    assert 'id="passport-blueprint"' in index and "align-center" in index
    svg = (out / "_images" / images[0]).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<desc id=" in svg
    myst = (out / "myst.html").read_text(encoding="utf-8")
    assert myst.count(f'src="_images/{_expected_name(JOURNEY, "map")}"') == 2


def test_drawings_are_cached_in_the_doctree_directory_and_checked(tmp_path: Path) -> None:
    src = _project(tmp_path)
    assert _build(src)[0] == 0
    cached = sorted((tmp_path / "out" / ".doctrees" / "journeymap").glob("*.diagram"))
    assert len(cached) == 2  # the map and the dark blueprint
    for path in cached:
        header, _, body = path.read_bytes().partition(b"\n")
        path.write_bytes(header + b"\n" + body.replace(b"Renew a passport", b"PLANTED"))
    for image in (tmp_path / "out" / "_images").glob("journey-*.svg"):
        image.unlink()
    code, log = _build(src, "-E")  # every document read again
    assert code == 0, log
    images = list((tmp_path / "out" / "_images").glob("journey-*.svg"))
    assert len(images) == 2
    assert not any("PLANTED" in p.read_text(encoding="utf-8") for p in images)


def test_broken_directive_warns_with_the_document_line(tmp_path: Path) -> None:
    index = "Page\n====\n\n.. journey::\n\n" + _indent(BROKEN)
    src = _project(tmp_path, index)
    code, log = _build(src)
    assert code == 0, log
    # The bad line `pian: Slow` is line 9 of index.rst.
    assert re.search(r"index\.rst:9:\d+: error\[E101\]: unknown keyword `pian`", log), log
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "pian" in page and "Slow" in page and "<img" not in page  # the source instead
    code, log = _build(src, "-W", "-E")  # -E: read again, or nothing warns
    assert code != 0 and "E101" in log


def test_setup_declares_parallel_safety() -> None:
    from journeymap.integrations import sphinx_ext

    class App:
        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: None

    meta = sphinx_ext.setup(App())  # type: ignore[arg-type]
    assert meta["parallel_read_safe"] is True and meta["parallel_write_safe"] is True
