"""Time to the app's first page without internet: ``python benchmarks/bench_first_page.py``.

Starts ``streamlit run app.py`` (needs Debian chromium and playwright, as the browser tests
do) once per setting and opens it in three fresh browser tabs (three visits; the first is
the first visit of a fresh server). A visit's first page is there when the start page's
heading and the data banner show. Settings:

- ``offline``: ``SCREENER_OFFLINE=1`` (no network code at all; the baseline);
- ``hanging``: no setting, the registry address accepts and never answers (the slowest way
  a missing network fails);
- ``refused``: no setting, nothing listens at the registry address.

Target: ≤ 3 s, and the live default no slower than the offline baseline. Nothing leaves
127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VISITS = 3
STOP = threading.Event()


class _Hang(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        STOP.wait(120)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet."""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
        + [f"--server.port={port}", "--server.address=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return server, url
        except OSError:
            time.sleep(0.2)


def measure(browser: Any, env: dict[str, str]) -> list[float]:
    """Seconds to the first page, per visit, for a fresh server started with ``env``."""
    server, url = _serve(env)
    times: list[float] = []
    try:
        for _ in range(VISITS):
            context = browser.new_context()
            tab = context.new_page()
            started = time.monotonic()
            tab.goto(url)
            tab.get_by_role("heading", name="Is there an ALS study I could join?").wait_for(
                timeout=60_000
            )
            tab.get_by_text("Studies: ").first.wait_for(timeout=60_000)
            times.append(time.monotonic() - started)
            context.close()
    finally:
        server.terminate()
        server.wait()
    return times


def main() -> None:
    """Print the first-page seconds of each visit for each setting."""
    from playwright.sync_api import sync_playwright

    hanging = ThreadingHTTPServer(("127.0.0.1", 0), _Hang)
    threading.Thread(target=hanging.serve_forever, daemon=True).start()
    base = {k: v for k, v in os.environ.items() if k not in ("SCREENER_OFFLINE", "SCREENER_LIVE")}
    settings = {
        "offline": {**base, "SCREENER_OFFLINE": "1"},
        "hanging": {**base, "CTGOV_API_URL": f"http://127.0.0.1:{hanging.server_address[1]}"},
        "refused": {**base, "CTGOV_API_URL": f"http://127.0.0.1:{_port()}/api/v2"},
    }
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        for name, env in settings.items():
            times = measure(browser, env)
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"{name:8} first page, visits 1–{VISITS}: {shown} s")
        browser.close()
    STOP.set()
    hanging.shutdown()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
