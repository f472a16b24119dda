"""Shared load-generation helpers of the HTTP benches (auth.py, public_qr.py).

The server runs pinned to CPU 0, the load generator to CPU 1 (on a machine with at least 2 CPUs), so
the client does not steal the server's core. ``wrk`` (apt package ``wrk``) is used when installed: a
C load generator costs the client core little. Without it a small asyncio HTTP/1.1 client measures the
same way (it needs more CPU per request, so its figures are a lower bound for the server).
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SERVER_CPU = 0
CLIENT_CPU = 1


#: Read once at import, before this process pins itself.
_CPUS = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()


def can_pin() -> bool:
    return {SERVER_CPU, CLIENT_CPU} <= _CPUS


def pin_server() -> None:
    """``preexec_fn`` of the server process: CPU 0."""
    if can_pin():
        os.sched_setaffinity(0, {SERVER_CPU})


def pin_client() -> None:
    """Pin this (the bench) process and the load generators it starts to CPU 1."""
    if can_pin():
        os.sched_setaffinity(0, {CLIENT_CPU})


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (and its reaped children) from /proc, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(process: subprocess.Popen[bytes], port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("the server did not start")


@dataclass
class Result:
    tool: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    #: Server CPU time (user + system) per request: independent of how busy the machine is.
    cpu_ms_per_request: float | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self, label: str) -> str:
        cpu = ""
        if self.cpu_ms_per_request:
            per_core = 1000 / self.cpu_ms_per_request
            cpu = f"  server CPU {self.cpu_ms_per_request:.2f} ms/req (~{per_core:.0f} req/s/core)"
        return (
            f"{label:<10} {self.requests:>7} req in {self.seconds:5.1f} s  {self.rate:>8.0f} req/s  "
            f"p50 {self.p50_ms:7.2f} ms  p99 {self.p99_ms:7.2f} ms{cpu}  {self.statuses}  ({self.tool})"
        )


_WRK_SCRIPT = """
paths = {%s}
tokens = {%s}
i = 0
request = function()
  i = i + 1
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1] end
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
"""
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(port: int, paths: list[str], *, accept: str, tokens: list[str], clients: int, seconds: float) -> Result:
    """``wrk --latency`` with one thread and ``clients`` connections for ``seconds`` (pinned to CPU 1)."""
    quoted = ", ".join(f'"{p}"' for p in paths)
    token_list = ", ".join(f'"{t}"' for t in tokens)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT % (quoted, token_list))
    try:
        command = ["wrk", "--latency", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "-s", script.name]
        command += ["-H", f"Accept: {accept}", f"http://127.0.0.1:{port}"]
        if can_pin():
            command = ["taskset", "-c", str(CLIENT_CPU), *command]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        Path(script.name).unlink()
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+),", output)
    if not total or set(latency) != {"50", "99"}:
        raise SystemExit(f"unexpected wrk output:\n{output}")
    statuses: dict[str, int] = {}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    if non_2xx:
        statuses["non-2xx"] = int(non_2xx.group(1))
    if errors:
        statuses["socket errors"] = 1
    requests = int(total.group(1))
    elapsed = _ms(total.group(2) + total.group(3)) / 1000
    statuses.setdefault("non-2xx", 0)
    return Result("wrk", requests, elapsed, _ms(latency["50"]), _ms(latency["99"]), statuses)


async def _client(
    port: int, paths: list[str], headers: str, deadline: float, latencies: list[float], statuses: dict[str, int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    index = 0
    try:
        while time.perf_counter() < deadline:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode("ascii"))
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            status = head.split(b" ", 2)[1].decode()
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


def run_asyncio(port: int, paths: list[str], *, accept: str, tokens: list[str], clients: int, seconds: float) -> Result:
    """The fallback load generator: ``clients`` keep-alive connections for ``seconds``."""

    async def main() -> tuple[float, list[float], dict[str, int]]:
        latencies: list[float] = []
        statuses: dict[str, int] = {}
        started = time.perf_counter()
        deadline = started + seconds
        jobs = []
        for number in range(clients):
            headers = f"Accept: {accept}\r\n"
            if tokens:
                headers += f"Authorization: Bearer {tokens[number % len(tokens)]}\r\n"
            jobs.append(_client(port, paths, headers, deadline, latencies, statuses))
        await asyncio.gather(*jobs)
        return time.perf_counter() - started, latencies, statuses

    elapsed, latencies, statuses = asyncio.run(main())
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return Result("asyncio", len(ordered), elapsed, statistics.median(ordered) * 1000, p99 * 1000, statuses)


def run_load(
    port: int,
    paths: list[str],
    *,
    accept: str = "application/json",
    tokens: list[str] | None = None,
    clients: int = 50,
    seconds: float = 10.0,
    tool: str = "auto",
    server_pid: int | None = None,
) -> Result:
    """wrk when installed (or ``tool="wrk"``), else the asyncio client; with ``server_pid``, its CPU/request."""
    use_wrk = tool == "wrk" or (tool == "auto" and shutil.which("wrk") is not None)
    runner = run_wrk if use_wrk else run_asyncio
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    result = runner(port, paths, accept=accept, tokens=tokens or [], clients=clients, seconds=seconds)
    if server_pid and result.requests:
        result.cpu_ms_per_request = (cpu_seconds(server_pid) - cpu_before) * 1000 / result.requests
    return result
