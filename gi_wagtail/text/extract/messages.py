"""What a reader reports when it cannot read a file: a stable code and a message id for gettext.

The text room stays free of Django: messages are marked here with ``gettext_noop`` (makemessages
collects them) and translated by the ``gettext`` the caller hands to ``extract_text``.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks a msgid for extraction (same name as Django's)."""
    return message


EMPTY = gettext_noop("The attachment is empty")
TOO_LARGE = gettext_noop("Cannot read the attachment: it is larger than %(limit)s MB")
UNREADABLE = gettext_noop("Cannot read the attachment: the upload could not be read")
ENCRYPTED = gettext_noop("Cannot read the attachment: the file is encrypted")
CORRUPT = gettext_noop("Cannot read the attachment: the file is damaged or incomplete")
ZIP_TOO_BIG = gettext_noop("Cannot read the attachment: it would unpack to more than %(limit)s MB")
ZIP_RATIO = gettext_noop(
    "Cannot read the attachment: it is compressed more than %(ratio)s to 1, which only a zip bomb does"
)
ZIP_MEMBERS = gettext_noop("Cannot read the attachment: it holds more than %(limit)s parts")
SOME_PAGES = gettext_noop("%(failed)s of %(pages)s pages could not be read")
NO_TEXT = gettext_noop("The PDF has no text layer (a scan?): nothing can be searched in it")
UNSUPPORTED_WORD = gettext_noop("Unsupported attachment format: %(format)s (save it as DOCX or PDF)")
UNSUPPORTED_SHEET = gettext_noop("Unsupported attachment format: %(format)s (save it as XLSX or PDF)")
UNSUPPORTED_PDF_ONLY = gettext_noop("Unsupported attachment format: %(format)s (save it as PDF)")
UNSUPPORTED_IMAGE = gettext_noop(
    "Unsupported attachment format: %(format)s (text in an image cannot be searched; attach a PDF with text)"
)
UNSUPPORTED = gettext_noop("Unsupported attachment format: %(format)s")
UNKNOWN = gettext_noop("Unsupported attachment format: the file is not PDF, DOCX, XLSX or text")


class Failure(Exception):  # noqa: N818 a result, not a bug: extract_text turns it into Extracted.error
    """A reader gives up: ``code`` for programs, ``msgid`` % ``params`` for people."""

    def __init__(self, code: str, msgid: str, **params: object) -> None:
        super().__init__(msgid % params if params else msgid)
        self.code = code
        self.msgid = msgid
        self.params = params
