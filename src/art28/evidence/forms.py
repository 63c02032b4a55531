from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.core.uploads import PDF, check_file


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("PDF to check"), allow_empty_file=False)

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        check_file(file, PDF)
        return file

    def refused_as_not_pdf(self) -> bool:
        """The upload check refused the file for its type or content: the answer is "not a PDF"."""
        return any(e.code in ("type", "content") for e in self.errors.as_data().get("file", []))
