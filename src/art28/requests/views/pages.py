"""The pages of the requests views: each kind of object's page (the same facts on both sides,
``requests/{staff,portal}_<kind>.html``), an agreement's page in the staff console, the portal's
start page and audit request page, the page an action's errors show on, and stored files as
downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from art28.agreements.access import (
    agreement_for,
    binding_for,
    termination_of,
    visible_agreements,
    visible_terminations,
)
from art28.agreements.models import Agreement
from art28.core.actions import ErrorPage
from art28.core.downloads import stored_file
from art28.core.pagination import page_of
from art28.records import services as ropa
from art28.requests import access, forms
from art28.requests.models import AuditRequest, AuthorityRequest, DataSubjectRequest, Instruction
from art28.requests.services import audits
from art28.terms.schema import AuditCost

#: A page of one object: ``page(request, template, obj, errors=..., status=...)``.
Page = Callable[..., HttpResponse]


def dsr_page(
    request: HttpRequest,
    template: str,
    dsr: DataSubjectRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "dsr": dsr,
        "tasks": dsr.tasks.all(),
        "task_form": forms.TaskForm(),
        "evidence_form": forms.EvidenceForm(),
        "extend_form": forms.ReasonForm(),
        "errors": errors or [],
    }
    return render(request, template, context, status=status)


def authority_page(
    request: HttpRequest,
    template: str,
    req: AuthorityRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "req": req,
        "close_form": forms.DisclosedForm(),
        "objection_form": forms.ObjectionForm(),
        "errors": errors or [],
    }
    return render(request, template, context, status=status)


def audit_page(
    request: HttpRequest,
    template: str,
    audit: AuditRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "audit": audit,
        "estimate_form": forms.EstimateForm(),
        "alternative_form": forms.AlternativeForm(),
        "complete_form": forms.CompleteAuditForm(),
        "answer_form": forms.AnswerAlternativeForm(),
        "errors": errors or [],
    }
    return render(request, template, context, status=status)


def errors_on(page: Page, template: str, lookup: Callable[..., Any], code: Any) -> ErrorPage:
    """Where an action's errors show: ``lookup(user, code)``'s page as it is now (a refused
    service changed nothing)."""

    def shown(request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse:
        return page(request, template, lookup(request.user, code), errors=errors, status=status)

    return shown


def download(stored: FieldFile, content_type: str = "application/octet-stream") -> HttpResponseBase:
    """One stored file as a download under its own name; 404 when none is stored."""
    return stored_file(stored, content_type=content_type, stream=False)


#: The query parameter of each list's page (``?dsr_page=2`` leaves the other lists where they were).
SECTION_PAGES = {"agreements": "page", "dsrs": "dsr_page", "instructions": "instruction_page",
                 "authority": "authority_page", "audits": "audit_page", "terminations": "termination_page"}

#: Who pays for an audit, as a sentence to the controller (the template compares no value).
AUDIT_COST_SENTENCES: dict[str, Promise] = {
    AuditCost.CONTROLLER: _("You bear the cost of the audit."),
    AuditCost.PROCESSOR: _("The processor bears the cost of the audit."),
    AuditCost.CONTROLLER_UNLESS_NONCOMPLIANT: _(
        "You bear the cost, unless the audit finds that the processor does not comply."),
    AuditCost.SHARED: _("The cost is shared."),
}


def agreement_page(
    request: HttpRequest, agreement: Agreement, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    """The staff console's page of one agreement: what is logged against it, and the forms to log more."""
    def of(model: Any, name: str) -> Any:
        items = access.visible_of(model, request.user, agreement).order_by("-created_at", "-pk")
        return page_of(request, items, param=SECTION_PAGES[name])

    context = {
        "agreement": agreement,
        "dsr_form": forms.DsrForm(),
        "mail_form": forms.MailedInstructionForm(),
        "authority_form": forms.AuthorityForm(),
        "terminate_form": forms.TerminateForm(),
        "dsrs": of(DataSubjectRequest, "dsrs"),
        "instructions": of(Instruction, "instructions"),
        "authority": of(AuthorityRequest, "authority"),
        "audits": of(AuditRequest, "audits"),
        "termination": termination_of(request.user, agreement),
        "errors": errors or [],
    }
    return render(request, "requests/staff_agreement.html", context, status=status)


def errors_on_agreement(code: Any) -> ErrorPage:
    """Where an action on an agreement shows its errors: the agreement's page as it is now."""
    def shown(request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse:
        return agreement_page(request, agreement_for(request.user, code), errors=errors, status=status)

    return shown


def back_to_agreement(code: Any) -> str:
    return reverse("requests:staff_agreement", args=[code])


def home_page(request: HttpRequest, *, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
    """The portal's start page: the controller's requests, instructions, audits and terminations."""
    v = access.visible
    lists = {
        "dsrs": v(DataSubjectRequest, request.user).order_by("-created_at", "-pk"),
        "instructions": v(Instruction, request.user).order_by("-created_at", "-pk"),
        "authority": v(AuthorityRequest, request.user).order_by("-created_at", "-pk"),
        "audits": v(AuditRequest, request.user).order_by("-created_at", "-pk"),
        "terminations": visible_terminations(request.user).order_by("-ended_at", "-pk"),
    }
    return render(
        request,
        "requests/portal_home.html",
        {
            "errors": errors or [],
            **{name: page_of(request, items, param=SECTION_PAGES[name]) for name, items in lists.items()},
            "formats": ropa.FORMATS,
            "agreements": visible_agreements(request.user).active().signed().order_by("reference"),
            "instruction_form": forms.InstructionForm(),
        },
        status=status,
    )


def instruction_page(
    request: HttpRequest,
    template: str,
    instruction: Instruction,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"instruction": instruction, "form": forms.ResolveForm(), "errors": errors or []}
    return render(request, template, context, status=status)


def audit_request_page(
    request: HttpRequest,
    code: Any,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    form: djforms.Form | None = None,
) -> HttpResponse:
    """The portal's form to request an audit, with the agreement's notice period and cost rule."""
    agreement = agreement_for(request.user, code)
    terms = binding_for(request.user, agreement).dpa_terms.audit
    return render(
        request,
        "requests/portal_audit_request.html",
        {
            "agreement": agreement,
            "terms": terms,
            "cost_sentence": AUDIT_COST_SENTENCES.get(terms.cost, "") if terms.cost else "",
            "errors": errors or [],
            "earliest": audits.earliest_start(terms.notice_days or 0),
            "form": form or forms.AuditForm(),
        },
        status=status,
    )
