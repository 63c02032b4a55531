"""The team, client portal access, invitations, password reset and recovery codes."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from art28.accounts import access, services
from art28.accounts.forms import AssignForm, EmailForm, InviteForm, PasswordForm, RoleForm
from art28.accounts.models import TeamRole
from art28.core.actions import run_action
from art28.parties.access import controller_for, membership_of
from art28.web.decorators import portal_required, staff_required

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


def _accept_page(request: HttpRequest, form: PasswordForm, invitation) -> HttpResponse:  # type: ignore[no-untyped-def]
    # A refused password shows the page again under 200, as it always has.
    return render(request, "accounts/invitation_accept.html",
                  {"form": form, "invitation": invitation})


def _welcome(request: HttpRequest, invitation, user) -> HttpResponse:  # type: ignore[no-untyped-def]
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    nxt = invitation.next_url
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = ""
    if not TeamRole(invitation.role).is_client:
        request.session["after_otp"] = nxt
        return redirect("web:otp_setup")
    return redirect(nxt or "web:home")


def _with_password_errors(service, **kwargs):  # type: ignore[no-untyped-def]
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
        done=_("Your password is changed. Log in with it."), back=reverse("web:login"),
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
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/team_list.html",
                  {"members": access.team(request.user),
                   "invitations": access.staff_invitations(request.user),
                   "can_manage": not request.membership.read_only})  # type: ignore[attr-defined]


@staff_required(write=True, admin=True)
def team_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method != "POST":
        return _invite_page(request, form)
    return run_action(
        request, form=form, on_form=True,
        call=lambda data: services.invite(processor=request.membership.processor,  # type: ignore[attr-defined]
                                          email=data["email"], role=data["role"],
                                          acting_user=request.user),
        done=_invitation_sent, back=reverse("accounts:team_list"),
        page=lambda request, errors, status: _invite_page(request, form))


def _invite_page(request: HttpRequest, form: InviteForm) -> HttpResponse:
    # A refused invitation shows the page again under 200, as it always has.
    return render(request, "accounts/team_invite.html", {"form": form})


def _invitation_sent(invitation) -> str:  # type: ignore[no-untyped-def]
    return _("An invitation is on its way to %(e)s.") % {"e": invitation.email}


@staff_required(admin=True)
def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = access.member_for(request.user, code)
    return render(request, "accounts/member_detail.html", {
        "member": member, "role": TeamRole.of(member),
        "role_form": RoleForm(initial={"role": TeamRole.of(member)}),
        "controllers": access.assignable_controllers(request.user),
        "assigned": access.assigned_controller_ids(member)})


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


def _access_page(request: HttpRequest, controller, form: InviteForm) -> HttpResponse:  # type: ignore[no-untyped-def]
    m = membership_of(request.user)
    is_admin = m is not None and m.role == "processor_admin"
    return render(request, "accounts/controller_access.html", {
        "controller": controller, "form": form, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "staff": access.assignable_staff(request.user, controller) if is_admin else None,
        "can_manage": access.can_manage_portal(request.user, controller),
        "assigned": access.assigned_staff_ids(controller)})


def _invite_client(request: HttpRequest, controller, form: InviteForm, back: str,  # type: ignore[no-untyped-def]
                   page) -> HttpResponse:
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


def _back(request: HttpRequest, controller) -> HttpResponse:  # type: ignore[no-untyped-def]
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


def _deactivate_other(request: HttpRequest, member) -> None:  # type: ignore[no-untyped-def]
    if member.user_id == request.user.pk:
        raise ValidationError(_("You cannot take away your own access."))
    services.deactivate(membership=member, acting_user=request.user)


@portal_required
def portal_team(request: HttpRequest) -> HttpResponse:
    """A controller's users see their colleagues; those who may write invite more."""
    controller = request.membership.controller  # type: ignore[attr-defined]
    form = InviteForm(request.POST or None, client=True)
    if request.method != "POST":
        return _team_page(request, controller, form)
    return _invite_client(request, controller, form, reverse("accounts:portal_team"),
                          page=lambda request, errors, status: _team_page(request, controller, form))


def _team_page(request: HttpRequest, controller, form: InviteForm) -> HttpResponse:  # type: ignore[no-untyped-def]
    return render(request, "accounts/portal_team.html", {
        "controller": controller, "form": form, "users": access.portal_users(controller),
        "invitations": access.portal_invitations(controller),
        "can_manage": access.can_manage_portal(request.user, controller)})
