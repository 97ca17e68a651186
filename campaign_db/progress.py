"""A progress bar on standard error, shown only on a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """``Progress(total, "exporting")``; ``step(label)`` after each unit of work."""

    def __init__(self, total: int, title: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.title = title
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()

    def step(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.title} [{bar}] {self.done}/{self.total} {label[:30]:<30}")
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()
