"""The pages: invitation link, password reset, team, portal access; works / read-only / outsider."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.accounts import services
from art28.accounts.models import Invitation
from art28.ledger.models import Event
from art28.notices.models import Notice
from art28.parties.models import Role

GOOD = "a sturdy passphrase 42"


def _raw(notice: Notice) -> str:
    return notice.link.rstrip("/").rsplit("/", 1)[1]


def test_it_lets_an_invited_staff_member_set_a_password_and_enrol_totp(client, admin_user, processor):
    services.invite(processor=processor, email="new@team.example", role="staff", acting_user=admin_user)
    url = f"/invite/{_raw(Notice.objects.get())}/"
    page = client.get(url)
    assert b"new@team.example" in page.content
    r = client.post(url, {"password1": GOOD, "password2": GOOD})
    assert r.status_code == 302 and r["Location"] == "/login/code/setup/"
    setup = client.get("/login/code/setup/")
    assert b'<svg class="qr"' in setup.content and b'id="totp-secret"' in setup.content
    device = TOTPDevice.objects.get(user__username="new@team.example")
    done = client.post("/login/code/setup/", {"token": f"{totp(device.bin_key):06d}"})
    assert done.status_code == 200 and done.content.count(b"<li>") >= 10  # recovery codes shown
    assert client.get("/staff/").status_code == 200
    assert User.objects.get(username="new@team.example").membership.role == Role.PROCESSOR_STAFF


def test_it_explains_a_used_expired_or_forged_link_in_both_languages(client, admin_user, processor):
    r = client.get("/invite/forged-token/")
    assert r.status_code == 410 and b"not valid" in r.content
    with translation.override("nl"):
        r = client.get("/invite/forged-token/", HTTP_ACCEPT_LANGUAGE="nl")
    assert b"niet geldig" in r.content
    r = client.post("/invite/forged-token/", {"password1": GOOD, "password2": GOOD})
    assert r.status_code == 410 and User.objects.count() == 1


def test_it_shows_the_validators_refusal_and_changes_nothing(client, admin_user, processor):
    inv = services.invite(processor=processor, email="weak@team.example", role="staff",
                          acting_user=admin_user)
    url = f"/invite/{_raw(Notice.objects.get())}/"
    r = client.post(url, {"password1": "password", "password2": "password"})
    assert r.status_code == 200 and b"too common" in r.content
    inv.refresh_from_db()
    assert inv.accepted_at is None and not User.objects.filter(username="weak@team.example").exists()


def test_it_answers_a_reset_request_the_same_for_any_address(client, staff_a):
    known = client.post("/password/reset/", {"email": staff_a.email})
    unknown = client.post("/password/reset/", {"email": "nobody@nowhere.example"})
    def strip(r):  # the CSRF token differs per response, nothing else may
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", r.content)

    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown) and b'id="reset-sent"' in known.content
    assert Notice.objects.filter(kind="password_reset").count() == 1


def test_it_resets_a_password_by_the_mailed_link(client, staff_a):
    from art28.accounts.services import request_password_reset

    request_password_reset(email=staff_a.email)
    link = Notice.objects.get().link.removeprefix("http://testserver")
    r = client.post(link, {"password1": GOOD, "password2": GOOD})
    assert r.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password(GOOD)
    assert client.get(link).status_code == 410  # used: the token changes with the password


def test_it_lists_the_team_with_last_login_for_admins_only(client, login, admin_user, staff_a,
                                                            staff_readonly):
    login(client, admin_user)
    r = client.get("/staff/team/")
    assert b"staff_a" in r.content and b"Read-only staff" in r.content
    login(client, staff_a)
    assert client.get("/staff/team/").status_code == 403


def test_it_invites_from_the_team_page(client, login, admin_user):
    login(client, admin_user)
    r = client.post("/staff/team/invite/", {"email": "x@team.example", "role": "read_only_staff"})
    assert r.status_code == 302 and Invitation.objects.get().role == "read_only_staff"


def test_it_refuses_demoting_the_last_admin_on_the_page(client, login, admin_user):
    login(client, admin_user)
    r = client.post(f"/staff/team/{admin_user.membership.code}/role/", {"role": "staff"}, follow=True)
    assert b"last active admin" in r.content
    admin_user.membership.refresh_from_db()
    assert admin_user.membership.role == Role.PROCESSOR_ADMIN


def test_it_deactivates_and_the_session_and_token_stop_at_once(client, login, admin_user, staff_a):
    from django.test import Client

    from art28.api.services import create_token

    _, raw = create_token(user=staff_a, name="x", acting_user=admin_user)
    other = login(Client(), staff_a)
    assert other.get("/staff/").status_code == 200
    login(client, admin_user)
    client.post(f"/staff/team/{staff_a.membership.code}/deactivate/")
    assert other.get("/staff/").status_code == 302  # back to the login page
    api = Client().get("/api/v1/controllers", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 401
    assert Event.objects.filter(action="account.deactivated").exists()


def test_it_assigns_from_the_controller_page(client, login, admin_user, staff_none, controller_a):
    login(client, admin_user)
    page = client.get(f"/staff/controllers/{controller_a.code}/access/")
    assert b"staff_none" in page.content
    client.post(f"/staff/controllers/{controller_a.code}/staff/",
                {"target": str(staff_none.membership.code), "assigned": "on"})
    assert controller_a in staff_none.membership.assigned_controllers.all()


def test_outsiders_get_404_on_someone_elses_people(client, login, staff_a, user_b, controller_a, admin_user):
    login(client, user_b)
    assert client.get(f"/staff/controllers/{controller_a.code}/access/").status_code == 404
    inv = services.invite(processor=controller_a.processor, email="c@a.example", role="client",
                          controller=controller_a, acting_user=admin_user)
    assert client.post(f"/invitations/{inv.code}/revoke/").status_code == 404
    inv.refresh_from_db()
    assert inv.revoked_at is None


def test_read_only_cannot_invite_or_revoke(client, login, staff_readonly, user_a, controller_a, admin_user):
    user_a.membership.read_only = True
    user_a.membership.save()
    inv = services.invite(processor=controller_a.processor, email="c@a.example", role="client",
                          controller=controller_a, acting_user=admin_user)
    for who in (staff_readonly, user_a):
        login(client, who)
        assert client.post(f"/invitations/{inv.code}/revoke/").status_code == 403
    login(client, staff_readonly)
    r = client.post(f"/staff/controllers/{controller_a.code}/access/",
                    {"email": "d@a.example", "role": "client"})
    assert r.status_code == 403 and Invitation.objects.count() == 1


def test_a_controller_user_invites_a_read_only_colleague(client, login, user_a, controller_a):
    login(client, user_a)
    r = client.post("/portal/team/", {"email": "colleague@a.example", "role": "client_read_only"})
    assert r.status_code == 302
    inv = Invitation.objects.get()
    assert inv.controller == controller_a and inv.role == "client_read_only"
    user = services.accept_invitation(invitation=inv, password=GOOD)
    assert user.membership.read_only
    client.post(f"/access/{user.membership.code}/role/", {"role": "client"})
    user.membership.refresh_from_db()
    assert not user.membership.read_only


def test_staff_see_and_revoke_portal_access(client, login, staff_a, user_a, controller_a):
    login(client, staff_a)
    page = client.get(f"/staff/controllers/{controller_a.code}/access/")
    assert b"user_a" in page.content
    client.post(f"/access/{user_a.membership.code}/deactivate/")
    user_a.refresh_from_db()
    assert not user_a.is_active


def test_a_replayed_totp_code_is_refused(client, staff_a):
    device = TOTPDevice.objects.get(user=staff_a)
    client.post("/login/", {"username": "staff_a", "password": "correct horse battery 1"})
    code = f"{totp(device.bin_key):06d}"
    assert client.post("/login/code/", {"token": code}).status_code == 302
    client.post("/logout/")
    client.post("/login/", {"username": "staff_a", "password": "correct horse battery 1"})
    r = client.post("/login/code/", {"token": code})
    assert r.status_code == 200 and b"not valid" in r.content


def test_a_recovery_code_opens_the_second_step_once(client, staff_a):
    codes = services.new_recovery_codes(user=staff_a, acting_user=staff_a)
    client.post("/login/", {"username": "staff_a", "password": "correct horse battery 1"})
    assert client.post("/login/code/", {"recovery": codes[0]}).status_code == 302
    client.post("/logout/")
    client.post("/login/", {"username": "staff_a", "password": "correct horse battery 1"})
    r = client.post("/login/code/", {"recovery": codes[0]})
    assert r.status_code == 200 and b"not valid or was used" in r.content


def test_it_refuses_a_short_password_in_dutch(client, admin_user, processor):
    services.invite(processor=processor, email="kort@team.example", role="staff", acting_user=admin_user)
    url = f"/invite/{_raw(Notice.objects.get())}/"
    r = client.post(url, {"password1": "kort", "password2": "kort"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "te kort. Het moet minstens 12 tekens bevatten" in r.content.decode()
    assert not User.objects.filter(username="kort@team.example").exists()


def test_a_members_page_shows_a_page_of_controllers_to_assign_found_by_name(client, login, admin_user,
                                                                           staff_a, controller_a,
                                                                           make_controller):
    from django.urls import reverse

    from art28.core.pagination import PAGE_SIZE

    for i in range(PAGE_SIZE + 1):
        make_controller(f"Bakkerij {i:02d}")
    login(client, admin_user)
    url = reverse("accounts:member_detail", args=[staff_a.membership.code])
    page = client.get(url).content.decode()
    assert page.count('name="target"') == PAGE_SIZE and "Page 1 of 2" in page
    # staff_a's own controller, found by name, with its Unassign button.
    found = client.get(url, {"q": "Zonnebloem"}).content.decode()
    assert found.count('name="target"') == 1 and str(controller_a.code) in found and "Unassign" in found
    assert "No controllers found." in client.get(url, {"q": "Nergens"}).content.decode()
