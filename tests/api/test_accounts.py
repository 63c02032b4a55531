"""Invitations, the team, roles and assignments through the API (the same services as the pages)."""

from __future__ import annotations

from tests.api.conftest import last_event


def _refused(response, status: int) -> None:
    assert response.status_code == status, response.content


def test_it_invites_staff_and_client_users(api, admin_user, controller_a):
    from art28.accounts.models import Invitation
    from art28.notices.models import Delivery

    r = api.post("/invitations", as_=admin_user, json={"email": "new@team.example", "role": "staff"})
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "pending" and r.json()["controller"] is None
    r = api.post("/invitations", as_=admin_user, json={
        "email": "c@client.example", "role": "client_read_only", "controller": str(controller_a.code)})
    assert r.status_code == 201 and r.json()["controller"] == str(controller_a.code)
    assert Invitation.objects.count() == 2
    assert sorted(Delivery.objects.values_list("recipient", flat=True)) == [
        "c@client.example", "new@team.example"]
    assert last_event().action == "account.invited"


def test_it_refuses_bad_invitations_and_changes_nothing(api, admin_user, staff_a, user_b, controller_a):
    from art28.accounts.models import Invitation

    bad = [({"email": user_b.email, "role": "staff"}, 422),
           ({"email": "not an address", "role": "staff"}, 422),
           ({"email": "x@y.example", "role": "client"}, 422)]
    for body, status in bad:
        _refused(api.unchanged("post", "/invitations", as_=admin_user, json=body), status)
    # staff invite no colleagues; a controller user invites only for its own controller
    _refused(api.unchanged("post", "/invitations", as_=staff_a,
                           json={"email": "x@y.example", "role": "admin"}), 403)
    _refused(api.unchanged("post", "/invitations", as_=user_b, json={
        "email": "x@y.example", "role": "client", "controller": str(controller_a.code)}), 404)
    assert not Invitation.objects.exists()


def test_it_lists_changes_roles_and_assigns(api, admin_user, staff_none, controller_a):
    code = str(staff_none.membership.code)
    team = api.get("/team", as_=admin_user).json()
    assert {m["username"]: m["role"] for m in team} == {"admin": "admin", "staff_none": "staff"}
    r = api.call("put", f"/team/{code}/assignments/{controller_a.code}", as_=admin_user)
    assert r.status_code == 200 and r.json()["assigned_controllers"] == [str(controller_a.code)]
    r = api.patch(f"/team/{code}", as_=admin_user, json={"role": "read_only_staff"})
    assert r.json()["role"] == "read_only_staff" and last_event().action == "account.role_changed"
    r = api.delete(f"/team/{code}/assignments/{controller_a.code}", as_=admin_user)
    assert r.json()["assigned_controllers"] == []


def test_it_refuses_demoting_the_last_admin(api, admin_user):
    _refused(api.unchanged("patch", f"/team/{admin_user.membership.code}", as_=admin_user,
                  json={"role": "staff"}), 422)


def test_a_deactivated_users_token_stops_at_once(api, admin_user, staff_a):
    api.token(staff_a)
    assert api.get("/controllers", as_=staff_a).status_code == 200
    r = api.post(f"/team/{staff_a.membership.code}/deactivate", as_=admin_user)
    assert r.status_code == 200 and r.json()["active"] is False
    assert api.get("/controllers", as_=staff_a).status_code == 401


def test_outsiders_and_staff_get_no_team(api, staff_a, user_a, admin_user):
    assert api.get("/team", as_=staff_a).status_code == 403
    assert api.get("/team", as_=user_a).status_code in (403, 404)
    assert api.get(f"/team/{admin_user.membership.code}", as_=user_a).status_code in (403, 404)


def test_it_resends_and_revokes(api, admin_user, user_a, controller_a):
    from art28.accounts.models import Invitation

    r = api.post("/invitations", as_=user_a, json={
        "email": "colleague@a.example", "role": "client", "controller": str(controller_a.code)})
    assert r.status_code == 201
    code = r.json()["code"]
    assert api.post(f"/invitations/{code}/resend", as_=admin_user).status_code == 200
    assert api.delete(f"/invitations/{code}", as_=user_a).status_code == 204
    assert Invitation.objects.get(code=code).revoked_at is not None
    assert api.get("/invitations", as_=admin_user).json()["items"] == []


def _other_admin():
    from django.contrib.auth import get_user_model

    from art28.parties.models import Membership, Processor, Role

    other = Processor.objects.create(name="Other BV")
    user = get_user_model().objects.create_user("other_admin", "oa@other.example", "x")
    Membership.objects.create(user=user, role=Role.PROCESSOR_ADMIN, processor=other)
    return user


def test_it_reactivates_a_person(api, admin_user, staff_a, staff_readonly):
    code = staff_a.membership.code
    api.post(f"/team/{code}/deactivate", as_=admin_user)
    _refused(api.unchanged("post", f"/team/{code}/reactivate", as_=staff_readonly), 403)
    _refused(api.unchanged("post", f"/team/{code}/reactivate", as_=_other_admin()), 404)
    r = api.post(f"/team/{code}/reactivate", as_=admin_user)
    assert r.status_code == 200 and r.json()["active"] is True
    staff_a.refresh_from_db()
    assert staff_a.is_active and last_event().action == "account.reactivated"


def test_it_resets_a_second_factor(api, admin_user, staff_a, staff_readonly):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff_a, name="default", confirmed=True)
    StaticDevice.objects.create(user=staff_a, name="recovery", confirmed=True)
    path = f"/team/{staff_a.membership.code}/second-factor/reset"
    _refused(api.unchanged("post", path, as_=staff_readonly), 403)
    _refused(api.unchanged("post", path, as_=_other_admin()), 404)
    assert TOTPDevice.objects.filter(user=staff_a).exists()
    r = api.post(path, as_=admin_user)
    assert r.status_code == 200
    assert not TOTPDevice.objects.filter(user=staff_a).exists()
    assert not StaticDevice.objects.filter(user=staff_a).exists()
    assert last_event().action == "account.second_factor_reset"


def test_it_reads_and_updates_the_profile(api, admin_user, processor):
    r = api.get("/profile", as_=admin_user)
    assert r.status_code == 200 and r.json()["name"] == processor.name
    r = api.patch("/profile", as_=admin_user, json={
        "city": "Utrecht", "privacy_name": "P. Rivé", "privacy_email": "privacy@proc.example",
        "breach_email": "breach@proc.example"})
    assert r.status_code == 200, r.content
    processor.refresh_from_db()
    assert processor.city == "Utrecht" and processor.breach_desk_email == "breach@proc.example"
    assert processor.privacy_contact().email == "privacy@proc.example"
    assert r.json()["privacy_name"] == "P. Rivé" and last_event().action == "processor.updated"


def test_it_refuses_a_bad_profile_and_changes_nothing(api, admin_user, staff_a, user_a, processor):
    for body in ({"kvk": "12"}, {"name": ""}, {"default_notice_hours": 100},
                 {"privacy_email": "not an address", "privacy_name": "X"},
                 {"breach_email": "nope"}, {"language": "de"}):
        r = api.unchanged("patch", "/profile", as_=admin_user, json=body)
        _refused(r, 422)
        assert r.json()["detail"][0]["msg"]
    _refused(api.unchanged("patch", "/profile", as_=staff_a, json={"city": "X"}), 403)
    assert api.get("/profile", as_=user_a).status_code in (403, 404)
    assert api.get("/profile", as_=_other_admin()).json()["name"] == "Other BV"


def test_invitations_come_a_page_at_a_time_newest_first(api, admin_user, user_a, controller_a,
                                                          controller_b):
    from art28.accounts.models import Invitation

    for n in range(7):
        controller = controller_a if n % 2 else controller_b
        r = api.post("/invitations", as_=admin_user, json={
            "email": f"person{n}@clients.example", "role": "client", "controller": str(controller.code)})
        assert r.status_code == 201
    first = api.get("/invitations?page_size=3", as_=admin_user).json()
    assert first["count"] == 7 and first["pages"] == 3 and len(first["items"]) == 3
    seen = [item["code"] for page in (1, 2, 3)
            for item in api.get(f"/invitations?page_size=3&page={page}", as_=admin_user).json()["items"]]
    assert len(seen) == len(set(seen)) == 7  # no page overlaps another, every one reachable
    newest_first = Invitation.objects.order_by("-created_at", "-pk").values_list("code", flat=True)
    assert seen == [str(c) for c in newest_first]
    # Filtered to one controller; a controller's user sees only its own, and no other's on asking.
    only_a = api.get(f"/invitations?controller={controller_a.code}", as_=admin_user).json()
    assert only_a["count"] == 3 and {i["controller"] for i in only_a["items"]} == {str(controller_a.code)}
    assert api.get("/invitations", as_=user_a).json()["count"] == 3
    assert api.get(f"/invitations?controller={controller_b.code}", as_=user_a).status_code == 404
