"""Log in (password, then TOTP for processor staff), enrol a TOTP device, log out."""

from __future__ import annotations

from base64 import b32encode

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token

from art28.accounts import services as accounts
from art28.accounts.qr import qr_svg
from art28.parties.access import membership_of
from art28.web import services
from art28.web.access import confirmed_totp_devices, recovery_devices
from art28.web.decorators import needs_second_factor
from art28.web.forms import LoginForm, RecoveryForm, TokenForm


def home(request: HttpRequest) -> HttpResponse:
    """Send each user to their side of the house."""
    m = membership_of(request.user)
    if m is None:
        return redirect("web:login")
    if m.is_processor_side:
        return redirect("web:staff_dashboard")
    return redirect("web:portal_home")


def _safe_next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure())
    return nxt if ok else ""


def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = auth.authenticate(request, username=form.cleaned_data["username"],
                                 password=form.cleaned_data["password"])
        if user is not None:
            auth.login(request, user)
            return _after_password(request)
        form.add_error(None, _("Wrong username or password."))
    return render(request, "web/auth/login.html", {"form": form, "next": _safe_next(request)})


def _after_password(request: HttpRequest) -> HttpResponse:
    m = membership_of(request.user)
    if m is not None and m.is_processor_side and needs_second_factor(request):
        request.session["after_otp"] = _safe_next(request)
        if confirmed_totp_devices(request.user).exists():
            return redirect("web:otp_verify")
        return redirect("web:otp_setup")
    return redirect(_safe_next(request) or "web:home")


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    devices = list(confirmed_totp_devices(request.user))
    if not devices:
        return redirect("web:otp_setup")
    recovering = "recovery" in request.POST
    form: TokenForm | RecoveryForm = TokenForm(None if recovering else (request.POST or None))
    recovery = RecoveryForm(request.POST if recovering else None)
    if recovering and recovery.is_valid():
        devices, form = list(recovery_devices(request.user)), recovery
    if request.method == "POST" and form.is_valid():
        field = "recovery" if recovering else "token"
        token = form.cleaned_data[field].strip()
        for device in devices:
            # django-otp refuses a TOTP code already used (replay) and uses a recovery code up.
            if verify_token(request.user, device.persistent_id, token):
                otp_login(request, device)
                return redirect(request.session.pop("after_otp", "") or "web:home")
        form.add_error(field, _("That code is not valid. Wait for a new code and try again.")
                       if not recovering else _("That recovery code is not valid or was used."))
    return render(request, "web/auth/otp_verify.html",
                  {"form": form if not recovering else TokenForm(), "recovery": recovery})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if confirmed_totp_devices(request.user).exists():
        return redirect("web:otp_verify")
    device = services.pending_totp_device(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            services.confirm_totp_device(device=device, acting_user=request.user)
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            codes = accounts.new_recovery_codes(user=request.user, acting_user=request.user)
            return render(request, "accounts/recovery_codes.html",
                          {"codes": codes, "next": request.session.pop("after_otp", "")})
        form.add_error("token", _("That code is not valid. Check the clock of your phone and "
                                  "try the next code."))
    return render(request, "web/auth/otp_setup.html",
                  {"form": form, "secret": b32encode(device.bin_key).decode(),
                   "otpauth_uri": device.config_url, "qr": qr_svg(device.config_url)})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("web:login")
