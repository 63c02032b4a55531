"""The signer's evidence as the agreement views take it from the form and the request."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from art28.agreements.services import Signature


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: a proxy in front must set it (gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


def signature_from(request: HttpRequest, form: forms.Form) -> Signature:
    """What the signer typed, with where the request came from."""
    data = form.cleaned_data
    return Signature(name=data.get("name", ""), function=data.get("function", ""),
                     confirmed=bool(data.get("confirmed")), ip=client_ip(request),
                     user_agent=request.META.get("HTTP_USER_AGENT", "")[:500])
