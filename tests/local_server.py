"""Helpers shared by the browser tests, the benchmark and the screenshot: Chromium and local servers."""

import shutil
import socket
import time
import urllib.request

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying hosts this machine cannot reach, and stalls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base_url: str, seconds: float = 15) -> None:
    """Poll /healthz until the server answers; raise if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{base_url} did not answer /healthz within {seconds} s")
