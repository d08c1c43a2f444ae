"""JSON reports in the schema of :mod:`gi_wagtail.reports.schema`, with the line of every problem."""

from __future__ import annotations

import json
import re

from gi_wagtail.reports.parsers.errors import ReportParseError
from gi_wagtail.reports.schema import SchemaError, validate_shape
from gi_wagtail.text.quote import one_line

# Nesting deeper than any report has: refused before Python's recursion limit is reached.
MAX_DEPTH = 64
_KEY_PATH = re.compile(r"^([^\s:;,]+):")  # "tables.table3.received.total: expected …"
_OPENERS = re.compile(r'[\[{]|"(?:[^"\\]|\\.)*"|[\]}]')


def parse_json(data: bytes | str) -> dict:
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ReportParseError(
                errors=[(line, f"report JSON must be UTF-8 encoded ({exc.reason} at byte {exc.start + 1})")]
            ) from None
    else:
        text = data
    deep = _too_deep(text)
    if deep:
        raise ReportParseError(errors=[(deep, f"invalid JSON: nested more than {MAX_DEPTH} levels deep")])
    try:
        source = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportParseError(
            errors=[(exc.lineno, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. a number of more than 4300 digits
        raise ReportParseError(errors=[(_long_number_line(text), f"invalid JSON: {one_line(exc, 200)}")]) from None
    try:
        return validate_shape(source)
    except SchemaError as exc:
        raise ReportParseError(
            "not a valid report JSON: " + "; ".join(exc.problems),
            errors=[(locate(text, problem), problem) for problem in exc.problems],
        ) from None


def _too_deep(text: str) -> int:
    """The line where brackets (outside strings) nest deeper than MAX_DEPTH, or 0."""
    depth = 0
    for match in _OPENERS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return 0


def _long_number_line(text: str) -> int:
    match = re.search(r"\d{4000}", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def locate(text: str, problem: str) -> int:
    """The line of the key a schema problem names ("tables.table3.received.total: …"), else 1."""
    match = _KEY_PATH.match(problem)
    if not match:
        return 1
    position, line_at = 0, 0
    for key in match.group(1).split("."):
        pattern = "|".join(re.escape(json.dumps(key, ensure_ascii=ascii)) for ascii in (False, True))
        found = re.compile(rf"(?:{pattern})\s*:").search(text, position)
        if not found:
            break
        position = line_at = found.start()
    return text.count("\n", 0, line_at) + 1 if line_at else 1
