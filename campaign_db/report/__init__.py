"""The visual campaign report: one self-contained HTML file."""

from .build import build_report, collect_report_data

__all__ = ["build_report", "collect_report_data"]
