"""Attached files in the search index: their text per document, and the hit that names them.

Both backends index the names and text of a page's attachments in a field of their own,
weighted below the page's body, and store them for snippets: a hit whose own text does not
contain the query shows the passage of the attachment that does, and names the file.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from wagtail.documents.models import AbstractDocument

from gi_wagtail.search.analysis import MAX_INDEXED_CHARS, ParsedQuery
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.highlight import match_spans, snippet
from gi_wagtail.text import extract

# Separators of the stored (name, text) records: control characters no extracted text keeps.
_RECORD, _FIELD = "\x1e", "\x1f"


def attachment_texts(doc: SearchDocument) -> list[tuple[str, str]]:
    """(name, text) of the document's attachments, within the indexing budget."""
    budget, kept = MAX_INDEXED_CHARS, []
    for name, text in doc.attachments:
        name = _clean(name)
        text = _clean(text)[:budget]
        if not text and not name:
            continue
        kept.append((name, text))
        budget -= len(text)
        if budget <= 0:
            break
    return kept


def _clean(value: str) -> str:
    return (value or "").replace(_RECORD, " ").replace(_FIELD, " ")


def pack(attachments: list[tuple[str, str]]) -> str:
    return _RECORD.join(f"{name}{_FIELD}{text}" for name, text in attachments)


def unpack(stored: str) -> list[tuple[str, str]]:
    pairs = []
    for record in (stored or "").split(_RECORD):
        name, _, text = record.partition(_FIELD)
        if name or text:
            pairs.append((name, text))
    return pairs


def attachment_snippet(
    title: str, body: str, stored: str, parsed: ParsedQuery, length: int
) -> tuple[str, SafeString] | None:
    """(attachment name, snippet) when the query matches an attachment but neither the title
    nor the body; None otherwise."""
    if not stored or not parsed or match_spans(title, parsed) or match_spans(body, parsed):
        return None
    best = None
    for name, text in unpack(stored):
        found = len(match_spans(text, parsed)) + len(match_spans(name, parsed))
        if found and (best is None or found > best[0]):
            best = (found, name, text)
    if best is None:
        return None
    return best[1], snippet(best[2], parsed, length)


# --- extracted text of documents, kept until the file changes --------------------------------

# Files larger than this are not read for search (a scanned 300-page PDF has no text anyway).
MAX_FILE_BYTES = 50 * 1024 * 1024


def document_texts(documents: list[AbstractDocument]) -> dict[int, str]:
    """{document id: extracted text} for Wagtail documents, extracting (and keeping) the text
    of files not seen before or changed since (``file_hash``)."""
    from gi_wagtail.search.models import AttachmentText

    if not documents:
        return {}
    known = {a.document_id: a for a in AttachmentText.objects.filter(document_id__in=[d.pk for d in documents])}
    texts = {}
    for document in documents:
        stored = known.get(document.pk)
        file_hash = getattr(document, "file_hash", "") or ""
        if stored is not None and file_hash and stored.file_hash == file_hash:
            texts[document.pk] = stored.text
            continue
        text, error = _extract(document)
        AttachmentText.objects.update_or_create(
            document_id=document.pk, defaults={"file_hash": file_hash, "text": text, "error": error[:255]}
        )
        texts[document.pk] = text
    return texts


def _extract(document: AbstractDocument) -> tuple[str, str]:
    """(text, why it is missing or incomplete, in the site's language)."""
    try:
        size = document.file.size
        with document.file.open("rb") as handle:
            data = handle.read(min(size, MAX_FILE_BYTES + 1))
    except (OSError, ValueError):  # a file missing from storage must not stop indexing
        data = b""
    with translation.override(settings.LANGUAGE_CODE):
        result = extract.extract_text(data, document.file.name, gettext=gettext)
    return result.text, result.error
