"""Importers for annual reports: JSON, HTML (post-2019 tables) and legacy plain text.

    report = parse_file("report.html")            # -> normalised schema dict
    report = parse_bytes(data, "report.txt", format="2008")

Anything that cannot be read raises ReportParseError with a readable message.
Importer remarks (unrecognised rows, unreadable cells) are in report["notes"].
"""

from __future__ import annotations

import os
from pathlib import Path

from gi_wagtail.reports.parsers.decode import declared_html_charset, decode
from gi_wagtail.reports.parsers.errors import ReportParseError
from gi_wagtail.reports.parsers.from_html import parse_html
from gi_wagtail.reports.parsers.from_json import parse_json
from gi_wagtail.reports.parsers.from_text import parse_text
from gi_wagtail.reports.schema import Report

MAX_BYTES = 20 * 1024 * 1024


def sniff(data: bytes, filename: str = "") -> str:
    ext = os.path.splitext(filename)[1].lower()
    if ext == ".json":
        return "json"
    if ext in (".html", ".htm", ".shtml", ".xhtml"):
        return "html"
    if ext in (".txt", ".text"):
        return "text"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<table", b"<div", b"<p", b"<meta", b"<head")):
        return "html"
    if head.startswith((b"%pdf", b"pk\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ReportParseError("PDF and office documents are not supported; provide plain text, HTML or JSON")
    return "text"


def parse_bytes(data: bytes, filename: str = "", format: str | None = None, year: int | None = None) -> dict:
    if not data or not data.strip():
        raise ReportParseError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ReportParseError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    kind = sniff(data, filename)
    if kind == "json":
        return parse_json(data)
    if kind == "html":
        return parse_html(decode(data, declared_html_charset(data)), format=format, year=year)
    return parse_text(decode(data), format=format, year=year)


def parse_file(path: str | os.PathLike[str], format: str | None = None, year: int | None = None) -> Report:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(f"cannot read {path}: {exc.strerror}") from None
    return parse_bytes(data, path.name, format=format, year=year)


__all__ = ["ReportParseError", "parse_bytes", "parse_file", "parse_html", "parse_json", "parse_text"]
