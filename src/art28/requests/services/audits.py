"""Audits and inspections (Art. 28(3)(h)) under the agreement's notice period and cost rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.accounts.services import queue_with_invitations
from art28.agreements.access import controller_binding
from art28.agreements.models import Agreement
from art28.core.ledger_scope import ledger_scope
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import Audience, NoticeKind
from art28.notices.recipients import staff_recipients
from art28.notices.services import About, NoticeDraft, queue_notice
from art28.requests.models import AuditRequest, AuditStage, AuditStatus, CostBearer
from art28.requests.services.common import (
    controller_recipients,
    portal_url,
    processor_recipients,
    require_open,
    require_text,
    staff_url,
    store,
)
from art28.terms import clocks
from art28.terms.schema import Audit, AuditCost, AuditScope

# Scopes under which certifications or audit reports may stand in for an inspection.
ALTERNATIVE_SCOPES = (AuditScope.REPORTS_ONLY, AuditScope.SECURITY)


def earliest_start(notice_days: int) -> date:
    """The first day an audit may start: today plus the agreement's notice period (Amsterdam)."""
    return clocks.add_days(timezone.now(), notice_days).astimezone(clocks.AMSTERDAM).date()


def cost_bearer(rule: str, noncompliance_found: bool) -> str:
    """Who pays, by the agreement's cost rule and the outcome."""
    if rule == AuditCost.CONTROLLER_UNLESS_NONCOMPLIANT:
        return CostBearer.PROCESSOR if noncompliance_found else CostBearer.CONTROLLER
    return {
        AuditCost.CONTROLLER: CostBearer.CONTROLLER,
        AuditCost.PROCESSOR: CostBearer.PROCESSOR,
        AuditCost.SHARED: CostBearer.SHARED,
    }.get(rule, "")  # type: ignore[call-overload]  # a str rule looks up its TextChoices key


def _notify(audit: AuditRequest, stage: AuditStage, acting_user: Any) -> None:
    controller = audit.agreement.controller
    queue_with_invitations(NoticeDraft(
        controller=controller,
        kind=NoticeKind.AUDIT_UPDATE,
        about=About("auditrequest", f"{audit.code}:{stage.value}"),
        template="audit_update",
        recipients=controller_recipients(controller),
        link=portal_url("portal_audit", audit.code),
        context={
            "reference": audit.agreement.reference,
            "stage": stage,
            "audit": audit,
            "processor": controller.processor.name,
        },
    ), processor=controller.processor, acting_user=acting_user)


def _controller_terms(agreement: Agreement) -> Audit:
    """The audit terms the controller was given (signed, else the last sent), not a draft it never
    saw; the processor's draft counts only while nothing was sent."""
    return (controller_binding(agreement) or agreement.binding).dpa_terms.audit


@transaction.atomic
def request_audit(
    *, agreement: Agreement, scope_text: str, starts_on: date, ends_on: date, auditor: str, acting_user: Any
) -> AuditRequest:
    """The controller asks for an audit; dates must respect the agreement's notice period."""
    agreement = (
        Agreement.objects.select_for_update().select_related("controller__processor").get(pk=agreement.pk)
    )
    require_open(agreement)
    terms = _controller_terms(agreement)
    if terms.allowed is False:
        raise ValidationError(_("The agreement does not provide for audits."))
    errors: dict[str, str] = {}
    scope_text = require_text(errors, "scope", scope_text, _("Describe what the audit should cover."))
    auditor = require_text(errors, "auditor", auditor, _("Name the auditor."))
    notice_days = terms.notice_days or 0
    today = earliest_start(0)
    if starts_on < today:
        errors["starts_on"] = _("The first day of the audit is in the past.")
    elif starts_on < earliest_start(notice_days):
        errors["starts_on"] = _("The agreement asks for %(n)d days' notice: start on %(d)s or later.") % {
            "n": notice_days,
            "d": earliest_start(notice_days).isoformat(),
        }
    if ends_on < starts_on:
        errors["ends_on"] = _("The last day is before the first day.")
    if errors:
        raise ValidationError(errors)
    audit = AuditRequest.objects.create(
        agreement=agreement,
        scope=scope_text,
        starts_on=starts_on,
        ends_on=ends_on,
        auditor=auditor,
        cost_rule=terms.cost or "",
        notice_days=notice_days,
        created_by=user_or_none(acting_user),
    )
    controller = agreement.controller
    queue_notice(
        controller=controller,
        kind=NoticeKind.AUDIT_UPDATE,
        audience=Audience.PROCESSOR,
        about=About("auditrequest", f"{audit.code}:requested"),
        template="audit_requested",
        # The processor's contacts, and the staff who answer for this controller (admins if none).
        recipients=[
            *processor_recipients(controller),
            *staff_recipients(controller.processor_id, controller.pk),
        ],
        link=staff_url("audit_detail", audit.code),
        language=controller.processor.language,
        context={"reference": agreement.reference, "audit": audit, "controller_name": controller.name},
    )
    record_event(
        action="audit.requested",
        obj=audit,
        acting_user=acting_user,
        data={
            "agreement": agreement.reference,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "auditor": auditor,
            "cost_rule": audit.cost_rule,
        },
        **ledger_scope(agreement=agreement),
    )
    return audit


def _locked(audit: AuditRequest) -> AuditRequest:
    return (
        AuditRequest.objects.select_for_update()
        .select_related("agreement__controller__processor")
        .get(pk=audit.pk)
    )


@transaction.atomic
def schedule_audit(*, audit: AuditRequest, cost_estimate: Decimal | None, acting_user: Any) -> AuditRequest:
    """The processor agrees the dates and, where the controller may pay, gives its cost estimate."""
    audit = _locked(audit)
    if audit.status not in (AuditStatus.REQUESTED,):
        raise ValidationError(_("Only a requested audit can be scheduled."))
    if _controller_terms(audit.agreement).scope == AuditScope.REPORTS_ONLY:
        raise ValidationError(_("The agreement provides for reports only: offer them instead."))
    if audit.cost_rule != AuditCost.PROCESSOR and cost_estimate is None:
        raise ValidationError({"cost_estimate": _("The controller may have to pay: give a cost estimate.")})
    if cost_estimate is not None and cost_estimate < 0:
        raise ValidationError({"cost_estimate": _("The estimate cannot be negative.")})
    audit.status, audit.cost_estimate = AuditStatus.SCHEDULED, cost_estimate
    audit.save(update_fields=["status", "cost_estimate"])
    _notify(audit, AuditStage.SCHEDULED, acting_user)
    record_event(
        action="audit.scheduled",
        obj=audit,
        acting_user=acting_user,
        data={"cost_estimate": cost_estimate},
        **ledger_scope(agreement=audit.agreement),
    )
    return audit


@transaction.atomic
def offer_alternative(
    *, audit: AuditRequest, alternative: str, report: tuple[str, bytes] | None, acting_user: Any
) -> AuditRequest:
    """Offer certifications or third-party reports instead, where the agreement allows it."""
    audit = _locked(audit)
    if audit.status != AuditStatus.REQUESTED:
        raise ValidationError(_("Only a requested audit can be answered with reports."))
    if _controller_terms(audit.agreement).scope not in ALTERNATIVE_SCOPES:
        raise ValidationError(
            _("The agreement gives the controller a full audit; reports cannot replace it.")
        )
    errors: dict[str, str] = {}
    alternative = require_text(errors, "alternative", alternative, _("List the certifications or reports."))
    if not report or not report[1]:
        errors["report"] = _("Attach the certificate or report.")
    if errors:
        raise ValidationError(errors)
    assert report is not None  # refused above when missing
    audit.report_sha256 = store(audit, "report", report[0], report[1])
    audit.status, audit.alternative = AuditStatus.ALTERNATIVE_OFFERED, alternative
    audit.save()
    _notify(audit, AuditStage.ALTERNATIVE, acting_user)
    record_event(
        action="audit.alternative_offered",
        obj=audit,
        acting_user=acting_user,
        data={"alternative": alternative, "report_sha256": audit.report_sha256},
        **ledger_scope(agreement=audit.agreement),
    )
    return audit


@transaction.atomic
def answer_alternative(*, audit: AuditRequest, accept: bool, acting_user: Any) -> AuditRequest:
    """The controller accepts the reports (the audit is done) or insists on the inspection."""
    audit = _locked(audit)
    if audit.status != AuditStatus.ALTERNATIVE_OFFERED:
        raise ValidationError(_("No reports are on offer for this audit."))
    if not accept and _controller_terms(audit.agreement).scope == AuditScope.REPORTS_ONLY:
        raise ValidationError(_("The agreement provides for reports only; an inspection cannot be demanded."))
    audit.alternative_accepted = accept
    if accept:
        audit.status, audit.completed_at = AuditStatus.COMPLETED, timezone.now()
    else:
        audit.status = AuditStatus.REQUESTED
        audit.report, audit.report_sha256 = None, ""
    audit.save()
    record_event(
        action="audit.alternative_accepted" if accept else "audit.alternative_declined",
        obj=audit,
        acting_user=acting_user,
        data={},
        **ledger_scope(agreement=audit.agreement),
    )
    return audit


@transaction.atomic
def complete_audit(
    *, audit: AuditRequest, report: tuple[str, bytes] | None, noncompliance_found: bool, acting_user: Any
) -> AuditRequest:
    """Store the audit report, apply the cost rule, and give the controller its copy."""
    audit = _locked(audit)
    if audit.status != AuditStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled audit can be completed."))
    if not report or not report[1]:
        raise ValidationError({"report": _("Attach the audit report.")})
    audit.report_sha256 = store(audit, "report", report[0], report[1])
    audit.noncompliance_found = noncompliance_found
    audit.cost_bearer = cost_bearer(audit.cost_rule, noncompliance_found)
    audit.status, audit.completed_at = AuditStatus.COMPLETED, timezone.now()
    audit.save()
    _notify(audit, AuditStage.COMPLETED, acting_user)
    record_event(
        action="audit.completed",
        obj=audit,
        acting_user=acting_user,
        data={
            "report_sha256": audit.report_sha256,
            "noncompliance_found": noncompliance_found,
            "cost_bearer": audit.cost_bearer,
        },
        **ledger_scope(agreement=audit.agreement),
    )
    return audit
