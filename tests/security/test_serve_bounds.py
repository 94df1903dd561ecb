"""`serve` under hostile clients (issue 20): silent connections are closed, threads are a
fixed pool, a client that goes away costs no traceback, and only allowed Host names are
answered. The tests count threads and closed connections, not seconds; all traffic is
loopback.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

import journeymap.cli.serve
import journeymap.cli.server
from journeymap.cli.app import cli
from journeymap.cli.server import PreviewServer, _Handler, allowed_hosts, is_loopback

GOOD = "journey: Open an account\nstage apply: Apply\n  step fill: Fills in the form\n"
PATIENCE = 20.0  # how long a test waits for something that must happen (never asserted)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "account.journey"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _serve(source: Path, **options: Any) -> PreviewServer:
    preview = PreviewServer(source, port=0, **options)
    preview.start(follow=False)
    return preview


@pytest.fixture
def make_server(source: Path) -> Iterator[Any]:
    made: list[PreviewServer] = []

    def make(**options: Any) -> PreviewServer:
        made.append(_serve(source, **options))
        return made[-1]

    yield make
    for preview in made:
        preview.stop()


def _address(preview: PreviewServer) -> tuple[str, int]:
    host, port = preview.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    return host.strip("[]"), int(port)


def _connect(preview: PreviewServer) -> socket.socket:
    sock = socket.create_connection(_address(preview), timeout=PATIENCE)
    return sock


def _get(preview: PreviewServer, path: str = "/version", host: str | None = None) -> bytes:
    """The raw response to one GET (HTTP/1.0: the server closes after answering)."""
    name = host if host is not None else "127.0.0.1"
    with _connect(preview) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {name}\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def _closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed `sock` (end of file), waiting for it at most PATIENCE."""
    sock.settimeout(PATIENCE)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_a_silent_connection_is_closed(make_server: Any) -> None:
    preview = make_server(idle_timeout=0.2)
    with _connect(preview) as silent:
        assert _closed_by_server(silent)
    assert _status(_get(preview)) == 200  # and the server goes on answering


def test_a_request_that_stops_half_way_is_closed(make_server: Any) -> None:
    preview = make_server(idle_timeout=0.2)
    with _connect(preview) as stalled:
        stalled.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n")  # no blank line: not done
        assert _closed_by_server(stalled)


def test_two_hundred_silent_connections_make_no_thread(make_server: Any) -> None:
    preview = make_server(idle_timeout=60.0)
    threads = threading.active_count()
    silent = [_connect(preview) for _ in range(200)]
    try:
        # Accepted in order, so once this is answered all 200 were accepted; and silent
        # connections hold no worker, so it is answered at once.
        assert _status(_get(preview)) == 200
        assert threading.active_count() <= threads
    finally:
        for sock in silent:
            sock.close()


def test_the_pool_is_the_same_size_however_many_requests(make_server: Any) -> None:
    preview = make_server(workers=3)
    pool = [t for t in threading.enumerate() if t.name.startswith("journeymap-serve-")]
    assert len(pool) == 4  # three workers and the lobby
    for _ in range(30):
        assert _status(_get(preview)) == 200
    assert [t for t in threading.enumerate() if t.name.startswith("journeymap-serve-")] == pool


def test_waiting_connections_are_capped_and_the_oldest_closed_first(make_server: Any) -> None:
    preview = make_server(idle_timeout=60.0, max_waiting=10)
    silent = [_connect(preview) for _ in range(25)]
    try:
        assert _status(_get(preview)) == 200  # a newcomer is served, never refused
        assert all(_closed_by_server(sock) for sock in silent[:15])
        for sock in silent[-5:]:
            sock.settimeout(0.2)
            with pytest.raises(TimeoutError):  # still open, still waiting
                sock.recv(1)
    finally:
        for sock in silent:
            sock.close()


def test_stop_closes_every_waiting_connection(source: Path) -> None:
    preview = _serve(source, idle_timeout=60.0)
    silent = [_connect(preview) for _ in range(5)]
    assert _status(_get(preview)) == 200
    preview.stop()
    assert all(_closed_by_server(sock) for sock in silent)
    assert not [t for t in threading.enumerate() if t.name.startswith("journeymap-serve-")]
    for sock in silent:
        sock.close()


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset, as a client that crashes or is killed does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_a_client_that_goes_away_gives_no_traceback(
    make_server: Any, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = make_server(workers=1)  # one worker: requests are answered in arrival order
    capfd.readouterr()
    for _ in range(3):
        gone = _connect(preview)
        gone.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n")
        _reset(gone)
    # The response write fails as it does when the browser has closed the tab.
    real = _Handler._respond

    def broken(self: _Handler, *, send_body: bool) -> None:
        if self.path == "/broken":
            raise BrokenPipeError(32, "Broken pipe")
        real(self, send_body=send_body)

    monkeypatch.setattr(_Handler, "_respond", broken)
    with _connect(preview) as sock:
        sock.sendall(b"GET /broken HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        assert _closed_by_server(sock)
    assert _status(_get(preview)) == 200  # after the others: the one worker handled them
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 1, err


def test_an_internal_error_is_one_line_without_traceback(
    make_server: Any, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = make_server(workers=1)
    capfd.readouterr()

    def bug(self: _Handler, *, send_body: bool) -> None:
        raise ValueError("a bug of ours")

    monkeypatch.setattr(_Handler, "_respond", bug)
    with _connect(preview) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        assert _closed_by_server(sock)
    monkeypatch.undo()
    assert _status(_get(preview)) == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [err.splitlines()[0]]
    assert "internal error" in err and "ValueError: a bug of ours" in err


def test_host_names_are_loopback_the_address_and_the_allowed_ones(make_server: Any) -> None:
    preview = make_server(allow_hosts=("Preview.Test",))
    port = _address(preview)[1]
    for name in ("127.0.0.1", "localhost", f"localhost:{port}", "[::1]", "preview.test:80"):
        assert _status(_get(preview, host=name)) == 200, name
    assert _status(_get(preview, host="PREVIEW.TEST")) == 200
    for name in ("attacker.example", f"attacker.example:{port}", "127.0.0.2", "", "[::1"):
        assert _status(_get(preview, host=name)) == 400, name


def test_another_listening_address_still_checks_host_names(make_server: Any) -> None:
    # 127.0.0.2 is loopback on Linux but not one of the loopback names: before, any
    # address but those three turned the Host check off.
    try:
        preview = make_server(host="127.0.0.2")
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here")
    assert _status(_get(preview, host="127.0.0.2")) == 200
    assert _status(_get(preview, host="localhost")) == 200
    assert _status(_get(preview, host="attacker.example")) == 400


def test_an_ipv6_loopback_address_is_served(make_server: Any) -> None:
    try:
        preview = make_server(host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    assert preview.url.startswith("http://[::1]:")
    with socket.create_connection(("::1", _address(preview)[1]), timeout=PATIENCE) as sock:
        sock.sendall(b"GET /version HTTP/1.0\r\nHost: [::1]\r\n\r\n")
        assert sock.recv(64).startswith(b"HTTP/1.0 200")


def test_allowed_hosts() -> None:
    assert allowed_hosts("0.0.0.0", ["Box.Local", "[fe80::1]"]) == frozenset(
        {"127.0.0.1", "localhost", "::1", "0.0.0.0", "box.local", "fe80::1"}
    )
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def _ctrl_c(seconds: float) -> None:
    raise KeyboardInterrupt  # as Ctrl-C would, at once


class _FakeServer:
    """Stands in for PreviewServer in the command: records its arguments, binds nothing."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, path: Path, options: object, **kwargs: Any) -> None:
        _FakeServer.made.append(kwargs)
        self.url = f"http://{kwargs['host']}:8000/"

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


@pytest.mark.parametrize(
    ("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True)]
)
def test_a_host_other_than_loopback_is_warned_about(
    source: Path, monkeypatch: pytest.MonkeyPatch, host: str, warned: bool
) -> None:
    monkeypatch.setattr(journeymap.cli.server, "PreviewServer", _FakeServer)
    monkeypatch.setattr(journeymap.cli.serve, "time", SimpleNamespace(sleep=_ctrl_c))
    _FakeServer.made.clear()
    result = CliRunner().invoke(
        cli,
        ["serve", str(source), "--host", host, "--allow-host", "a.test", "--allow-host", "b.test"],
    )
    assert result.exit_code == 0, result.output
    assert ("warning: --host" in result.output) is warned
    assert _FakeServer.made[0]["allow_hosts"] == ("a.test", "b.test")
    assert _FakeServer.made[0]["host"] == host
