"""Text of attached files (PDF, DOCX, XLSX, plain text, HTML) for search and the personal-data scan.

``extract_text`` takes the bytes of an upload and never raises on what is in them: a broken, encrypted,
unsupported, oversized or hostile file gives an ``Extracted`` with the text read so far (often none)
and a message saying why. The format comes from the content, the name only tells plain text apart.
Every cost is bounded (see ``limits``): input size, ZIP directory and inflation, PDF pages, spreadsheet
cells, characters returned.

Pure Python over bytes, like the rest of ``gi_wagtail.text``: messages are translated by the
``gettext`` the caller passes (Django's, in the site), English otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract import messages as msg
from gi_wagtail.text.extract.cleaning import Sink, clean
from gi_wagtail.text.extract.messages import Failure
from gi_wagtail.text.extract.pdf import read_pdf
from gi_wagtail.text.extract.plain import read_html, read_text
from gi_wagtail.text.extract.sheet import read_xlsx
from gi_wagtail.text.extract.sniff import IMAGES, extension, ole_kind, sniff, zip_kind
from gi_wagtail.text.extract.word import read_docx
from gi_wagtail.text.extract.zipguard import check_directory, inflate_checked, open_archive

__all__ = ["Extracted", "clean", "extract_text", "limits"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    """What could be read from one file.

    ``format``: what the content is (``pdf``, ``docx``, ``xlsx``, ``txt``, ``csv``, ``html``, or the
    unsupported kind found: ``doc``, ``jpg`` …). ``pages``: PDF pages (sheets for XLSX, 0 where the
    format has none). ``truncated``: the text stops at ``max_chars`` or a limit. ``error``: why text is
    missing or incomplete, for people (empty when all went well); ``error_code`` for programs: ``empty``,
    ``too_large``, ``unreadable``, ``encrypted``, ``corrupt``, ``zip_bomb``, ``unsupported``,
    ``partial`` (some PDF pages failed) or ``no_text`` (a PDF without a text layer).
    """

    text: str
    format: str
    pages: int = 0
    truncated: bool = False
    error: str = ""
    error_code: str = ""


_READERS = {
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
    "txt": read_text,
    "csv": read_text,
    "html": read_html,
}
_ZIPPED = {"docx", "xlsx"}
# Advice in the message, by what the file really is.
_ADVICE = {
    **dict.fromkeys(("doc", "dot", "wps", "rtf", "odt"), msg.UNSUPPORTED_WORD),
    **dict.fromkeys(("xls", "xlt", "et", "ods"), msg.UNSUPPORTED_SHEET),
    **dict.fromkeys(("ppt", "pps", "dps", "pptx", "odp", "ofd"), msg.UNSUPPORTED_PDF_ONLY),
    **dict.fromkeys(IMAGES, msg.UNSUPPORTED_IMAGE),
}


def extract_text(
    data: bytes | bytearray | memoryview | BinaryIO,
    name: str,
    *,
    max_chars: int = limits.DEFAULT_MAX_CHARS,
    gettext: Callable[[str], str] | None = None,
) -> Extracted:
    """The text of the file ``name`` whose content is ``data`` (bytes or a binary file object)."""
    sink = Sink(max_chars)
    ext = extension(name)
    kind = ext
    try:
        raw = _read_input(data)
        kind = sniff(raw, ext)
        if kind == "zip":
            kind = ext if ext in _ZIPPED else "zip"  # the name, until the member names tell
            archive = open_archive(raw)
            kind = zip_kind(archive)
            if kind in _ZIPPED:
                check_directory(archive)
                inflate_checked(archive)
        elif kind == "ole":
            kind = ole_kind(raw, ext)
            if kind == "encrypted":
                kind = ext or "ole"
                raise Failure("encrypted", msg.ENCRYPTED)
        elif kind == "unknown" and ext in ("pdf", "docx", "xlsx"):
            kind = ext
            raise Failure("corrupt", msg.CORRUPT)  # named so, but without the format's signature
        reader = _READERS.get(kind)
        if reader is None:
            raise _unsupported(kind, ext)
        reader(raw, sink)
    except Failure as failure:
        return _result(sink, kind, failure, gettext)
    except Exception:  # whatever a parser raises on a hostile file is a damaged file to the user
        logger.debug("Text extraction failed for %r (%s)", name, kind, exc_info=True)
        return _result(sink, kind, Failure("corrupt", msg.CORRUPT), gettext)
    return _result(sink, kind, None, gettext)


def _read_input(data: bytes | bytearray | memoryview | BinaryIO) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        if (data.nbytes if isinstance(data, memoryview) else len(data)) > limits.MAX_INPUT_BYTES:
            raise Failure("too_large", msg.TOO_LARGE, limit=limits.MAX_INPUT_BYTES // limits.MB)
        raw = bytes(data)
    else:
        raw = _read_stream(data)
    if not raw:
        raise Failure("empty", msg.EMPTY)
    return raw


def _read_stream(stream: BinaryIO) -> bytes:
    # Read at most one byte past the limit, whatever the file claims its size is.
    buffer = bytearray()
    try:
        if getattr(stream, "seekable", lambda: False)():
            stream.seek(0)
        while len(buffer) <= limits.MAX_INPUT_BYTES:
            chunk = stream.read(min(limits.MB, limits.MAX_INPUT_BYTES + 1 - len(buffer)))
            if not chunk:
                break
            if isinstance(chunk, str):
                raise TypeError("a text-mode file")
            buffer += chunk
    except Exception as exc:  # closed file, text mode, storage error: the upload cannot be read
        raise Failure("unreadable", msg.UNREADABLE) from exc
    if len(buffer) > limits.MAX_INPUT_BYTES:
        raise Failure("too_large", msg.TOO_LARGE, limit=limits.MAX_INPUT_BYTES // limits.MB)
    return bytes(buffer)


def _unsupported(kind: str, ext: str) -> Failure:
    if kind in ("unknown", "ole", "odf"):
        if ext and ext not in _READERS:
            return Failure("unsupported", msg.UNSUPPORTED, format=f".{ext}")
        return Failure("unsupported", msg.UNKNOWN)
    return Failure("unsupported", _ADVICE.get(kind, msg.UNSUPPORTED), format=f".{kind}")


def _result(sink: Sink, kind: str, failure: Failure | None, gettext: Callable[[str], str] | None) -> Extracted:
    error = ""
    if failure is not None:
        error = _message(failure, gettext)
    return Extracted(
        text=sink.text,
        format=kind,
        pages=sink.pages,
        truncated=sink.truncated,
        error=error,
        error_code=failure.code if failure else "",
    )


def _message(failure: Failure, gettext: Callable[[str], str] | None) -> str:
    english = str(failure)
    if gettext is None:
        return english
    try:
        translated = gettext(failure.msgid)
        return translated % failure.params if failure.params else translated
    except (KeyError, TypeError, ValueError):  # a translation with broken placeholders
        return english
