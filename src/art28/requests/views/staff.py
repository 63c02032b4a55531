"""The staff console: every request, instruction and audit of the processor's agreements.

Each view is a plain function: the access helper finds the object, ``run_action`` calls one
service and shows its errors on the page or goes back to it with a message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for
from art28.agreements.services import termination
from art28.core.actions import run_action
from art28.core.decorators import staff_required
from art28.core.pagination import page_of
from art28.core.uploads import posted_file
from art28.records import services as ropa
from art28.requests import access, forms
from art28.requests.services import audits, authority, data_subject, instructions
from art28.requests.views.pages import (
    SECTION_PAGES,
    agreement_page,
    audit_page,
    authority_page,
    back_to_agreement,
    download,
    dsr_page,
    errors_on,
    errors_on_agreement,
)

staff = staff_required()
DSR_PAGE = "requests/staff_dsr.html"
AUTHORITY_PAGE = "requests/staff_authority.html"
AUDIT_PAGE = "requests/staff_audit.html"


@staff
def staff_overview(request: HttpRequest) -> HttpResponse:
    form = forms.OverviewFilterForm(request.GET)
    rows = access.overview(request.user, form.value("q"))
    # Each list pages on its own (``?dsr_page=2`` leaves the other lists where they were).
    pages = {name: page_of(request, items, param=SECTION_PAGES[name]) for name, items in rows.items()}
    return render(request, "requests/staff_overview.html",
                  {**pages, "form": form, "formats": ropa.FORMATS})


# -- one agreement: what is logged against it ----------


@staff
def staff_agreement(request: HttpRequest, code: Any) -> HttpResponse:
    return agreement_page(request, agreement_for(request.user, code))


@require_POST
@staff
def dsr_create(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.DsrForm(request.POST),
        call=lambda d: data_subject.record_data_subject_request(
            agreement=agreement,
            kind=d["kind"],
            requester=d["requester"],
            details=d["details"],
            channel=d["channel"],
            received_at=d["received_at"] or None,
            acting_user=request.user,
        ),
        done=_("The request is logged and forwarded to the controller."),
        back=back_to_agreement(code),
        page=errors_on_agreement(code),
    )


@require_POST
@staff
def instruction_record(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.MailedInstructionForm(request.POST, request.FILES),
        call=lambda d: instructions.record_mailed_instruction(
            agreement=agreement,
            text=d["text"],
            author_name=d["author_name"],
            given_at=d["given_at"],
            mail=posted_file(request, "mail"),
            acting_user=request.user,
        ),
        done=_("The instruction is recorded."),
        back=back_to_agreement(code),
        page=errors_on_agreement(code),
    )


@require_POST
@staff
def authority_create(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.AuthorityForm(request.POST),
        call=lambda d: authority.record_authority_request(
            agreement=agreement,
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
        done=_("The authority request is logged."),
        back=back_to_agreement(code),
        page=errors_on_agreement(code),
    )


@require_POST
@staff
def termination_create(request: HttpRequest, code: Any) -> HttpResponse:
    """Posted from this app's agreement page (its errors show there); the end is the agreements app's."""
    agreement = agreement_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.TerminateForm(request.POST),
        call=lambda d: termination.terminate_agreement(
            agreement=agreement, reason=d["reason"], note=d["note"], acting_user=request.user
        ),
        done=_("The agreement has ended; the end-of-processing workflow is open."),
        back=back_to_agreement(code),
        page=errors_on_agreement(code),
    )


@require_POST
@staff
def instruction_flag(request: HttpRequest, code: Any) -> HttpResponse:
    """A flagged instruction is shown on its agreement's page."""
    instruction = access.instruction_for(request.user, code, write=True)
    agreement_code = instruction.agreement.code
    return run_action(
        request,
        form=forms.ReasonForm(request.POST),
        call=lambda d: instructions.flag_instruction(
            instruction=instruction, reason=d["reason"], acting_user=request.user
        ),
        done=_("The instruction is held; the controller is told."),
        back=back_to_agreement(agreement_code),
        page=errors_on_agreement(agreement_code),
    )


@staff
def instruction_mail(request: HttpRequest, code: Any) -> HttpResponseBase:
    return download(access.instruction_for(request.user, code).mail)


# -- data subject requests ----------


@staff
def dsr_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return dsr_page(request, DSR_PAGE, access.dsr_for(request.user, code))


@require_POST
@staff
def task_done(request: HttpRequest, code: Any) -> HttpResponse:
    """A task is done on its request's page."""
    task = access.task_for(request.user, code, write=True)
    dsr_code = task.request.code
    return run_action(
        request,
        form=forms.EvidenceForm(request.POST, request.FILES),
        call=lambda d: data_subject.complete_task(
            task=task,
            evidence=d["evidence"],
            evidence_file=posted_file(request, "evidence_file"),
            acting_user=request.user,
        ),
        done=_("The task is done; the controller is told."),
        back=reverse("requests:dsr_detail", args=[dsr_code]),
        page=errors_on(dsr_page, DSR_PAGE, access.dsr_for, dsr_code),
    )


@staff
def task_evidence(request: HttpRequest, code: Any) -> HttpResponseBase:
    return download(access.task_for(request.user, code).evidence_file)


# -- authority requests ----------


@staff
def authority_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return authority_page(request, AUTHORITY_PAGE, access.authority_for(request.user, code))


@require_POST
@staff
def authority_close(request: HttpRequest, code: Any) -> HttpResponse:
    req = access.authority_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.DisclosedForm(request.POST),
        call=lambda d: authority.close_authority_request(
            request=req, disclosed=d["disclosed"], acting_user=request.user
        ),
        done=_("The request is closed."),
        back=reverse("requests:authority_detail", args=[req.code]),
        page=errors_on(authority_page, AUTHORITY_PAGE, access.authority_for, code),
    )


# -- audits ----------


@staff
def audit_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return audit_page(request, AUDIT_PAGE, access.audit_for(request.user, code))


@require_POST
@staff
def audit_schedule(request: HttpRequest, code: Any) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.EstimateForm(request.POST),
        call=lambda d: audits.schedule_audit(
            audit=audit, cost_estimate=d["cost_estimate"], acting_user=request.user
        ),
        done=_("The audit is scheduled."),
        back=reverse("requests:audit_detail", args=[audit.code]),
        page=errors_on(audit_page, AUDIT_PAGE, access.audit_for, code),
    )


@require_POST
@staff
def audit_alternative(request: HttpRequest, code: Any) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.AlternativeForm(request.POST, request.FILES),
        call=lambda d: audits.offer_alternative(
            audit=audit,
            alternative=d["alternative"],
            report=posted_file(request, "report"),
            acting_user=request.user,
        ),
        done=_("The reports are offered to the controller."),
        back=reverse("requests:audit_detail", args=[audit.code]),
        page=errors_on(audit_page, AUDIT_PAGE, access.audit_for, code),
    )


@require_POST
@staff
def audit_complete(request: HttpRequest, code: Any) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return run_action(
        request,
        form=forms.CompleteAuditForm(request.POST, request.FILES),
        call=lambda d: audits.complete_audit(
            audit=audit,
            report=posted_file(request, "report"),
            noncompliance_found=d["noncompliance_found"],
            acting_user=request.user,
        ),
        done=_("The audit is completed; the controller has its copy of the report."),
        back=reverse("requests:audit_detail", args=[audit.code]),
        page=errors_on(audit_page, AUDIT_PAGE, access.audit_for, code),
    )


@staff
def audit_report(request: HttpRequest, code: Any) -> HttpResponseBase:
    return download(access.audit_for(request.user, code).report)
