"""What the staff console and the portal share: one object's page, and the one pattern every
action follows (POST a form, call one service, show its errors on the page or go back with a
message)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from art28.core.uploads import EVIDENCE, check_file
from art28.parties.types import MemberRequest
from art28.requests import access, forms
from art28.requests.services import ropa, termination
from art28.web.decorators import portal_required, staff_required

Page = Callable[..., HttpResponse]
View = Callable[..., HttpResponse]
Guard = Callable[[View], View]
#: A service call made from a valid form: ``call(request, obj, cleaned_data)``.
Call = Callable[[HttpRequest, Any, dict[str, Any]], Any]


def upload(request: HttpRequest, name: str) -> tuple[str, bytes] | None:
    """An uploaded file as ``(name, content)``, the form the services take files in, once it
    passed the upload check (a ValidationError the action shows otherwise)."""
    f = request.FILES.get(name)
    if not f:
        return None
    try:
        check_file(f, EVIDENCE)
    except ValidationError as exc:
        raise ValidationError({name: exc}) from None
    return f.name or name, f.read()


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def act(
    request: HttpRequest,
    form: djforms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str | Promise,
    page: Page,
    back: Any,
) -> HttpResponse:
    """Run one service with the parsed form; show its errors on the page (400), or go back."""
    if not form.is_valid():
        return page(
            request,
            errors=[
                f"{form.fields[k].label}: {e}" if k in form.fields else e
                for k, es in form.errors.items()
                for e in es
            ],
            status=400,
        )
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        return page(request, errors=_errors(exc), status=400)
    messages.success(request, str(done))
    return back


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file(
    guard: Guard, lookup: Callable[..., Any], field: str, content_type: str = "application/octet-stream"
) -> View:
    """A view sending one stored file of the object ``lookup`` finds; 404 when none is stored."""

    def download(request: HttpRequest, code: Any) -> HttpResponse:
        stored = getattr(lookup(request.user, code), field)
        if not stored:
            raise Http404
        with stored.open("rb") as fh:
            return attachment(fh.read(), content_type, stored.name.rsplit("/", 1)[-1])

    return guard(download)


def ropa_response(request: MemberRequest, fmt: str, name: str, agreements: Any) -> HttpResponse:
    """The Art. 30 record of ``agreements`` in ``fmt``, as a dated attachment."""
    if fmt not in ropa.FORMATS:
        raise Http404
    processor = request.membership.processor
    content = ropa.export(
        processor=processor,
        fmt=fmt,
        agreements=agreements,
        language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("nl", "en") else "en",
    )
    ext = "jsonld" if fmt == "jsonld" else fmt
    return attachment(content, ropa.CONTENT_TYPES[fmt], f"{name}-{timezone.localdate():%Y%m%d}.{ext}")


@dataclass(frozen=True)
class Detail:
    """One kind of object's page on one side (staff or portal), and the actions posted to it.

    ``lookup(user, code, write=False)`` is the app's access helper; ``context(request, obj)`` is
    what the template gets besides ``errors``; ``url`` names the page an action goes back to.
    """

    guard: Guard
    lookup: Callable[..., Any]
    template: str
    url: str
    context: Callable[[HttpRequest, Any], dict[str, Any]]

    def page(
        self, request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        obj = self.lookup(request.user, code)
        return render(
            request, self.template, {**self.context(request, obj), "errors": errors or []}, status=status
        )

    def view(self) -> View:
        """The page itself, behind the side's guard."""

        def detail(request: HttpRequest, code: Any) -> HttpResponse:
            return self.page(request, code)

        return self.guard(detail)

    def run(
        self,
        request: HttpRequest,
        code: Any,
        form: djforms.Form,
        call: Callable[[Any, dict[str, Any]], Any],
        done: str | Promise,
        *,
        of: Callable[..., Any] | None = None,
        parent: Callable[[Any], Any] | None = None,
    ) -> HttpResponse:
        """Find the object to write to and act on it; errors show on this page, success goes back to it.

        ``of`` finds a different object than the page's (a task on its request's page), and
        ``parent(obj)`` gives the code of the page it belongs on.
        """
        obj = (of or self.lookup)(request.user, code, write=True)
        page_code = parent(obj) if parent else code
        return act(
            request,
            form,
            lambda d: call(obj, d),
            done,
            lambda r, **kw: self.page(r, page_code, **kw),
            redirect(self.url, code=page_code),
        )

    def action(
        self,
        form_class: type[djforms.Form],
        call: Call,
        done: str | Promise,
        *,
        of: Callable[..., Any] | None = None,
        parent: Callable[[Any], Any] | None = None,
    ) -> View:
        """A POST-only view: parse ``form_class``, ``call(request, obj, data)`` one service, say ``done``."""

        def post(request: HttpRequest, code: Any) -> HttpResponse:
            form = form_class(request.POST, request.FILES)
            return self.run(
                request, code, form, lambda obj, d: call(request, obj, d), done, of=of, parent=parent
            )

        return require_POST(self.guard(post))


# -- what each kind of object's page shows, the same on both sides ----------


def _dsr_context(request: HttpRequest, dsr: Any) -> dict[str, Any]:
    return {
        "dsr": dsr,
        "tasks": dsr.tasks.all(),
        "task_form": forms.TaskForm(),
        "evidence_form": forms.EvidenceForm(),
        "extend_form": forms.ReasonForm(),
    }


def _authority_context(request: HttpRequest, req: Any) -> dict[str, Any]:
    return {"req": req, "close_form": forms.DisclosedForm(), "objection_form": forms.ObjectionForm()}


def _audit_context(request: HttpRequest, audit: Any) -> dict[str, Any]:
    return {
        "audit": audit,
        "estimate_form": forms.EstimateForm(),
        "alternative_form": forms.AlternativeForm(),
        "complete_form": forms.CompleteAuditForm(),
        "answer_form": forms.AnswerAlternativeForm(),
    }


def _termination_context(request: HttpRequest, t: Any) -> dict[str, Any]:
    retention = "\n".join(f"{r['data']} | {r['basis']} | {r['until']}" for r in t.retention)
    return {
        "t": t,
        "missing": termination.missing_for_certificate(t),
        "subprocessors": termination.subprocessors_of(t),
        "choice_form": forms.ChoiceForm(initial={"choice": t.choice}),
        "amount_form": forms.AmountForm(),
        "file_form": forms.ReturnedFileForm(),
        "destruction_form": forms.DestructionForm(),
        "retention_form": forms.RetentionForm(initial={"retention": retention}),
        "surviving": [termination.SURVIVING_LABELS[s] for s in t.surviving],
    }


def _sides(noun: str, lookup: Callable[..., Any], context: Any, staff_url: str) -> tuple[Detail, Detail]:
    """One object's page for staff and for the controller: ``requests/{staff,portal}_<noun>.html``."""
    return (
        Detail(staff_required(), lookup, f"requests/staff_{noun}.html", staff_url, context),
        Detail(portal_required, lookup, f"requests/portal_{noun}.html", f"requests:portal_{noun}", context),
    )


STAFF_DSR, PORTAL_DSR = _sides("dsr", access.dsr_for, _dsr_context, "requests:dsr_detail")
STAFF_AUTHORITY, PORTAL_AUTHORITY = _sides(
    "authority", access.authority_for, _authority_context, "requests:authority_detail"
)
STAFF_AUDIT, PORTAL_AUDIT = _sides("audit", access.audit_for, _audit_context, "requests:audit_detail")
STAFF_TERMINATION, PORTAL_TERMINATION = _sides(
    "termination", access.termination_for, _termination_context, "requests:termination_detail"
)
