"""The team and client access services: invitations, roles, assignments, deactivation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.accounts import access, services
from art28.accounts.models import Invitation, hash_token
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from art28.parties.models import Membership, Role

GOOD = "a sturdy passphrase 42"


def _raw_of(notice: Notice) -> str:
    return notice.link.rstrip("/").rsplit("/", 1)[1]


def test_it_invites_staff_by_mail_with_a_single_use_link(admin_user, processor):
    inv = services.invite(processor=processor, email="New@Team.example", role="staff",
                          acting_user=admin_user)
    notice = Notice.objects.get(kind="invitation")
    assert Delivery.objects.get(notice=notice).recipient == "new@team.example"
    raw = _raw_of(notice)
    assert inv.token_hash == hash_token(raw) and raw not in inv.token_hash
    assert Event.objects.filter(action="account.invited").exists()
    user = services.accept_invitation(invitation=access.invitation_by_token(raw), password=GOOD)
    assert user.membership.role == Role.PROCESSOR_STAFF and not user.membership.read_only
    assert user.check_password(GOOD)
    with pytest.raises(access.InvitationUnusable) as used:
        access.invitation_by_token(raw)
    assert used.value.reason == "accepted"


def test_it_expires_invitations_after_the_setting(admin_user, processor, settings):
    settings.ART28_INVITATION_DAYS = 2
    services.invite(processor=processor, email="late@team.example", role="read_only_staff",
                    acting_user=admin_user)
    raw = _raw_of(Notice.objects.get(kind="invitation"))
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        with pytest.raises(access.InvitationUnusable) as exc:
            access.invitation_by_token(raw)
    assert exc.value.reason == "expired"
    with pytest.raises(access.InvitationUnusable) as forged:
        access.invitation_by_token(raw[:-2] + "xx")
    assert forged.value.reason == "unknown"


def test_it_refuses_an_address_with_an_account_elsewhere_saying_nothing_about_it(
        admin_user, processor, user_b):
    before = Invitation.objects.count(), Event.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.invite(processor=processor, email=user_b.email.upper(), role="staff",
                        acting_user=admin_user)
    assert "cannot be invited" in str(exc.value)
    assert (Invitation.objects.count(), Event.objects.count()) == before


def test_it_refuses_a_password_the_validators_refuse(admin_user, processor):
    inv = services.invite(processor=processor, email="weak@team.example", role="staff",
                          acting_user=admin_user)
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=inv, password="12345678")
    inv.refresh_from_db()
    assert inv.accepted_at is None and not User.objects.filter(email="weak@team.example").exists()


def test_it_keeps_the_last_admin(admin_user, processor):
    m = admin_user.membership
    with pytest.raises(ValidationError, match="last active admin"):
        services.change_role(membership=m, role="staff", acting_user=admin_user)
    with pytest.raises(ValidationError, match="last active admin"):
        services.deactivate(membership=m, acting_user=admin_user)
    m.refresh_from_db()
    admin_user.refresh_from_db()
    assert m.role == Role.PROCESSOR_ADMIN and admin_user.is_active


def test_it_changes_roles_and_writes_the_ledger(admin_user, staff_a):
    m = services.change_role(membership=staff_a.membership, role="read_only_staff",
                             acting_user=admin_user)
    assert m.read_only and m.role == Role.PROCESSOR_STAFF
    services.change_role(membership=m, role="admin", acting_user=admin_user)
    m.refresh_from_db()
    assert m.role == Role.PROCESSOR_ADMIN and not m.read_only
    assert Event.objects.filter(action="account.role_changed").count() == 2
    # now two admins: the first may step down
    services.change_role(membership=admin_user.membership, role="staff", acting_user=admin_user)


def test_it_assigns_staff_to_controllers(admin_user, staff_none, controller_a):
    services.set_assignment(membership=staff_none.membership, controller=controller_a,
                            assigned=True, acting_user=admin_user)
    assert controller_a in Membership.objects.get(pk=staff_none.membership.pk).assigned_controllers.all()
    services.set_assignment(membership=staff_none.membership, controller=controller_a,
                            assigned=False, acting_user=admin_user)
    assert not staff_none.membership.assigned_controllers.exists()
    assert list(Event.objects.filter(action__startswith="account.").values_list("action", flat=True)
                .order_by("seq")) == ["account.assigned", "account.unassigned"]


def test_it_resets_a_lost_second_factor(admin_user, staff_a):
    services.new_recovery_codes(user=staff_a, acting_user=staff_a)
    services.reset_second_factor(membership=staff_a.membership, acting_user=admin_user)
    assert not TOTPDevice.objects.filter(user=staff_a).exists()
    assert not StaticDevice.objects.filter(user=staff_a).exists()
    assert Event.objects.filter(action="account.second_factor_reset").exists()


def test_it_makes_ten_one_time_recovery_codes(staff_a):
    codes = services.new_recovery_codes(user=staff_a, acting_user=staff_a)
    assert len(set(codes)) == 10
    device = StaticDevice.objects.get(user=staff_a)
    assert device.verify_token(codes[0]) and not device.verify_token(codes[0])


def test_it_mails_a_reset_link_only_to_a_known_address(staff_a, processor):
    services.request_password_reset(email="nobody@nowhere.example")
    assert not Notice.objects.exists()
    services.request_password_reset(email=staff_a.email.upper())
    notice = Notice.objects.get(kind="password_reset")
    assert notice.audience == "processor" and notice.controller is None
    assert Delivery.objects.get(notice=notice).recipient == staff_a.email


def test_it_gives_a_signatory_without_a_login_an_invitation_in_the_signature_mail(
        admin_user, controller_a, make_agreement):
    agreement = make_agreement(controller_a, state="sent")
    notice = Notice.objects.get(kind="signature_invitation")
    assert "/invite/" in notice.link and "kiest u eerst een wachtwoord" in notice.body_text
    inv = access.invitation_by_token(_raw_of(notice))
    assert inv.controller == controller_a and inv.role == "client"
    assert inv.next_url == f"/portal/agreements/{agreement.code}/"
    user = services.accept_invitation(invitation=inv, password=GOOD)
    assert user.membership.controller == controller_a


def test_it_links_a_signatory_with_a_login_straight_to_the_portal(admin_user, controller_a,
                                                                   make_agreement, user_a):
    signer = controller_a.signatories().get()
    user_a.email = signer.email
    user_a.save()
    make_agreement(controller_a, state="sent")
    notice = Notice.objects.get(kind="signature_invitation")
    assert "/portal/agreements/" in notice.link and not Invitation.objects.exists()


def test_it_revokes_and_resends(admin_user, processor, controller_a):
    inv = services.invite(processor=processor, email="c@client.example", role="client",
                          controller=controller_a, acting_user=admin_user)
    first = _raw_of(Notice.objects.get())
    services.resend_invitation(invitation=inv, acting_user=admin_user)
    second = _raw_of(Notice.objects.order_by("-pk").first())
    with pytest.raises(access.InvitationUnusable):
        access.invitation_by_token(first)
    assert access.invitation_by_token(second).pk == inv.pk
    services.revoke_invitation(invitation=inv, acting_user=admin_user)
    with pytest.raises(access.InvitationUnusable) as exc:
        access.invitation_by_token(second)
    assert exc.value.reason == "revoked"


def test_it_keeps_invitation_links_out_of_the_portal_inbox_and_webhooks(
        admin_user, processor, controller_a, make_agreement, user_a):
    from art28.notices.access import portal_notices

    controller_a.webhook_url = "https://hooks.example/art28"
    controller_a.save()
    services.invite(processor=processor, email="c@client.example", role="client",
                    controller=controller_a, acting_user=admin_user)
    make_agreement(controller_a, state="sent")  # the signatory has no login: an invitation inside
    assert Notice.objects.filter(link__contains="/invite/").count() == 2
    assert not portal_notices(user_a).filter(link__contains="/invite/").exists()
    assert not Delivery.objects.filter(channel="webhook").exists()


def test_it_ends_exactly_the_deactivated_persons_sessions(admin_user, staff_a, staff_none,
                                                           django_assert_max_num_queries):
    from django.contrib.sessions.models import Session
    from django.test import Client

    from art28.accounts.models import UserSession

    mine, theirs = Client(), Client()
    mine.force_login(staff_a)
    mine_again = Client()
    mine_again.force_login(staff_a)
    theirs.force_login(staff_none)
    assert UserSession.objects.filter(user=staff_a).count() == 2
    survivor = theirs.session.session_key
    # No scan of the store: the number of queries does not grow with the sessions of others.
    for _ in range(5):
        Client().force_login(staff_none)
    with django_assert_max_num_queries(20):
        services.deactivate(membership=staff_a.membership, acting_user=admin_user)
    keys = set(Session.objects.values_list("session_key", flat=True))
    assert mine.session.session_key not in keys and mine_again.session.session_key not in keys
    assert survivor in keys and not UserSession.objects.filter(user=staff_a).exists()


def test_logging_out_drops_the_index_row(staff_a):
    from django.test import Client
    from django.urls import reverse

    from art28.accounts.models import UserSession

    c = Client()
    c.force_login(staff_a)
    assert UserSession.objects.filter(user=staff_a).count() == 1
    c.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user=staff_a).exists()
