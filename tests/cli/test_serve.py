"""`journeymap serve`: the preview server answers on loopback, redraws on change, and keeps
the last good picture (with escaped diagnostics) while the file is broken."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap
import journeymap.cli.server
from journeymap.cli.app import cli
from journeymap.cli.serve import serve_command
from journeymap.cli.server import PreviewServer
from journeymap.cli.watch import WatchUnavailable
from journeymap.compiler.load import compile_file
from journeymap.model.diagnostics import format_report

TIMEOUT = 10.0
GOOD = "journey: Open an account\nstage apply: Apply\n  step fill: Fills in the form\n"
EDITED = GOOD.replace("Fills in the form", "Signs the contract")
# The bad line is quoted in the diagnostic, so the page must escape its markup.
BROKEN = GOOD + "    pian: <script>alert(1)</script>\n"


def fetch(url: str, method: str = "GET", host: str | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, method=method)
    if host is not None:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def text(url: str) -> str:
    status, _, body = fetch(url)
    assert status == 200
    return body.decode("utf-8")


def wait_for(predicate: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "account.journey"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def server(source: Path) -> Iterator[PreviewServer]:
    preview = PreviewServer(source, port=0)
    preview.start(follow=False)  # the tests call refresh() instead of waiting for file events
    yield preview
    preview.stop()


def test_page_names_the_file_and_carries_the_polling_script(server: PreviewServer) -> None:
    status, headers, body = fetch(server.url)
    page = body.decode("utf-8")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert "account.journey</h1>" in page
    assert 'src="/diagram.svg?v=1"' in page
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None and 'fetch("/version"' in script[1]
    assert "http" not in script[1]  # nothing fetched from anywhere else
    # The CSP allows exactly this inline script, so a browser really runs it.
    digest = base64.b64encode(hashlib.sha256(script[1].encode()).digest()).decode()
    csp = headers["Content-Security-Policy"]
    assert csp.startswith("default-src 'none'; img-src 'self';")
    assert f"script-src 'sha256-{digest}';" in csp
    assert "connect-src 'self'" in csp


def test_diagram_is_what_the_library_draws(server: PreviewServer, source: Path) -> None:
    status, headers, body = fetch(server.url + "diagram.svg")
    assert status == 200
    assert headers["Content-Type"].startswith("image/svg+xml")
    assert body.decode("utf-8") == journeymap.render(journeymap.load(source))


def test_an_edit_bumps_the_version_and_redraws(server: PreviewServer, source: Path) -> None:
    assert text(server.url + "version").strip() == "1"
    assert server.refresh() == 1  # nothing changed: same version
    source.write_text(EDITED, encoding="utf-8")
    assert server.refresh() == 2
    assert text(server.url + "version").strip() == "2"
    svg = text(server.url + "diagram.svg")
    assert "Signs the contract" in svg and "Fills in the form" not in svg
    assert 'src="/diagram.svg?v=2"' in text(server.url)


def test_a_broken_file_keeps_the_last_picture_and_shows_escaped_diagnostics(
    server: PreviewServer, source: Path
) -> None:
    good_svg = text(server.url + "diagram.svg")
    source.write_text(BROKEN, encoding="utf-8")
    assert server.refresh() == 2
    assert text(server.url + "diagram.svg") == good_svg
    page = text(server.url)
    assert "error[E" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # only the page's own
    # Word for word what `journeymap check` prints for it.
    expected = format_report(compile_file(source).diagnostics)
    assert f"<pre>{html.escape(expected)}</pre>" in page
    assert expected.endswith("1 error, 0 warnings")
    source.write_text(EDITED, encoding="utf-8")
    assert server.refresh() == 3
    page = text(server.url)
    assert "<pre>" not in page and "error[E" not in page


def test_a_file_broken_from_the_start_has_no_picture_yet(tmp_path: Path) -> None:
    path = tmp_path / "<b>.journey"
    path.write_text(BROKEN, encoding="utf-8")
    preview = PreviewServer(path, port=0)
    preview.start(follow=False)
    try:
        assert fetch(preview.url + "diagram.svg")[0] == 404
        page = text(preview.url)
        assert "No picture yet" in page and "<img" not in page
        assert "&lt;b&gt;.journey" in page and "<b>" not in page
    finally:
        preview.stop()


def test_only_get_and_head_of_three_routes(server: PreviewServer) -> None:
    assert fetch(server.url + "nope")[0] == 404
    assert fetch(server.url + "diagram.svg/../etc")[0] == 404
    assert fetch(server.url, method="POST")[0] in (405, 501)
    assert fetch(server.url + "version", method="PUT")[0] in (405, 501)
    status, headers, body = fetch(server.url + "version", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == "2"


def test_listens_on_loopback_and_answers_only_to_loopback_names(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    port = server.url.rsplit(":", 1)[1].rstrip("/")
    assert fetch(server.url, host=f"localhost:{port}")[0] == 200
    # A page on another site that re-points its name at 127.0.0.1 (DNS rebinding).
    assert fetch(server.url, host=f"attacker.example:{port}")[0] == 400


@pytest.mark.parametrize("watcher", ["watchfiles", "polling"])
def test_follows_changes_to_the_file(
    watcher: str, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if watcher == "polling":

        def missing(*args: object, **kwargs: object) -> int:
            raise WatchUnavailable("watchfiles is not installed")

        monkeypatch.setattr(journeymap.cli.server, "watch_and_render", missing)
    preview = PreviewServer(source, port=0)
    preview.start()
    try:
        assert wait_for(lambda: preview.snapshot().version == 1)  # the first drawing
        time.sleep(0.3)  # let the watcher start
        source.write_text(EDITED, encoding="utf-8")
        assert wait_for(lambda: "Signs the contract" in text(preview.url + "diagram.svg"))
        assert text(preview.url + "version").strip() == "2"
    finally:
        preview.stop()


def test_polling_draws_a_file_only_once_it_is_saved(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*args: object, **kwargs: object) -> int:
        raise WatchUnavailable("watchfiles is not installed")

    monkeypatch.setattr(journeymap.cli.server, "watch_and_render", missing)
    monkeypatch.setattr(journeymap.cli.server, "POLL_SECONDS", 0.01)  # sure to see the gap
    monkeypatch.setattr(journeymap.cli.server, "SETTLE_SECONDS", 0.5)
    preview = PreviewServer(source, port=0)
    preview.start()
    try:
        assert wait_for(lambda: preview.snapshot().version == 1)
        with source.open("w", encoding="utf-8") as handle:  # truncated: an empty file
            handle.flush()
            time.sleep(0.05)  # an editor between truncating and writing
            handle.write(EDITED)
        assert wait_for(lambda: "Signs the contract" in text(preview.url + "diagram.svg"))
        # One redraw, of the saved file: the empty one was never drawn, so no
        # errors about it were flashed in between.
        assert (preview.snapshot().version, preview.snapshot().diagnostics) == (2, "")
    finally:
        preview.stop()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_help_lists_the_options() -> None:
    code, output = run("serve", "--help")
    assert code == 0
    for option in ("--view", "--theme", "--personas", "--lanes", "--annotate", "--root"):
        assert option in output
    assert "--host" in output and "--port" in output
    defaults = {p.name: p.default for p in serve_command.params}
    assert (defaults["host"], defaults["port"], defaults["view"]) == ("127.0.0.1", 8000, "map")


def test_usage_errors_come_before_serving(source: Path) -> None:
    assert run("serve", str(source), "--lanes", "frontstge")[0] == 2
    code, output = run("serve", str(source), "--personas", "nobody", "--port", "0")
    assert code == 2 and "no `nobody` in this journey" in output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, output = run("serve", str(source), "--port", str(taken.getsockname()[1]))
    assert code == 2 and "cannot listen on 127.0.0.1" in output


# Ctrl-C is SIGINT; a shell may start background jobs with SIGINT ignored, and then
# Python would not turn it into KeyboardInterrupt: restore the usual handler first.
_MAIN = (
    "import signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "from journeymap.cli.console import main\n"
    "sys.argv = ['journeymap', *sys.argv[1:]]\n"
    "main()\n"
)


@pytest.mark.slow
def test_ctrl_c_stops_the_command_cleanly(source: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _MAIN, "serve", str(source), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 60)
        line = process.stderr.readline() if ready else ""
        assert line.startswith(f"Serving map of {source} at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split()[0]
        assert wait_for(lambda: "<img" in text(url))
        process.send_signal(signal.SIGINT)
        assert process.wait(TIMEOUT) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        process.kill()
        process.wait()
        if process.stderr is not None:
            process.stderr.close()
