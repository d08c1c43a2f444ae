"""The request register: requests, their dated events, 复议/诉讼 follow-ups, notice templates.

Personal data lives only in the ``applicant_*`` fields (and ``identity_key`` for fee counting).
``__str__`` and the audit log show the reference number, never a name.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from gi_wagtail.requests.fees import FeeMethod
from gi_wagtail.requests.outcomes import ApplicantType, Outcome

# 查询码: no 0/O, 1/I/L, so that a code read over the phone is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_lookup_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    IN_PERSON = "in_person", _("In person")
    REGISTERED_POST = "registered_post", _("Registered post (signed for)")
    POST = "post", _("Ordinary post")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")
    EXTERNAL = "external", _("Unified external platform")


class Status(models.TextChoices):
    OPEN = "open", _("Being handled")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction (补正)")
    CONSULTING = "consulting", _("Consulting third parties or agencies")
    AWAITING_FEE = "awaiting_fee", _("Awaiting fee payment")
    SPLIT = "split", _("Split into separate requests")
    CLOSED = "closed", _("Answered")


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    OTHER_ID = "other_id", _("Other identity document")
    CREDIT_CODE = "credit_code", _("Unified social credit code")


class FormWanted(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic document")
    OTHER = "other", _("Other")


class Delivery(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    COLLECT = "collect", _("Collect in person")
    FAX = "fax", _("By fax")
    ONLINE = "online", _("Download online")


class DisclosureRequest(models.Model):
    reference = models.CharField(_("reference number"), max_length=32, unique=True, editable=False)
    lookup_code = models.CharField(
        _("lookup code"), max_length=16, unique=True, default=new_lookup_code, editable=False
    )
    organisation = models.ForeignKey(
        "gi_wagtail.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text=_("一事一申请: the request this one was split from."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(
        _("date of receipt"), help_text=_("The day the statutory time limit counts from (条例第三十一条).")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    # Applicant (personal data: only the 依申请公开经办人 group sees it; never indexed or logged).
    applicant_type = models.CharField(_("applicant type"), max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("applicant name"), max_length=200, blank=True)
    applicant_id_type = models.CharField(_("identity document"), max_length=16, choices=IdType.choices, blank=True)
    applicant_id_number = models.CharField(_("ID document number"), max_length=64, blank=True)
    applicant_contact = models.CharField(
        _("contact person"), max_length=100, blank=True, help_text=_("For organisations: the person handling it.")
    )
    applicant_phone = models.CharField(_("phone"), max_length=40, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("postal address"), max_length=255, blank=True)
    applicant_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    identity_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The information asked for.
    description = models.TextField(_("description of the information"))
    document_numbers = models.CharField(_("document number (文号)"), max_length=255, blank=True)
    form_wanted = models.CharField(_("form wanted"), max_length=16, choices=FormWanted.choices, blank=True)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices, blank=True)
    fee_waiver_requested = models.BooleanField(_("fee waiver requested"), default=False)
    # Handling.
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.OPEN, db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    replied_on = models.DateField(_("date of reply"), null=True, blank=True, db_index=True)
    reply_note = models.TextField(_("reply summary"), blank=True)
    fee_method = models.CharField(_("fee method"), max_length=16, choices=FeeMethod.choices, blank=True)
    fee_pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    fee_amount = models.DecimalField(_("fee (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_waiver_reason = models.CharField(_("reason for fee waiver"), max_length=255, blank=True)
    fee_paid = models.DecimalField(_("fee paid (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True, db_index=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    source_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)  # import idempotency
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("disclosure request")
        verbose_name_plural = _("disclosure requests")
        indexes = [models.Index(fields=["organisation", "received_on"], name="gi_wagtail_req_org_recv")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(replied_on__isnull=True) | models.Q(replied_on__gte=models.F("received_on")),
                name="gi_wagtail_request_reply_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or str(_("new request"))

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.CLOSED, Status.SPLIT)

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON


class EventKind(models.TextChoices):
    CORRECTION_SENT = "correction_sent", _("Correction (补正) requested")
    CORRECTION_RECEIVED = "correction_received", _("Correction received")
    THIRD_PARTY_SENT = "third_party_sent", _("Third party consulted")
    THIRD_PARTY_ANSWERED = "third_party_answered", _("Third party answered")
    AGENCY_SENT = "agency_sent", _("Other agency consulted")
    AGENCY_ANSWERED = "agency_answered", _("Other agency answered")
    EXTENDED = "extended", _("Time limit extended")
    FEE_NOTICE_SENT = "fee_notice_sent", _("Fee notice sent")
    FEE_PAID = "fee_paid", _("Fee paid")
    FEE_WAIVED = "fee_waived", _("Fee waived")
    REPLIED = "replied", _("Replied")
    SPLIT = "split", _("Split (一事一申请)")
    NOTE = "note", _("Note")


class RequestEvent(models.Model):
    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=24, choices=EventKind.choices)
    on = models.DateField(_("date"))
    days = models.PositiveSmallIntegerField(
        _("working days"), null=True, blank=True, help_text=_("For an extension: at most 20 working days.")
    )
    approved_by = models.CharField(
        _("approved by"), max_length=100, blank=True, help_text=_("For an extension: who approved it (工作机构负责人).")
    )
    note = models.TextField(_("note"), blank=True)
    # An applicant's answer to a 补正 request arrives through the public lookup page without a user.
    by_applicant = models.BooleanField(default=False, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on.isoformat()}"


class AppealKind(models.TextChoices):
    REVIEW = "review", _("Administrative review (行政复议)")
    LIT_DIRECT = "lit_direct", _("Lawsuit without prior review")
    LIT_AFTER_REVIEW = "lit_after_review", _("Lawsuit after review")


class AppealResult(models.TextChoices):
    PENDING = "pending", _("Not yet concluded")
    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 against the answer to a request: feeds table 四."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("kind"), max_length=20, choices=AppealKind.choices)
    filed_on = models.DateField(_("filed on"))
    result = models.CharField(_("result"), max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("review or lawsuit")
        verbose_name_plural = _("reviews and lawsuits")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on.isoformat()}"

    def result_on(self, day: datetime.date) -> str:
        """The result as known on ``day`` (pending until decided)."""
        if self.decided_on and self.decided_on <= day:
            return self.result
        return AppealResult.PENDING


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", _("Registration receipt")
    CORRECTION = "correction", _("Notice to correct the application")
    EXTENSION = "extension", _("Notice of extended reply")
    THIRD_PARTY = "third_party", _("Third-party consultation form")
    FEE = "fee", _("Fee notice")
    REPLY_GRANTED = "reply_granted", _("Notice of disclosure")
    REPLY_PARTIAL = "reply_partial", _("Notice of partial disclosure")
    REPLY_WITHHELD = "reply_withheld", _("Notice of non-disclosure")
    REPLY_NOT_HELD = "reply_not_held", _("Notice that the information is not held")
    REPLY_UNCLEAR = "reply_unclear", _("Notice that the information cannot be provided")
    REPLY_NOT_HANDLED = "reply_not_handled", _("Notice that the request is not handled")
    REPLY_OTHER = "reply_other", _("Notice that handling has ended")


class NoticeTemplate(models.Model):
    """An editable notice text. Placeholders such as ``{reference}`` are filled from the request."""

    kind = models.CharField(_("notice"), max_length=24, choices=NoticeKind.choices, unique=True)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(
        _("text"), help_text=_("Placeholders in braces, e.g. {reference}, {received_on}, {due_on}.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("notice template")
        verbose_name_plural = _("notice templates")

    def __str__(self) -> str:
        return self.title


class RequestMode(models.TextChoices):
    INTERNAL = "internal", _("Requests are made on this site")
    EXTERNAL = "external", _("Requests are made on a unified external platform")


@register_setting(icon="mail")
class RequestSettings(BaseSiteSetting):
    """Per-site settings of 依申请公开: where citizens apply and what the notices print."""

    mode = models.CharField(_("where citizens apply"), max_length=16, choices=RequestMode.choices, default="internal")
    external_url = models.URLField(_("external platform address"), blank=True)
    external_name = models.CharField(_("external platform name"), max_length=100, blank=True)
    agency_name = models.CharField(
        _("agency name on notices"), max_length=200, blank=True, help_text=_("E.g. 高青县科学技术局.")
    )
    reception = models.TextField(
        _("reception point"),
        blank=True,
        help_text=_("Address, office hours and phone printed on notices and the form."),
    )
    default_organisation = models.ForeignKey(
        "gi_wagtail.Organisation",
        verbose_name=_("organisation of online requests"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("disclosure on request")
