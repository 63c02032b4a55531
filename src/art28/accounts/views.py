"""Log in (password, then TOTP for processor staff), enrol a TOTP device, log out; the team,
client portal access, invitations, password reset and recovery codes."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import auth
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token

from art28.accounts import access, services
from art28.accounts.forms import (
    AssignForm,
    EmailForm,
    InviteForm,
    LoginForm,
    PasswordForm,
    RecoveryForm,
    RoleForm,
    TokenForm,
)
from art28.accounts.models import Invitation, TeamRole
from art28.accounts.qr import qr_svg
from art28.core.actions import ErrorPage, run_action
from art28.core.decorators import needs_second_factor, portal_required, staff_required
from art28.core.pagination import page_of
from art28.parties.access import controller_for, membership_of
from art28.parties.models import Controller, Membership, Role
from art28.parties.tabs import controller_tabs
from art28.parties.types import PortalRequest, StaffRequest, portal_controller

T = TypeVar("T")

UNUSABLE = {
    "unknown": gettext_lazy("This link is not valid. Check that you copied the whole link from the e-mail."),
    "accepted": gettext_lazy("This invitation has already been used. Log in, or reset your password if you "
                  "forgot it."),
    "expired": gettext_lazy("This invitation has expired. Ask the person who invited you to send a new one."),
    "revoked": gettext_lazy("This invitation was withdrawn. Ask the person who invited you to send "
                            "a new one."),
}


def _unusable(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "accounts/link_unusable.html",
                  {"message": UNUSABLE.get(reason, UNUSABLE["unknown"])}, status=410)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a password on an invitation link; staff go on to enrol their second factor."""
    try:
        invitation = access.invitation_by_token(token)
    except access.InvitationUnusable as exc:
        return _unusable(request, exc.reason)
    form = PasswordForm(request.POST or None)
    if request.method != "POST":
        return _accept_page(request, form, invitation)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: _with_password_errors(services.accept_invitation, invitation=invitation,
                                                password=data["password1"]),
        done=_("Welcome to art28. Your password is set."),
        back=lambda user: _welcome(request, invitation, user),
        page=lambda request, errors, status: _accept_page(request, form, invitation))


def _accept_page(request: HttpRequest, form: PasswordForm, invitation: Invitation) -> HttpResponse:
    # A refused password shows the page again under 200, as it always has.
    return render(request, "accounts/invitation_accept.html",
                  {"form": form, "invitation": invitation})


def _welcome(request: HttpRequest, invitation: Invitation, user: User) -> HttpResponse:
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # A link inside a notice names that notice's page; else the page the invitation was made for.
    nxt = request.GET.get("next") or invitation.next_url
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = ""
    if not TeamRole(invitation.role).is_client:
        request.session["after_otp"] = nxt
        return redirect("accounts:otp_setup")
    return redirect(nxt or "accounts:home")


def _with_password_errors(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a service that sets a password; Django's validators raise a plain list, which
    belongs to the password field."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        raise ValidationError({"password1": exc.messages}) from None


def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link; the answer is the same whether the address is known or not."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(email=form.cleaned_data["email"])
        return render(request, "accounts/password_reset_sent.html")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = access.user_by_reset_token(uidb64, token)
    if user is None:
        return _unusable(request, "unknown")
    form = PasswordForm(request.POST or None)
    if request.method != "POST":
        return _reset_page(request, form)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: _with_password_errors(services.set_password, user=user,
                                                password=data["password1"], acting_user=user),
        done=_("Your password is changed. Log in with it."), back=reverse("accounts:login"),
        page=lambda request, errors, status: _reset_page(request, form))


def _reset_page(request: HttpRequest, form: PasswordForm) -> HttpResponse:
    # A refused password shows the page again under 200, as it always has.
    return render(request, "accounts/password_reset_confirm.html", {"form": form})


@staff_required()
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Make (or remake) one-time recovery codes to print; each opens the second step once."""
    codes: list[str] = []
    if request.method == "POST":
        codes = services.new_recovery_codes(user=request.user, acting_user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


# --- the team (processor admins) ------------------------------------------------------------

@staff_required(admin=True)
def team_list(request: StaffRequest) -> HttpResponse:
    return render(request, "accounts/team_list.html",
                  {"members": access.team(request.user),
                   "invitations": access.staff_invitations(request.user),
                   "can_manage": not request.membership.read_only})


@staff_required(write=True, admin=True)
def team_invite(request: StaffRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method != "POST":
        return _invite_page(request, form)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.invite(processor=request.membership.processor,
                                          email=data["email"], role=data["role"],
                                          acting_user=request.user),
        done=_invitation_sent, back=reverse("accounts:team_list"),
        page=lambda request, errors, status: _invite_page(request, form))


def _invite_page(request: HttpRequest, form: InviteForm) -> HttpResponse:
    # A refused invitation shows the page again under 200, as it always has.
    return render(request, "accounts/team_invite.html", {"form": form})


def _invitation_sent(invitation: Invitation) -> str:
    return _("An invitation is on its way to %(e)s.") % {"e": invitation.email}


@staff_required(admin=True)
def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code)
    # A page of the controllers at a time, found by name or KvK number (10,000 rows, each a
    # form, took seconds).
    q = request.GET.get("q", "").strip()[:100]
    page = page_of(request, access.assignable_controllers(request.user, q))
    return render(request, "accounts/member_detail.html", {
        "member": member, "role": TeamRole.of(member),
        "staff_roles": [(r.value, r.label) for r in TeamRole if not r.is_client],
        "role_form": RoleForm(initial={"role": TeamRole.of(member)}),
        "page": page, "q": q, "assigned": access.assigned_controller_ids(member, page.object_list)})


@require_POST
@staff_required(admin=True)
def member_role(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    return run_action(
        request, form=RoleForm(request.POST), refused=_("Choose a role."),
        call=lambda data: services.change_role(membership=member, role=data["role"],
                                               acting_user=request.user),
        done=_("Saved."), back=reverse("accounts:member_detail", args=[member.code]))


@require_POST
@staff_required(admin=True)
def member_assign(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    return run_action(
        request, form=AssignForm(request.POST), refused=_("Choose a controller."),
        call=lambda data: services.set_assignment(
            membership=member, controller=controller_for(request.user, data["target"]),
            assigned=data["assigned"], acting_user=request.user),
        done=_("Saved."), back=reverse("accounts:member_detail", args=[member.code]))


@require_POST
@staff_required(admin=True)
def member_deactivate(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.deactivate(membership=member, acting_user=request.user),
        done=_("Saved."), back=reverse("accounts:member_detail", args=[member.code]))


@require_POST
@staff_required(admin=True)
def member_reactivate(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: services.reactivate(membership=member, acting_user=request.user),
        done=_("Saved."), back=reverse("accounts:member_detail", args=[member.code]))


@require_POST
@staff_required(admin=True)
def member_reset_factor(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    return run_action(
        request,
        call=lambda data: services.reset_second_factor(membership=member, acting_user=request.user),
        done=_("Saved."), back=reverse("accounts:member_detail", args=[member.code]))


# --- client portal access -------------------------------------------------------------------

@staff_required()
def controller_access(request: HttpRequest, code: str) -> HttpResponse:
    """Who has portal access for a controller, open invitations, staff assigned; invite here."""
    controller = controller_for(request.user, code, write=request.method == "POST")
    form = InviteForm(request.POST or None, client=True)
    if request.method != "POST":
        return _access_page(request, controller, form)
    return _invite_client(request, controller, form,
                          reverse("accounts:controller_access", args=[controller.code]),
                          page=lambda request, errors, status: _access_page(request, controller, form))


def _access_page(request: HttpRequest, controller: Controller, form: InviteForm) -> HttpResponse:
    m = membership_of(request.user)
    is_admin = m is not None and m.role == Role.PROCESSOR_ADMIN
    tabs, _tab = controller_tabs(request, controller, current="portal")
    return render(request, "accounts/controller_access.html", {
        "controller": controller, "form": form, "tabs": tabs, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "staff": access.assignable_staff(request.user, controller) if is_admin else None,
        "can_manage": access.can_manage_portal(request.user, controller),
        "assigned": access.assigned_staff_ids(controller)})


def _invite_client(request: HttpRequest, controller: Controller, form: InviteForm, back: str,
                   page: ErrorPage) -> HttpResponse:
    """Invite a controller's user (from its access page or the portal's team page, which shows
    a refusal again under 200)."""
    if not access.can_manage_portal(request.user, controller):
        raise PermissionDenied
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.invite(processor=controller.processor, email=data["email"],
                                          role=data["role"], controller=controller,
                                          acting_user=request.user),
        done=_invitation_sent, back=back, page=page)


@require_POST
@staff_required(admin=True)
def controller_assign(request: HttpRequest, code: str) -> HttpResponse:
    """Assign a staff member to this controller from the controller's side."""
    controller = controller_for(request.user, code, write=True)
    form = AssignForm(request.POST)
    back = reverse("accounts:controller_access", args=[controller.code])
    if not form.is_valid():
        return redirect(back)  # a hand-made post: the page has nothing to say about it
    member = access.member_for(request.user, form.cleaned_data["target"], write=True)
    # The ticked box on the page is the answer: no message on success.
    return run_action(
        request, call=lambda data: services.set_assignment(
            membership=member, controller=controller, assigned=form.cleaned_data["assigned"],
            acting_user=request.user),
        done=None, back=back)


def _back(request: HttpRequest, controller: Controller | None) -> HttpResponse:
    m = membership_of(request.user)
    if controller is not None and m is not None and m.is_processor_side:
        return redirect("accounts:controller_access", code=controller.code)
    if controller is None:
        return redirect("accounts:team_list")
    return redirect("accounts:portal_team")


def _logged_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404
    m = membership_of(request.user)
    # OTPMiddleware gives the user is_verified(); Django's User type cannot know.
    if m is not None and m.is_processor_side and not request.user.is_verified():  # type: ignore[attr-defined]
        raise Http404


@require_POST
@login_required
def invitation_resend(request: HttpRequest, code: str) -> HttpResponse:
    _logged_in(request)
    invitation = access.invitation_for(request.user, code, write=True)
    return run_action(
        request,
        call=lambda data: services.resend_invitation(invitation=invitation, acting_user=request.user),
        done=_("A new link is on its way to %(e)s.") % {"e": invitation.email},
        back=_back(request, invitation.controller))


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, code: str) -> HttpResponse:
    _logged_in(request)
    invitation = access.invitation_for(request.user, code, write=True)
    return run_action(
        request,
        call=lambda data: services.revoke_invitation(invitation=invitation, acting_user=request.user),
        done=_("The invitation is withdrawn."), back=_back(request, invitation.controller))


@require_POST
@login_required
def portal_member_role(request: HttpRequest, code: str) -> HttpResponse:
    """Make a controller's user read-only or not (the processor, or a colleague)."""
    _logged_in(request)
    member = access.portal_member_for(request.user, code, write=True)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else TeamRole.CLIENT_READ_ONLY
    return run_action(
        request,
        call=lambda data: services.change_role(membership=member, role=role, acting_user=request.user),
        done=_("Saved."), back=_back(request, member.controller))


@require_POST
@login_required
def portal_member_deactivate(request: HttpRequest, code: str) -> HttpResponse:
    """Take a controller user's portal access away."""
    _logged_in(request)
    member = access.portal_member_for(request.user, code, write=True)
    return run_action(
        request, call=lambda data: _deactivate_other(request, member),
        done=_("%(u)s no longer has portal access.") % {"u": member.user.username},
        back=_back(request, member.controller))


def _deactivate_other(request: HttpRequest, member: Membership) -> None:
    if member.user_id == request.user.pk:
        raise ValidationError(_("You cannot take away your own access."))
    services.deactivate(membership=member, acting_user=request.user)


@portal_required
def portal_team(request: PortalRequest) -> HttpResponse:
    """A controller's users see their colleagues; those who may write invite more."""
    controller = portal_controller(request)
    form = InviteForm(request.POST or None, client=True)
    if request.method != "POST":
        return _team_page(request, controller, form)
    return _invite_client(request, controller, form, reverse("accounts:portal_team"),
                          page=lambda request, errors, status: _team_page(request, controller, form))


def _team_page(request: HttpRequest, controller: Controller, form: InviteForm) -> HttpResponse:
    return render(request, "accounts/portal_team.html", {
        "controller": controller, "form": form, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "can_manage": access.can_manage_portal(request.user, controller)})


def home(request: HttpRequest) -> HttpResponse:
    """Send each user to their side of the house."""
    m = membership_of(request.user)
    if m is None:
        return redirect("accounts:login")
    if m.is_processor_side:
        return redirect("obligations:staff_dashboard")
    return redirect("obligations:portal_home")


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
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


def _after_password(request: HttpRequest) -> HttpResponse:
    m = membership_of(request.user)
    if m is not None and m.is_processor_side and needs_second_factor(request):
        request.session["after_otp"] = _safe_next(request)
        if access.confirmed_totp_devices(request.user).exists():
            return redirect("accounts:otp_verify")
        return redirect("accounts:otp_setup")
    return redirect(_safe_next(request) or "accounts:home")


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    devices = list(access.confirmed_totp_devices(request.user))
    if not devices:
        return redirect("accounts:otp_setup")
    recovering = "recovery" in request.POST
    form: TokenForm | RecoveryForm = TokenForm(None if recovering else (request.POST or None))
    recovery = RecoveryForm(request.POST if recovering else None)
    if recovering and recovery.is_valid():
        devices, form = list(access.recovery_devices(request.user)), recovery
    if request.method == "POST" and form.is_valid():
        field = "recovery" if recovering else "token"
        token = form.cleaned_data[field].strip()
        for device in devices:
            # django-otp refuses a TOTP code already used (replay) and uses a recovery code up.
            if verify_token(request.user, device.persistent_id, token):
                otp_login(request, device)
                return redirect(request.session.pop("after_otp", "") or "accounts:home")
        form.add_error(field, _("That code is not valid. Wait for a new code and try again.")
                       if not recovering else _("That recovery code is not valid or was used."))
    return render(request, "accounts/otp_verify.html",
                  {"form": form if not recovering else TokenForm(), "recovery": recovery})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if access.confirmed_totp_devices(request.user).exists():
        return redirect("accounts:otp_verify")
    device = services.pending_totp_device(user=request.user)
    form = TokenForm(request.POST or None)

    def page(request: HttpRequest, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
        return render(request, "accounts/otp_setup.html",
                      {"form": form, "secret": b32encode(device.bin_key).decode(),
                       "otpauth_uri": device.config_url, "qr": qr_svg(device.config_url)})

    if request.method != "POST":
        return page(request)
    return run_action(
        request, form=form, on_form=True, page=page,
        call=lambda data: _confirm_device(request, device, data["token"].strip()),
        done=_("Two-factor authentication is set up."),
        back=lambda codes: render(request, "accounts/recovery_codes.html",
                                  {"codes": codes, "next": request.session.pop("after_otp", "")}))


def _confirm_device(request: HttpRequest, device, token: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Confirm the device the first code fits, log its second factor in; its recovery codes."""
    if not device.verify_token(token):
        raise ValidationError({"token": _("That code is not valid. Check the clock of your phone "
                                          "and try the next code.")})
    services.confirm_totp_device(device=device, acting_user=request.user)
    otp_login(request, device)
    return services.new_recovery_codes(user=request.user, acting_user=request.user)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    return run_action(request, call=lambda data: auth.logout(request),
                      done=_("You are logged out."), back=reverse("accounts:login"))
