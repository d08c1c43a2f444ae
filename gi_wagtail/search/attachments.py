"""Attached files in the search index: their text per document, and the hit that names them.

Both backends index the names and text of a page's attachments in a field of their own,
weighted below the page's body, and store them for snippets: a hit whose own text does not
contain the query shows the passage of the attachment that does, and names the file.
"""

from __future__ import annotations

from django.utils.safestring import SafeString

from gi_wagtail.search.analysis import MAX_INDEXED_CHARS, ParsedQuery
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.highlight import match_spans, snippet

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
