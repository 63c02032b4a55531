"""Forms only parse input; the services validate it and their errors come back to the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import EndReason
from art28.core.forms import ListFilterForm
from art28.requests.models import AuthorityKind, RightKind, TaskAction

if TYPE_CHECKING:  # the lazy-string type exists in the stubs only
    from django.utils.functional import _StrPromise

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _dt(label: str | _StrPromise, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=DT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )


class DsrForm(forms.Form):
    kind = forms.ChoiceField(label=_("Right exercised"), choices=RightKind.choices)
    requester = forms.CharField(label=_("Data subject (as identified)"), max_length=200, required=False)
    channel = forms.CharField(label=_("Received through"), max_length=100, required=False)
    received_at = _dt(_("Received at (empty: now)"), required=False)
    details = forms.CharField(label=_("What the data subject asks"), widget=TEXT, required=False)


class TaskForm(forms.Form):
    action = forms.ChoiceField(label=_("What should the processor do?"), choices=TaskAction.choices)
    instructions = forms.CharField(label=_("Instructions"), widget=TEXT, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXT, required=False)


class EvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("What was done"), widget=TEXT, required=False)
    evidence_file = forms.FileField(label=_("Evidence file (optional)"), required=False)


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("Instruction"), widget=TEXT, required=False)


class MailedInstructionForm(InstructionForm):
    author_name = forms.CharField(label=_("Sent by"), max_length=200, required=False)
    given_at = _dt(_("Sent at"))
    mail = forms.FileField(label=_("The e-mail (.eml or PDF)"), required=False)


class ResolveForm(forms.Form):
    confirm = forms.TypedChoiceField(
        label=_("Your decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Confirm: carry it out")), ("no", _("Withdraw it"))],
    )
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)


class AuthorityForm(forms.Form):
    authority_kind = forms.ChoiceField(label=_("Kind of authority"), choices=AuthorityKind.choices)
    authority = forms.CharField(label=_("Authority"), max_length=200, required=False)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    description = forms.CharField(label=_("What is demanded"), widget=TEXT, required=False)
    received_at = _dt(_("Received at (empty: now)"), required=False)
    respond_by = _dt(_("The authority wants an answer by"))
    gagged = forms.BooleanField(label=_("A legal ban forbids telling the controller"), required=False)
    gag_basis = forms.CharField(label=_("The ban's legal basis"), max_length=300, required=False)


class ObjectionForm(forms.Form):
    objection = forms.CharField(label=_("Your objection"), widget=TEXT, required=False)


class DisclosedForm(forms.Form):
    disclosed = forms.CharField(label=_("What was disclosed in the end"), widget=TEXT, required=False)


class AuditForm(forms.Form):
    scope = forms.CharField(label=_("Scope"), widget=TEXT, required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    auditor = forms.CharField(label=_("Auditor"), max_length=200, required=False)


class EstimateForm(forms.Form):
    cost_estimate = forms.DecimalField(
        label=_("Cost estimate (EUR)"), required=False, max_digits=10, decimal_places=2
    )


class AlternativeForm(forms.Form):
    alternative = forms.CharField(label=_("Certifications or reports offered"), widget=TEXT, required=False)
    report = forms.FileField(label=_("Certificate or report"), required=False)


class AnswerAlternativeForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Accept the reports")), ("no", _("Insist on the audit"))],
    )


class CompleteAuditForm(forms.Form):
    report = forms.FileField(label=_("Audit report"), required=False)
    noncompliance_found = forms.BooleanField(label=_("Non-compliance was found"), required=False)


class TerminateForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why does it end?"), choices=EndReason.choices)
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)


class OverviewFilterForm(ListFilterForm):
    search_placeholder = _("Agreement reference, controller or KvK number")
