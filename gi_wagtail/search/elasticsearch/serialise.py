"""``SearchDocument`` -> Elasticsearch ``_source``."""

from __future__ import annotations

from django.utils import timezone

from gi_wagtail.search import segment
from gi_wagtail.search.analysis import MAX_INDEXED_CHARS
from gi_wagtail.search.attachments import attachment_texts, pack
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.text.normalise import normalise


def clean_text(text: str) -> str:
    # Whitespace is collapsed before normalising so highlights map back to the shown text.
    return " ".join((text or "").split())[:MAX_INDEXED_CHARS]


def to_source(doc: SearchDocument) -> dict:
    title, body = clean_text(doc.title), clean_text(doc.body)
    attachments = [(name, clean_text(text)) for name, text in attachment_texts(doc)]
    meta = " ".join(x for x in (doc.doc_no, doc.index_no, doc.organisation, doc.keywords) if x)
    title_n, meta_n, body_n = normalise(title), normalise(meta), normalise(body)
    docnos = sorted({t for text in (title_n, meta_n, body_n) for t in segment.docno_terms(text)})
    published = doc.published
    if published is not None and timezone.is_naive(published):
        published = timezone.make_aware(published)
    year = doc.year or (timezone.localtime(published).year if published else None)
    return {
        "page_id": doc.page_id,
        "kind": doc.kind or "page",
        "title": title_n,
        "meta": meta_n,
        "body": body_n,
        "attachment": normalise(" ".join(f"{name} {text}" for name, text in attachments)),
        "attachments_raw": pack(attachments),
        "docnos": docnos,
        "title_raw": title,
        "body_raw": body,
        "url": doc.url,
        "doc_no": doc.doc_no,
        "index_no": doc.index_no,
        "category": doc.category,
        "year": str(year) if year else None,
        "organisation": doc.organisation,
        "topic": doc.topic,
        "genre": doc.genre,
        "validity": doc.validity,
        "published": published.isoformat() if published else None,
        **doc.extra,
    }
