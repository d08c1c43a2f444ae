"""Which format a file is, from its bytes first and its name only where bytes cannot tell (plain text)."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

import filetype

# Formats read here: "pdf", "docx", "xlsx", "txt", "csv", "html". Everything else is named for the message.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # OLE2 compound file: .doc/.xls/.ppt/.wps/.et, encrypted OOXML
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"{\\rtf", "rtf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gz"),
)
IMAGES = {"jpg", "png", "gif", "tiff", "bmp", "webp", "heic", "jp2", "jpx", "psd", "ico", "avif"}
TEXT_EXTS = {"txt", "text", "csv", "tsv", "log", "md"}
HTML_EXTS = {"html", "htm", "xhtml", "shtml"}
# Old binary office files, by the OLE stream that holds the content (names are UTF-16LE in the directory).
_OLE_STREAMS = (
    ("EncryptedPackage", "encrypted"),  # a password-protected DOCX/XLSX is an OLE file around the real one
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("Book", "xls"),
    ("PowerPoint Document", "ppt"),
)
# What the name may say for each family (WPS Office's own extensions included).
_OLE_NAMES = {"doc": {"doc", "dot", "wps"}, "xls": {"xls", "xlt", "et"}, "ppt": {"ppt", "pps", "dps"}}
_ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def extension(name: str) -> str:
    """``报告.PDF`` → ``pdf``; Windows paths and no extension included."""
    return PurePosixPath((name or "").replace("\\", "/")).suffix.lower().lstrip(".")


def sniff(data: bytes, ext: str) -> str:
    """A format name: ``pdf``, ``zip`` (opened later), ``ole``, ``txt`` … or the best name for an unsupported one."""
    # PDF readers accept junk before the header; so does pypdf.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM" and data[6:10] == b"\0\0\0\0" and ext == "bmp":
        return "bmp"
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or _looks_like_text(data[:65536]):
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if ext in HTML_EXTS or head.startswith((b"<!doctype html", b"<html")):
            return "html"
        return "csv" if ext in {"csv", "tsv"} else "txt"
    guessed = filetype.guess_extension(data[:8192])
    return guessed or "unknown"


def _looks_like_text(sample: bytes) -> bool:
    # Text has no NUL bytes and few other C0 controls (tab, newlines, form feed and ESC aside).
    if b"\0" in sample:
        return False
    controls = sum(sample.count(bytes([c])) for c in range(32) if c not in (9, 10, 12, 13, 27))
    return controls * 100 <= len(sample)


def ole_kind(data: bytes, ext: str) -> str:
    """The office format inside an OLE2 file; the name's own extension when it agrees (``.wps`` stays ``wps``)."""
    for stream, kind in _OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return ext if ext in _OLE_NAMES.get(kind, ()) else kind
    return ext if ext in {n for names in _OLE_NAMES.values() for n in names} else "ole"


def zip_kind(archive: zipfile.ZipFile) -> str:
    """DOCX, XLSX and their neighbours by member names (never by inflating anything large)."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
        return _ODF.get(archive.read("mimetype").decode("ascii", "replace").strip(), "odf")
    if "OFD.xml" in names:
        return "ofd"  # GB/T 33190 fixed-layout document
    return "zip"
