"""A real sync server (``python -m syncserver``) on a free loopback port, for desktop tests.

The server runs as a subprocess with its own temp ``LTC_DATA_DIR`` and ``LTC_DEV_EXPOSE_OTP=1`` so a
test can read the e-mail code from the answer of ``/auth/request``. Rate limits are raised so that many
tests can share one server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[3]
SECRET = "desktop-test-secret-key-with-more-than-32-characters"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """Start with :meth:`start`, stop with :meth:`stop`; :meth:`restart` keeps the data folder."""

    def __init__(self, data_dir: Path, extra_env: Mapping[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.extra_env = dict(extra_env or {})
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LTC_DATA_DIR": str(self.data_dir),
            "LTC_SECRET_KEY": SECRET,
            "LTC_DEV_EXPOSE_OTP": "1",
            "LTC_LOG_LEVEL": "WARNING",
            "LTC_RATE_REQUEST_PER_IP": "1000/60",
            "LTC_RATE_REQUEST_PER_EMAIL": "1000/60",
            "LTC_RATE_VERIFY_PER_IP": "1000/60",
            "LTC_RATE_LOGIN_PER_IP": "1000/60",
            "LTC_RATE_LOGIN_PER_EMAIL": "1000/60",
            **self.extra_env,
        }

    def start(self) -> LiveServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = self._env()
        migrate = [sys.executable, "-m", "syncserver", "migrate"]
        subprocess.run(migrate, env=env, cwd=ROOT, check=True, capture_output=True)
        command = [sys.executable, "-m", "syncserver", "serve", "--port", str(self.port), "--no-migrate"]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with httpx.Client(base_url=self.url, timeout=2) as probe:
            for _ in range(400):
                if self.process.poll() is not None:
                    error = self.process.stderr.read().decode() if self.process.stderr else ""
                    raise RuntimeError(f"server exited: {error}")
                try:
                    if probe.get("/health").status_code == 200:
                        return self
                except httpx.TransportError:
                    time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not become healthy")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None

    def restart(self, extra_env: Mapping[str, str] | None = None) -> LiveServer:
        """Stop, change the environment (e.g. a new consent version), start again on the same data."""
        self.stop()
        self.extra_env.update(extra_env or {})
        return self.start()
