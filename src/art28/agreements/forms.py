"""The agreement pages' forms: signing, sending, filtering, and the terms edit form.

The terms edit form holds the main DpaTerms fields, as a dict patch for update_terms.

Field names are the DpaTerms paths with ``__`` for the dot, so a service error on
``breach.notice_hours`` lands next to ``breach__notice_hours``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import VersionStatus
from art28.core.forms import ListFilterForm, controller_search_field
from art28.terms.schema import DpaTerms

LIST_FIELDS = ("processing__purposes", "processing__data_categories",
               "processing__special_categories", "processing__data_subject_categories")


def _choices(*pairs: tuple[str, Any]) -> list[tuple[str, Any]]:
    return [("", _("— not stated —")), *pairs]


def _int(label: Any, lo: int, hi: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=lo, max_value=hi,
                              help_text=help_text)


def _lines(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=_("One per line."),
                           widget=forms.Textarea(attrs={"rows": 3}))


def _line(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=500)


def _flag(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class TermsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the agreement"),
                                 choices=[("nl", _("Dutch")), ("en", _("English"))])
    breach__notice_hours = _int(_("Breach notice within (hours)"), 1, 72, _("Between 1 and 72."))
    breach__undue_delay = _flag(_("And in any case without undue delay"))
    processing__subject_matter = _line(_("Subject matter"))
    processing__nature = _line(_("Nature of the processing"))
    processing__purposes = _lines(_("Purposes"))
    processing__duration = _line(_("Duration"))
    processing__data_categories = _lines(_("Categories of personal data"))
    processing__special_categories = _lines(_("Special categories of personal data"))
    processing__data_subject_categories = _lines(_("Categories of data subjects"))
    subprocessors__authorisation = forms.ChoiceField(
        label=_("Sub-processor authorisation"), required=False,
        choices=_choices(("specific", _("Specific (prior consent per sub-processor)")),
                         ("general", _("General (notice with a right to object)")),
                         ("none", _("No sub-processors allowed"))))
    subprocessors__notice_days = _int(_("Notice of a new sub-processor (days)"), 0, 365)
    subprocessors__objection_days = _int(_("Objection period (days)"), 0, 365)
    subprocessors__business_days = _flag(_("Count these periods in business days"))
    transfers__outside_eea = forms.ChoiceField(
        label=_("Transfers outside the EEA"), required=False,
        choices=_choices(("prohibited", _("Prohibited")),
                         ("with_consent", _("Only with the controller's consent")),
                         ("with_safeguards", _("With appropriate safeguards")),
                         ("allowed", _("Allowed"))))
    audit__scope = forms.ChoiceField(
        label=_("Audit scope"), required=False,
        choices=_choices(("full", _("Full audit")), ("security", _("Security measures")),
                         ("reports_only", _("Audit reports only"))))
    audit__cost = forms.ChoiceField(
        label=_("Audit cost"), required=False,
        choices=_choices(("controller", _("Controller")), ("processor", _("Processor")),
                         ("controller_unless_noncompliant",
                          _("Controller, unless the processor is found non-compliant")),
                         ("shared", _("Shared"))))
    audit__notice_days = _int(_("Audit notice (days)"), 0, 365)
    end__choice = forms.ChoiceField(
        label=_("At the end of the agreement"), required=False,
        choices=_choices(("return_or_delete", _("Return or delete, as the controller chooses")),
                         ("delete", _("Delete")), ("return", _("Return"))))
    end__deadline_days = _int(_("Deadline for return or deletion (days)"), 0, 3650)
    law__governing_law = _line(_("Governing law (country code, e.g. NL)"))
    law__courts = _line(_("Competent courts"))

    def to_patch(self) -> dict[str, Any]:
        """The cleaned data as a nested dict patch of DpaTerms."""
        patch: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in LIST_FIELDS:
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            elif value == "":
                value = None
            node = patch
            *parents, leaf = name.split("__")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        return patch


class AmendTermsForm(TermsForm):
    """The terms of an existing agreement, with the standard terms to write the next version on:
    those it is on, or a newer version art28 ships (offered only when there is one)."""

    def __init__(self, *args: Any, current: str, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(allowed) > 1:
            names = {v: v for v in allowed}
            names[allowed[0]] = _("%(v)s, as before") % {"v": allowed[0]}
            names[allowed[-1]] = _("%(v)s, the newest") % {"v": allowed[-1]}
            self.fields["standard_version"] = forms.ChoiceField(
                label=_("Standard terms"), initial=current, choices=list(names.items()),
                help_text=_("A newer version of art28's standard terms changes the clause text; the "
                            "client sees the move among the version's changes and accepts it again."))

    def to_patch(self) -> dict[str, Any]:
        patch = super().to_patch()
        patch.pop("standard_version", None)
        return patch


def initial_from(terms: DpaTerms) -> dict[str, Any]:
    """Form values for these terms."""
    data = terms.model_dump(mode="json")
    initial: dict[str, Any] = {}
    for name in TermsForm.base_fields:
        value: Any = data
        for part in name.split("__"):
            value = (value or {}).get(part)
        initial[name] = "\n".join(value) if name in LIST_FIELDS else value
    return initial


class SignatureForm(forms.Form):
    name = forms.CharField(label=_("Your full name"), required=False, max_length=200)
    function = forms.CharField(label=_("Your function"), required=False, max_length=200)
    confirmed = forms.BooleanField(required=False)


class AcceptForm(SignatureForm):
    document_sha256 = forms.CharField(widget=forms.HiddenInput, required=False)


class SendForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Why send it anyway?"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Your reason is kept in the ledger with what was missing."))


class AgreementFilterForm(ListFilterForm):
    search_placeholder = _("Reference, controller or KvK number")
    controller = controller_search_field()
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(VersionStatus.choices))
