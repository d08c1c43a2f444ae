"""Upload checks for attachments: size limit and content that matches the extension.

Wagtail only checks the file name's extension; a renamed executable or HTML
page would pass. ``validate_document_file`` looks at the bytes.
Use it through ``WAGTAILDOCS_DOCUMENT_FORM_BASE = "gi_wagtail.security.uploads.GiDocumentForm"``
(the admin, the multiple uploader and the documents API all build their form from it),
or as a ``validators=[...]`` entry on a custom document model's file field.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from gi_wagtail.conf import gi_settings
from gi_wagtail.security.documents import published_users
from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract.messages import Failure
from gi_wagtail.text.extract.zipguard import check_directory, inflate_checked

# What an agency publishes as attachments; suggested value for WAGTAILDOCS_EXTENSIONS.
DOCUMENT_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"]

_ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_TEXT_EXTENSIONS = {"txt", "csv"}
# Never acceptable whatever the extension says.
_FORBIDDEN_KINDS = {"exe", "elf", "swf", "wasm", "crx", "deb", "rpm", "cab", "sqlite"}
# Markup a browser would act on, anywhere in a text file: any start or end tag, a doctype, a comment,
# an XML declaration or processing instruction. Chinese text uses 《》 and （）, so ASCII tags are rare.
_MARKUP = re.compile(r"<(?:/?[a-z][a-z0-9:_.-]*(?:\s[^<>]*)?/?>|!doctype|!--|\?[a-z])", re.IGNORECASE)
_SAMPLE = 64 * 1024
_CENTRAL_ENTRY = b"PK\x01\x02"
_CHUNK = 1024 * 1024


def _read_sample(file: IO[bytes]) -> bytes:
    file.seek(0)
    sample = file.read(_SAMPLE)
    file.seek(0)
    return sample


def _count_central_entries(file: IO[bytes]) -> int:
    """Directory entries, counted a chunk at a time before zipfile builds an object for each."""
    file.seek(0)
    count, tail = 0, b""
    while chunk := file.read(_CHUNK):
        data = tail + chunk
        count += data.count(_CENTRAL_ENTRY)
        tail = data[-(len(_CENTRAL_ENTRY) - 1) :]
    return count


def _zip_bomb() -> ValidationError:
    return ValidationError(
        _(
            "The archive would unpack to more than %(limit)s MB or into more than %(members)s files, or it is "
            "compressed more than %(ratio)s to 1 (a “zip bomb”). Upload the files themselves or smaller archives."
        ),
        code="zip_bomb",
        params={
            "limit": limits.MAX_UNZIPPED_BYTES // limits.MB,
            "members": limits.MAX_ZIP_MEMBERS,
            "ratio": limits.MAX_COMPRESSION_RATIO,
        },
    )


def _zip_names(file: IO[bytes]) -> tuple[set[str] | None, bytes]:
    """Member names and the ODF ``mimetype`` (100 bytes at most) of a sound archive; (None, b"") if damaged.

    Sizes, ratios and the member count are judged from the directory first, then every member is inflated
    a chunk at a time into nothing against a hard cap (gi_wagtail.text.extract.zipguard): a bomb is
    refused without being unpacked in memory.
    """
    try:
        if _count_central_entries(file) > limits.MAX_ZIP_MEMBERS:
            raise _zip_bomb()
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            check_directory(archive)
            inflate_checked(archive)
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100)
        return names, mimetype
    except Failure as failure:
        if failure.code == "zip_bomb":
            raise _zip_bomb() from failure
        if failure.code == "encrypted":
            raise ValidationError(
                _("The archive is protected by a password. Upload it without one: attachments are published."),
                code="file_encrypted",
            ) from failure
        return None, b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError, RuntimeError):
        return None, b""
    finally:
        file.seek(0)


def _is_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _refuse_markup(file: IO[bytes]) -> None:
    """Refuse a text file holding HTML or XML markup anywhere, whatever its encoding or byte-order mark."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")  # the bytes as they are: ASCII markup is still found
    match = _MARKUP.search(text.replace("\ufeff", ""))
    if match:
        raise ValidationError(
            _(
                "The file contains web page markup (%(tag)s), which a browser could run as a page. Remove the "
                "markup, or publish the content as PDF."
            ),
            code="file_content_mismatch",
            params={"tag": match.group(0)[:40]},
        )


def _content_matches(extension: str, sample: bytes, file: IO[bytes]) -> bool:
    if extension == "pdf":
        return filetype.guess_extension(sample) == "pdf"
    if extension == "zip":
        return _zip_names(file)[0] is not None
    if extension in _ZIP_MEMBERS:
        names, _mimetype = _zip_names(file)
        return bool(names) and "[Content_Types].xml" in names and _ZIP_MEMBERS[extension] in names
    if extension in _ODF_MIMETYPES:
        names, mimetype = _zip_names(file)
        return bool(names) and mimetype.strip() == _ODF_MIMETYPES[extension]
    if extension in _TEXT_EXTENSIONS:
        if not _is_text(sample):
            return False
        _refuse_markup(file)
        return True
    # An extension the site allows but we have no rule for: only refuse what is clearly dangerous.
    return True


def _file_object(value: Any) -> IO[bytes]:
    """The readable object behind an UploadedFile or a not-yet-saved FieldFile."""
    return getattr(value, "file", None) or value


def validate_document_file(value: Any) -> None:
    """Refuse files over ``GI_WAGTAIL['MAX_UPLOAD_MB']`` and files whose content contradicts their extension."""
    if value is None or getattr(value, "_committed", False):
        return  # nothing new to check: the stored file passed when it was uploaded
    limit_mb = gi_settings.MAX_UPLOAD_MB
    size = getattr(value, "size", None)
    if size is not None and size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is %(size).1f MB; files may be at most %(limit)s MB."),
            code="file_too_large",
            params={"size": size / 1024 / 1024, "limit": limit_mb},
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    extension = os.path.splitext(getattr(value, "name", "") or "")[1].lower().lstrip(".")
    file = _file_object(value)
    sample = _read_sample(file)
    kind = filetype.guess_extension(sample)
    if kind in _FORBIDDEN_KINDS or not _content_matches(extension, sample, file):
        raise ValidationError(
            _(
                "The file's content does not match its extension “.%(extension)s”. Upload the original file, "
                "not a renamed one."
            ),
            code="file_content_mismatch",
            params={"extension": extension},
        )


class GiDocumentForm(BaseDocumentForm):
    """Wagtail's document form plus the size and content checks."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new upload, not the stored file
            if self.instance.pk:
                self._refuse_published_replacement()
            validate_document_file(file)
        return file

    def _refuse_published_replacement(self) -> None:
        """A published attachment's file changes only through a reviewed edit of the item that uses it."""
        pages = published_users(self.instance)
        if pages:
            raise ValidationError(
                _(
                    "This document is an attachment of published pages (%(pages)s), so its file cannot be "
                    "replaced here: the new file would go public without review. Upload the new file as a new "
                    "document and attach it in the item instead; the item then goes through review."
                ),
                code="file_published",
                params={"pages": "、".join(page.get_admin_display_title() for page in pages[:5])},
            )

    def _post_clean(self) -> None:
        if self.has_error("file"):
            # The model's extension check would add a second, confusing error about an empty file name.
            return
        super()._post_clean()
