"""Token management: the processor admin issues and revokes tokens for its own users."""

from __future__ import annotations

from tests.api.conftest import last_event


def test_it_issues_a_token_that_works_once_shown(api, admin_user, user_a):
    from art28.api.models import ApiToken, hash_token

    r = api.post("/tokens", as_=admin_user, json={"username": "user_a", "name": "ERP"})
    assert r.status_code == 201, r.content
    raw = r.json()["token"]
    token = ApiToken.objects.get(code=r.json()["code"])
    assert (token.user, token.name, token.key_hash) == (user_a, "ERP", hash_token(raw))
    assert last_event().action == "api_token.created"
    listed = api.get("/controllers", headers={"Authorization": f"Bearer {raw}"})
    assert listed.status_code == 200
    assert "token" not in api.get("/tokens", as_=admin_user).json()[0]


def test_it_lists_tokens_of_its_own_organisation(api, admin_user, staff_a):
    api.token(staff_a)
    body = api.get("/tokens", as_=admin_user).json()
    assert sorted(t["username"] for t in body) == ["admin", "staff_a"]


def test_it_revokes_a_token(api, admin_user, staff_a):
    from art28.api.models import ApiToken

    api.token(staff_a)
    token = ApiToken.objects.get(user=staff_a)
    assert api.delete(f"/tokens/{token.code}", as_=admin_user).status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None and last_event().action == "api_token.revoked"
    assert api.get("/controllers", as_=staff_a).status_code == 401


def test_it_refuses_unknown_users(api, admin_user):
    r = api.unchanged("post", "/tokens", as_=admin_user, json={"username": "nobody"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["username"]


def test_it_denies_token_management_to_everyone_but_the_admin(api, admin_user, staff_a,
                                                              staff_readonly, user_a):
    from art28.api.models import ApiToken

    api.token(admin_user)
    code = ApiToken.objects.get(user=admin_user).code
    for user in (staff_a, staff_readonly, user_a):
        assert api.get("/tokens", as_=user).status_code == 403
        assert api.unchanged("post", "/tokens", as_=user, json={"username": "staff_a"}).status_code == 403
        assert api.unchanged("delete", f"/tokens/{code}", as_=user).status_code == 403
    assert api.unchanged("post", "/tokens", json={"username": "staff_a"}).status_code == 401


def test_it_hides_other_processors_tokens(api, admin_user):
    from django.contrib.auth.models import User

    from art28.api.models import ApiToken
    from art28.api.services import create_token
    from art28.parties.models import Membership, Processor

    other = Processor.objects.create(name="Andere Verwerker B.V.")
    stranger = User.objects.create_user("stranger")
    Membership.objects.create(user=stranger, role="processor_admin", processor=other)
    token, _ = create_token(user=stranger, name="theirs", acting_user=stranger)
    assert api.unchanged("delete", f"/tokens/{token.code}", as_=admin_user).status_code == 404
    assert api.unchanged("post", "/tokens", as_=admin_user,
                         json={"username": "stranger"}).status_code == 422
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert "stranger" not in [t["username"] for t in api.get("/tokens", as_=admin_user).json()]
