"""Admin views of the notices: a request's notice as DOCX or as a printable page.

Only users with ``gi_wagtail.view_disclosurerequest`` (the 依申请公开经办人) get them; each one
is audit-logged with the kind and format only. File names carry the reference number, never a name.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.defaults import permission_denied
from wagtail.log_actions import log
from wagtail.models import Site

from gi_wagtail.requests import documents, notices
from gi_wagtail.requests.models import DisclosureRequest, NoticeKind, RequestSettings

FORMATS = ("docx", "print")
VIEW_PERMISSION = "gi_wagtail.view_disclosurerequest"


def notice(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    if not request.user.has_perm(VIEW_PERMISSION):
        # A plain 403: raised inside the admin, PermissionDenied would become a redirect to the dashboard.
        return permission_denied(request, PermissionDenied())
    if kind not in NoticeKind.values or fmt not in FORMATS:
        raise Http404
    obj = get_object_or_404(DisclosureRequest, pk=pk)
    site = Site.find_for_request(request)
    settings = RequestSettings.for_site(site) if site else notices.request_settings()
    filled = notices.render(obj, kind, settings)
    log(instance=obj, action="gi_wagtail.request.notice", user=request.user, data={"kind": kind, "fmt": fmt})
    if fmt == "docx":
        response = HttpResponse(documents.build_docx(filled), content_type=documents.DOCX_CONTENT_TYPE)
        filename = f"{obj.reference}-{NoticeKind(kind).label}.docx"
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        autoprint = request.GET.get("autoprint") == "1"
        response = HttpResponse(documents.print_html(filled, autoprint=autoprint, request=request))
    # The notice carries the applicant's name: never kept by a shared cache or the browser's history cache.
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
