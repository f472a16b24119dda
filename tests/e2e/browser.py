"""A tiny headless-Chromium driver over the DevTools protocol (websockets, loopback only).

Chromium is Debian's ``/usr/bin/chromium``, started with a fresh profile and everything that phones home
switched off. :meth:`Chromium.open` loads a URL in a phone-sized viewport and returns what the tests
check: the HTTP status, the rendered DOM, values evaluated in the page, and a PNG screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
_LISTENING = re.compile(r"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)")
TIMEOUT = 30.0


def _pump(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


@dataclass
class PageResult:
    status: int
    dom: str
    values: dict[str, Any]
    screenshot: bytes


class Chromium:
    """One headless browser process; use as a context manager."""

    def __init__(self, binary: Path = CHROMIUM) -> None:
        self.binary = binary
        self._profile = tempfile.mkdtemp(prefix="ltc-chromium-")
        self._proc: subprocess.Popen[str] | None = None
        self._ws: ClientConnection | None = None
        self._stack = contextlib.ExitStack()
        self._next_id = 0

    def __enter__(self) -> Chromium:
        self._proc = subprocess.Popen(
            [str(self.binary), *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        stderr = self._proc.stderr
        assert stderr is not None
        threading.Thread(target=_pump, args=(stderr, lines), daemon=True).start()
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                match = _LISTENING.search(lines.get(timeout=max(0.1, deadline - time.monotonic())))
            except queue.Empty as exc:
                self.__exit__(None, None, None)
                raise RuntimeError("chromium did not open its DevTools endpoint") from exc
            if match:
                break
        self._ws = self._stack.enter_context(connect(match.group(1), max_size=None, open_timeout=TIMEOUT))
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stack.close()
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    # --- protocol -------------------------------------------------------------------------------
    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        assert self._ws is not None
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        assert self._ws is not None
        data: dict[str, Any] = json.loads(self._ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        return data

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and return its result (events arriving meanwhile are dropped)."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def open(self, url: str, expressions: dict[str, str], width: int = 375, height: int = 812) -> PageResult:
        """Load ``url`` at ``width`` x ``height`` (a phone), evaluate ``expressions``, take a screenshot."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        metrics = {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True}
        self.call("Emulation.setDeviceMetricsOverride", metrics, session)
        self.call("Network.enable", {}, session)
        self.call("Page.enable", {}, session)
        wanted = self._send("Page.navigate", {"url": url}, session)
        status, loaded, deadline = 0, False, time.monotonic() + TIMEOUT
        while not loaded:
            message = self._receive(deadline)
            if message.get("id") == wanted and "error" in message:
                raise RuntimeError(f"navigate: {message['error']}")
            if message.get("method") == "Network.responseReceived":
                params = message["params"]
                if params.get("type") == "Document" and params["response"]["url"] == url:
                    status = int(params["response"]["status"])
            loaded = message.get("method") == "Page.loadEventFired" and message.get("sessionId") == session
        values = {}
        for name, expression in expressions.items():
            result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            if "exceptionDetails" in result:
                raise RuntimeError(f"{name}: {result['exceptionDetails']}")
            values[name] = result["result"].get("value")
        dom = self.call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML"}, session)
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session)
        self.call("Target.closeTarget", {"targetId": target})
        return PageResult(status, str(dom["result"]["value"]), values, base64.b64decode(shot["data"]))


def dump_dom(url: str, binary: Path = CHROMIUM, size: str = "375,812") -> str:
    """Chromium's own ``--dump-dom`` of ``url`` (the DOM after layout, as a one-shot command)."""
    profile = tempfile.mkdtemp(prefix="ltc-chromium-")
    try:
        flags = [f for f in FLAGS if not f.startswith("--remote-debugging")]
        done = subprocess.run(
            [str(binary), *flags, f"--user-data-dir={profile}", f"--window-size={size}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=TIMEOUT * 2,
            check=True,
        )
        return done.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)
