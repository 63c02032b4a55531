"""The forms of an agreement's end: the controller's choice, the estimate, returned files,
destruction and retention."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.agreements.models import EndWay, TargetKind


class ChoiceForm(forms.Form):
    choice = forms.ChoiceField(label=_("Return or destruction"), choices=EndWay.choices)


class AmountForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Cost estimate (EUR)"), max_digits=10, decimal_places=2, required=False
    )


class ReturnedFileForm(forms.Form):
    file = forms.FileField(label=_("File of the data package"), required=False)


class DestructionForm(forms.Form):
    target_kind = forms.ChoiceField(label=_("Where"), choices=TargetKind.choices)
    target = forms.CharField(label=_("System or sub-processor"), max_length=200, required=False)
    method = forms.CharField(label=_("How was it destroyed?"), max_length=300, required=False)


class RetentionForm(forms.Form):
    retention = forms.CharField(
        label=_("Kept under a legal duty, one per line: data | legal basis | until"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def parsed(self) -> list[dict[str, str]]:
        rows = []
        for line in self.cleaned_data["retention"].splitlines():
            if line.strip():
                parts = [p.strip() for p in line.split("|")] + ["", ""]
                rows.append({"data": parts[0], "basis": parts[1], "until": parts[2]})
        return rows
