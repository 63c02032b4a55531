"""Forms only parse input; the services validate it and their errors land on these forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.agreements.forms import TermsForm, initial_from
from art28.core.uploads import AGREEMENT, ANALYSIS, PLAYBOOK, Accept, check_file
from art28.parties.models import Controller
from art28.subprocessors.models import Subprocessor
from art28.terms.schema import DpaTerms

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
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if (controllers is None) == (subprocessors is None):
            raise TypeError("pass controllers or subprocessors")
        if controllers is not None:
            cast(forms.ModelChoiceField, self.fields["controller"]).queryset = controllers
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


class PlaybookForm(forms.Form):
    positions = forms.CharField(label=_("Positions (JSON)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}))
