"""Headless Chromium for the tests, driven with Selenium through Debian's
chromedriver: both found on PATH, or installed from Debian's ``chromium`` and
``chromium-driver`` packages when missing (as root, with apt-get), or
reported loudly as unavailable. No browser is ever downloaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

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
PACKAGES = {"chromium": "chromium", "chromedriver": "chromium-driver"}


def _apt_install(packages: list[str]) -> str | None:
    """None when installed, else why not."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{', '.join(packages)} missing and this is not a root Debian machine that could install them"
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600, env=environment)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *packages], check=True, capture_output=True, timeout=900,
            env=environment,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        return f"installing Debian's {', '.join(packages)} failed: {error}"
    return None


def find_or_install_chromium() -> tuple[str | None, str]:
    """(path, how it was found) or (None, why it is unavailable)."""
    path, how = find_or_install_browser()
    return (path[0] if path else None), how


def find_or_install_browser() -> tuple[tuple[str, str] | None, str]:
    """((chromium, chromedriver), how they were found) or (None, why they are unavailable)."""

    def found() -> tuple[str, str] | None:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver")
        return (chromium, driver) if chromium and driver else None

    paths = found()
    if paths:
        return paths, "on PATH"
    missing = [package for name, package in PACKAGES.items()
               if not (shutil.which(name) or (name == "chromium" and shutil.which("chromium-browser")))]
    problem = _apt_install(missing)
    if problem:
        return None, problem
    paths = found()
    if paths is None:
        return None, "apt-get ran but chromium/chromedriver did not appear"
    return paths, "installed with apt-get"


@contextmanager
def browser(chromium: str, chromedriver: str, width: int = 1400, height: int = 900) -> Iterator[WebDriver]:
    """A Selenium WebDriver on headless Chromium with a ``width``×``height`` viewport, recording the
    console (``browser`` log) and the network (``performance`` log)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            if not flag.startswith(("--enable-logging", "--v=")):
                options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument("--hide-scrollbars")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
        try:
            set_viewport(driver, width, height)
            yield driver
        finally:
            driver.quit()


def set_viewport(driver: WebDriver, width: int, height: int, mobile: bool = False) -> None:
    """An exact viewport (the window size of a headless browser is not quite its viewport)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
    })


def console_messages(driver: WebDriver) -> list[str]:
    """Every console message (any level) since the last call."""
    return [f"{entry['level']}: {entry['message']}" for entry in driver.get_log("browser")]  # type: ignore[no-untyped-call]


def requested_urls(driver: WebDriver) -> list[str]:
    """Every URL the page requested since the last call (from the DevTools network events)."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
