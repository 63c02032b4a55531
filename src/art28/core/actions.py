"""The one pattern every action view follows: parse a posted form, call one service, then show
its errors (on the page, or as a message on the page it goes back to) or go back with a message.

A page that shows the form itself (a create or edit page) asks for a service's errors on the
form's fields (``on_form=True``, through :func:`apply_errors`); a page that shows no errors of
its own lists them as error messages through :func:`as_messages`.

A view stays a plain named function that finds its object through the app's access helper and
hands the rest to :func:`run_action`::

    @require_POST
    @staff_required()
    def audit_schedule(request, code):
        audit = access.audit_for(request.user, code, write=True)
        return run_action(
            request,
            form=forms.ScheduleForm(request.POST),
            call=lambda data: services.schedule_audit(audit=audit, **data, acting_user=request.user),
            done=_("The audit is scheduled."),
            back=reverse("requests:audit_detail", args=[audit.code]),
            page=lambda request, errors, status: audit_page(request, audit, errors=errors, status=status),
        )
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise

from art28.core.forms import apply_errors


class ErrorPage(Protocol):
    """Renders the page the form was on again, with the errors listed, under ``status``."""

    def __call__(self, request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse: ...


#: Where to go after success: a URL, a ready response, or a function of the service's result
#: (called with ``None`` when a refusal goes back without a ``page``).
Back = str | HttpResponse | Callable[[Any], "str | HttpResponse"]
#: The success message, or a function of the service's result that words it; ``None`` (or a
#: function that returns ``None``) says nothing (the page it goes to says it, or the visitor
#: has no session to carry a message).
Done = str | Promise | Callable[[Any], str | Promise | None] | None


def as_messages(page: Callable[[HttpRequest, int], HttpResponse]) -> ErrorPage:
    """An error page for a page that lists no errors itself: they show as its error messages."""

    def shown(request: HttpRequest, *, errors: list[str], status: int) -> HttpResponse:
        _flash(request, errors)
        return page(request, status)

    return shown


def warn(request: HttpRequest, text: str | None) -> None:
    """Add a warning the next page shows (nothing when ``text`` is empty): for what a done
    action leaves at risk, such as a controller left without a breach-notice recipient."""
    if text:
        messages.warning(request, str(text))


def _flash(request: HttpRequest, errors: list[str]) -> None:
    for error in errors:
        messages.error(request, error)


def errors_of(exc: ValidationError) -> list[str]:
    """Every message of a service's ValidationError, field errors included, in order."""
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def form_errors(form: djforms.BaseForm) -> list[str]:
    """A form's errors as sentences a person reads: ``Label: message`` (non-field errors bare)."""
    return [
        f"{form.fields[k].label}: {e}" if k in form.fields and form.fields[k].label else str(e)
        for k, es in form.errors.items()
        for e in es
    ]


def _response(back: Back, result: Any) -> HttpResponse:
    target = back(result) if callable(back) else back
    return target if isinstance(target, HttpResponse) else redirect(target)


def _refused(
    request: HttpRequest, errors: list[str], back: Back, page: ErrorPage | None
) -> HttpResponse:
    if page is not None:
        return page(request, errors=errors, status=400)
    _flash(request, errors)
    return _response(back, None)


def run_action(
    request: HttpRequest,
    *,
    call: Callable[[dict[str, Any]], Any],
    done: Done,
    back: Back,
    form: djforms.BaseForm | None = None,
    page: ErrorPage | None = None,
    refused: str | Promise | None = None,
    on_form: bool = False,
) -> HttpResponse:
    """Validate ``form`` (when given), run ``call(cleaned_data)`` — one service — and answer.

    A refused form or a ``ValidationError`` from the service changes nothing (the service runs
    in one transaction) and shows the messages: on ``page`` with status 400 when given, else as
    error messages on ``back``. With ``on_form`` a service's errors also land on ``form`` (see
    :func:`apply_errors`), for a ``page`` that shows the form to show them by its fields. Success adds
    ``done`` as a message (none when ``None``) and redirects to ``back``; both may be functions
    of what the service returned (the object it made). ``refused`` is the one sentence a refused
    form shows instead of its fields' errors (a form of buttons, with nothing to type).
    """
    data: dict[str, Any] = {}
    if form is not None:
        if not form.is_valid():
            return _refused(request, [str(refused)] if refused else form_errors(form), back, page)
        data = form.cleaned_data
    try:
        result = call(data)
    except ValidationError as exc:
        if on_form and form is not None:
            apply_errors(form, exc)
        return _refused(request, errors_of(exc), back, page)
    said = done(result) if callable(done) else done
    if said is not None:
        messages.success(request, str(said))
    return _response(back, result)
