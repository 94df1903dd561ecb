"""The MkDocs plugin, tested with a real `mkdocs build` of a small site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integrations.conftest import BROKEN, JOURNEY, run_tool

mkdocs = pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install -e '.[test]')")

pytestmark = pytest.mark.slow

PAGE = f"""# Journeys

A fence:

```journey
{JOURNEY}```

The blueprint, dark:

```journey view="blueprint" theme="dark"
{JOURNEY}```

The source only:

```journey render="false"
journey: Shown as text
```

An example inside a longer fence stays text:

````markdown
```journey
journey: Not drawn
```
````

![](passport.journey)

![Custom alt text](passport.journey "A title")
"""


def _site(root: Path, page: str = PAGE, extra: str = "") -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(page, encoding="utf-8")
    (docs / "passport.journey").write_text(JOURNEY, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nplugins:\n  - journeymap:\n      cache_dir: .jm-cache\n" + extra,
        encoding="utf-8",
    )
    return root


def _build(root: Path, *flags: str) -> tuple[int, str]:
    done = run_tool(["-m", "mkdocs", "build", *flags], root)
    return done.returncode, done.stdout + done.stderr


def test_build_draws_fences_and_images(tmp_path: Path) -> None:
    root = _site(tmp_path)
    code, log = _build(root, "--strict")
    assert code == 0, log
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    # Two drawn fences, inline, with their own ID prefixes from the content hash.
    svgs = re.findall(r'<svg aria-describedby="(jm-[0-9a-f]{10})-desc"', page)
    assert len(svgs) == 2 and len(set(svgs)) == 2
    assert "<title id=" in page and "Service blueprint: Renew a passport." in page
    # render="false" and the nested example show the source.
    assert "Shown as text" in page and "Not drawn" in page
    assert page.count("<svg") == 2
    # The images become files beside the page with the generated description as alt.
    images = re.findall(
        r'<img class="journeymap" src="(journey-[0-9a-f]{16}\.svg)" alt="([^"]*)"', page
    )
    assert len(images) == 2
    assert images[0][1].startswith("Journey map: Renew a passport. Stages: Apply (1 step)")
    assert images[1][1] == "Custom alt text" and 'title="A title"' in page
    assert (root / "site" / images[0][0]).read_text(encoding="utf-8").startswith("<svg")
    # Both images draw the same map as the first fence: the cache serves them.
    assert "4 diagrams drawn, 2 from the cache" in log


def test_second_build_hits_the_cache(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert _build(root)[0] == 0
    cached = sorted(p.name for p in (root / ".jm-cache").iterdir())
    assert len(cached) == 2  # the map (fence and images) and the blueprint
    code, log = _build(root)
    assert code == 0 and "4 diagrams drawn, 4 from the cache" in log, log


def test_the_cache_is_kept_beside_mkdocs_yml_by_default(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "mkdocs.yml").write_text("site_name: Test\nplugins:\n  - journeymap\n")
    assert _build(root)[0] == 0
    assert len(list((root / ".cache" / "journeymap").glob("*.diagram"))) == 2


def test_a_tampered_cache_file_is_redrawn_not_served(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert _build(root)[0] == 0
    for path in (root / ".jm-cache").iterdir():
        header, _, body = path.read_bytes().partition(b"\n")
        path.write_bytes(header + b"\n" + body.replace(b"Renew a passport", b"PLANTED"))
    code, log = _build(root)
    # The fences are drawn again (and the images then served from memory).
    assert code == 0 and "4 diagrams drawn, 2 from the cache" in log, log
    assert "PLANTED" not in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert not any(b"PLANTED" in p.read_bytes() for p in (root / ".jm-cache").iterdir())


def test_broken_fence_fails_strict_and_warns_otherwise(tmp_path: Path) -> None:
    page = f"# Page\n\nText.\n\n```journey\n{BROKEN}```\n"
    root = _site(tmp_path, page)
    code, log = _build(root, "--strict")
    assert code != 0
    assert "error[E101]: unknown keyword `pian`" in log
    # Line numbers are the Markdown file's: the bad line is line 9 of the page.
    assert re.search(r"index\.md:9:5: error\[E101\]", log), log
    code, log = _build(root)
    assert code == 0, log
    assert "WARNING" in log and "E101" in log
    page_html = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "pian: Slow" in page_html and "<svg" not in page_html


def test_bad_fence_option_is_an_error(tmp_path: Path) -> None:
    root = _site(tmp_path, f'# Page\n\n```journey view="matrix-ish"\n{JOURNEY}```\n')
    code, log = _build(root, "--strict")
    assert code != 0 and "error[E705]: unknown view `matrix-ish`" in log, log


def test_plugin_options_set_the_defaults(tmp_path: Path) -> None:
    root = _site(tmp_path, f"# Page\n\n```journey\n{JOURNEY}```\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nplugins:\n  - journeymap:\n      view: blueprint\n      inline: false\n"
        "      cache: false\n",
        encoding="utf-8",
    )
    code, log = _build(root, "--strict", "--no-directory-urls")
    assert code == 0, log
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    found = re.search(
        r'<img class="journeymap" src="(journey-[0-9a-f]{16}\.svg)" alt="Service blueprint', page
    )
    assert found, page
    assert (root / "site" / found.group(1)).is_file()
    assert not (root / ".jm-cache").exists()
