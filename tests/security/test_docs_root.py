"""The MkDocs plugin and the Sphinx directive read only files inside the docs root.

A docs page is pull-request content: an image, a directive argument, a
fence's `theme=` or a journey's own `theme:` naming a file outside the docs
root (or a symbolic link leading out) is refused unread, with a warning that
quotes nothing. A cached SVG is inlined only when the cache itself wrote it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from journeymap.integrations import diagrams
from journeymap.integrations.diagrams import DiagramCache, DiagramError, DiagramOptions
from tests.integrations.conftest import JOURNEY, run_tool

SECRET = "hunter2-SECRET-token"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """`tmp_path/docs` with a journey; a secret journey and theme beside it, outside."""
    (tmp_path / "secret.journey").write_text(f"journey: {SECRET}\npian: x\n", encoding="utf-8")
    (tmp_path / "secret.toml").write_text(f'extends = "default"\n# {SECRET}\n', encoding="utf-8")
    (tmp_path / "key").write_text(f"-----BEGIN KEY-----\n{SECRET}\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "map.journey").write_text(JOURNEY, encoding="utf-8")
    return docs


def _refused(error: pytest.ExceptionInfo[DiagramError]) -> list[str]:
    assert SECRET not in error.value.text and " | " not in error.value.text
    return [d.code for d in error.value.diagnostics]


@pytest.mark.parametrize(
    "name, code",
    [
        ("../secret.journey", "E009"),
        ("{outside}/secret.journey", "E009"),
        ("link.journey", "E009"),  # a symbolic link in the docs to a file outside
        ("key.journey", "E008"),  # inside, but not a journey source
    ],
)
def test_a_file_outside_the_docs_root_is_not_read(site: Path, name: str, code: str) -> None:
    (site / "link.journey").symlink_to(site.parent / "secret.journey")
    (site / "key.journey").symlink_to(site / "inside-key")
    (site / "inside-key").write_bytes((site.parent / "key").read_bytes())
    path = site / name.format(outside=site.parent)
    with pytest.raises(DiagramError) as caught:
        diagrams.draw_file(path, DiagramOptions(), root=site, cache=None)
    assert _refused(caught) == [code]


@pytest.mark.parametrize("theme", ["../secret.toml", "{outside}/secret.toml"])
def test_a_fence_theme_outside_the_docs_root_is_not_read(site: Path, theme: str) -> None:
    options = DiagramOptions(theme=theme.format(outside=site.parent))
    with pytest.raises(DiagramError) as caught:
        diagrams.draw_source(JOURNEY, options, document=site / "index.md", root=site)
    assert _refused(caught) == ["E611"]


def test_a_journeys_own_theme_outside_the_docs_root_is_not_read(site: Path) -> None:
    sub = site / "guide"
    sub.mkdir()
    text = JOURNEY.replace("journey: ", "theme: ../../secret.toml\njourney: ", 1)
    with pytest.raises(DiagramError) as caught:
        diagrams.draw_source(text, DiagramOptions(), document=sub / "index.md", root=site)
    assert _refused(caught) == ["E611"]


def test_a_theme_inside_the_docs_root_is_used(site: Path) -> None:
    (site / "brand.toml").write_text(
        'extends = "default"\n[palette]\ntext = "#000"\n', encoding="utf-8"
    )
    sub = site / "guide"
    sub.mkdir()
    options = DiagramOptions(theme="../brand.toml")
    drawn = diagrams.draw_source(JOURNEY, options, document=sub / "index.md", root=site)
    assert 'fill="#000000"' in drawn.svg


# -- the cache serves only what it wrote -------------------------------------------------


KEY = "ab" * 32
PLANTED = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def _forged(body: str) -> bytes:
    """A cache file as an attacker can write it: the key is public, so is the hash."""
    data = body.encode()
    return b"journeymap-diagram " + KEY.encode() + b" " + hashlib.sha256(data).hexdigest().encode()


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_planted_file_with_a_valid_header_is_not_served(tmp_path: Path) -> None:
    planted = tmp_path / f"{KEY}.diagram"
    planted.write_bytes(_forged(PLANTED) + b"\n" + PLANTED.encode())
    planted.chmod(0o644)  # what a git checkout gives every file
    assert DiagramCache(tmp_path).get(KEY) is None


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_link_in_the_cache_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(_forged(PLANTED) + b"\n" + PLANTED.encode())
    elsewhere.chmod(0o600)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{KEY}.diagram").symlink_to(elsewhere)
    assert DiagramCache(cache).get(KEY) is None


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_cache_writes_private_files_and_reads_them_back(tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    DiagramCache(tmp_path).put(KEY, svg)
    assert (tmp_path / f"{KEY}.diagram").stat().st_mode & 0o777 == 0o600
    assert DiagramCache(tmp_path).get(KEY) == svg


# -- the real tools -----------------------------------------------------------------------


@pytest.mark.slow
def test_mkdocs_refuses_an_image_outside_the_docs_and_a_planted_cache(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    root = tmp_path
    docs = root / "docs"
    docs.mkdir()
    (root / "secret.journey").write_text(f"journey: {SECRET}\npian: x\n", encoding="utf-8")
    (docs / "index.md").write_text(
        f"# Page\n\n![x](../secret.journey)\n\n```journey\n{JOURNEY}```\n", encoding="utf-8"
    )
    (root / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - journeymap:\n      cache_dir: .jm-cache\n", encoding="utf-8"
    )
    done = run_tool(["-m", "mkdocs", "build"], root)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "E009" in log and SECRET not in log
    assert SECRET not in (root / "site" / "index.html").read_text(encoding="utf-8")
    # Plant the drawn fence's cache file over with a forged header, as a pull request could.
    (cached,) = (root / ".jm-cache").iterdir()
    key = cached.name.removesuffix(".diagram")
    body = PLANTED.encode()
    header = f"journeymap-diagram {key} {hashlib.sha256(body).hexdigest()}".encode()
    cached.unlink()
    cached.write_bytes(header + b"\n" + body)
    cached.chmod(0o644)
    done = run_tool(["-m", "mkdocs", "build"], root)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "onload" not in page and "Renew a passport" in page


@pytest.mark.slow
def test_sphinx_refuses_a_directive_file_outside_the_source(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    (tmp_path / "secret.journey").write_text(f"journey: {SECRET}\npian: x\n", encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["journeymap.integrations.sphinx_ext"]\n', encoding="utf-8"
    )
    (src / "index.rst").write_text(
        "Page\n====\n\n.. journey:: ../secret.journey\n", encoding="utf-8"
    )
    done = run_tool(["-m", "sphinx", "-b", "html", "-q", str(src), "out"], tmp_path)
    log = done.stdout + done.stderr
    assert "E009" in log and SECRET not in log, log
