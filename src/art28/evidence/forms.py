from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("PDF to check"), allow_empty_file=False)
