"""Forms only parse input; the services validate it and their errors land on these forms."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.widgets import NullBooleanSelect
from django.utils.translation import gettext_lazy as _

from art28.agreements.forms import TermsForm
from art28.core.forms import ListFilterForm, SectionedForm
from art28.core.uploads import AGREEMENT, check_file
from art28.parties.text import text_input
from art28.subprocessors.models import (
    ChangeKind,
    ChangeStatus,
    LinkStatus,
    ObjectionOutcome,
    Subprocessor,
    TransferMechanism,
)
from art28.subprocessors.services import Answer


def _list(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", ",").replace("\n", ",").split(",") if p.strip()]


# Its own terms: the fields the flow-down check compares, with the same labels and choices as
# an agreement's terms form. Names are DpaTerms paths (``__`` for the dot), so a service's error
# on ``breach.notice_hours`` lands by its field; the API sends the same terms as JSON.
_TERMS = TermsForm.base_fields


class _NotStated(NullBooleanSelect):
    """A yes/no term that its agreement may leave unsaid: "Not stated / Yes / No", never
    Django's "Unknown", and never a checkbox that turns "not stated" into "no" on saving."""

    def __init__(self, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("Not stated")), ("true", _("Yes")), ("false", _("No"))]


def _yes_no(label: Any) -> forms.NullBooleanField:
    return forms.NullBooleanField(label=label, required=False, widget=_NotStated)


class SubprocessorForm(SectionedForm):
    # Lengths and characters are the service's to check (the same for the API).
    name = forms.CharField(label=_("Name"), required=False, widget=text_input(Subprocessor, "name"))
    address = forms.CharField(label=_("Address"), required=False,
                              widget=text_input(Subprocessor, "address"))
    country = forms.CharField(label=_("Country (ISO code)"), max_length=10, required=False)
    service = forms.CharField(label=_("Service or role, in Dutch"), required=False,
                              widget=text_input(Subprocessor, "service"))
    service_en = forms.CharField(label=_("Service or role, in English"), required=False,
                                 widget=text_input(Subprocessor, "service_en"))
    data_categories = forms.CharField(label=_("Data categories (comma-separated)"), required=False)
    locations = forms.CharField(label=_("Processing locations (ISO codes, comma-separated)"), required=False)
    transfer_mechanism = forms.ChoiceField(label=_("Transfer mechanism"), choices=TransferMechanism.choices)
    dpf_certified = forms.BooleanField(label=_("Certified under the Data Privacy Framework"), required=False)
    safeguard_note = forms.CharField(
        label=_("Documented safeguard"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    scope_all = forms.BooleanField(label=_("Used for all agreements"), required=False, initial=True)
    agreement_file = forms.FileField(label=_("Its agreement with us (PDF or DOCX)"), required=False)

    language = forms.ChoiceField(label=_("Language of its agreement"), required=False,
                                 choices=[("", _("— not stated —")), ("nl", _("Dutch")),
                                          ("en", _("English"))])
    breach__notice_hours = _TERMS["breach__notice_hours"]
    breach__undue_delay = _yes_no(_TERMS["breach__undue_delay"].label)
    subprocessors__authorisation = _TERMS["subprocessors__authorisation"]
    subprocessors__notice_days = _TERMS["subprocessors__notice_days"]
    subprocessors__objection_days = _TERMS["subprocessors__objection_days"]
    transfers__outside_eea = _TERMS["transfers__outside_eea"]
    transfers__mechanisms = forms.MultipleChoiceField(
        label=_("Transfer mechanisms"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("adequacy", _("Adequacy decision")), ("scc", _("Standard contractual clauses")),
                 ("bcr", _("Binding corporate rules")), ("dpf", _("EU-US Data Privacy Framework")),
                 ("derogation", _("Derogation (Art. 49)"))])
    audit__allowed = _yes_no(_("Audits allowed"))
    audit__scope = _TERMS["audit__scope"]
    audit__cost = _TERMS["audit__cost"]
    audit__notice_days = _TERMS["audit__notice_days"]
    end__choice = _TERMS["end__choice"]
    end__deadline_days = _TERMS["end__deadline_days"]
    end__certificate = _yes_no(_("Certificate of deletion"))
    law__governing_law = _TERMS["law__governing_law"]

    TERMS_FIELDS = ("language", "breach__notice_hours", "breach__undue_delay", "subprocessors__authorisation",
                    "subprocessors__notice_days", "subprocessors__objection_days", "transfers__outside_eea",
                    "transfers__mechanisms", "audit__allowed", "audit__scope", "audit__cost",
                    "audit__notice_days", "end__choice", "end__deadline_days", "end__certificate",
                    "law__governing_law")
    SECTIONS = (
        (_("The sub-processor"), ("name", "address", "country", "service", "data_categories", "locations",
                                  "scope_all", "agreement_file")),
        (_("Transfers outside the EEA"), ("transfer_mechanism", "dpf_certified", "safeguard_note")),
        (_("What it promises us (its agreement with us)"), TERMS_FIELDS),
    )

    def clean_agreement_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("agreement_file")
        if upload:
            check_file(upload, AGREEMENT)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.terms_stated() and not data.get("language"):
            self.add_error("language", _("Choose the language of its agreement."))
        return data

    def terms_stated(self) -> bool:
        """Whether any of its terms is filled in (the language alone says nothing)."""
        return any(self.cleaned_data.get(name) not in (None, "", [], False)
                   for name in self.TERMS_FIELDS if name != "language")

    def data_dict(self) -> dict:
        d = {k: v for k, v in self.cleaned_data.items() if k not in self.TERMS_FIELDS}
        d["data_categories"] = _list(d.get("data_categories", ""))
        d["locations"] = _list(d.get("locations", ""))
        d.pop("agreement_file", None)
        return d

    def terms(self, current: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Its terms for the register's services: ``current`` (kept whole, e.g. what the analyzer
        read) with this form's fields as entered; ``None`` when none is stated and none were."""
        if not current and not self.terms_stated():
            return None
        patch: dict[str, Any] = {}
        for name in self.TERMS_FIELDS:
            value = self.cleaned_data.get(name)
            node = patch
            *parents, leaf = name.split("__")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = None if value == "" else value
        return _merged(copy.deepcopy(current or {}), patch)


def terms_initial(terms: dict[str, Any] | None) -> dict[str, Any]:
    """The form's values for stored terms (what the edit page shows)."""
    initial: dict[str, Any] = {}
    for name in SubprocessorForm.TERMS_FIELDS:
        value: Any = terms or {}
        for part in name.split("__"):
            value = value.get(part) if isinstance(value, dict) else None
        initial[name] = value
    return initial


def _merged(target: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merged(target[key], value)
        else:
            target[key] = value
    return target


def register_choices(register: Any, blank: Any = None) -> list[tuple[str, str]]:
    """The register as options, by name and service: nobody types a sub-processor's code."""
    options = [
        (str(sp.code), f"{sp.name} — {sp.service_text} ({sp.get_status_display()})") for sp in register
    ]
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


class LinkFilterForm(ListFilterForm):
    """The filters above a sub-processor's agreements: the agreement, its controller, its status."""

    search_placeholder = _("Controller, agreement or KvK number")
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *LinkStatus.choices])
