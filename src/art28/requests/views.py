"""Staff console and controller portal pages: parse, check access, call one service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from art28.agreements.access import agreement_for, visible_agreements
from art28.requests import access, forms
from art28.requests.models import (
    AuditRequest,
    AuthorityRequest,
    DataSubjectRequest,
    Instruction,
    Termination,
)
from art28.requests.services import (
    audits,
    authority,
    data_subject,
    instructions,
    measures,
    ropa,
    termination,
)
from art28.web.decorators import portal_required, staff_required

Page = Callable[..., HttpResponse]


def _upload(request: HttpRequest, name: str) -> tuple[str, bytes] | None:
    f = request.FILES.get(name)
    return (f.name, f.read()) if f else None


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


def _act(
    request: HttpRequest,
    form: djforms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
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
    messages.success(request, done)
    return back


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stored(field: Any, content_type: str = "application/octet-stream") -> HttpResponse:
    if not field:
        raise Http404
    with field.open("rb") as fh:
        return _file(fh.read(), content_type, field.name.rsplit("/", 1)[-1])


# -- staff: overview and one agreement ----------


@staff_required()
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


def _agreement_page(
    request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    agreement = agreement_for(request.user, code)
    return render(
        request,
        "requests/staff_agreement.html",
        {
            "agreement": agreement,
            "errors": errors or [],
            "dsr_form": forms.DsrForm(),
            "mail_form": forms.MailedInstructionForm(),
            "authority_form": forms.AuthorityForm(),
            "terminate_form": forms.TerminateForm(),
            "dsrs": access.visible(DataSubjectRequest, request.user).filter(agreement=agreement),
            "instructions": access.visible(Instruction, request.user).filter(agreement=agreement),
            "authority": access.visible(AuthorityRequest, request.user).filter(agreement=agreement),
            "audits": access.visible(AuditRequest, request.user).filter(agreement=agreement),
            "termination": Termination.objects.filter(agreement=agreement).first(),
        },
        status=status,
    )


@staff_required()
def staff_agreement(request: HttpRequest, code: Any) -> HttpResponse:
    return _agreement_page(request, code)


def _agreement_action(
    request: HttpRequest,
    code: Any,
    form_class: type[djforms.Form],
    call: Callable[[Any, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    form = form_class(request.POST, request.FILES)
    return _act(
        request,
        form,
        lambda d: call(agreement, d),
        done,
        lambda r, **kw: _agreement_page(r, code, **kw),
        redirect("requests:staff_agreement", code=code),
    )


@require_POST
@staff_required()
def dsr_create(request: HttpRequest, code: Any) -> HttpResponse:
    return _agreement_action(
        request,
        code,
        forms.DsrForm,
        lambda a, d: data_subject.record_data_subject_request(
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


@require_POST
@staff_required()
def instruction_record(request: HttpRequest, code: Any) -> HttpResponse:
    return _agreement_action(
        request,
        code,
        forms.MailedInstructionForm,
        lambda a, d: instructions.record_mailed_instruction(
            agreement=a,
            text=d["text"],
            author_name=d["author_name"],
            given_at=d["given_at"],
            mail=_upload(request, "mail"),  # type: ignore[arg-type]
            acting_user=request.user,
        ),
        _("The instruction is recorded."),
    )


@require_POST
@staff_required()
def authority_create(request: HttpRequest, code: Any) -> HttpResponse:
    return _agreement_action(
        request,
        code,
        forms.AuthorityForm,
        lambda a, d: authority.record_authority_request(
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


@require_POST
@staff_required()
def termination_create(request: HttpRequest, code: Any) -> HttpResponse:
    return _agreement_action(
        request,
        code,
        forms.TerminateForm,
        lambda a, d: termination.terminate_agreement(
            agreement=a, reason=d["reason"], note=d["note"], acting_user=request.user
        ),
        _("The agreement has ended; the end-of-processing workflow is open."),
    )


# -- staff: data subject requests ----------


def _dsr_page(template: str) -> Page:
    def page(
        request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        dsr = access.dsr_for(request.user, code)
        return render(
            request,
            template,
            {
                "dsr": dsr,
                "tasks": dsr.tasks.all(),
                "errors": errors or [],
                "task_form": forms.TaskForm(),
                "evidence_form": forms.EvidenceForm(),
                "extend_form": forms.ReasonForm(),
            },
            status=status,
        )

    return page


staff_dsr_page = _dsr_page("requests/staff_dsr.html")
portal_dsr_page = _dsr_page("requests/portal_dsr.html")


@staff_required()
def dsr_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return staff_dsr_page(request, code)


@require_POST
@staff_required()
def task_done(request: HttpRequest, code: Any) -> HttpResponse:
    task = access.task_for(request.user, code, write=True)
    dsr_code = task.request.code
    return _act(
        request,
        forms.EvidenceForm(request.POST, request.FILES),
        lambda d: data_subject.complete_task(
            task=task,
            evidence=d["evidence"],
            evidence_file=_upload(request, "evidence_file"),
            acting_user=request.user,
        ),
        _("The task is done; the controller is told."),
        lambda r, **kw: staff_dsr_page(r, dsr_code, **kw),
        redirect("requests:dsr_detail", code=dsr_code),
    )


@staff_required()
def task_evidence(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.task_for(request.user, code).evidence_file)


# -- staff: instructions ----------


@require_POST
@staff_required()
def instruction_flag(request: HttpRequest, code: Any) -> HttpResponse:
    instruction = access.instruction_for(request.user, code, write=True)
    agreement_code = instruction.agreement.code
    return _act(
        request,
        forms.ReasonForm(request.POST),
        lambda d: instructions.flag_instruction(
            instruction=instruction, reason=d["reason"], acting_user=request.user
        ),
        _("The instruction is held; the controller is told."),
        lambda r, **kw: _agreement_page(r, agreement_code, **kw),
        redirect("requests:staff_agreement", code=agreement_code),
    )


@staff_required()
def instruction_mail(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.instruction_for(request.user, code).mail)


# -- staff: authority requests ----------


def _authority_page(template: str) -> Page:
    def page(
        request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            template,
            {
                "req": access.authority_for(request.user, code),
                "errors": errors or [],
                "close_form": forms.DisclosedForm(),
                "objection_form": forms.ObjectionForm(),
            },
            status=status,
        )

    return page


staff_authority_page = _authority_page("requests/staff_authority.html")
portal_authority_page = _authority_page("requests/portal_authority.html")


@staff_required()
def authority_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return staff_authority_page(request, code)


@require_POST
@staff_required()
def authority_close(request: HttpRequest, code: Any) -> HttpResponse:
    req = access.authority_for(request.user, code, write=True)
    return _act(
        request,
        forms.DisclosedForm(request.POST),
        lambda d: authority.close_authority_request(
            request=req, disclosed=d["disclosed"], acting_user=request.user
        ),
        _("The request is closed."),
        lambda r, **kw: staff_authority_page(r, code, **kw),
        redirect("requests:authority_detail", code=code),
    )


# -- staff: audits ----------


def _audit_page(template: str) -> Page:
    def page(
        request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            template,
            {
                "audit": access.audit_for(request.user, code),
                "errors": errors or [],
                "estimate_form": forms.EstimateForm(),
                "alternative_form": forms.AlternativeForm(),
                "complete_form": forms.CompleteAuditForm(),
                "answer_form": forms.AnswerAlternativeForm(),
            },
            status=status,
        )

    return page


staff_audit_page = _audit_page("requests/staff_audit.html")
portal_audit_page = _audit_page("requests/portal_audit.html")


@staff_required()
def audit_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return staff_audit_page(request, code)


def _audit_action(
    request: HttpRequest, code: Any, form: djforms.Form, call: Callable[[Any, dict], Any], done: str
) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return _act(
        request,
        form,
        lambda d: call(audit, d),
        done,
        lambda r, **kw: staff_audit_page(r, code, **kw),
        redirect("requests:audit_detail", code=code),
    )


@require_POST
@staff_required()
def audit_schedule(request: HttpRequest, code: Any) -> HttpResponse:
    return _audit_action(
        request,
        code,
        forms.EstimateForm(request.POST),
        lambda a, d: audits.schedule_audit(
            audit=a, cost_estimate=d["cost_estimate"], acting_user=request.user
        ),
        _("The audit is scheduled."),
    )


@require_POST
@staff_required()
def audit_alternative(request: HttpRequest, code: Any) -> HttpResponse:
    return _audit_action(
        request,
        code,
        forms.AlternativeForm(request.POST, request.FILES),
        lambda a, d: audits.offer_alternative(
            audit=a,
            alternative=d["alternative"],
            report=_upload(request, "report"),  # type: ignore[arg-type]
            acting_user=request.user,
        ),
        _("The reports are offered to the controller."),
    )


@require_POST
@staff_required()
def audit_complete(request: HttpRequest, code: Any) -> HttpResponse:
    return _audit_action(
        request,
        code,
        forms.CompleteAuditForm(request.POST, request.FILES),
        lambda a, d: audits.complete_audit(
            audit=a,
            report=_upload(request, "report"),  # type: ignore[arg-type]
            noncompliance_found=d["noncompliance_found"],
            acting_user=request.user,
        ),
        _("The audit is completed; the controller has its copy of the report."),
    )


@staff_required()
def audit_report(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.audit_for(request.user, code).report)


# -- staff: security measures ----------


def _measures_page(
    request: HttpRequest,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    form: forms.MeasuresForm | None = None,
) -> HttpResponse:
    processor = request.membership.processor  # type: ignore[attr-defined]
    current = measures.current_catalogue(processor)
    initial = "\n".join(f"{m['kind'][0].upper()}: {m['text']}" for m in current.measures) if current else ""
    from art28.requests.models import MeasureCatalogue

    return render(
        request,
        "requests/staff_measures.html",
        {
            "current": current,
            "errors": errors or [],
            "versions": MeasureCatalogue.objects.filter(processor=processor).order_by("-number"),
            "form": form or forms.MeasuresForm(initial={"measures": initial}),
        },
        status=status,
    )


@staff_required()
def measures_list(request: HttpRequest) -> HttpResponse:
    return _measures_page(request)


@require_POST
@staff_required(write=True, admin=True)
def measures_publish(request: HttpRequest) -> HttpResponse:
    form = forms.MeasuresForm(request.POST)
    return _act(
        request,
        form,
        lambda d: measures.publish_measures(
            processor=request.membership.processor,
            measures=form.parsed(),
            summary=d["summary"],  # type: ignore[attr-defined]
            substantial=d["substantial"],
            acting_user=request.user,
        ),
        _("The new measures are published."),
        lambda r, **kw: _measures_page(r, form=form, **kw),
        redirect("requests:measures_list"),
    )


# -- staff: termination ----------


def _termination_page(template: str) -> Page:
    def page(
        request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        t = access.termination_for(request.user, code)
        retention = "\n".join(f"{r['data']} | {r['basis']} | {r['until']}" for r in t.retention)
        return render(
            request,
            template,
            {
                "t": t,
                "errors": errors or [],
                "missing": termination.missing_for_certificate(t),
                "subprocessors": termination.subprocessors_of(t),
                "choice_form": forms.ChoiceForm(initial={"choice": t.choice}),
                "amount_form": forms.AmountForm(),
                "file_form": forms.ReturnedFileForm(),
                "destruction_form": forms.DestructionForm(),
                "retention_form": forms.RetentionForm(initial={"retention": retention}),
                "surviving": [termination.SURVIVING_LABELS[s] for s in t.surviving],
            },
            status=status,
        )

    return page


staff_termination_page = _termination_page("requests/staff_termination.html")
portal_termination_page = _termination_page("requests/portal_termination.html")


@staff_required()
def termination_detail(request: HttpRequest, code: Any) -> HttpResponse:
    return staff_termination_page(request, code)


def _termination_action(
    request: HttpRequest, code: Any, form: djforms.Form, call: Callable[[Any, dict], Any], done: str
) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return _act(
        request,
        form,
        lambda d: call(t, d),
        done,
        lambda r, **kw: staff_termination_page(r, code, **kw),
        redirect("requests:termination_detail", code=code),
    )


@require_POST
@staff_required()
def termination_estimate(request: HttpRequest, code: Any) -> HttpResponse:
    return _termination_action(
        request,
        code,
        forms.AmountForm(request.POST),
        lambda t, d: termination.set_end_cost_estimate(
            termination=t, amount=d["amount"], acting_user=request.user
        ),
        _("The estimate is sent to the controller."),
    )


@require_POST
@staff_required()
def termination_file(request: HttpRequest, code: Any) -> HttpResponse:
    upload = _upload(request, "file") or ("", b"")
    return _termination_action(
        request,
        code,
        forms.ReturnedFileForm(request.POST, request.FILES),
        lambda t, d: termination.add_returned_file(
            termination=t, name=upload[0], content=upload[1], acting_user=request.user
        ),
        _("The file is added to the data package."),
    )


@require_POST
@staff_required()
def termination_destruction(request: HttpRequest, code: Any) -> HttpResponse:
    return _termination_action(
        request,
        code,
        forms.DestructionForm(request.POST),
        lambda t, d: termination.confirm_destruction(
            termination=t,
            target_kind=d["target_kind"],
            target=d["target"],
            method=d["method"],
            acting_user=request.user,
        ),
        _("The destruction is confirmed."),
    )


@require_POST
@staff_required()
def termination_retention(request: HttpRequest, code: Any) -> HttpResponse:
    form = forms.RetentionForm(request.POST)
    return _termination_action(
        request,
        code,
        form,
        lambda t, d: termination.set_retention(termination=t, items=form.parsed(), acting_user=request.user),
        _("The retention exceptions are saved."),
    )


@require_POST
@staff_required()
def termination_certificate(request: HttpRequest, code: Any) -> HttpResponse:
    return _termination_action(
        request,
        code,
        djforms.Form(request.POST),
        lambda t, d: termination.issue_certificate(termination=t, acting_user=request.user),
        _("The certificate is issued and sent to the controller."),
    )


@staff_required()
def certificate_pdf(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.termination_for(request.user, code).certificate, "application/pdf")


@staff_required()
def returned_file(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.returned_file_for(request.user, code).file)


# -- staff: the Art. 30 record ----------


def _ropa_response(request: HttpRequest, fmt: str, name: str, agreements: Any) -> HttpResponse:
    if fmt not in ropa.FORMATS:
        raise Http404
    processor = request.membership.processor  # type: ignore[attr-defined]
    content = ropa.export(
        processor=processor,
        fmt=fmt,
        agreements=agreements,
        language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("nl", "en") else "en",
    )
    ext = "jsonld" if fmt == "jsonld" else fmt
    return _file(content, ropa.CONTENT_TYPES[fmt], f"{name}-{timezone.localdate():%Y%m%d}.{ext}")


@staff_required()
def ropa_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return _ropa_response(request, fmt, "art30-record", visible_agreements(request.user))


# -- portal ----------


def _portal_home_page(
    request: HttpRequest, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
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
    return _portal_home_page(request)


@portal_required
def portal_dsr(request: HttpRequest, code: Any) -> HttpResponse:
    return portal_dsr_page(request, code)


def _portal_dsr_action(
    request: HttpRequest, code: Any, form: djforms.Form, call: Callable[[Any, dict], Any], done: str
) -> HttpResponse:
    dsr = access.dsr_for(request.user, code, write=True)
    return _act(
        request,
        form,
        lambda d: call(dsr, d),
        done,
        lambda r, **kw: portal_dsr_page(r, code, **kw),
        redirect("requests:portal_dsr", code=code),
    )


@require_POST
@portal_required
def portal_dsr_task(request: HttpRequest, code: Any) -> HttpResponse:
    return _portal_dsr_action(
        request,
        code,
        forms.TaskForm(request.POST),
        lambda r, d: data_subject.ask_task(
            request=r, action=d["action"], instructions=d["instructions"], acting_user=request.user
        ),
        _("Your request is sent to the processor."),
    )


@require_POST
@portal_required
def portal_dsr_extend(request: HttpRequest, code: Any) -> HttpResponse:
    return _portal_dsr_action(
        request,
        code,
        forms.ReasonForm(request.POST),
        lambda r, d: data_subject.extend_answer_period(
            request=r, reason=d["reason"], acting_user=request.user
        ),
        _("The answer period is extended by two months."),
    )


@require_POST
@portal_required
def portal_dsr_close(request: HttpRequest, code: Any) -> HttpResponse:
    return _portal_dsr_action(
        request,
        code,
        djforms.Form(request.POST),
        lambda r, d: data_subject.close_request(request=r, acting_user=request.user),
        _("The request is closed."),
    )


@portal_required
def portal_task_evidence(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.task_for(request.user, code).evidence_file)


@require_POST
@portal_required
def portal_instruction_give(request: HttpRequest, code: Any) -> HttpResponse:
    agreement = agreement_for(request.user, code, write=True)
    return _act(
        request,
        forms.InstructionForm(request.POST),
        lambda d: instructions.give_instruction(
            agreement=agreement, text=d["text"], acting_user=request.user
        ),
        _("Your instruction is recorded."),
        _portal_home_page,
        redirect("requests:portal_home"),
    )


def _portal_instruction_page(
    request: HttpRequest, code: Any, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "requests/portal_instruction.html",
        {
            "instruction": access.instruction_for(request.user, code),
            "errors": errors or [],
            "form": forms.ResolveForm(),
        },
        status=status,
    )


@portal_required
def portal_instruction(request: HttpRequest, code: Any) -> HttpResponse:
    return _portal_instruction_page(request, code)


@require_POST
@portal_required
def portal_instruction_resolve(request: HttpRequest, code: Any) -> HttpResponse:
    instruction = access.instruction_for(request.user, code, write=True)
    return _act(
        request,
        forms.ResolveForm(request.POST),
        lambda d: instructions.resolve_instruction(
            instruction=instruction, confirm=d["confirm"], note=d["note"], acting_user=request.user
        ),
        _("Your decision is recorded."),
        lambda r, **kw: _portal_instruction_page(r, code, **kw),
        redirect("requests:portal_instruction", code=code),
    )


@portal_required
def portal_authority(request: HttpRequest, code: Any) -> HttpResponse:
    return portal_authority_page(request, code)


@require_POST
@portal_required
def portal_authority_object(request: HttpRequest, code: Any) -> HttpResponse:
    req = access.authority_for(request.user, code, write=True)
    return _act(
        request,
        forms.ObjectionForm(request.POST),
        lambda d: authority.record_objection(request=req, objection=d["objection"], acting_user=request.user),
        _("Your objection is recorded."),
        lambda r, **kw: portal_authority_page(r, code, **kw),
        redirect("requests:portal_authority", code=code),
    )


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
    return _act(
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


@portal_required
def portal_audit(request: HttpRequest, code: Any) -> HttpResponse:
    return portal_audit_page(request, code)


@require_POST
@portal_required
def portal_audit_answer(request: HttpRequest, code: Any) -> HttpResponse:
    audit = access.audit_for(request.user, code, write=True)
    return _act(
        request,
        forms.AnswerAlternativeForm(request.POST),
        lambda d: audits.answer_alternative(audit=audit, accept=d["accept"], acting_user=request.user),
        _("Your answer is recorded."),
        lambda r, **kw: portal_audit_page(r, code, **kw),
        redirect("requests:portal_audit", code=code),
    )


@portal_required
def portal_audit_report(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.audit_for(request.user, code).report)


@portal_required
def portal_termination(request: HttpRequest, code: Any) -> HttpResponse:
    return portal_termination_page(request, code)


@require_POST
@portal_required
def portal_termination_choose(request: HttpRequest, code: Any) -> HttpResponse:
    t = access.termination_for(request.user, code, write=True)
    return _act(
        request,
        forms.ChoiceForm(request.POST),
        lambda d: termination.choose_end_way(termination=t, choice=d["choice"], acting_user=request.user),
        _("Your choice is recorded."),
        lambda r, **kw: portal_termination_page(r, code, **kw),
        redirect("requests:portal_termination", code=code),
    )


@portal_required
def portal_certificate(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.termination_for(request.user, code).certificate, "application/pdf")


@portal_required
def portal_returned_file(request: HttpRequest, code: Any) -> HttpResponse:
    return _stored(access.returned_file_for(request.user, code).file)


@portal_required
def portal_ropa(request: HttpRequest, fmt: str) -> HttpResponse:
    """The controller's own extract of the record: only its agreements."""
    return _ropa_response(request, fmt, "art30-extract", visible_agreements(request.user))
