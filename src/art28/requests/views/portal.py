"""The controller portal: the controller's side of its requests, instructions, audits and ending."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for, visible_agreements
from art28.parties.types import PortalRequest
from art28.requests import access, forms
from art28.requests.models import AuditRequest, AuthorityRequest, DataSubjectRequest, Instruction, Termination
from art28.requests.services import audits, authority, data_subject, instructions, ropa, termination
from art28.requests.views._common import (
    PORTAL_AUDIT,
    PORTAL_AUTHORITY,
    PORTAL_DSR,
    PORTAL_TERMINATION,
    Detail,
    act,
    ropa_response,
    stored_file,
)
from art28.web.decorators import portal_required


def _home_page(request: HttpRequest, *, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
    v = access.visible
    return render(
        request,
        "requests/portal_home.html",
        {
            "errors": errors or [],
            "dsrs": v(DataSubjectRequest, request.user),
            "instructions": v(Instruction, request.user),
            "authority": v(AuthorityRequest, request.user),
            "audits": v(AuditRequest, request.user),
            "terminations": v(Termination, request.user),
            "formats": ropa.FORMATS,
            "agreements": visible_agreements(request.user).active().signed().order_by("reference"),
            "instruction_form": forms.InstructionForm(),
        },
        status=status,
    )


@portal_required
def portal_home(request: HttpRequest) -> HttpResponse:
    return _home_page(request)


# -- data subject requests ----------

portal_dsr = PORTAL_DSR.view()

portal_dsr_task = PORTAL_DSR.action(
    forms.TaskForm,
    lambda request, r, d: data_subject.ask_task(
        request=r, action=d["action"], instructions=d["instructions"], acting_user=request.user
    ),
    _("Your request is sent to the processor."),
)

portal_dsr_extend = PORTAL_DSR.action(
    forms.ReasonForm,
    lambda request, r, d: data_subject.extend_answer_period(
        request=r, reason=d["reason"], acting_user=request.user
    ),
    _("The answer period is extended by two months."),
)

portal_dsr_close = PORTAL_DSR.action(
    djforms.Form,
    lambda request, r, d: data_subject.close_request(request=r, acting_user=request.user),
    _("The request is closed."),
)
portal_task_evidence = stored_file(portal_required, access.task_for, "evidence_file")


# -- instructions ----------


@require_POST
@portal_required
def portal_instruction_give(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return act(
        request,
        forms.InstructionForm(request.POST),
        lambda d: instructions.give_instruction(
            agreement=agreement, text=d["text"], acting_user=request.user
        ),
        _("Your instruction is recorded."),
        _home_page,
        redirect("requests:portal_home"),
    )


INSTRUCTION = Detail(
    portal_required,
    access.instruction_for,
    "requests/portal_instruction.html",
    "requests:portal_instruction",
    lambda request, instruction: {"instruction": instruction, "form": forms.ResolveForm()},
)
portal_instruction = INSTRUCTION.view()

portal_instruction_resolve = INSTRUCTION.action(
    forms.ResolveForm,
    lambda request, i, d: instructions.resolve_instruction(
        instruction=i, confirm=d["confirm"], note=d["note"], acting_user=request.user
    ),
    _("Your decision is recorded."),
)


# -- authority requests ----------

portal_authority = PORTAL_AUTHORITY.view()

portal_authority_object = PORTAL_AUTHORITY.action(
    forms.ObjectionForm,
    lambda request, req, d: authority.record_objection(
        request=req, objection=d["objection"], acting_user=request.user
    ),
    _("Your objection is recorded."),
)


# -- audits ----------


def _audit_request_page(
    request: HttpRequest,
    code: Any,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    form: djforms.Form | None = None,
) -> HttpResponse:
    agreement = agreement_for(request.user, code)
    return render(
        request,
        "requests/portal_audit_request.html",
        {
            "agreement": agreement,
            "terms": agreement.binding.dpa_terms.audit,
            "errors": errors or [],
            "earliest": audits.earliest_start(agreement.binding.dpa_terms.audit.notice_days or 0),
            "form": form or forms.AuditForm(),
        },
        status=status,
    )


@portal_required
def portal_audit_request(request: HttpRequest, code: Any) -> HttpResponse:
    if request.method != "POST":
        return _audit_request_page(request, code)
    agreement = agreement_for(request.user, code, write=True)
    form = forms.AuditForm(request.POST)
    return act(
        request,
        form,
        lambda d: audits.request_audit(
            agreement=agreement,
            scope_text=d["scope"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            auditor=d["auditor"],
            acting_user=request.user,
        ),
        _("Your audit request is sent to the processor."),
        lambda r, **kw: _audit_request_page(r, code, form=form, **kw),
        redirect("requests:portal_home"),
    )


portal_audit = PORTAL_AUDIT.view()

portal_audit_answer = PORTAL_AUDIT.action(
    forms.AnswerAlternativeForm,
    lambda request, a, d: audits.answer_alternative(audit=a, accept=d["accept"], acting_user=request.user),
    _("Your answer is recorded."),
)
portal_audit_report = stored_file(portal_required, access.audit_for, "report")


# -- the agreement's end ----------

portal_termination = PORTAL_TERMINATION.view()

portal_termination_choose = PORTAL_TERMINATION.action(
    forms.ChoiceForm,
    lambda request, t, d: termination.choose_end_way(
        termination=t, choice=d["choice"], acting_user=request.user
    ),
    _("Your choice is recorded."),
)
portal_certificate = stored_file(portal_required, access.termination_for, "certificate", "application/pdf")
portal_returned_file = stored_file(portal_required, access.returned_file_for, "file")


@portal_required
def portal_ropa(request: PortalRequest, fmt: str) -> HttpResponse:
    """The controller's own extract of the record: only its agreements."""
    return ropa_response(request, fmt, "art30-extract", visible_agreements(request.user))
