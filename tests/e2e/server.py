"""A real `streamlit run app.py` on a free local port, for the browser tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_app(env: Mapping[str, str]) -> Iterator[str]:
    """Start the app with ``env``, wait until it is healthy, yield its URL, stop it after."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - a PIPE could fill up and block the server
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
        + ["--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1"]
        + ["--browser.gatherUsageStats=false"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(env),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"streamlit did not start:\n{log.read().decode(errors='replace')}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
