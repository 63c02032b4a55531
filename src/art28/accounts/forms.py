"""Forms only parse input; the services validate it (passwords through Django's validators)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from art28.accounts.models import TeamRole

STAFF_ROLES = [(r.value, r.label) for r in (TeamRole.ADMIN, TeamRole.STAFF, TeamRole.READ_ONLY_STAFF)]
CLIENT_ROLES = [(r.value, r.label)
                for r in (TeamRole.CLIENT, TeamRole.CLIENT_READ_ONLY, TeamRole.CLIENT_ADMIN)]


class PasswordForm(forms.Form):
    password1 = forms.CharField(label=_("New password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("New password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLES, initial=TeamRole.STAFF)

    def __init__(self, *args: Any, client: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if client:
            cast(forms.ChoiceField, self.fields["role"]).choices = CLIENT_ROLES
            self.fields["role"].initial = TeamRole.CLIENT


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class AssignForm(forms.Form):
    target = forms.UUIDField()
    assigned = forms.BooleanField(required=False)


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class TokenForm(forms.Form):
    token = forms.RegexField(label=_("Six-digit code"), regex=r"^\s*\d{6}\s*$",
                             error_messages={"invalid": _("Type the six digits from your app.")},
                             widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "numeric",
                                                           "autocomplete": "one-time-code"}))


class RecoveryForm(forms.Form):
    recovery = forms.RegexField(label=_("Recovery code"), regex=r"^\s*\d{8}\s*$",
                                error_messages={"invalid": _("A recovery code has eight digits.")},
                                widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                              "autocomplete": "off"}))
