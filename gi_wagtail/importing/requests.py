"""Import a bureau's 登记台账 (CSV in UTF-8, UTF-8 with BOM or GBK, or XLSX): one request per row.

Each row goes through the register's services (``register``, ``add_event``, ``reply`` and
``services.record_appeal``), so due dates, fees and audit entries are what staff entry gives,
and each row is written in its own savepoint: a bad row leaves nothing behind and is reported
with its line number. Re-running a file creates nothing new: a row is matched by its
organisation and the bureau's own number (``reference``), else by a hash of the row; a matched
request that was open and now has an outcome is answered (counted as updated).

Organisations are looked up by name or short name and created when unknown, as the catalogue
import does (not in a dry run). A dry run makes every check of the real run and rolls back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gi_wagtail.catalogue.models.vocabularies import Organisation
from gi_wagtail.importing.readers import RawRecord
from gi_wagtail.importing.records import RecordError
from gi_wagtail.importing.request_rows import RequestRow, clean_row
from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, EventKind

SOURCE_NOTE = "台账编号：%s"


@dataclass
class RequestImportResult:
    created: int = 0
    updated: int = 0  # an open request answered by a later run of the 台账
    unchanged: int = 0
    organisations_created: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.errors)


class _DryRunRollbackError(Exception):
    pass


def source_key(row: RequestRow, organisation: Organisation | None) -> str:
    """The idempotency key of a row: organisation and the bureau's number, else the row's content."""
    org = organisation.name if organisation else row.organisation
    basis = f"ref|{org}|{row.reference}" if row.reference else f"row|{org}|{row.content_key()}"
    return hashlib.sha256(basis.encode()).hexdigest()


class RequestImporter:
    def __init__(self, dry_run: bool = False, organisation: str = "", user: Any = None) -> None:
        self.dry_run = dry_run
        self.default_organisation = organisation
        self.user = user
        self.result = RequestImportResult(dry_run=dry_run)
        self._organisations: dict[str, Organisation] = {}
        for org in Organisation.objects.all():
            for key in (org.name, org.short_name):
                if key:
                    self._organisations.setdefault(key, org)
        self._seen: dict[str, int] = {}

    def run(self, raw_records: Iterable[RawRecord]) -> RequestImportResult:
        """Import every record; ``ImportFileError`` from the reader propagates (the file is unreadable)."""
        try:
            with transaction.atomic():
                for raw in raw_records:
                    self._one(raw)
                if self.dry_run:
                    raise _DryRunRollbackError
        except _DryRunRollbackError:
            pass
        self.result.errors.sort(key=lambda error: error[0])
        return self.result

    def _one(self, raw: RawRecord) -> None:
        if raw.error:
            self.result.errors.append((raw.line, raw.error))
            return
        created_orgs = len(self.result.organisations_created)
        try:
            row = clean_row(raw.line, raw.data, self.default_organisation)
            with transaction.atomic():
                self._write(row)
        except (RecordError, services.RequestError) as exc:
            self._forget_organisations(created_orgs)
            self.result.errors.append((raw.line, str(exc)))
        except Exception as exc:  # noqa: BLE001 — a bad row must not stop the others; no traceback
            self._forget_organisations(created_orgs)
            self.result.errors.append((raw.line, f"{type(exc).__name__}: {exc}"[:300]))

    def _forget_organisations(self, keep: int) -> None:
        for name in self.result.organisations_created[keep:]:
            self._organisations.pop(name, None)
        del self.result.organisations_created[keep:]

    def _organisation(self, name: str) -> Organisation | None:
        if not name:
            return None
        org = self._organisations.get(name)
        if org is None:
            org = Organisation.objects.create(name=name)  # rolled back with the row if the row fails
            self._organisations[name] = org
            self.result.organisations_created.append(name)
        return org

    def _write(self, row: RequestRow) -> None:
        organisation = self._organisation(row.organisation)
        key = source_key(row, organisation)
        if key in self._seen:
            if row.reference:
                message = _("same number as line %(line)s")
            else:
                message = _("same row as line %(line)s (give each request its own number in a “reference” column)")
            raise RecordError(message % {"line": self._seen[key]})
        self._seen[key] = row.line
        existing = DisclosureRequest.objects.filter(source_key=key).first()
        if existing is not None:
            if existing.is_open and row.outcome:
                self._answer(existing, row)
                self.result.updated += 1
            else:
                self.result.unchanged += 1
            return
        request = services.register(self._fields(row, organisation, key), user=self.user)
        if row.reference:
            services.add_event(request, EventKind.NOTE, row.received_on, self.user, note=SOURCE_NOTE % row.reference)
        self._answer(request, row)
        self.result.created += 1

    def _fields(self, row: RequestRow, organisation: Organisation | None, key: str) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "organisation": organisation,
            "channel": row.channel,
            "received_on": row.received_on,
            "applicant_type": row.applicant_type,
            "description": row.description,
            "source_key": key,
            **row.personal,
        }
        if row.fee_method:
            fields.update(
                fee_method=row.fee_method, fee_pages=row.fee_pages, fee_amount=row.fee_amount, fee_paid=row.fee_paid
            )
        return fields

    def _answer(self, request: DisclosureRequest, row: RequestRow) -> None:
        """The row's dated steps, in date order, then the reply and any review or lawsuit."""
        if request.fee_method and request.fee_amount is None:
            # What the rules give: by pages, or by the applicant's requests that calendar month.
            request.fee_amount = services.suggested_fee(request)
            request.save(update_fields=["fee_amount", "updated_at"])
        done = set(request.events.values_list("kind", flat=True))
        steps = []
        if row.extended_days and EventKind.EXTENDED not in done:
            steps.append((row.extended_on, EventKind.EXTENDED))
        if row.fee_notice_on and EventKind.FEE_NOTICE_SENT not in done:
            steps.append((row.fee_notice_on, EventKind.FEE_NOTICE_SENT))
        if row.fee_paid_on and EventKind.FEE_PAID not in done:
            steps.append((row.fee_paid_on, EventKind.FEE_PAID))
        for on, kind in sorted(steps, key=lambda step: (step[0], step[1] == EventKind.FEE_PAID)):
            services.add_event(
                request,
                kind,
                on,
                self.user,
                days=row.extended_days if kind == EventKind.EXTENDED else None,
                approved_by=row.extension_approved_by if kind == EventKind.EXTENDED else "",
                note=_("Imported from the request register (台账)."),
            )
        if row.fee_paid_on and row.fee_paid is None and request.fee_amount is not None:
            DisclosureRequest.objects.filter(pk=request.pk).update(fee_paid=request.fee_amount)
        if row.outcome:
            services.reply(request, row.outcome, row.replied_on, self.user)
            request.refresh_from_db()
            if row.appeal_kind:
                services.record_appeal(
                    request,
                    row.appeal_kind,
                    row.appeal_filed_on,
                    self.user,
                    result=row.appeal_result,
                    decided_on=row.appeal_decided_on,
                )
