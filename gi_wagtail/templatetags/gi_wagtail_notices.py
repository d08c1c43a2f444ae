"""The notices of a request, for its inspect page.

{% load gi_wagtail_notices %}
{% gi_request_notices as notices %}          the request in ``request_obj`` or ``object``
{% gi_request_notices some_request as notices %}
→ [{kind, label, docx_url, print_url}, …]
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.urls import reverse

from gi_wagtail.requests import notices
from gi_wagtail.requests.models import DisclosureRequest, NoticeKind

register = template.Library()


@register.simple_tag(takes_context=True)
def gi_request_notices(context: Context, request_obj: DisclosureRequest | None = None) -> list[dict[str, Any]]:
    """The notices relevant to the request's history, each with its DOCX and print links."""
    if request_obj is None:
        request_obj = context.get("request_obj") or context.get("object")
    if not isinstance(request_obj, DisclosureRequest):
        return []
    if not request_obj.pk:
        return []
    items = []
    for kind in notices.relevant_kinds(request_obj):
        items.append(
            {
                "kind": kind,
                "label": NoticeKind(kind).label,
                "docx_url": reverse("gi_wagtail_request_notice", args=(request_obj.pk, kind, "docx")),
                "print_url": reverse("gi_wagtail_request_notice", args=(request_obj.pk, kind, "print")),
            }
        )
    return items
