"""Forms only parse input; the services validate it and their errors land on these forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms.widgets import NullBooleanSelect
from django.utils.translation import gettext_lazy as _

from art28.agreements.forms import TermsForm, initial_from
from art28.core.uploads import AGREEMENT, ANALYSIS, PLAYBOOK, Accept, check_file
from art28.parties.models import Controller
from art28.subprocessors.models import Subprocessor
from art28.terms.schema import Authorisation, DpaTerms
from art28.terms.validators import TermsValueError, clean_law

LANGUAGES = [("", _("Detect")), ("nl", _("Dutch")), ("en", _("English"))]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Agreement (PDF, DOCX, TXT, Markdown or HTML)"))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    playbook = forms.FileField(
        label=_("Playbook (JSON, optional)"), required=False,
        help_text=_("Positions for this review only; without it, your stored playbook applies."))

    accept: Accept = ANALYSIS

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_file(upload, self.accept)
        return upload

    def clean_playbook(self) -> str | None:
        upload = self.cleaned_data.get("playbook")
        if not upload:
            return None
        check_file(upload, PLAYBOOK)
        return upload.read().decode("utf-8", errors="replace")


class ImportUploadForm(UploadForm):
    """Stage an import: for a controller (``controllers``) or a sub-processor (``subprocessors``).

    The field for the other kind is dropped, so the form asks for exactly one party.
    """

    controller: forms.ModelChoiceField[Controller] = forms.ModelChoiceField(label=_("Controller"),
                                                                           queryset=None)
    subprocessor: forms.ModelChoiceField[Subprocessor] = forms.ModelChoiceField(
        label=_("Sub-processor"), queryset=None,
                                          to_field_name="code")
    field_order = ["controller", "subprocessor", "file", "language"]
    accept = AGREEMENT

    def __init__(self, *args: Any, controllers: Any = None, subprocessors: Any = None,
                 shown: Any = None, **kwargs: Any) -> None:
        """``shown``: the controllers the field lists (a search's matches); any of
        ``controllers`` is accepted. Without it, the field lists all ``controllers``."""
        super().__init__(*args, **kwargs)
        if (controllers is None) == (subprocessors is None):
            raise TypeError("pass controllers or subprocessors")
        if controllers is not None:
            field = cast(forms.ModelChoiceField, self.fields["controller"])
            field.queryset = controllers
            if shown is not None:
                field.widget.choices = [("", field.empty_label or "")] + [
                    (c.pk, field.label_from_instance(c)) for c in shown]
            self.fields["file"].label = _("The signed agreement (PDF or DOCX)")
            del self.fields["subprocessor"]
        else:
            cast(forms.ModelChoiceField, self.fields["subprocessor"]).queryset = subprocessors
            self.fields["file"].label = _("Its signed agreement with us (PDF or DOCX)")
            del self.fields["controller"]
        del self.fields["playbook"]


# What the flow-down check compares: a sub-processor's import shows these first.
FLOWDOWN_FIELDS = ("breach__notice_hours", "breach__undue_delay", "audit__allowed", "audit__scope",
                   "end__choice", "end__deadline_days", "end__certificate", "transfers__outside_eea",
                   "transfers__mechanisms", "subprocessors__authorisation")


class ConfirmTermsForm(TermsForm):
    """The main fields as the analyzer proposes them; staff confirm or correct each one.

    The same form confirms a controller's signed agreement and a sub-processor's agreement
    with us.
    """

    audit__allowed = forms.BooleanField(label=_("Audits allowed"), required=False)
    transfers__mechanisms = forms.MultipleChoiceField(
        label=_("Transfer mechanisms"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("adequacy", _("Adequacy decision")), ("scc", _("Standard contractual clauses")),
                 ("bcr", _("Binding corporate rules")), ("dpf", _("EU-US Data Privacy Framework")),
                 ("derogation", _("Derogation (Art. 49)"))])
    end__certificate = forms.BooleanField(label=_("Certificate of deletion"), required=False)
    term__indefinite = forms.BooleanField(label=_("Indefinite term"), required=False)
    term__tied_to_main_agreement = forms.BooleanField(label=_("Ends with the main agreement"),
                                                      required=False)

    def ordered_names(self, *, flowdown_first: bool = False) -> list[str]:
        names = list(self.fields)
        if flowdown_first:
            names.sort(key=lambda n: (n not in FLOWDOWN_FIELDS,
                                      FLOWDOWN_FIELDS.index(n) if n in FLOWDOWN_FIELDS else 0))
        return names

    def confirmed_terms(self, proposed: DpaTerms) -> dict[str, Any]:
        """The proposed terms with every field of this form as confirmed."""
        data = proposed.model_dump(mode="json")
        _deep_update(data, self.to_patch())
        return data


def _deep_update(target: dict, patch: dict) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


def confirm_initial(terms: DpaTerms) -> dict[str, Any]:
    initial = initial_from(terms)
    data = terms.model_dump(mode="json")
    for name in ConfirmTermsForm.base_fields:
        if name not in initial:
            group, leaf = name.split("__")
            initial[name] = data[group][leaf]
    return initial


class _Position(NullBooleanSelect):
    """A yes/no position that may also be left unchecked, in words for each choice."""

    def __init__(self, unset: Any, yes: Any, no: Any) -> None:
        super().__init__()
        self.choices = [("unknown", unset), ("true", yes), ("false", no)]


def _min_max(label: Any, hi: int, lo: int = 0) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=lo, max_value=hi,
                              help_text=_("Leave empty to not check this."))


class PlaybookForm(forms.Form):
    """The processor's positions, one field each; an empty field is a position not checked."""

    breach_max_hours = _min_max(_("Breach notice at most (hours)"), 72, lo=1)
    require_undue_delay = forms.BooleanField(label=_("Require notice without undue delay"), required=False)
    audits_allowed = forms.NullBooleanField(
        label=_("Audits"), required=False,
        widget=_Position(_("Not checked"), _("Audits must be allowed"), _("Audits must not be allowed")))
    audit_scope_full = forms.BooleanField(label=_("Require a full audit (not only reports)"), required=False)
    data_in_eea = forms.NullBooleanField(
        label=_("Data location"), required=False,
        widget=_Position(_("Not checked"), _("The data must stay in the EEA"),
                         _("Transfers outside the EEA are acceptable")))
    subprocessor_authorisation = forms.MultipleChoiceField(
        label=_("Acceptable sub-processor authorisation"), required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(Authorisation.SPECIFIC.value, _("Specific (prior consent per sub-processor)")),
                 (Authorisation.GENERAL.value, _("General (notice with a right to object)")),
                 (Authorisation.NONE.value, _("No sub-processors allowed"))],
        help_text=_("None ticked: not checked."))
    subprocessor_objection_min_days = _min_max(_("Objection period at least (days)"), 365)
    subprocessor_notice_min_days = _min_max(_("Notice of a new sub-processor at least (days)"), 365)
    end_deadline_max_days = _min_max(_("Return or deletion at most (days)"), 3650)
    governing_law = forms.CharField(
        label=_("Acceptable governing law"), required=False, max_length=200,
        help_text=_("Two-letter country codes, e.g. NL, BE (comma-separated); empty: not checked."))

    def clean_governing_law(self) -> list[str] | None:
        laws = []
        for part in (self.cleaned_data.get("governing_law") or "").replace(";", ",").split(","):
            if part.strip():
                try:
                    laws.append(clean_law(part))
                except TermsValueError:
                    raise forms.ValidationError(
                        _("%(value)s is not a country: use its two-letter code, e.g. NL.")
                        % {"value": part.strip()}
                    ) from None
        return list(dict.fromkeys(laws)) or None

    def positions(self) -> dict[str, Any]:
        """The positions for ``set_playbook``; an unticked requirement is no position."""
        data = dict(self.cleaned_data)
        for flag in ("require_undue_delay", "audit_scope_full"):
            data[flag] = data.get(flag) or None
        data["subprocessor_authorisation"] = data.get("subprocessor_authorisation") or None
        return {key: value for key, value in data.items() if value is not None}


def playbook_initial(positions: dict[str, Any] | None) -> dict[str, Any]:
    """The form's values for stored positions (what the playbook page shows)."""
    initial = dict(positions or {})
    if initial.get("governing_law"):
        initial["governing_law"] = ", ".join(initial["governing_law"])
    return initial
