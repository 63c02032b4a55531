"""Forms only parse input; the services validate it and their errors land on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from art28.core.forms import ListFilterForm
from art28.core.uploads import AGREEMENT, check_file
from art28.parties.text import text_input
from art28.subprocessors.models import (
    ChangeKind,
    ChangeStatus,
    ObjectionOutcome,
    Subprocessor,
    TransferMechanism,
)
from art28.subprocessors.services import Answer


def _list(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", ",").replace("\n", ",").split(",") if p.strip()]


class SubprocessorForm(forms.Form):
    # Lengths and characters are the service's to check (the same for the API).
    name = forms.CharField(label=_("Name"), required=False, widget=text_input(Subprocessor, "name"))
    address = forms.CharField(label=_("Address"), required=False,
                              widget=text_input(Subprocessor, "address"))
    country = forms.CharField(label=_("Country (ISO code)"), max_length=10, required=False)
    service = forms.CharField(label=_("Service or role"), required=False,
                              widget=text_input(Subprocessor, "service"))
    data_categories = forms.CharField(label=_("Data categories (comma-separated)"), required=False)
    locations = forms.CharField(label=_("Processing locations (ISO codes, comma-separated)"), required=False)
    transfer_mechanism = forms.ChoiceField(label=_("Transfer mechanism"), choices=TransferMechanism.choices)
    dpf_certified = forms.BooleanField(label=_("Certified under the Data Privacy Framework"), required=False)
    safeguard_note = forms.CharField(
        label=_("Documented safeguard"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    scope_all = forms.BooleanField(label=_("Used for all agreements"), required=False, initial=True)
    terms_json = forms.CharField(
        label=_("Its terms (DpaTerms JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agreement_file = forms.FileField(label=_("Its agreement with us (PDF or DOCX)"), required=False)

    def clean_agreement_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("agreement_file")
        if upload:
            check_file(upload, AGREEMENT)
        return upload

    def data_dict(self) -> dict:
        d = dict(self.cleaned_data)
        d["data_categories"] = _list(d.get("data_categories", ""))
        d["locations"] = _list(d.get("locations", ""))
        for key in ("terms_json", "agreement_file"):
            d.pop(key, None)
        return d


def register_choices(register: Any, blank: Any = None) -> list[tuple[str, str]]:
    """The register as options, by name and service: nobody types a sub-processor's code."""
    options = [(str(sp.code), f"{sp.name} — {sp.service} ({sp.get_status_display()})") for sp in register]
    return ([("", blank)] if blank is not None else []) + options


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=ChangeKind.choices)
    subprocessor = forms.ChoiceField(label=_("Sub-processor"), choices=[])
    replaces = forms.ChoiceField(label=_("Replaces"), required=False, choices=[])
    effective_at = forms.DateTimeField(
        label=_("Intended effective date"),
        required=False,
        help_text=_(
            "Leave empty for the earliest date that the notice periods of all these agreements allow."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    split = forms.BooleanField(
        label=_("Go ahead with the agreements that allow this date; leave the others out"), required=False
    )
    include_unsigned = forms.BooleanField(
        label=_("Also tell the clients whose agreement is not signed yet"), required=False
    )
    # Both are set on the preview page: nothing is sent before staff saw what goes out.
    allow_unreachable = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, register: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        register = list(register)
        self.fields["subprocessor"].choices = register_choices(register, _("Choose…"))  # type: ignore[attr-defined]
        self.fields["replaces"].choices = register_choices(register, _("None"))  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[(a, a) for a in Answer.ALL])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ObjectionOutcome.choices)
    alternative = forms.ChoiceField(label=_("Alternative"), required=False, choices=[])
    note = forms.CharField(
        label=_("Note to the controller"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, register: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alternative"].choices = register_choices(register, _("alternative…"))  # type: ignore[attr-defined]


class SubscribeForm(forms.Form):
    """Follow the trust page; the notices service checks the address and the URL."""

    channel = forms.ChoiceField(label=_("How"), choices=[("email", _("By e-mail")),
                                                         ("webhook", _("By a signed webhook"))],
                                initial="email")
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False,
                            help_text=_("For a webhook: where we send the confirmation link."))
    url = forms.CharField(label=_("Webhook URL (only for a webhook)"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")])


class TrustStatementForm(forms.Form):
    measures = forms.CharField(label=_("Summary of security measures"), required=False,
                               widget=forms.Textarea(attrs={"rows": 8}))
    certifications = forms.CharField(label=_("Certifications (one per line)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    substantial = forms.BooleanField(label=_("This is a substantial change: tell the subscribers"),
                                     required=False)


class ChangeFilterForm(ListFilterForm):
    search_placeholder = _("Sub-processor")
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(ChangeStatus.choices))
