"""The HTML page in a real browser (Debian's headless Chromium): it renders, prints, logs no
console message and fetches nothing. Chromium's traffic goes to a loopback sink, never out."""

from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from diag.i18n import Lang
from diag.render.html import CSP, render_html
from tests.fixtures.cases import HOSTILE, spam_case

NOW = datetime(2026, 11, 26, 3, 40, tzinfo=UTC)
WIDTH, HEIGHT = 1000, 1400
# Chromium's own services (time, updates, sign-in), which it calls whatever the page holds; the
# sink swallows them. Anything else reaching the sink was fetched by the page.
CHROMIUM_OWN = re.compile(r"(^|\.)(google\.com|googleapis\.com|gvt1\.com)$")
WARN_BACKGROUND = (0xFD, 0xF0, 0xD2)  # --warn-bg, behind the verdict "works, with warnings"


def chromium() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is missing: CI must install Debian's `chromium` package")
    pytest.skip("chromium is not installed (apt-get install chromium)")


class Sink:
    """A loopback 'proxy' that records the first line of every request and answers nothing.

    One sink per Chromium run, read after the run: Chromium's last connections may still sit in
    the accept queue when it exits, and would otherwise land in the next run's list.
    """

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.requests: list[str] = []
        # Connections closed before a single byte: sockets Chromium opened ahead of need and
        # dropped at exit. They name no URL, so they fetched nothing; counted, never a request.
        self.unused = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._readers: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.server.getsockname()[1])

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                if self._stop.is_set():  # stopped, and nothing left in the accept queue
                    return
                continue
            # One reader per connection: a socket Chromium holds open unused must not keep
            # the next request waiting (under load its line was read late, or not at all).
            reader = threading.Thread(target=self._read, args=(conn,), daemon=True)
            reader.start()
            self._readers.append(reader)

    def _read(self, conn: socket.socket) -> None:
        data = b""
        with conn:
            conn.settimeout(10)
            try:
                while b"\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                data = data or b"? (no request line within 10 s)"
        with self._lock:
            if data:
                self.requests.append(data.decode("latin-1").split("\r\n")[0])
            else:
                self.unused += 1

    def close(self) -> None:
        """Drain the accept queue, wait for every reader, then stop listening (idempotent)."""
        self._stop.set()
        self._thread.join(15)
        for reader in self._readers:
            reader.join(15)
        self.server.close()

    def page_requests(self) -> list[str]:
        """What the page fetched; call it once Chromium has exited (it closes the sink)."""
        self.close()
        return [r for r in self.requests if not CHROMIUM_OWN.search(_host(r))]


def _host(request_line: str) -> str:
    target = request_line.split(" ")[1] if request_line.count(" ") >= 2 else ""
    return re.sub(r"^[a-z]+://", "", target).split("/")[0].rsplit(":", 1)[0].lower()


@pytest.fixture
def sink() -> Iterator[Sink]:
    sink = Sink()
    yield sink
    sink.close()


def run_chromium(page: Path, sink: Sink, tmp_path: Path, *action: str) -> str:
    """Chromium's stderr; the caller's action (screenshot, PDF) writes into tmp_path."""
    args = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-pings",
        f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
        f"--proxy-server=http://127.0.0.1:{sink.port}",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--force-device-scale-factor=1", "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}",
        *action, page.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def write_page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.html"
    path.write_text(text, encoding="utf-8")
    return path


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB/RGBA PNG, with the scanline filters undone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        header = chunk if kind == b"IHDR" else header
        idat += chunk if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(bytes(idat)), width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous,
                         step)
        rows.append(bytes(b for i, b in enumerate(line) if i % step < 3))
        previous = line
    return width, height, rows


def _unfilter(kind: int, line: bytearray, up: bytearray, step: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        corner = up[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up[i]) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up[i]) // 2) & 0xFF
        elif kind == 4:
            p = left + up[i] - corner
            pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else
                                  up[i] if pb <= pc else corner)) & 0xFF
    return line


@pytest.mark.parametrize("lang", list(Lang))
def test_page_renders_without_console_messages_or_fetches(lang: Lang, sink: Sink,
                                                          tmp_path: Path) -> None:
    page = write_page(tmp_path, render_html([spam_case(title=HOSTILE)], lang, now=NOW))
    shot = tmp_path / "case.png"
    stderr = run_chromium(page, sink, tmp_path, f"--screenshot={shot}")
    assert console_lines(stderr) == []
    assert sink.page_requests() == []
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    pixels = [row[i:i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    background = max(set(pixels), key=pixels.count)
    assert sum(p != background for p in pixels) > len(pixels) // 50  # far from blank
    assert bytes(WARN_BACKGROUND) in pixels  # the status colour is drawn


def test_page_prints_to_pdf(sink: Sink, tmp_path: Path) -> None:
    page = write_page(tmp_path, render_html([spam_case()], Lang.ES, now=NOW))
    pdf = tmp_path / "case.pdf"
    stderr = run_chromium(page, sink, tmp_path, f"--print-to-pdf={pdf}",
                          "--no-pdf-header-footer")
    assert console_lines(stderr) == []
    assert sink.page_requests() == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert 1 <= pages <= 3


def test_the_checks_would_catch_a_page_that_fetches(sink: Sink, tmp_path: Path) -> None:
    """The control: without the CSP an image is fetched (the sink sees it); with it, the
    browser blocks it and says so on the console."""
    leaky = ('<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">{csp}</head><body>'
             '<img src="http://fetch.example.invalid/x.png" alt=""></body></html>')
    page = write_page(tmp_path, leaky.format(csp=""))
    run_chromium(page, sink, tmp_path, f"--screenshot={tmp_path / 'a.png'}")
    assert any("fetch.example.invalid" in r for r in sink.page_requests())
    guarded = leaky.format(csp=f'<meta http-equiv="Content-Security-Policy" content="{CSP}">')
    page = write_page(tmp_path, guarded)
    second = Sink()  # a fresh sink: the first run's late connections stay in the first
    try:
        stderr = run_chromium(page, second, tmp_path, f"--screenshot={tmp_path / 'b.png'}")
        assert second.page_requests() == []
    finally:
        second.close()
    assert any("Content Security Policy" in line for line in console_lines(stderr))
