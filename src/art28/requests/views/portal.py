"""The controller portal: the controller's side of its requests, instructions and audits.

Each view is a plain function: the access helper finds the object, ``run_action`` calls one
service and shows its errors on the page or goes back to it with a message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for
from art28.core.actions import run_action
from art28.core.decorators import portal_required
from art28.requests import access, forms
from art28.requests.services import audits, authority, data_subject, instructions
from art28.requests.views.pages import (
    audit_page,
    audit_request_page,
    authority_page,
    download,
    dsr_page,
    errors_on,
    home_page,
    instruction_page,
)

DSR_PAGE = "requests/portal_dsr.html"
AUTHORITY_PAGE = "requests/portal_authority.html"
AUDIT_PAGE = "requests/portal_audit.html"
INSTRUCTION_PAGE = "requests/portal_instruction.html"


@portal_required
def portal_home(request: HttpRequest) -> HttpResponse:
    return home_page(request)


# -- data subject requests ----------


@portal_required
def portal_dsr(request: HttpRequest, code: Any) -> HttpResponse:
    return dsr_page(request, DSR_PAGE, access.dsr_for(request.user, code))


@require_POST
@portal_required
def portal_dsr_task(request: HttpRequest, code: Any) -> HttpResponse:
    dsr = access.dsr_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.TaskForm(request.POST),
        call=lambda d: data_subject.ask_task(
            request=dsr, action=d["action"], instructions=d["instructions"], acting_user=request.user
        ),
        done=_("Your request is sent to the processor."),
        back=reverse("requests:portal_dsr", args=[dsr.code]),
        page=errors_on(dsr_page, DSR_PAGE, access.dsr_for, code),
    )


@require_POST
@portal_required
def portal_dsr_extend(request: HttpRequest, code: Any) -> HttpResponse:
    dsr = access.dsr_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.ReasonForm(request.POST),
        call=lambda d: data_subject.extend_answer_period(
            request=dsr, reason=d["reason"], acting_user=request.user
        ),
        done=_("The answer period is extended by two months."),
        back=reverse("requests:portal_dsr", args=[dsr.code]),
        page=errors_on(dsr_page, DSR_PAGE, access.dsr_for, code),
    )


@require_POST
@portal_required
def portal_dsr_close(request: HttpRequest, code: Any) -> HttpResponse:
    dsr = access.dsr_for(request.user, code, write=True)
    return run_action(
        request,
        call=lambda d: data_subject.close_request(request=dsr, acting_user=request.user),
        done=_("The request is closed."),
        back=reverse("requests:portal_dsr", args=[dsr.code]),
        page=errors_on(dsr_page, DSR_PAGE, access.dsr_for, code),
    )


@portal_required
def portal_task_evidence(request: HttpRequest, code: Any) -> HttpResponseBase:
    return download(access.task_for(request.user, code).evidence_file)


# -- instructions ----------


@require_POST
@portal_required
def portal_instruction_give(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.InstructionForm(request.POST),
        call=lambda d: instructions.give_instruction(
            agreement=agreement, text=d["text"], acting_user=request.user
        ),
        done=_("Your instruction is recorded."),
        back=reverse("requests:portal_home"),
        page=home_page,
    )


@portal_required
def portal_instruction(request: HttpRequest, code: Any) -> HttpResponse:
    return instruction_page(request, INSTRUCTION_PAGE, access.instruction_for(request.user, code))


@require_POST
@portal_required
def portal_instruction_resolve(request: HttpRequest, code: Any) -> HttpResponse:
    instruction = access.instruction_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.ResolveForm(request.POST),
        call=lambda d: instructions.resolve_instruction(
            instruction=instruction, confirm=d["confirm"], note=d["note"], acting_user=request.user
        ),
        done=_("Your decision is recorded."),
        back=reverse("requests:portal_instruction", args=[instruction.code]),
        page=errors_on(instruction_page, INSTRUCTION_PAGE, access.instruction_for, code),
    )


# -- authority requests ----------


@portal_required
def portal_authority(request: HttpRequest, code: Any) -> HttpResponse:
    return authority_page(request, AUTHORITY_PAGE, access.authority_for(request.user, code))


@require_POST
@portal_required
def portal_authority_object(request: HttpRequest, code: Any) -> HttpResponse:
    req = access.authority_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.ObjectionForm(request.POST),
        call=lambda d: authority.record_objection(
            request=req, objection=d["objection"], acting_user=request.user
        ),
        done=_("Your objection is recorded."),
        back=reverse("requests:portal_authority", args=[req.code]),
        page=errors_on(authority_page, AUTHORITY_PAGE, access.authority_for, code),
    )


# -- audits ----------


@portal_required
def portal_audit_request(request: HttpRequest, code: Any) -> HttpResponse:
    if request.method != "POST":
        return audit_request_page(request, code)
    agreement = agreement_for(request.user, code, write=True)
    form = forms.AuditForm(request.POST)
    return run_action(
        request,
        form=form,
        call=lambda d: audits.request_audit(
            agreement=agreement,
            scope_text=d["scope"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            auditor=d["auditor"],
            acting_user=request.user,
        ),
        done=_("Your audit request is sent to the processor."),
        back=reverse("requests:portal_home"),
        page=lambda request, *, errors, status: audit_request_page(
            request, code, form=form, errors=errors, status=status
        ),
    )


@portal_required
def portal_audit(request: HttpRequest, code: Any) -> HttpResponse:
    return audit_page(request, AUDIT_PAGE, access.audit_for(request.user, code))


@require_POST
@portal_required
def portal_audit_answer(request: HttpRequest, code: Any) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.AnswerAlternativeForm(request.POST),
        call=lambda d: audits.answer_alternative(audit=audit, accept=d["accept"], acting_user=request.user),
        done=_("Your answer is recorded."),
        back=reverse("requests:portal_audit", args=[audit.code]),
        page=errors_on(audit_page, AUDIT_PAGE, access.audit_for, code),
    )


@portal_required
def portal_audit_report(request: HttpRequest, code: Any) -> HttpResponseBase:
    return download(access.audit_for(request.user, code).report)
