"""The page of one termination (the same facts on both sides, with the forms of its actions)
and the page an action's errors show on."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from art28.agreements import access
from art28.agreements import termination_forms as forms
from art28.agreements.models import Termination
from art28.agreements.services import termination
from art28.core.actions import ErrorPage


def termination_page(
    request: HttpRequest, template: str, t: Termination, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    """One termination's page (the same facts on both sides), with the forms of its actions."""
    retention = "\n".join(f"{r['data']} | {r['basis']} | {r['until']}" for r in t.retention)
    context = {
        "t": t,
        "missing": termination.missing_for_certificate(t),
        "subprocessors": termination.subprocessors_of(t),
        "choice_form": forms.ChoiceForm(initial={"choice": t.choice}),
        "amount_form": forms.AmountForm(),
        "file_form": forms.ReturnedFileForm(),
        "destruction_form": forms.DestructionForm(),
        "retention_form": forms.RetentionForm(initial={"retention": retention}),
        "surviving": [termination.SURVIVING_LABELS[s] for s in t.surviving],
        "errors": errors or [],
    }
    return render(request, template, context, status=status)


def errors_on_termination(template: str, code: Any) -> ErrorPage:
    """The page an action's errors show on: the termination as it is now (the service changed nothing)."""

    def page(request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse:
        return termination_page(
            request, template, access.termination_for(request.user, code), errors=errors, status=status
        )

    return page
