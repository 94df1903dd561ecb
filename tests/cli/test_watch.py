"""Watch mode re-renders when the file or one of its includes changes, and stops on request."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from journeymap.cli.watch import watch_and_render

TIMEOUT = 10.0


def _wait_for(predicate: object, timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_rerenders_on_change_of_the_file_and_its_include(tmp_path: Path) -> None:
    main = tmp_path / "main.journey"
    shared = tmp_path / "parts" / "shared.journey"
    shared.parent.mkdir()
    shared.write_text("channel web: Web\n", encoding="utf-8")
    main.write_text('journey: A\ninclude "parts/shared.journey"\nstep: S\n', encoding="utf-8")
    renders: list[str] = []

    def render_once() -> int:
        renders.append(main.read_text(encoding="utf-8"))
        return 0

    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(watch_and_render(main, render_once, stop_event=stop))
    )
    thread.start()
    try:
        assert _wait_for(lambda: len(renders) == 1)  # the first render, at once
        time.sleep(0.3)  # let the watcher start
        main.write_text('journey: B\ninclude "parts/shared.journey"\nstep: S\n', encoding="utf-8")
        assert _wait_for(lambda: any("journey: B" in r for r in renders))
        count = len(renders)
        shared.write_text("channel web: Website\n", encoding="utf-8")
        assert _wait_for(lambda: len(renders) > count)
        count = len(renders)
        (tmp_path / "unrelated.txt").write_text("x", encoding="utf-8")
        time.sleep(0.5)
        assert len(renders) == count  # other files in the directory do not count
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert result == [0]
