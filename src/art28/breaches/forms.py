"""Forms of the breach views: they parse; the services validate and save."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.breaches.models import DeliveryState, IncidentStatus, Stage
from art28.breaches.services.enisa import EI_VALUES
from art28.core.forms import ListFilterForm, SectionedForm, controller_search_field
from art28.subprocessors.models import Subprocessor

LINES = _("One per line.")


def _dt(label: Any, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])


def _lines(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=LINES,
                           widget=forms.Textarea(attrs={"rows": 2}))


def _text(label: Any, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class IncidentForm(SectionedForm):
    """Every fact of the intake; only a title and the moment of awareness are needed to start."""

    SECTIONS = (
        (_("What and when"), ("title", "aware_at", "occurred_at", "ended_at", "discovery")),
        (_("Sub-processors"), ("subprocessors", "subprocessor_aware_at",
                               "subprocessor_reported_at")),
        (_("Nature of the breach"), ("confidentiality", "integrity", "availability", "malicious",
                                     "description")),
        (_("Data and data subjects"), ("systems", "services", "data_categories",
                                       "subject_categories", "subjects_approx", "records_approx",
                                       "encrypted", "cross_border")),
        (_("Consequences and measures"), ("consequences", "measures_taken", "measures_proposed")),
        (_("Contact point"), ("contact_name", "contact_email", "contact_phone")),
    )

    title = forms.CharField(label=_("Short title"), max_length=200)
    aware_at = _dt(_("We became aware at"), required=True)
    occurred_at = _dt(_("The breach started at"))
    ended_at = _dt(_("The breach ended at"))
    subprocessors: forms.ModelMultipleChoiceField[Subprocessor] = forms.ModelMultipleChoiceField(
        label=_("Sub-processors involved"), queryset=None,
        required=False, widget=forms.CheckboxSelectMultiple)
    subprocessor_aware_at = _dt(_("The sub-processor became aware at"))
    subprocessor_reported_at = _dt(_("The sub-processor told us at"))
    discovery = _text(_("How it was discovered"), 2)
    confidentiality = forms.BooleanField(label=_("Loss of confidentiality"), required=False)
    integrity = forms.BooleanField(label=_("Loss of integrity"), required=False)
    availability = forms.BooleanField(label=_("Loss of availability"), required=False)
    malicious = forms.BooleanField(label=_("Malicious intent"), required=False)
    description = _text(_("Description"))
    systems = _lines(_("Systems involved"))
    services = _lines(_("Services involved"))
    data_categories = _lines(_("Categories of personal data"))
    subject_categories = _lines(_("Categories of data subjects"))
    subjects_approx = forms.IntegerField(label=_("Approximate number of data subjects"), required=False)
    records_approx = forms.IntegerField(label=_("Approximate number of records"), required=False)
    encrypted = forms.BooleanField(label=_("The data was encrypted or otherwise unintelligible"),
                                   required=False)
    cross_border = forms.BooleanField(label=_("People in other EU member states are affected"),
                                      required=False)
    consequences = _text(_("Likely consequences"))
    measures_taken = _text(_("Measures taken"))
    measures_proposed = _text(_("Measures proposed"))
    contact_name = forms.CharField(label=_("Contact point: name"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact point: e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact point: phone"), required=False, max_length=40)

    def __init__(self, *args: Any, processor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["subprocessors"])
        field.queryset = processor.subprocessors.all()

    def facts(self) -> dict[str, Any]:
        """The submitted facts (subprocessors apart), for the intake services."""
        return {k: v for k, v in self.cleaned_data.items() if k != "subprocessors"}


class NoticeForm(forms.Form):
    stage = forms.ChoiceField(label=_("Notice"), choices=Stage.choices)
    message = _text(_("Message to the controllers (optional)"))
    # The number of controllers the sender saw in the preview: a changed list is not sent.
    expected = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ReasoningForm(forms.Form):
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 3}))


class SeverityForm(forms.Form):
    dpc = forms.DecimalField(label=_("Data processing context (DPC, 1–4)"), min_value=1, max_value=4,
                             decimal_places=2)
    dpc_reason = _text(_("Reason"), 2)
    ei = forms.TypedChoiceField(label=_("Ease of identification (EI)"), coerce=str,
                                choices=[(str(v), str(v)) for v in EI_VALUES])
    ei_reason = _text(_("Reason"), 2)
    cb = forms.DecimalField(label=_("Circumstances of the breach (CB, 0–2)"), min_value=0, max_value=2,
                            decimal_places=2)
    cb_reason = _text(_("Reason"), 2)


class IncidentFilterForm(ListFilterForm):
    search_placeholder = _("Reference or title")
    controller = controller_search_field()
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(IncidentStatus.choices))


class AffectedFilterForm(ListFilterForm):
    """The filters above a breach's affected agreements and their notices (query string, so
    they survive paging and the move between the two tabs' pages)."""

    search_placeholder = _("Controller, agreement or KvK number")
    show = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("All")), ("included", _("Included")), ("left_out", _("Left out")),
        ("not_notified", _("Included, not notified yet"))])


class NoticeFilterForm(AffectedFilterForm):
    """The notices tab's filters: those of the affected agreements, and where their notices
    stand (``DeliveryState``)."""

    delivery = forms.ChoiceField(
        label=_("Delivery"), required=False, choices=[("", _("All")), *DeliveryState.choices],
        error_messages={"invalid_choice": _("Choose a delivery state from the list.")})
