"""The staff console: every request, instruction, audit and ending of the processor's agreements."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for, visible_agreements
from art28.parties.types import StaffRequest
from art28.requests import access, forms
from art28.requests.models import (
    AuditRequest,
    AuthorityRequest,
    DataSubjectRequest,
    Instruction,
    Termination,
)
from art28.requests.services import audits, authority, data_subject, instructions, measures, ropa, termination
from art28.requests.views._common import (
    STAFF_AUDIT,
    STAFF_AUTHORITY,
    STAFF_DSR,
    STAFF_TERMINATION,
    Detail,
    act,
    ropa_response,
    stored_file,
    upload,
)
from art28.web.decorators import staff_required

staff = staff_required()


@staff
def staff_overview(request: HttpRequest) -> HttpResponse:
    v = access.visible
    return render(
        request,
        "requests/staff_overview.html",
        {
            "dsrs": v(DataSubjectRequest, request.user)[:50],
            "instructions": v(Instruction, request.user)[:50],
            "authority": v(AuthorityRequest, request.user)[:50],
            "audits": v(AuditRequest, request.user)[:50],
            "terminations": v(Termination, request.user)[:50],
            "agreements": visible_agreements(request.user).active().order_by("reference")[:200],
            "formats": ropa.FORMATS,
        },
    )


# -- one agreement: what is logged against it ----------


def _agreement_context(request: HttpRequest, agreement: Any) -> dict[str, Any]:
    def of(model: Any) -> Any:
        return access.visible_of(model, request.user, agreement)

    return {
        "agreement": agreement,
        "dsr_form": forms.DsrForm(),
        "mail_form": forms.MailedInstructionForm(),
        "authority_form": forms.AuthorityForm(),
        "terminate_form": forms.TerminateForm(),
        "dsrs": of(DataSubjectRequest),
        "instructions": of(Instruction),
        "authority": of(AuthorityRequest),
        "audits": of(AuditRequest),
        "termination": access.visible_of(Termination, request.user, agreement).first(),
    }


AGREEMENT = Detail(
    staff, agreement_for, "requests/staff_agreement.html", "requests:staff_agreement", _agreement_context
)
staff_agreement = AGREEMENT.view()

dsr_create = AGREEMENT.action(
    forms.DsrForm,
    lambda request, a, d: data_subject.record_data_subject_request(
        agreement=a,
        kind=d["kind"],
        requester=d["requester"],
        details=d["details"],
        channel=d["channel"],
        received_at=d["received_at"] or None,
        acting_user=request.user,
    ),
    _("The request is logged and forwarded to the controller."),
)

instruction_record = AGREEMENT.action(
    forms.MailedInstructionForm,
    lambda request, a, d: instructions.record_mailed_instruction(
        agreement=a,
        text=d["text"],
        author_name=d["author_name"],
        given_at=d["given_at"],
        mail=upload(request, "mail"),  # type: ignore[arg-type]
        acting_user=request.user,
    ),
    _("The instruction is recorded."),
)

authority_create = AGREEMENT.action(
    forms.AuthorityForm,
    lambda request, a, d: authority.record_authority_request(
        agreement=a,
        authority_kind=d["authority_kind"],
        authority=d["authority"],
        legal_basis=d["legal_basis"],
        description=d["description"],
        respond_by=d["respond_by"],
        gagged=d["gagged"],
        gag_basis=d["gag_basis"],
        received_at=d["received_at"] or None,
        acting_user=request.user,
    ),
    _("The authority request is logged."),
)

termination_create = AGREEMENT.action(
    forms.TerminateForm,
    lambda request, a, d: termination.terminate_agreement(
        agreement=a, reason=d["reason"], note=d["note"], acting_user=request.user
    ),
    _("The agreement has ended; the end-of-processing workflow is open."),
)

# A flagged instruction is shown on its agreement's page.
instruction_flag = AGREEMENT.action(
    forms.ReasonForm,
    lambda request, i, d: instructions.flag_instruction(
        instruction=i, reason=d["reason"], acting_user=request.user
    ),
    _("The instruction is held; the controller is told."),
    of=access.instruction_for,
    parent=lambda i: i.agreement.code,
)
instruction_mail = stored_file(staff, access.instruction_for, "mail")


# -- data subject requests ----------

dsr_detail = STAFF_DSR.view()

# A task is done on its request's page.
task_done = STAFF_DSR.action(
    forms.EvidenceForm,
    lambda request, task, d: data_subject.complete_task(
        task=task,
        evidence=d["evidence"],
        evidence_file=upload(request, "evidence_file"),
        acting_user=request.user,
    ),
    _("The task is done; the controller is told."),
    of=access.task_for,
    parent=lambda task: task.request.code,
)
task_evidence = stored_file(staff, access.task_for, "evidence_file")


# -- authority requests ----------

authority_detail = STAFF_AUTHORITY.view()

authority_close = STAFF_AUTHORITY.action(
    forms.DisclosedForm,
    lambda request, req, d: authority.close_authority_request(
        request=req, disclosed=d["disclosed"], acting_user=request.user
    ),
    _("The request is closed."),
)


# -- audits ----------

audit_detail = STAFF_AUDIT.view()

audit_schedule = STAFF_AUDIT.action(
    forms.EstimateForm,
    lambda request, a, d: audits.schedule_audit(
        audit=a, cost_estimate=d["cost_estimate"], acting_user=request.user
    ),
    _("The audit is scheduled."),
)

audit_alternative = STAFF_AUDIT.action(
    forms.AlternativeForm,
    lambda request, a, d: audits.offer_alternative(
        audit=a,
        alternative=d["alternative"],
        report=upload(request, "report"),  # type: ignore[arg-type]
        acting_user=request.user,
    ),
    _("The reports are offered to the controller."),
)

audit_complete = STAFF_AUDIT.action(
    forms.CompleteAuditForm,
    lambda request, a, d: audits.complete_audit(
        audit=a,
        report=upload(request, "report"),  # type: ignore[arg-type]
        noncompliance_found=d["noncompliance_found"],
        acting_user=request.user,
    ),
    _("The audit is completed; the controller has its copy of the report."),
)
audit_report = stored_file(staff, access.audit_for, "report")


# -- security measures ----------


def _measures_page(
    request: StaffRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    form: forms.MeasuresForm | None = None,
) -> HttpResponse:
    processor = request.membership.processor
    current = measures.current_catalogue(processor)
    initial = "\n".join(f"{m['kind'][0].upper()}: {m['text']}" for m in current.measures) if current else ""
    return render(
        request,
        "requests/staff_measures.html",
        {
            "current": current,
            "errors": errors or [],
            "versions": access.visible_catalogues(request.user).order_by("-number"),
            "form": form or forms.MeasuresForm(initial={"measures": initial}),
        },
        status=status,
    )


@staff
def measures_list(request: StaffRequest) -> HttpResponse:
    return _measures_page(request)


@require_POST
@staff_required(write=True, admin=True)
def measures_publish(request: StaffRequest) -> HttpResponse:
    form = forms.MeasuresForm(request.POST)
    return act(
        request,
        form,
        lambda d: measures.publish_measures(
            processor=request.membership.processor,
            measures=form.parsed(),
            summary=d["summary"],
            substantial=d["substantial"],
            acting_user=request.user,
        ),
        _("The new measures are published."),
        lambda r, **kw: _measures_page(r, form=form, **kw),
        redirect("requests:measures_list"),
    )


# -- termination ----------

termination_detail = STAFF_TERMINATION.view()

termination_estimate = STAFF_TERMINATION.action(
    forms.AmountForm,
    lambda request, t, d: termination.set_end_cost_estimate(
        termination=t, amount=d["amount"], acting_user=request.user
    ),
    _("The estimate is sent to the controller."),
)


def _returned_file(request: HttpRequest, t: Any, d: dict[str, Any]) -> Any:
    name, content = upload(request, "file") or ("", b"")
    return termination.add_returned_file(termination=t, name=name, content=content, acting_user=request.user)


termination_file = STAFF_TERMINATION.action(
    forms.ReturnedFileForm, _returned_file, _("The file is added to the data package.")
)

termination_destruction = STAFF_TERMINATION.action(
    forms.DestructionForm,
    lambda request, t, d: termination.confirm_destruction(
        termination=t,
        target_kind=d["target_kind"],
        target=d["target"],
        method=d["method"],
        acting_user=request.user,
    ),
    _("The destruction is confirmed."),
)


@require_POST
@staff
def termination_retention(request: HttpRequest, code: Any) -> HttpResponse:
    form = forms.RetentionForm(request.POST)
    return STAFF_TERMINATION.run(
        request,
        code,
        form,
        lambda t, d: termination.set_retention(termination=t, items=form.parsed(), acting_user=request.user),
        _("The retention exceptions are saved."),
    )


termination_certificate = STAFF_TERMINATION.action(
    djforms.Form,
    lambda request, t, d: termination.issue_certificate(termination=t, acting_user=request.user),
    _("The certificate is issued and sent to the controller."),
)
certificate_pdf = stored_file(staff, access.termination_for, "certificate", "application/pdf")
returned_file = stored_file(staff, access.returned_file_for, "file")


# -- the Art. 30 record ----------


@staff
def ropa_download(request: StaffRequest, fmt: str) -> HttpResponse:
    return ropa_response(request, fmt, "art30-record", visible_agreements(request.user))
