"""The visual campaign report: one self-contained HTML file per run.

``collect_report_data`` reads the reporting views (``data``), ``build_report``
renders them (``render``: Jinja2 template, Vega map and charts from
``charts``, base map from ``geography``).
"""

from .data import ReportData, UnknownCampaign, collect_report_data
from .render import build_report

__all__ = ["ReportData", "UnknownCampaign", "build_report", "collect_report_data"]
