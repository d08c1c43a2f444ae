"""ZIP containers judged before they are opened: part count, declared sizes, compression ratio, then a capped read.

Nothing is inflated until the central directory has passed. Then every member is inflated once, a chunk
at a time into nothing, counting bytes against the same cap: a directory that lies about sizes is caught
here (zipfile also stops at the declared size and checks the CRC), not inside python-docx or openpyxl.
"""

from __future__ import annotations

import io
import zipfile

from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract.messages import CORRUPT, ENCRYPTED, ZIP_MEMBERS, ZIP_RATIO, ZIP_TOO_BIG, Failure

_CENTRAL_ENTRY = b"PK\x01\x02"


def open_archive(data: bytes) -> zipfile.ZipFile:
    """A ZipFile over ``data`` (its directory read, nothing inflated), or Failure."""
    # Every central-directory entry starts with this signature, so its count bounds the entries that
    # zipfile would parse (and hold as ZipInfo objects) before we could look at them.
    if data.count(_CENTRAL_ENTRY) > limits.MAX_ZIP_MEMBERS:
        raise Failure("zip_bomb", ZIP_MEMBERS, limit=limits.MAX_ZIP_MEMBERS)
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise Failure("corrupt", CORRUPT) from exc


def check_directory(archive: zipfile.ZipFile) -> None:
    """Failure unless the declared sizes and ratios are within the limits (nothing is inflated)."""
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise Failure("encrypted", ENCRYPTED)
        total += info.file_size
        if info.file_size >= limits.RATIO_CHECKED_FROM and (
            info.file_size > limits.MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            raise Failure("zip_bomb", ZIP_RATIO, ratio=limits.MAX_COMPRESSION_RATIO)
    if total > limits.MAX_UNZIPPED_BYTES:
        raise Failure("zip_bomb", ZIP_TOO_BIG, limit=limits.MAX_UNZIPPED_BYTES // limits.MB)


def inflate_checked(archive: zipfile.ZipFile) -> None:
    """Inflate every member into nothing, with a hard cap whatever the directory declared."""
    budget = limits.MAX_UNZIPPED_BYTES
    try:
        for info in archive.infolist():
            if info.is_dir():
                continue
            left = info.file_size  # what the directory promised for this member
            with archive.open(info) as member:
                while chunk := member.read(limits.ZIP_CHUNK):
                    left -= len(chunk)
                    budget -= len(chunk)
                    if budget < 0:
                        raise Failure("zip_bomb", ZIP_TOO_BIG, limit=limits.MAX_UNZIPPED_BYTES // limits.MB)
                    if left < 0:  # more than declared: the directory lies
                        raise Failure("corrupt", CORRUPT)
    except Failure:
        raise
    except Exception as exc:  # bad CRC, truncated stream, unknown compression: all "damaged"
        raise Failure("corrupt", CORRUPT) from exc
