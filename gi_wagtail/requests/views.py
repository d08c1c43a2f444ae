"""Public views of 依申请公开: apply, 登记回执, follow a request by its 查询码 and answer a 补正.

The 查询码 never appears in a URL: after a registration or a correct lookup the request's id is
kept in the session, and the receipt and status pages read it from there. The status page shows
the progress of a request, never the applicant's personal data.
"""

from __future__ import annotations

import hmac
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from gi_wagtail.conf import gi_settings
from gi_wagtail.requests import deadlines, services
from gi_wagtail.requests.forms import ApplicationForm, CorrectionForm, LookupForm
from gi_wagtail.requests.models import (
    Channel,
    DisclosureRequest,
    EventKind,
    RequestEvent,
    RequestMode,
    RequestSettings,
    Status,
)
from gi_wagtail.security.ratelimit import check_rate_limit

RECEIPT_KEY = "gi_wagtail_request_receipt"
LOOKUP_KEY = "gi_wagtail_request_lookup"
FLASH_KEY = "gi_wagtail_request_flash"
# Events the applicant sees on the status page (kind and date only); internal notes stay internal.
PUBLIC_EVENTS = tuple(kind for kind in EventKind.values if kind != EventKind.NOTE)


def site_settings(request: HttpRequest) -> RequestSettings:
    """The RequestSettings of the request's site (unsaved defaults when no site matches)."""
    site = Site.find_for_request(request)
    return RequestSettings.for_request(request) if site is not None else RequestSettings()


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    settings = site_settings(request)
    return {
        "gi_base_template": gi_settings.BASE_TEMPLATE,
        "request_settings": settings,
        "external": settings.mode == RequestMode.EXTERNAL,
        "limit_workdays": deadlines.LIMIT_WORKDAYS,
        **extra,
    }


def _apply_rate_limited(request: HttpRequest) -> HttpResponse | None:
    rate = gi_settings.REQUESTS.get("APPLY_RATE_LIMIT")
    if not rate:  # None switches the limit off (check_rate_limit would fall back to PUBLIC_RATE_LIMIT)
        return None
    return check_rate_limit(request, "gi_wagtail_request_apply", rate, method=["POST"])


@require_http_methods(["GET", "POST"])
def apply_view(request: HttpRequest) -> HttpResponse:
    """The application form; in external platform mode a page that links out to the platform."""
    context = _context(request)
    if context["external"]:
        return render(request, "gi_wagtail/requests/external.html", context)
    if request.method == "POST":
        limited = _apply_rate_limited(request)
        if limited:
            return limited
        form = ApplicationForm(request.POST)
        if form.is_valid():
            fields = form.request_fields()
            fields.update(
                channel=Channel.ONLINE,
                received_on=timezone.localdate(),
                organisation=context["request_settings"].default_organisation,
            )
            try:
                registered = services.register(fields)
            except services.RequestError as error:
                form.add_error(None, str(error))
            else:
                request.session.cycle_key()
                request.session[RECEIPT_KEY] = registered.pk
                request.session[LOOKUP_KEY] = registered.pk
                return HttpResponseRedirect(reverse("gi_wagtail_request_receipt"))
    else:
        form = ApplicationForm()
    return render(request, "gi_wagtail/requests/apply.html", {**context, "form": form})


def _session_request(request: HttpRequest, key: str) -> DisclosureRequest | None:
    pk = request.session.get(key)
    if not isinstance(pk, int):
        return None
    public_events = Prefetch("events", queryset=RequestEvent.objects.filter(kind__in=PUBLIC_EVENTS))
    return DisclosureRequest.objects.prefetch_related(public_events, "parts").filter(pk=pk).first()


@require_http_methods(["GET"])
def receipt_view(request: HttpRequest) -> HttpResponse:
    """登记回执: reference, 查询码, date of receipt and due date of the request just submitted."""
    registered = _session_request(request, RECEIPT_KEY)
    if registered is None:
        return HttpResponseRedirect(reverse("gi_wagtail_request_apply"))
    return render(request, "gi_wagtail/requests/receipt.html", _context(request, disclosure_request=registered))


@require_http_methods(["GET", "POST"])
def lookup_view(request: HttpRequest) -> HttpResponse:
    """Type the 查询码; a correct code opens the status page for this browser session."""
    context = _context(request)
    if request.method == "POST":
        limited = check_rate_limit(request, "gi_wagtail_request_lookup", method=["POST"])
        if limited:
            return limited
        form = LookupForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            found = (
                DisclosureRequest.objects.filter(lookup_code=code).only("pk", "lookup_code").first() if code else None
            )
            # Compare in constant time even when nothing was found, so both answers take as long.
            if (
                hmac.compare_digest((found.lookup_code if found else "-" * len(code or "-")).encode(), code.encode())
                and found
            ):
                request.session.cycle_key()
                request.session[LOOKUP_KEY] = found.pk
                return HttpResponseRedirect(reverse("gi_wagtail_request_status"))
            form.add_error(
                "code",
                _("No request matches this lookup code. Check the code on your receipt and type it again."),
            )
    else:
        form = LookupForm()
    return render(request, "gi_wagtail/requests/lookup.html", {**context, "form": form})


def _steps(found: DisclosureRequest) -> list[dict[str, Any]]:
    return [{"label": event.get_kind_display(), "on": event.on} for event in found.events.all()]


def _status_context(request: HttpRequest, found: DisclosureRequest, correction_form: CorrectionForm | None) -> dict:
    awaiting = found.status == Status.AWAITING_CORRECTION
    if awaiting and correction_form is None:
        correction_form = CorrectionForm()
    return _context(
        request,
        disclosure_request=found,
        steps=_steps(found),
        awaiting_correction=awaiting,
        correction_form=correction_form if awaiting else None,
        parts=list(found.parts.all()),
        flash=request.session.pop(FLASH_KEY, ""),
    )


@require_http_methods(["GET"])
def status_view(request: HttpRequest) -> HttpResponse:
    """The progress of the request whose 查询码 was typed in this session: no personal data."""
    found = _session_request(request, LOOKUP_KEY)
    if found is None:
        return HttpResponseRedirect(reverse("gi_wagtail_request_lookup"))
    return render(request, "gi_wagtail/requests/status.html", _status_context(request, found, None))


@require_POST
def correction_view(request: HttpRequest) -> HttpResponse:
    """The applicant's answer to a 补正 request: recorded as ``correction_received`` today."""
    found = _session_request(request, LOOKUP_KEY)
    if found is None:
        return HttpResponseRedirect(reverse("gi_wagtail_request_lookup"))
    limited = check_rate_limit(request, "gi_wagtail_request_correction", method=["POST"])
    if limited:
        return limited
    form = CorrectionForm(request.POST)
    if found.status == Status.AWAITING_CORRECTION and form.is_valid():
        try:
            services.add_event(
                found,
                EventKind.CORRECTION_RECEIVED,
                timezone.localdate(),
                by_applicant=True,
                note=form.cleaned_data["text"],
            )
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            request.session[FLASH_KEY] = _("Your correction has been received. The time limit counts again from today.")
            return HttpResponseRedirect(reverse("gi_wagtail_request_status"))
    if found.status != Status.AWAITING_CORRECTION:
        return HttpResponseRedirect(reverse("gi_wagtail_request_status"))
    return render(request, "gi_wagtail/requests/status.html", _status_context(request, found, form))
