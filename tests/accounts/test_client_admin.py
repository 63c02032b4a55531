"""A controller's own portal admin: invites colleagues (plain, read-only or admin), changes their
role, takes their access away; its organisation never loses its last admin by its own hand;
plain and read-only users manage nothing; read-only users change nothing. Ledger events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation

from art28.accounts import services
from art28.accounts.models import Invitation, TeamRole
from art28.ledger.models import Event
from art28.parties.models import Membership

GOOD = "a sturdy passphrase 42"


def _colleague(controller, admin_user, email="colleague@a.example", role="client") -> User:
    inv = services.invite(processor=controller.processor, email=email, role=role, controller=controller,
                          acting_user=admin_user)
    return services.accept_invitation(invitation=inv, password=GOOD)


def test_the_first_writing_user_of_a_client_becomes_its_portal_admin(controller_b, admin_user):
    first = _colleague(controller_b, admin_user, "first@b.example")
    second = _colleague(controller_b, admin_user, "second@b.example")
    assert TeamRole.of(first.membership) == TeamRole.CLIENT_ADMIN
    assert TeamRole.of(second.membership) == TeamRole.CLIENT


def test_a_portal_admin_invites_an_admin_and_a_read_only_colleague(client, login, user_a, controller_a):
    login(client, user_a)
    for email, role in (("boss@a.example", "client_admin"), ("ro@a.example", "client_read_only")):
        assert client.post("/portal/team/", {"email": email, "role": role}).status_code == 302
    boss = services.accept_invitation(invitation=Invitation.objects.get(email="boss@a.example"),
                                      password=GOOD)
    ro = services.accept_invitation(invitation=Invitation.objects.get(email="ro@a.example"), password=GOOD)
    assert boss.membership.portal_admin and not boss.membership.read_only
    assert ro.membership.read_only and not ro.membership.portal_admin
    invited = Event.objects.filter(action="account.invited", controller_id_ref=controller_a.pk)
    assert sorted(e.data["role"] for e in invited) == ["client_admin", "client_read_only"]


def test_a_portal_admin_changes_roles_and_the_ledger_says_so(client, login, user_a, controller_a, admin_user):
    colleague = _colleague(controller_a, admin_user)
    login(client, user_a)
    client.cookies["django_language"] = "nl"
    team = client.get("/portal/team/").content.decode()
    assert "Beheerder maken" in team and "beheerder" in team
    client.post(f"/access/{colleague.membership.code}/role/", {"role": "client_admin"})
    colleague.membership.refresh_from_db()
    assert colleague.membership.portal_admin
    client.post(f"/access/{colleague.membership.code}/role/", {"role": "client_read_only"})
    colleague.membership.refresh_from_db()
    assert colleague.membership.read_only and not colleague.membership.portal_admin
    changes = [e.data for e in Event.objects.filter(action="account.role_changed").order_by("seq")]
    assert [(c["from"], c["to"]) for c in changes] == [("client", "client_admin"),
                                                       ("client_admin", "client_read_only")]


def test_the_last_portal_admin_cannot_demote_or_remove_themself(client, login, user_a, controller_a,
                                                                admin_user):
    colleague = _colleague(controller_a, admin_user)
    login(client, user_a)
    client.cookies["django_language"] = "nl"
    page = client.post(f"/access/{user_a.membership.code}/role/", {"role": "client"}, follow=True)
    assert "Dit is de laatste portaalbeheerder van deze organisatie" in page.content.decode()
    user_a.membership.refresh_from_db()
    assert user_a.membership.portal_admin
    with translation.override("en"), pytest.raises(Exception, match="last portal admin"):
        services.deactivate(membership=user_a.membership, acting_user=user_a)
    # With a second admin, the first may step down.
    services.change_role(membership=colleague.membership, role="client_admin", acting_user=user_a)
    services.change_role(membership=user_a.membership, role="client", acting_user=user_a)
    assert Membership.objects.filter(controller=controller_a, portal_admin=True).get().user == colleague


def test_the_processor_may_take_away_a_clients_last_admin(user_a, staff_a):
    services.deactivate(membership=user_a.membership, acting_user=staff_a)
    user_a.refresh_from_db()
    assert not user_a.is_active
    assert Event.objects.filter(action="account.deactivated").exists()


def test_a_plain_or_read_only_client_user_manages_nothing(client, login, controller_a, admin_user, user_a):
    plain = _colleague(controller_a, admin_user, "plain@a.example")
    ro = _colleague(controller_a, admin_user, "ro@a.example", role="client_read_only")
    for who in (plain, ro):
        login(client, who)
        before = Invitation.objects.count()
        assert client.post("/portal/team/", {"email": "x@a.example", "role": "client"}).status_code == 403
        assert client.post(f"/access/{user_a.membership.code}/role/", {"role": "client"}).status_code == 403
        assert client.post(f"/access/{user_a.membership.code}/deactivate/").status_code == 403
        assert Invitation.objects.count() == before
    user_a.refresh_from_db()
    assert user_a.is_active and user_a.membership.portal_admin


def test_a_read_only_client_user_cannot_sign(client, login, controller_a, admin_user, make_agreement):
    from art28.agreements.models import AgreementVersion, VersionStatus

    ro = _colleague(controller_a, admin_user, "ro@a.example", role="client_read_only")
    agreement = make_agreement(controller_a, state="sent")
    version = AgreementVersion.objects.get(agreement=agreement)
    login(client, ro)
    r = client.post(f"/portal/versions/{version.code}/accept/",
                    {"name": "R. O.", "function": "Director", "confirmed": "on",
                     "document_sha256": version.document_sha256})
    assert r.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT and not version.acceptances.exists()


def test_a_read_only_client_user_cannot_object_to_an_authority_request(
        client, login, controller_a, admin_user, make_agreement, staff_a):
    from art28.requests.services import authority

    ro = _colleague(controller_a, admin_user, "ro@a.example", role="client_read_only")
    req = authority.record_authority_request(
        agreement=make_agreement(controller_a, state="signed"), authority_kind="tax",
        authority="Belastingdienst", legal_basis="Art. 53 AWR", description="Invoices",
        respond_by=timezone.now() + timedelta(days=14), acting_user=staff_a)
    login(client, ro)
    r = client.post(f"/requests/portal/authority/{req.code}/object/", {"objection": "No"})
    assert r.status_code == 403
    req.refresh_from_db()
    assert req.objected_at is None


def test_the_api_invites_a_client_admin_and_refuses_a_plain_client_user(client, controller_a, admin_user,
                                                                       user_a):
    from tests.api.conftest import Api

    api = Api(client)
    made = api.post("/invitations", as_=admin_user,
                    json={"email": "api@a.example", "role": "client_admin",
                          "controller": str(controller_a.code)})
    assert made.status_code == 201, made.content
    assert Invitation.objects.get(email="api@a.example").role == TeamRole.CLIENT_ADMIN
    plain = _colleague(controller_a, admin_user, "plain@a.example")
    refused = api.post("/invitations", as_=plain,
                       json={"email": "no@a.example", "role": "client",
                             "controller": str(controller_a.code)})
    assert refused.status_code in (403, 404)
    assert not Invitation.objects.filter(email="no@a.example").exists()
