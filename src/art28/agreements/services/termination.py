"""The end of an agreement: return or destruction, retention, and the certificate.

Ending sets ``Agreement.ended_at``: from then on the agreement takes no new requests,
while the obligations that survive the end (confidentiality) stay listed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements import pdf
from art28.agreements.models import (
    Agreement,
    Destruction,
    EndReason,
    EndWay,
    ReturnedFile,
    TargetKind,
    Termination,
    TerminationStatus,
)
from art28.agreements.services.common import controller_recipients, require_text, store
from art28.core.ledger_scope import ledger_scope
from art28.core.localtime import local_time
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.evidence.models import SealedKind
from art28.evidence.sealing import Target, seal_issued
from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.services import About, queue_notice
from art28.terms import clocks
from art28.terms.schema import DpaTerms, EndChoice, EndCost

DEFAULT_DEADLINE_DAYS = 30
SURVIVING_CONFIDENTIALITY = "confidentiality"
SURVIVING_LABELS = {SURVIVING_CONFIDENTIALITY: gettext_lazy("confidentiality of the personal data")}


def _way(terms: DpaTerms) -> tuple[str, bool]:
    """The default way (and whether the terms allow only that one)."""
    if terms.end.choice == EndChoice.RETURN:
        return EndWay.RETURN, True
    if terms.end.choice == EndChoice.DELETE:
        return EndWay.DELETE, True
    return EndWay.DELETE, False


#: The names of the sub-processors that held an agreement's data at a moment. The register
#: sits above agreements, so the sub-processors app registers it (``SubprocessorsConfig.ready``).
SubprocessorNames = Callable[[Agreement, datetime], list[str]]
_subprocessor_names: list[SubprocessorNames] = []


def register_subprocessor_names(names: SubprocessorNames) -> None:
    """Tell the agreement's end where to find the sub-processors that must confirm destruction."""
    _subprocessor_names[:] = [names]


def subprocessors_of(t: Termination) -> list[str]:
    """The sub-processors that held the data when the agreement ended: each confirms destruction."""
    return [name for names in _subprocessor_names for name in names(t.agreement, t.ended_at)]


def _portal_link(termination: Termination) -> str:
    return absolute_url("agreements:portal_termination", termination.code)


def _recipients(agreement: Agreement) -> list[str]:
    controller = agreement.controller
    return sorted({*controller_recipients(controller), *(c.email for c in controller.signatories())})


def _notify(termination: Termination, stage: str, template: str = "termination_update") -> None:
    agreement = termination.agreement
    queue_notice(
        controller=agreement.controller,
        kind=NoticeKind.TERMINATION,
        about=About("termination", f"{termination.code}:{stage}"),
        template=template,
        recipients=_recipients(agreement),
        link=_portal_link(termination),
        deadline=termination.complete_by if stage == "opened" else None,
        context={
            "reference": agreement.reference,
            "stage": stage,
            "termination": termination,
            "processor": agreement.controller.processor.name,
        },
    )


@transaction.atomic
def terminate_agreement(
    *, agreement: Agreement, reason: str, acting_user: Any, note: str = "", ended_at: datetime | None = None
) -> Termination:
    """End a signed agreement and open its end-of-processing workflow."""
    agreement = (
        Agreement.objects.select_for_update().select_related("controller__processor").get(pk=agreement.pk)
    )
    if agreement.ended_at is not None:
        raise ValidationError(_("Agreement %(ref)s has already ended.") % {"ref": agreement.reference})
    in_force = agreement.in_force
    if in_force is None:
        raise ValidationError(
            _("Agreement %(ref)s was never signed, so there is nothing to terminate.")
            % {"ref": agreement.reference}
        )
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the agreement ends.")})
    ended_at = ended_at or timezone.now()
    if ended_at > timezone.now():
        raise ValidationError({"ended_at": _("Terminate on the day the agreement ends, not before.")})
    terms = in_force.dpa_terms
    choice, fixed = _way(terms)
    termination = Termination.objects.create(
        agreement=agreement,
        reason=reason,
        note=(note or "").strip(),
        ended_at=ended_at,
        complete_by=clocks.add_days(ended_at, terms.end.deadline_days or DEFAULT_DEADLINE_DAYS),
        choice=choice,
        choice_fixed=fixed,
        controller_pays=terms.end.cost == EndCost.CONTROLLER,
        surviving=[SURVIVING_CONFIDENTIALITY] if terms.confidentiality.survives_termination else [],
        created_by=user_or_none(acting_user),
    )
    agreement.ended_at = ended_at
    agreement.save(update_fields=["ended_at"])
    _notify(termination, "opened", template="termination_opened")
    record_event(
        action="agreement.ended",
        obj=agreement,
        acting_user=acting_user,
        data={
            "reason": reason,
            "ended_at": ended_at.isoformat(),
            "choice": choice,
            "complete_by": termination.complete_by.isoformat(),
        },
        **ledger_scope(agreement=agreement),
    )
    return termination


def _locked(termination: Termination) -> Termination:
    t = (
        Termination.objects.select_for_update()
        .select_related("agreement__controller__processor")
        .get(pk=termination.pk)
    )
    if t.status == TerminationStatus.CERTIFIED:
        raise ValidationError(_("The certificate has been issued; this termination is closed."))
    return t


@transaction.atomic
def choose_end_way(*, termination: Termination, choice: str, acting_user: Any) -> Termination:
    """The controller chooses return or destruction, where the terms leave it the choice."""
    t = _locked(termination)
    if choice not in EndWay.values:
        raise ValidationError({"choice": _("Choose return or destruction.")})
    if t.choice_fixed and choice != t.choice:
        raise ValidationError(
            {
                "choice": _("The agreement provides for %(way)s only.")
                % {"way": t.get_choice_display().lower()}
            }
        )
    if t.returned.exists() or t.destructions.exists():
        raise ValidationError(_("The work has started; the choice can no longer be changed."))
    t.choice, t.chosen_at = choice, timezone.now()
    t.save(update_fields=["choice", "chosen_at"])
    record_event(
        action="termination.chosen",
        obj=t,
        acting_user=acting_user,
        data={"choice": choice},
        **ledger_scope(agreement=t.agreement),
    )
    return t


@transaction.atomic
def set_end_cost_estimate(*, termination: Termination, amount: Decimal, acting_user: Any) -> Termination:
    """Where the controller pays for return or destruction, tell it what it will cost."""
    t = _locked(termination)
    if not t.controller_pays:
        raise ValidationError(_("Under this agreement the processor bears the cost; no estimate is needed."))
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Give an amount of zero or more.")})
    t.cost_estimate = amount
    t.save(update_fields=["cost_estimate"])
    _notify(t, "estimate")
    record_event(
        action="termination.estimated",
        obj=t,
        acting_user=acting_user,
        data={"amount": amount},
        **ledger_scope(agreement=t.agreement),
    )
    return t


@transaction.atomic
def add_returned_file(
    *, termination: Termination, name: str, content: bytes, acting_user: Any
) -> ReturnedFile:
    """Add one file of the data package the controller gets back; its SHA-256 goes on the certificate."""
    t = _locked(termination)
    if t.choice != EndWay.RETURN:
        raise ValidationError(_("The controller chose destruction; there is nothing to return."))
    name = require_text(errors := {}, "file", name, _("Choose the file to return."))
    if not content:
        errors["file"] = _("The file is empty.")
    if not errors and t.returned.filter(name=name).exists():
        errors["file"] = _("A file named %(n)s is already in the package.") % {"n": name}
    if errors:
        raise ValidationError(errors)
    item = ReturnedFile(termination=t, name=name, size=len(content), added_by=user_or_none(acting_user))
    item.sha256 = store(item, "file", name, content)
    item.save()
    record_event(
        action="termination.file_returned",
        obj=t,
        acting_user=acting_user,
        data={"name": name, "sha256": item.sha256, "size": item.size},
        **ledger_scope(agreement=t.agreement),
    )
    return item


@transaction.atomic
def confirm_destruction(
    *, termination: Termination, target_kind: str, target: str, method: str, acting_user: Any
) -> Destruction:
    """Staff confirm the data is gone from one system or at one sub-processor; once per target."""
    t = _locked(termination)
    errors: dict[str, str] = {}
    if target_kind not in TargetKind.values:
        errors["target_kind"] = _("Choose a system or a sub-processor.")
    target = require_text(errors, "target", target, _("Name the system or sub-processor."))
    method = require_text(errors, "method", method, _("Say how the data was destroyed."))
    if errors:
        raise ValidationError(errors)
    earlier = t.destructions.filter(target_kind=target_kind, target=target).first()
    if earlier:
        raise ValidationError(
            _("Destruction in %(t)s was already confirmed on %(d)s.")
            % {"t": target, "d": earlier.confirmed_at.isoformat(timespec="minutes")}
        )
    item = Destruction.objects.create(
        termination=t,
        target_kind=target_kind,
        target=target,
        method=method,
        confirmed_by=user_or_none(acting_user),
    )
    record_event(
        action="termination.destroyed",
        obj=t,
        acting_user=acting_user,
        data={"target_kind": target_kind, "target": target, "method": method},
        **ledger_scope(agreement=t.agreement),
    )
    return item


@transaction.atomic
def set_retention(*, termination: Termination, items: list[dict[str, str]], acting_user: Any) -> Termination:
    """List the data kept under a legal retention duty: what, which law, until when."""
    t = _locked(termination)
    cleaned = []
    for i, item in enumerate(items):
        row = {k: str(item.get(k, "")).strip() for k in ("data", "basis", "until")}
        if not row["data"] or not row["basis"]:
            raise ValidationError({f"retention.{i}": _("Each exception needs the data and its legal basis.")})
        cleaned.append(row)
    t.retention = cleaned
    t.save(update_fields=["retention"])
    record_event(
        action="termination.retention",
        obj=t,
        acting_user=acting_user,
        data={"retention": cleaned},
        **ledger_scope(agreement=t.agreement),
    )
    return t


def missing_for_certificate(t: Termination) -> list[str]:
    """What still has to happen before the certificate can be issued."""
    missing = []
    if t.choice == EndWay.RETURN and not t.returned.exists():
        missing.append(_("the returned data package"))
    if not t.destructions.filter(target_kind=TargetKind.SYSTEM).exists():
        missing.append(_("destruction in at least one system"))
    done = set(t.destructions.filter(target_kind=TargetKind.SUBPROCESSOR).values_list("target", flat=True))
    missing += [_("destruction at %(s)s") % {"s": s} for s in subprocessors_of(t) if s not in done]
    return missing


@transaction.atomic
def issue_certificate(*, termination: Termination, acting_user: Any) -> Termination:
    """Make the certificate of return or destruction (PDF, with hashes) and send it to the controller."""
    t = _locked(termination)
    missing = missing_for_certificate(t)
    if missing:
        raise ValidationError(_("Not yet possible; still missing: %(m)s.") % {"m": "; ".join(missing)})
    t.status, t.certified_at = TerminationStatus.CERTIFIED, timezone.now()
    target = Target(SealedKind.CERTIFICATE, str(t.code), "termination.certified", str(t.code),
                    **ledger_scope(agreement=t.agreement))
    content = seal_issued(certificate_pdf(t), target)
    t.certificate_sha256 = store(t, "certificate", f"certificate-{t.agreement.reference}.pdf", content)
    t.save()
    _notify(t, "certified", template="certificate_issued")
    record_event(
        action="termination.certified",
        obj=t,
        acting_user=acting_user,
        data={
            "sha256": t.certificate_sha256,
            "returned": [{"name": r.name, "sha256": r.sha256} for r in t.returned.all()],
        },
        **ledger_scope(agreement=t.agreement),
    )
    return t


def certificate_pdf(t: Termination) -> bytes:
    """The certificate's PDF, in the agreement's language."""
    in_force = t.agreement.in_force
    assert in_force is not None  # only an agreement in force is terminated
    language = in_force.language
    with translation.override(language):
        title = (
            _("Certificate of return and destruction")
            if t.choice == EndWay.RETURN
            else _("Certificate of destruction")
        )
        doc = {
            "title": title,
            "language": language,
            "intro": _(
                "%(p)s, processor, certifies to %(c)s, controller, that the personal data processed "
                "under agreement %(ref)s has been handled as set out below."
            )
            % {
                "p": t.agreement.controller.processor.name,
                "c": t.agreement.controller.name,
                "ref": t.agreement.reference,
            },
            "facts": [
                [_("Agreement"), t.agreement.reference],
                [_("Ended"), local_time(t.ended_at)],
                [_("Reason"), str(t.get_reason_display())],
                [_("Way"), str(t.get_choice_display())],
                [_("Issued"), local_time(t.certified_at)],
            ],
            "sections": _certificate_sections(t),
            "closing": _("Obligations that survive the end stay in force: %(s)s.")
            % {"s": ", ".join(str(SURVIVING_LABELS[s]) for s in t.surviving) or "—"},
        }
    return pdf.render("certificate", doc)


def _certificate_sections(t: Termination) -> list[dict[str, Any]]:
    return [
        {
            "heading": _("Data returned"),
            "header": [_("File"), _("Bytes"), "SHA-256"],
            "widths": [30, 12, 58],
            "rows": [[r.name, str(r.size), r.sha256] for r in t.returned.all()],
            "empty": _("Nothing was returned."),
        },
        {
            "heading": _("Destruction"),
            "header": [_("Where"), _("How"), _("Confirmed")],
            "widths": [35, 40, 25],
            "rows": [
                [f"{d.get_target_kind_display()}: {d.target}", d.method, local_time(d.confirmed_at)]
                for d in t.destructions.all()
            ],
            "empty": "—",
        },
        {
            "heading": _("Kept under a legal retention duty"),
            "header": [_("Data"), _("Legal basis"), _("Until")],
            "widths": [40, 40, 20],
            "rows": [[r["data"], r["basis"], r["until"]] for r in t.retention],
            "empty": _("No exceptions."),
        },
    ]
