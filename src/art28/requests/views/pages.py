"""What the staff console and the portal share: each kind of object's page (the same facts on
both sides, ``requests/{staff,portal}_<kind>.html``), the page an action's errors show on, and
stored files as downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from art28.core.actions import ErrorPage
from art28.core.downloads import stored_file
from art28.requests import forms
from art28.requests.models import AuditRequest, AuthorityRequest, DataSubjectRequest

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
