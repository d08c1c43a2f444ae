"""The text of a page as search reads it (title, body, attached files), for the review's personal-data scan.

Review does not reach search itself; this is the one place it learns what a page will show.
Attached files are read by the same extraction search uses, kept in ``AttachmentText``.
"""

from __future__ import annotations

from wagtail.models import Page

from gi_wagtail.search.documents import document_for

TITLE, BODY, ATTACHMENT = "title", "body", "attachment"


def page_texts(page: Page) -> list[tuple[str, str, str]]:
    """(where: title / body / attachment, attachment name or "", text) of ``page`` (a revision's object too)."""
    doc = document_for(page)
    texts = [(TITLE, "", doc.title or ""), (BODY, "", doc.body or "")]
    texts += [(ATTACHMENT, name or "", text or "") for name, text in doc.attachments]
    return texts
