"""Text of attached files (PDF, DOCX, XLSX, plain text and HTML), for search and for the
personal-data scan before publishing.

Pure functions over bytes, no Django. Nothing here raises on bad input: a broken, encrypted,
unsupported or oversized file gives what could be read and an error code saying why not
(``ERRORS``; the search room words them for people).
Hostile files are bounded: the input size, the ZIP members' declared sizes and ratios
(checked before anything is inflated, and again while reading), PDF pages, and the length
of the text.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_PDF_PAGES = 500
MAX_CHARS = 200_000

# Error codes (Extracted.error).
TOO_LARGE, UNSUPPORTED, OLD_OFFICE, IMAGE = "too_large", "unsupported", "old_office", "image"
DAMAGED, ENCRYPTED, ZIP_BOMB, NO_TEXT = "damaged", "encrypted", "zip_bomb", "no_text"
ERRORS = (TOO_LARGE, UNSUPPORTED, OLD_OFFICE, IMAGE, DAMAGED, ENCRYPTED, ZIP_BOMB, NO_TEXT)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\ufeff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A line break inside a Chinese sentence (PDF lines end where the page ends, not the word).
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


@dataclass(frozen=True)
class Extracted:
    text: str
    format: str
    pages: int = 0
    truncated: bool = False
    error: str = ""  # one of ERRORS, or ""


class _RefusedError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def detect(data: bytes, name: str = "") -> str:
    """The file's format from its content (the name only tells text kinds apart)."""
    head = data[:8]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # .doc, .xls, .wps, .et
    if head[:3] in (b"\xff\xd8\xff",) or head.startswith((b"\x89PNG", b"GIF8")):
        return "image"
    if ext in ("html", "htm") or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if ext in ("txt", "csv", "md", ""):
        return "text"
    return "unknown"


def extract_text(data: bytes | io.IOBase, name: str = "", *, max_chars: int = MAX_CHARS) -> Extracted:
    """The text of a file; never raises on its content."""
    if not isinstance(data, bytes | bytearray):
        data = data.read(MAX_INPUT_BYTES + 1)
    data = bytes(data)
    if len(data) > MAX_INPUT_BYTES:
        return Extracted("", "", error=TOO_LARGE)
    fmt = detect(data, name)
    reader = _READERS.get(fmt)
    if reader is None:
        return Extracted("", fmt, error={"ole": OLD_OFFICE, "image": IMAGE}.get(fmt, UNSUPPORTED))
    try:
        parts, pages, error = reader(data, max_chars)
    except _RefusedError as refused:
        return Extracted("", fmt, error=refused.code)
    except Exception:  # noqa: BLE001 any parser failure on a hostile or broken file is an unreadable file
        return Extracted("", fmt, error=DAMAGED)
    text, truncated = clean("\n".join(parts), max_chars, join_lines=fmt == "pdf")
    return Extracted(text, fmt, pages, truncated or error == "truncated", "" if error == "truncated" else error)


def clean(text: str, max_chars: int = MAX_CHARS, join_lines: bool = False) -> tuple[str, bool]:
    """NFC, no control characters (tabs and line breaks kept), blank runs collapsed; with
    ``join_lines`` (PDF) line breaks inside Chinese text removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    if join_lines:
        text = _CJK_BREAK.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_chars:
        return text[:max_chars], True
    return text, False


# --- readers: (parts, pages, error) -------------------------------------------------------------


def _pdf(data: bytes, max_chars: int) -> tuple[list[str], int, str]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:  # many government PDFs are "encrypted" with an empty password (printing restrictions)
            if not reader.decrypt(""):
                raise _RefusedError(ENCRYPTED)
        except (FileNotDecryptedError, NotImplementedError) as exc:
            raise _RefusedError(ENCRYPTED) from exc
    parts, size, pages = [], 0, len(reader.pages)
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            return parts, pages, "truncated"
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= max_chars:
            return parts, pages, "truncated"
    if pages and not "".join(parts).strip():
        return parts, pages, NO_TEXT
    return parts, pages, ""


def _checked_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, after its central directory shows it is no bomb."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if total > MAX_UNZIPPED_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            archive.close()
            raise _RefusedError(ZIP_BOMB)
    return archive


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member, read with a hard cap in case its declared size lies."""
    with archive.open(name) as handle:
        data = handle.read(MAX_UNZIPPED_BYTES + 1)
    if len(data) > MAX_UNZIPPED_BYTES:
        raise _RefusedError(ZIP_BOMB)
    return data


def _docx(data: bytes, max_chars: int) -> tuple[list[str], int, str]:
    import docx

    archive = _checked_zip(data)
    archive.close()
    document = docx.Document(io.BytesIO(data))
    parts, size = [], 0

    def add(text: str) -> bool:
        nonlocal size
        if text.strip():
            parts.append(text)
            size += len(text)
        return size >= max_chars

    for section in document.sections:
        for paragraph in section.header.paragraphs:
            add(paragraph.text)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            done = add("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            rows = []
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row.iterchildren()
                        if cell.tag.endswith("}tc")
                    ]
                    rows.append("\t".join(cells))
            done = add("\n".join(rows))
        else:
            done = False
        if done:
            return parts, 0, "truncated"
    for section in document.sections:
        for paragraph in section.footer.paragraphs:
            add(paragraph.text)
    return parts, 0, ""


def _xlsx(data: bytes, max_chars: int) -> tuple[list[str], int, str]:
    from openpyxl import load_workbook

    archive = _checked_zip(data)
    archive.close()
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts, size = [], 0
    try:
        for sheet in book.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else _cell(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                if not any(cells):
                    continue
                line = "\t".join(cells)
                parts.append(line)
                size += len(line)
                if size >= max_chars:
                    return parts, len(book.worksheets), "truncated"
        return parts, len(book.worksheets), ""
    finally:
        book.close()


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _text(data: bytes, max_chars: int) -> tuple[list[str], int, str]:
    return [_decode(data[: max_chars * 4])], 0, ""


def _html(data: bytes, max_chars: int) -> tuple[list[str], int, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data[: max_chars * 8]), "html.parser")
    for node in soup(["script", "style", "noscript", "template"]):
        node.decompose()
    return [soup.get_text("\n")], 0, ""


_READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "text": _text, "html": _html}
