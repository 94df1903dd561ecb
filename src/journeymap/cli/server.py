"""Live preview: serve the picture of one `.journey` file on localhost, redrawn on every save.

Standard library only. A background thread redraws the file whenever it or
one of its includes changes (watchfiles when installed, else polling file
times); HTTP handlers only read the latest result. The page polls `/version`
and swaps in the new picture and diagnostics when it changes: polling needs
no websocket library and costs one tiny request per half second.

Its cost is bounded whatever clients do: a connection waits for its request
in one shared "lobby" thread (not a thread of its own), at most
`MAX_WAITING` of them, the oldest closed first, each for at most
`IDLE_SECONDS`; requests are answered by a fixed pool of `WORKERS` threads.
A client that goes away costs no log line and no traceback.
"""

import base64
import contextlib
import hashlib
import html
import queue
import selectors
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from journeymap.cli.watch import WatchUnavailable, watch_and_render
from journeymap.emit import deps
from journeymap.emit.render_file import RenderOptions, render_file
from journeymap.model.diagnostics import format_report

POLL_SECONDS = 0.3
"""How often the fallback (no watchfiles) looks at the files' modification times."""
SETTLE_SECONDS = 0.1
"""Without watchfiles, how long a changed file's time must stand still before a redraw."""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
IDLE_SECONDS = 30.0
"""How long a connection may stay silent (before or within its request) before it is closed."""
WORKERS = 8
"""Threads answering requests; the page makes two a second, so a few are plenty."""
MAX_WAITING = 128
"""Connections held open waiting for their request; beyond that the oldest is closed."""

_SCRIPT = """
const shown = () => document.querySelector("main").dataset.version;
async function poll() {
  try {
    const version = (await (await fetch("/version", {cache: "no-store"})).text()).trim();
    if (version !== shown()) {
      const page = await (await fetch("/", {cache: "no-store"})).text();
      const fresh = new DOMParser().parseFromString(page, "text/html").querySelector("main");
      if (fresh) document.querySelector("main").replaceWith(fresh);
    }
  } catch (error) {
    // The server is stopped or busy: keep the last picture and ask again.
  }
  setTimeout(poll, 500);
}
setTimeout(poll, 500);
"""
_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1rem; background: #fff; color: #111; }
h1 { font-size: 1.1rem; margin: 0 0 0.5rem; }
pre { background: #fff2f2; border-left: 4px solid #b00020; padding: 0.5rem 1rem;
      white-space: pre-wrap; }
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Only our own script and style may run, and the page may fetch only from this server.
PAGE_CSP = (
    f"default-src 'none'; img-src 'self'; script-src {_sha256(_SCRIPT)}; "
    f"style-src {_sha256(_STYLE)}; connect-src 'self'; base-uri 'none'; form-action 'none'"
)
# Opened on its own, the SVG is a document too: it may use its own <style>, nothing else.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"


class Snapshot(NamedTuple):
    """The latest result: the last good SVG (kept while the file has errors) and the problems."""

    version: int = 0
    svg: bytes | None = None
    diagnostics: str = ""


class PreviewServer:
    """An HTTP server for the picture of `path`; `start()` serves it in the background.

    The socket is bound in the constructor, so a taken port fails at once and
    `url` is known (port 0 picks a free port).
    """

    def __init__(
        self,
        path: str | Path,
        options: RenderOptions | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        root: str | Path | None = None,
        annotate: bool = False,
        allow_hosts: Iterable[str] = (),
        idle_timeout: float = IDLE_SECONDS,
        workers: int = WORKERS,
        max_waiting: int = MAX_WAITING,
    ) -> None:
        self.path = Path(path)
        self.options = options or RenderOptions()
        self.root = Path(root) if root is not None else None
        self.annotate = annotate
        self._state = Snapshot()
        self._state_lock = threading.Lock()
        self._render_lock = threading.Lock()  # one render at a time, so none lands out of order
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._http = _HTTPServer(
            (host, port),
            self,
            allowed_hosts(host, allow_hosts),
            idle_timeout=idle_timeout,
            workers=workers,
            max_waiting=max_waiting,
        )

    @property
    def url(self) -> str:
        host, port = str(self._http.server_address[0]), self._http.server_address[1]
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def snapshot(self) -> Snapshot:
        with self._state_lock:
            return self._state

    def refresh(self) -> int:
        """Draw the file now; the version, bumped if the picture or the diagnostics changed."""
        with self._render_lock:
            try:
                svg, diagnostics = render_file(
                    self.path, self.options, self.root, annotate=self.annotate
                )
                text = format_report(list(diagnostics)) if diagnostics else ""
            except Exception as exc:  # a bug of ours must not end the preview
                svg, text = None, f"journeymap: internal error ({type(exc).__name__}: {exc})"
            with self._state_lock:
                old = self._state
                svg = svg if svg is not None else old.svg  # keep the last good picture
                if (svg, text) != (old.svg, old.diagnostics):
                    self._state = Snapshot(old.version + 1, svg, text)
                return self._state.version

    def start(self, *, follow: bool = True) -> None:
        """Serve in a background thread; with `follow`, redraw on every change (the first
        drawing happens in that thread), else draw once now."""
        if not follow:
            self.refresh()
        self._http.start_pool()
        self._spawn(self._http.serve_forever)
        if follow:
            self._spawn(self._follow)

    def stop(self) -> None:
        self._stop.set()
        if self._threads:  # shutdown() waits for serve_forever(), which must have started
            self._http.shutdown()
        self._http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _spawn(self, target: Callable[[], object]) -> None:
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _follow(self) -> None:
        try:
            watch_and_render(self.path, self.refresh, stop_event=self._stop, root=self.root)
        except WatchUnavailable:
            self._poll()

    def _poll(self) -> None:
        """Without watchfiles: redraw when a file's modification time changes."""
        seen: dict[Path, int | None] | None = None
        while not self._stop.is_set():
            stamps = self._stamps()
            if stamps != seen:
                # A file being saved is truncated, then written: wait until its
                # time stands still, so a half-written file is not drawn (and
                # its errors flashed) between the two.
                while seen is not None and not self._stop.wait(SETTLE_SECONDS):
                    settled = self._stamps()
                    if settled == stamps:
                        break
                    stamps = settled
                seen = stamps
                self.refresh()
            self._stop.wait(POLL_SECONDS)

    def _stamps(self) -> dict[Path, int | None]:
        files = {self.path.resolve(), *deps.source_files(self.path, self.root)}
        return {f: _mtime(f) for f in files}


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # deleted, or not saved yet
        return None


def page(name: str, state: Snapshot) -> str:
    """The preview page: file name, diagnostics (escaped) and the picture."""
    problems = f"<pre>{html.escape(state.diagnostics)}</pre>" if state.diagnostics else ""
    if state.svg is not None:
        picture = f'<img src="/diagram.svg?v={state.version}" alt="the drawing of this file">'
    else:
        picture = "<p>No picture yet: the file has not compiled without errors.</p>"
    title = html.escape(name)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} · journeymap</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<main data-version="{state.version}">\n<h1>{title}</h1>\n{problems}\n{picture}\n'
        f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _hostname(header: str) -> str | None:
    """The host name of a Host header (`localhost:8000`, `[::1]:8000`), lower-case."""
    try:
        return urlsplit("//" + header).hostname
    except ValueError:  # a malformed IPv6 literal
        return None


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names requests may use: loopback names, the listening address, and `extra`."""
    names = {host, *extra}
    return LOOPBACK | {name.strip().strip("[]").lower() for name in names if name.strip()}


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the server to this machine."""
    return host.strip("[]").lower() in LOOPBACK or host.startswith("127.")


Connection = tuple[socket.socket, object]


class _Lobby:
    """Connections waiting for their request, all watched by one thread.

    A client that opens connections and sends nothing would otherwise hold a
    thread each, for ever. Here a silent connection costs a file descriptor:
    it is handed to a worker only once its request starts to arrive, closed
    after `timeout` seconds of silence, and, when `limit` are waiting, the
    oldest is closed to make room.
    """

    def __init__(self, ready: Callable[[Connection], None], timeout: float, limit: int) -> None:
        self._ready = ready
        self._timeout = timeout
        self._limit = max(1, limit)
        self._selector = selectors.DefaultSelector()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._selector.register(self._wake_in, selectors.EVENT_READ)
        self._arrivals: list[Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        # Insertion order is arrival order: the first entry is the oldest.
        self._waiting: dict[socket.socket, tuple[object, float]] = {}

    def add(self, connection: Connection) -> None:
        with self._lock:
            if self._closed:
                _close(connection[0])
                return
            self._arrivals.append(connection)
        self._wake()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._wake()

    def _wake(self) -> None:
        # OSError: the lobby has shut down, or its wake-up buffer is full anyway.
        with contextlib.suppress(OSError):
            self._wake_out.send(b"\0")

    def run(self) -> None:
        try:
            while True:
                with self._lock:
                    arrivals, self._arrivals = self._arrivals, []
                    closed = self._closed
                if closed:
                    break
                now = time.monotonic()
                for sock, address in arrivals:
                    self._waiting[sock] = (address, now + self._timeout)
                    self._selector.register(sock, selectors.EVENT_READ)
                while len(self._waiting) > self._limit:
                    self._drop(next(iter(self._waiting)))
                for sock, (_, deadline) in list(self._waiting.items()):
                    if deadline <= now:
                        self._drop(sock)
                first = next(iter(self._waiting.values()), None)
                wait = None if first is None else max(0.0, first[1] - now)
                for key, _ in self._selector.select(wait):
                    if key.fileobj is self._wake_in:
                        self._drain()
                        continue
                    talking = key.fileobj
                    assert isinstance(talking, socket.socket)
                    address, _ = self._waiting.pop(talking)
                    self._selector.unregister(talking)
                    self._ready((talking, address))
        finally:
            self.release()

    def release(self) -> None:
        """Close every waiting connection and the lobby's own sockets."""
        for sock in list(self._waiting):
            self._drop(sock)
        self._selector.close()
        self._wake_in.close()
        self._wake_out.close()

    def _drain(self) -> None:
        try:
            while self._wake_in.recv(4096):
                pass
        except BlockingIOError:
            pass

    def _drop(self, sock: socket.socket) -> None:
        del self._waiting[sock]
        self._selector.unregister(sock)
        _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # the client may have gone already
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class _HTTPServer(socketserver.TCPServer):
    """HTTPServer with bounded threads: a lobby for silent connections, a pool of workers."""

    allow_reuse_address = True
    request_queue_size = 64  # a burst of connections waits in the kernel, not refused

    def __init__(
        self,
        address: tuple[str, int],
        preview: PreviewServer,
        hosts: frozenset[str],
        *,
        idle_timeout: float,
        workers: int,
        max_waiting: int,
    ) -> None:
        self.preview = preview
        self.hosts = hosts
        self.idle_timeout = idle_timeout
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        # Made before binding: TCPServer calls server_close() when the bind fails.
        self._jobs: queue.SimpleQueue[Connection | None] = queue.SimpleQueue()
        self._lobby = _Lobby(self._jobs.put, idle_timeout, max_waiting)
        self._pool = [
            threading.Thread(target=self._work, name=f"journeymap-serve-{n}", daemon=True)
            for n in range(max(1, workers))
        ]
        self._lobby_thread = threading.Thread(
            target=self._lobby.run, name="journeymap-serve-lobby", daemon=True
        )
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer's own server_bind looks the host up in DNS (getfqdn) for a
        # name nothing here uses: skip it, so serving never touches the network.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def start_pool(self) -> None:
        self._lobby_thread.start()
        for thread in self._pool:
            thread.start()

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        assert isinstance(request, socket.socket)  # a stream server's requests are sockets
        self._lobby.add((request, client_address))

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            request, client_address = job
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        """A client that goes away is no news; anything else is one line, no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(
            f"journeymap serve: internal error answering {client_address}: "
            f"{type(error).__name__}: {error}",
            file=sys.stderr,
            flush=True,
        )

    def server_close(self) -> None:
        super().server_close()
        self._lobby.close()
        if self._lobby_thread.ident is None:
            self._lobby.release()  # never started: nothing else will
        for _ in self._pool:
            self._jobs.put(None)
        for thread in (self._lobby_thread, *self._pool):
            if thread.is_alive():
                thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of `/`, `/diagram.svg` and `/version`; other methods get 501 from
    the base class."""

    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # Each read of the request may wait this long: a client that stops talking half-way
        # is closed (handle_one_request turns the timeout into closing the connection).
        self.connection.settimeout(self.server.idle_timeout)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the page polls twice a second: a line per request would drown the terminal

    def _respond(self, *, send_body: bool) -> None:
        # A web page elsewhere could point its own domain name at 127.0.0.1
        # (DNS rebinding) and read the picture: only answer to the names allowed.
        if _hostname(self.headers.get("Host", "")) not in self.server.hosts:
            self.send_error(HTTPStatus.BAD_REQUEST, "unexpected Host header")
            return
        preview = self.server.preview
        state = preview.snapshot()
        route = urlsplit(self.path).path
        if route == "/":
            body, kind, csp = page(str(preview.path), state).encode(), "text/html", PAGE_CSP
        elif route == "/diagram.svg" and state.svg is not None:
            body, kind, csp = state.svg, "image/svg+xml", SVG_CSP
        elif route == "/version":
            body, kind, csp = f"{state.version}\n".encode(), "text/plain", "default-src 'none'"
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)
