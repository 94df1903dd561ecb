"""Every gallery file passes the linter, or carries ignores that say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.analysis import check_file
from journeymap.analysis.ignores import ignore_comments
from journeymap.model.codes import CODES
from tests.conftest import GALLERY

GALLERY_FILES = sorted(GALLERY.glob("*.journey"))


@pytest.mark.parametrize("path", GALLERY_FILES, ids=lambda p: p.name)
def test_gallery_file_lints_clean(path: Path) -> None:
    result = check_file(path)
    assert [d.format() for d in result.diagnostics] == []


@pytest.mark.parametrize("path", GALLERY_FILES, ids=lambda p: p.name)
def test_gallery_ignores_are_justified(path: Path) -> None:
    for comment in ignore_comments(path.read_text(encoding="utf-8"), str(path)):
        assert comment.reason, f"{path.name}:{comment.line}: say why the warning is ignored"
        unknown = sorted(comment.codes - set(CODES))
        assert unknown == [], f"{path.name}:{comment.line}: unknown codes {unknown}"
