"""The team, client portal access, invitations, password reset and recovery codes."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from art28.accounts import access, services
from art28.accounts.forms import AssignForm, EmailForm, InviteForm, PasswordForm, RoleForm
from art28.accounts.models import TeamRole
from art28.parties.access import controller_for, membership_of
from art28.parties.models import Controller, Membership
from art28.parties.types import PortalRequest, StaffRequest, portal_controller
from art28.web.decorators import portal_required, staff_required
from art28.web.forms import apply_errors

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
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(invitation=invitation,
                                              password=form.cleaned_data["password1"])
        except ValidationError as exc:
            apply_errors(form, _on_password(exc))
        else:
            auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to art28. Your password is set."))
            nxt = invitation.next_url
            if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
                nxt = ""
            if not TeamRole(invitation.role).is_client:
                request.session["after_otp"] = nxt
                return redirect("web:otp_setup")
            return redirect(nxt or "web:home")
    return render(request, "accounts/invitation_accept.html",
                  {"form": form, "invitation": invitation})


def _on_password(exc: ValidationError) -> ValidationError:
    # Django's validators raise a plain list: it belongs to the password field.
    return exc if hasattr(exc, "error_dict") else ValidationError({"password1": exc.messages})


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
    if request.method == "POST" and form.is_valid():
        try:
            services.set_password(user=user, password=form.cleaned_data["password1"],
                                  acting_user=user)
        except ValidationError as exc:
            apply_errors(form, _on_password(exc))
        else:
            messages.success(request, _("Your password is changed. Log in with it."))
            return redirect("web:login")
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
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(processor=request.membership.processor,
                                         email=form.cleaned_data["email"],
                                         role=form.cleaned_data["role"], acting_user=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("An invitation is on its way to %(e)s.") % {"e": invitation.email})
            return redirect("accounts:team_list")
    return render(request, "accounts/team_invite.html", {"form": form})


@staff_required(admin=True)
def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code)
    return render(request, "accounts/member_detail.html", {
        "member": member, "role": TeamRole.of(member),
        "role_form": RoleForm(initial={"role": TeamRole.of(member)}),
        "controllers": access.assignable_controllers(request.user),
        "assigned": access.assigned_controller_ids(member)})


def _member_change(request: HttpRequest, code: str, change: Callable[[Membership], object]) -> HttpResponse:
    member = access.member_for(request.user, code, write=True)
    try:
        change(member)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("accounts:member_detail", code=member.code)


@require_POST
@staff_required(admin=True)
def member_role(request: HttpRequest, code: str) -> HttpResponse:
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else None

    def change(member: Membership) -> None:
        if role is None:
            raise ValidationError(_("Choose a role."))
        services.change_role(membership=member, role=role, acting_user=request.user)
    return _member_change(request, code, change)


@require_POST
@staff_required(admin=True)
def member_assign(request: HttpRequest, code: str) -> HttpResponse:
    form = AssignForm(request.POST)

    def change(member: Membership) -> None:
        if not form.is_valid():
            raise ValidationError(_("Choose a controller."))
        controller = controller_for(request.user, form.cleaned_data["target"])
        services.set_assignment(membership=member, controller=controller,
                                assigned=form.cleaned_data["assigned"], acting_user=request.user)
    return _member_change(request, code, change)


@require_POST
@staff_required(admin=True)
def member_deactivate(request: HttpRequest, code: str) -> HttpResponse:
    return _member_change(request, code, lambda m: services.deactivate(
        membership=m, acting_user=request.user))


@require_POST
@staff_required(admin=True)
def member_reactivate(request: HttpRequest, code: str) -> HttpResponse:
    return _member_change(request, code, lambda m: services.reactivate(
        membership=m, acting_user=request.user))


@require_POST
@staff_required(admin=True)
def member_reset_factor(request: HttpRequest, code: str) -> HttpResponse:
    return _member_change(request, code,
                          lambda m: services.reset_second_factor(membership=m, acting_user=request.user))


# --- client portal access -------------------------------------------------------------------

@staff_required()
def controller_access(request: HttpRequest, code: str) -> HttpResponse:
    """Who has portal access for a controller, open invitations, staff assigned; invite here."""
    controller = controller_for(request.user, code, write=request.method == "POST")
    form = InviteForm(request.POST or None, client=True)
    if request.method == "POST":
        if not access.can_manage_portal(request.user, controller):
            raise PermissionDenied
        if _invited(request, form, controller):
            return redirect("accounts:controller_access", code=controller.code)
    m = membership_of(request.user)
    is_admin = m is not None and m.role == "processor_admin"
    return render(request, "accounts/controller_access.html", {
        "controller": controller, "form": form, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "staff": access.assignable_staff(request.user, controller) if is_admin else None,
        "can_manage": access.can_manage_portal(request.user, controller),
        "assigned": access.assigned_staff_ids(controller)})


def _invited(request: HttpRequest, form: InviteForm, controller: Controller) -> bool:
    if not form.is_valid():
        return False
    try:
        invitation = services.invite(processor=controller.processor, email=form.cleaned_data["email"],
                                     role=form.cleaned_data["role"], controller=controller,
                                     acting_user=request.user)
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    messages.success(request, _("An invitation is on its way to %(e)s.") % {"e": invitation.email})
    return True


@require_POST
@staff_required(admin=True)
def controller_assign(request: HttpRequest, code: str) -> HttpResponse:
    """Assign a staff member to this controller from the controller's side."""
    controller = controller_for(request.user, code, write=True)
    form = AssignForm(request.POST)
    if form.is_valid():
        member = access.member_for(request.user, form.cleaned_data["target"], write=True)
        try:
            services.set_assignment(membership=member, controller=controller,
                                    assigned=form.cleaned_data["assigned"], acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("accounts:controller_access", code=controller.code)


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
    try:
        services.resend_invitation(invitation=invitation, acting_user=request.user)
        messages.success(request, _("A new link is on its way to %(e)s.") % {"e": invitation.email})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, invitation.controller)


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, code: str) -> HttpResponse:
    _logged_in(request)
    invitation = access.invitation_for(request.user, code, write=True)
    try:
        services.revoke_invitation(invitation=invitation, acting_user=request.user)
        messages.success(request, _("The invitation is withdrawn."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, invitation.controller)


@require_POST
@login_required
def portal_member_role(request: HttpRequest, code: str) -> HttpResponse:
    """Make a controller's user read-only or not (the processor, or a colleague)."""
    _logged_in(request)
    member = access.portal_member_for(request.user, code, write=True)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else TeamRole.CLIENT_READ_ONLY
    try:
        services.change_role(membership=member, role=role, acting_user=request.user)
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, member.controller)


@require_POST
@login_required
def portal_member_deactivate(request: HttpRequest, code: str) -> HttpResponse:
    """Take a controller user's portal access away."""
    _logged_in(request)
    member = access.portal_member_for(request.user, code, write=True)
    if member.user_id == request.user.pk:
        messages.error(request, _("You cannot take away your own access."))
    else:
        services.deactivate(membership=member, acting_user=request.user)
        messages.success(request, _("%(u)s no longer has portal access.") % {"u": member.user.username})
    return _back(request, member.controller)


@portal_required
def portal_team(request: PortalRequest) -> HttpResponse:
    """A controller's users see their colleagues; those who may write invite more."""
    controller = portal_controller(request)
    form = InviteForm(request.POST or None, client=True)
    if request.method == "POST":
        if not access.can_manage_portal(request.user, controller):
            raise PermissionDenied
        if _invited(request, form, controller):
            return redirect("accounts:portal_team")
    return render(request, "accounts/portal_team.html", {
        "controller": controller, "form": form, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "can_manage": access.can_manage_portal(request.user, controller)})
