"""Stream raw records out of JSON Lines, CSV and XLSX files.

Every reader yields ``RawRecord(line, data, error)``: ``data`` is a dict of column
name to value, or ``error`` says why the record could not be read. Files are read
line by line (XLSX in read-only mode), and a single line longer than
``max_record_bytes`` is skipped in chunks, so memory stays bounded by the
largest accepted record, not the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import json
import os
import zipfile
from collections import namedtuple
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from gi_wagtail.text.quote import one_line, quote

RawRecord = namedtuple("RawRecord", "line data error")

DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, not a file …); ``line`` where that is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def detect_format(path: str | os.PathLike[str], head: bytes) -> str:
    name = str(path).lower()
    if head.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    return "jsonl" if stripped.startswith(b"{") else "csv"


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the sample decodes as UTF-8, else GB18030 (a superset of GBK)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # final=False: a multi-byte character cut at the end of the sample is fine.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"  # undecodable lines are reported one by one


def _binary_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes or None when too long) without ever holding more than max_bytes."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Drain the rest of the oversized line.
            while True:
                rest = handle.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _text_lines(handle: IO[bytes], encoding: str, max_bytes: int) -> Iterator[tuple[int, str, str | None]]:
    """Yield (line number, text, error); error is set for undecodable or oversized lines."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    for number, raw in _binary_lines(handle, max_bytes):
        if raw is None:
            yield number, "", _("record is larger than %(size)s bytes") % {"size": max_bytes}
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield number, raw.decode(codec), None
        except UnicodeDecodeError as exc:
            yield (
                number,
                raw.decode(codec, errors="replace"),
                _("cannot decode the line as %(encoding)s (byte %(position)s)")
                % {"encoding": codec.upper(), "position": exc.start + 1},
            )


def read_jsonl(handle: IO[bytes], encoding: str, max_bytes: int) -> Iterator[RawRecord]:
    for number, text, error in _text_lines(handle, encoding, max_bytes):
        if error:
            yield RawRecord(number, None, error)
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except ValueError as exc:  # also a number too long to convert
            yield RawRecord(number, None, _("invalid JSON: %(error)s") % {"error": one_line(exc, 200)})
            continue
        except RecursionError:
            yield RawRecord(number, None, _("invalid JSON: nested too deeply"))
            continue
        if not isinstance(data, dict):
            yield RawRecord(number, None, _("a record must be a JSON object"))
            continue
        yield RawRecord(number, data, None)


def read_csv(handle: IO[bytes], encoding: str, max_bytes: int) -> Iterator[RawRecord]:
    problems: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for number, text, error in _text_lines(handle, encoding, max_bytes):
            if error:
                problems[number] = error
            yield text

    reader = csv.reader(lines())
    header = None
    previous_end = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield RawRecord(reader.line_num, None, _("malformed CSV: %(error)s") % {"error": one_line(exc, 200)})
            previous_end = reader.line_num
            continue
        first, previous_end = previous_end + 1, reader.line_num
        error = next((problems.pop(n) for n in range(first, previous_end + 1) if n in problems), None)
        if header is None:
            if error:
                raise ImportFileError(_("cannot read the header row: %(error)s") % {"error": error}, line=first)
            header = [name.strip() for name in row]
            continue
        if error:
            yield RawRecord(first, None, error)
        elif not any(cell.strip() for cell in row):
            continue
        elif len(row) > len(header):
            yield RawRecord(
                first,
                None,
                _("%(count)s columns, the header has %(header)s") % {"count": len(row), "header": len(header)},
            )
        else:
            yield RawRecord(first, dict(zip(header, row, strict=False)), None)
    if header is None:
        raise ImportFileError(_("the file is empty"), line=1)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def read_xlsx(path: str | os.PathLike[str]) -> Iterator[RawRecord]:
    """Rows of the first sheet; a row that cannot be read is reported on its own and the next ones still are."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:
        raise ImportFileError(
            _("not a readable XLSX workbook: %(error)s") % {"error": one_line(f"{type(exc).__name__}: {exc}", 200)}
        ) from exc
    try:
        header = None
        for number, row, error in _sheet_rows(workbook, sheet):
            if error:
                yield RawRecord(number, None, error)
                continue
            if header is None:
                header = [str(cell).strip() if cell is not None else "" for cell in row]
                continue
            if all(cell is None or str(cell).strip() == "" for cell in row):
                continue
            data = {name: _cell(value) for name, value in zip(header, row, strict=False) if name and value is not None}
            yield RawRecord(number, data, None)
        if header is None:
            raise ImportFileError(_("the file is empty"), line=1)
    finally:
        workbook.close()


# Widest row read: Excel's own limit (XFD).
_MAX_COLUMNS = 16384


def _sheet_rows(workbook: Any, sheet: Any) -> Iterator[tuple[int, list[Any] | None, str | None]]:
    """(row number, cell values, error) for each <row> of the sheet's XML, parsed row by row.

    openpyxl's own iteration stops at the first cell it cannot convert; here that row is
    reported and the rows after it are still read. Broken XML ends the sheet with an error.
    """
    from xml.etree.ElementTree import ParseError

    from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
    from openpyxl.xml.functions import iterparse

    number = 0
    with workbook._archive.open(sheet._worksheet_path) as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        try:
            for _event, element in iterparse(source):
                if element.tag != ROW_TAG:
                    continue
                expected = number + 1
                try:
                    number, cells = parser.parse_row(element)
                    yield number, _row_values(cells), None
                except Exception as exc:  # noqa: BLE001 — one bad cell spoils its row only
                    number = max(expected, parser.row_counter if isinstance(parser.row_counter, int) else 0)
                    parser.row_counter = number
                    yield number, None, _("cannot read the row: %(error)s") % {"error": _cell_error(exc)}
                finally:
                    element.clear()
        except (ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            yield (
                number + 1,
                None,
                _("the sheet is damaged after row %(row)s; the rows after it cannot be read (%(error)s)")
                % {"row": number, "error": one_line(f"{type(exc).__name__}: {exc}", 200)},
            )


def _row_values(cells: list[dict[str, Any]]) -> list[Any]:
    values: dict[int, Any] = {}
    for cell in cells:
        column = cell["column"]
        if not isinstance(column, int) or not 1 <= column <= _MAX_COLUMNS:
            raise ValueError(f"column {column!r} out of range")
        values[column] = cell["value"]
    width = max(values, default=0)
    return [values.get(column) for column in range(1, width + 1)]


def _cell_error(exc: Exception) -> str:
    if isinstance(exc, IndexError):
        return _("a shared string that does not exist")
    return one_line(f"{type(exc).__name__}: {exc}", 200)


def read_records(
    path: str | os.PathLike[str],
    file_format: str | None = None,
    encoding: str | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[RawRecord]:
    """Yield RawRecord for each record of the file at ``path``."""
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed by the with block below)
    except OSError as exc:
        raise ImportFileError(
            _("cannot open %(path)s: %(error)s") % {"path": quote(path, 200), "error": exc.strerror}
        ) from exc
    with handle:
        head = handle.read(SNIFF_BYTES)
        if not head:
            raise ImportFileError(_("the file is empty"), line=1)
        file_format = file_format or detect_format(path, head)
        if file_format == "xlsx":
            handle.close()
            yield from read_xlsx(path)
            return
        if encoding is None:
            encoding = detect_encoding(head)
        else:
            try:
                encoding = codecs.lookup(encoding).name
            except LookupError as exc:
                raise ImportFileError(_("unknown encoding %(encoding)s") % {"encoding": quote(encoding)}) from exc
        handle.seek(0)
        if encoding.startswith("utf-16"):
            # UTF-16 has no byte-level line breaks; re-encode the stream to UTF-8 on the fly.
            handle = codecs.EncodedFile(handle, "utf-8", encoding, errors="replace")
            encoding = "utf-8"
        reader = read_jsonl if file_format == "jsonl" else read_csv
        yield from reader(handle, encoding, max_record_bytes)
