"""The form of a new catalogue version: one measure a line, ``T:`` technical or ``O:`` organisational.

Each line holds the Dutch text, then ``|`` and the English text, so the two stay together.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.terms.schema import MeasureKind

TEXT = forms.Textarea(attrs={"rows": 3})


class MeasuresForm(forms.Form):
    measures = forms.CharField(
        label=_(
            "Measures, one per line, starting with T: (technical) or O: (organisational),"
            " then the Dutch text | the English text"
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
    )
    summary = forms.CharField(label=_("What changed"), widget=TEXT, required=False)
    substantial = forms.BooleanField(
        label=_("Substantial change: update the agreements and notify"), required=False
    )

    @staticmethod
    def as_lines(measures: list[dict[str, str]]) -> str:
        """The catalogue as the lines this form reads back."""
        lines = []
        for m in measures:
            dutch = m.get("text_nl") or ("" if m.get("text_en") else m.get("text", ""))
            english = m.get("text_en") or ""
            lines.append(f"{m['kind'][0].upper()}: {dutch}" + (f" | {english}" if english else ""))
        return "\n".join(lines)

    def parsed(self) -> list[dict[str, str]]:
        kinds = {"T": MeasureKind.TECHNICAL.value, "O": MeasureKind.ORGANISATIONAL.value}
        rows = []
        for line in self.cleaned_data["measures"].splitlines():
            prefix, _sep, text = line.strip().partition(":")
            if line.strip():
                dutch, _bar, english = text.partition("|")
                rows.append(
                    {
                        "kind": kinds.get(prefix.strip().upper(), prefix.strip()),
                        "text_nl": dutch.strip(),
                        "text_en": english.strip(),
                    }
                )
        return rows
