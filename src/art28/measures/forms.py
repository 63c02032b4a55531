"""The form of a new catalogue version: one measure a line, ``T:`` technical or ``O:`` organisational."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.terms.schema import MeasureKind

TEXT = forms.Textarea(attrs={"rows": 3})


class MeasuresForm(forms.Form):
    measures = forms.CharField(
        label=_("Measures, one per line, starting with T: (technical) or O: (organisational)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
    )
    summary = forms.CharField(label=_("What changed"), widget=TEXT, required=False)
    substantial = forms.BooleanField(
        label=_("Substantial change: update the agreements and notify"), required=False
    )

    def parsed(self) -> list[dict[str, str]]:
        kinds = {"T": MeasureKind.TECHNICAL.value, "O": MeasureKind.ORGANISATIONAL.value}
        rows = []
        for line in self.cleaned_data["measures"].splitlines():
            prefix, _sep, text = line.strip().partition(":")
            if line.strip():
                rows.append({"kind": kinds.get(prefix.strip().upper(), prefix.strip()), "text": text.strip()})
        return rows
