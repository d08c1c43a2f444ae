"""Kept for settings and migrations that name this path."""

from gi_wagtail.deprecation import moved

moved(__name__, "gi_wagtail.reports.blocks", permanent=True)
