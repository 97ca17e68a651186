"""Headless Chromium for the tests: found on PATH, or installed from Debian's
``chromium`` package when missing (as root, with apt-get), or reported loudly
as unavailable."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def find_or_install_chromium() -> tuple[str | None, str]:
    """(path, how it was found) or (None, why it is unavailable)."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found, "on PATH"
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None, "chromium is not installed and this is not a root Debian machine that could install it"
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600, env=environment)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], check=True, capture_output=True, timeout=900, env=environment
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        return None, f"installing Debian's chromium failed: {error}"
    found = shutil.which("chromium")
    return (found, "installed with apt-get") if found else (None, "apt-get ran but no chromium binary appeared")


@dataclass(frozen=True)
class Rendered:
    dom: str
    console: list[str]


def render(chromium: str, page: Path, screenshot: Path | None = None) -> Rendered:
    """Load ``page`` headless; return the DOM after scripts ran and every
    console message the page produced."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run(
            [chromium, *flags, "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120,
        )
        console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
        if screenshot is not None:
            subprocess.run(
                [chromium, *flags, f"--screenshot={screenshot.resolve()}", "--window-size=1280,2200",
                 "--hide-scrollbars", page.resolve().as_uri()],
                capture_output=True, text=True, timeout=120, check=True,
            )
    return Rendered(dom=dom.stdout, console=console)
