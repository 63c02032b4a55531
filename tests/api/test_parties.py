"""Controllers and contacts over the API: works, read-only denied, outsider 404, no token 401."""

from __future__ import annotations

import pytest

from tests.api.conftest import last_event

NEW = {"name": "Bakkerij De Korenschoof", "address": "Markt 3", "postcode": "3511 AB",
       "city": "Utrecht", "country": "NL", "kvk": "12345678", "language": "nl",
       "contacts": [{"name": "Els Bakker", "email": "els@korenschoof.example",
                     "is_signatory": True}]}


def test_it_lists_only_visible_controllers_paginated(api, admin_user, staff_a, controller_a,
                                                     controller_b):
    body = api.get("/controllers?page_size=1", as_=admin_user).json()
    assert (body["count"], body["page"], body["pages"], len(body["items"])) == (2, 1, 2, 1)
    body = api.get("/controllers", as_=staff_a).json()
    assert [c["code"] for c in body["items"]] == [str(controller_a.code)]


def test_it_rejects_a_page_size_over_100(api, admin_user):
    assert api.get("/controllers?page_size=101", as_=admin_user).status_code == 422


def test_it_requires_a_token(api, controller_a):
    assert api.get("/controllers").status_code == 401
    assert api.get(f"/controllers/{controller_a.code}").status_code == 401
    r = api.get("/controllers", headers={"Authorization": "Bearer art28_nonsense"})
    assert r.status_code == 401 and r.json() == {"detail": "Unauthorized"}


def test_it_refuses_a_revoked_token(api, admin_user):
    from art28.api.models import ApiToken
    from art28.api.services import revoke_token

    api.token(admin_user)
    revoke_token(token=ApiToken.objects.get(user=admin_user), acting_user=admin_user)
    assert api.get("/controllers", as_=admin_user).status_code == 401


def test_it_creates_a_controller_with_contacts(api, admin_user):
    from art28.parties.models import Controller

    r = api.post("/controllers", as_=admin_user, json=NEW)
    assert r.status_code == 201, r.content
    controller = Controller.objects.get(code=r.json()["code"])
    assert (controller.name, controller.kvk, controller.processor_id) == (
        "Bakkerij De Korenschoof", "12345678", admin_user.membership.processor_id)
    assert [c.email for c in controller.contacts.all()] == ["els@korenschoof.example"]
    assert r.json()["contacts"][0]["is_signatory"] is True
    event = last_event()
    assert (event.action, event.object_code, event.actor_id) == (
        "controller.created", str(controller.code), admin_user.pk)


def test_it_denies_creating_a_controller_to_read_only_and_plain_staff(api, staff_readonly, staff_a):
    assert api.unchanged("post", "/controllers", as_=staff_readonly, json=NEW).status_code == 403
    assert api.unchanged("post", "/controllers", as_=staff_a, json=NEW).status_code == 403


def test_it_denies_creating_a_controller_to_a_controller_user(api, user_a):
    assert api.unchanged("post", "/controllers", as_=user_a, json=NEW).status_code == 403


@pytest.mark.parametrize("field,value", [
    ("kvk", "1234567"), ("kvk", "ABCDEFGH"), ("postcode", "0123 AB"), ("postcode", "1234ab!"),
    ("language", "de"), ("country", "XX"), ("name", ""),
])
def test_it_rejects_bad_party_fields_and_saves_nothing(api, admin_user, field, value):
    r = api.unchanged("post", "/controllers", as_=admin_user, json={**NEW, field: value})
    assert r.status_code == 422
    assert [d["loc"] for d in r.json()["detail"]] == [[field]]
    assert r.json()["detail"][0]["msg"]


def test_it_rejects_a_bad_contact_email_and_saves_nothing(api, admin_user):
    bad = {**NEW, "contacts": [{"name": "Els", "email": "els-at-example"}]}
    r = api.unchanged("post", "/controllers", as_=admin_user, json=bad)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["email"]


def test_it_rejects_a_duplicate_kvk(api, admin_user, controller_a):
    r = api.unchanged("post", "/controllers", as_=admin_user, json={**NEW, "kvk": controller_a.kvk})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["kvk"]


def test_it_rejects_malformed_json_with_422(api, admin_user):
    r = api.unchanged("post", "/controllers", as_=admin_user, raw="{not json")
    assert r.status_code in (400, 422)
    r = api.unchanged("post", "/controllers", as_=admin_user, json={"name": 5, "contacts": "x"})
    assert r.status_code == 422 and r.json()["detail"]


def test_it_gets_a_controller_with_its_contacts(api, staff_a, controller_a):
    body = api.get(f"/controllers/{controller_a.code}", as_=staff_a).json()
    assert body["name"] == controller_a.name and body["kvk"] == controller_a.kvk
    assert [c["email"] for c in body["contacts"]] == [c.email for c in controller_a.contacts.all()]
    assert "id" not in body


def test_it_hides_a_controller_from_outsiders(api, staff_none, user_b, controller_a):
    for outsider in (staff_none, user_b):
        r = api.get(f"/controllers/{controller_a.code}", as_=outsider)
        assert r.status_code == 404 and r.json() == {"detail": "Not Found"}
    assert api.get("/controllers/not-a-uuid", as_=staff_none).status_code == 422


def test_it_updates_a_controller_partially(api, staff_a, controller_a):
    r = api.patch(f"/controllers/{controller_a.code}", as_=staff_a, json={"city": "Amersfoort"})
    assert r.status_code == 200, r.content
    controller_a.refresh_from_db()
    assert (controller_a.city, controller_a.postcode) == ("Amersfoort", "3581 KP")
    assert last_event().action == "controller.updated"


def test_it_rejects_a_bad_update_and_changes_nothing(api, staff_a, controller_a):
    r = api.unchanged("patch", f"/controllers/{controller_a.code}", as_=staff_a, json={"kvk": "12"})
    assert r.status_code == 422
    controller_a.refresh_from_db()
    assert controller_a.kvk != "12"


def test_it_denies_updates_to_read_only_and_outsiders(api, staff_readonly, staff_none, user_b,
                                                      controller_a):
    path = f"/controllers/{controller_a.code}"
    assert api.unchanged("patch", path, as_=staff_readonly, json={"city": "X"}).status_code == 403
    assert api.unchanged("patch", path, as_=staff_none, json={"city": "X"}).status_code == 404
    assert api.unchanged("patch", path, as_=user_b, json={"city": "X"}).status_code == 404
    assert api.unchanged("patch", path, json={"city": "X"}).status_code == 401


# -- contacts -----------------------------------------------------------------------------

CONTACT = {"name": "Piet Privacy", "email": "piet@zonnebloem.example", "function": "FG",
           "is_privacy_contact": True}


def test_it_lists_contacts(api, user_a, controller_a):
    body = api.get(f"/controllers/{controller_a.code}/contacts", as_=user_a).json()
    assert [c["code"] for c in body] == [str(c.code) for c in controller_a.contacts.all()]


def test_it_adds_a_contact(api, staff_a, controller_a):
    r = api.post(f"/controllers/{controller_a.code}/contacts", as_=staff_a, json=CONTACT)
    assert r.status_code == 201, r.content
    contact = controller_a.contacts.get(code=r.json()["code"])
    assert (contact.email, contact.is_privacy_contact, contact.is_signatory) == (
        "piet@zonnebloem.example", True, False)
    assert last_event().action == "contact.added"


def test_it_rejects_a_contact_with_a_bad_email(api, staff_a, controller_a):
    r = api.unchanged("post", f"/controllers/{controller_a.code}/contacts", as_=staff_a,
                      json={**CONTACT, "email": "nope"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["email"]


def test_it_updates_a_contact(api, staff_a, controller_a):
    contact = controller_a.contacts.first()
    r = api.patch(f"/controllers/{controller_a.code}/contacts/{contact.code}", as_=staff_a,
                  json={"mobile": "+31 6 1234 5678"})
    assert r.status_code == 200, r.content
    contact.refresh_from_db()
    assert contact.mobile == "+31 6 1234 5678" and contact.is_signatory
    assert last_event().action == "contact.updated"


def test_it_deletes_a_contact(api, staff_a, controller_a):
    contact = controller_a.contacts.first()
    controller_a.contacts.create(name="Backup", email="backup@client.example",
                                 is_breach_recipient=True)  # someone is still told of a breach
    r = api.delete(f"/controllers/{controller_a.code}/contacts/{contact.code}", as_=staff_a)
    assert r.status_code == 204
    assert not controller_a.contacts.filter(pk=contact.pk).exists()
    assert last_event().action == "contact.removed"


def test_it_denies_contact_writes_to_read_only(api, staff_readonly, controller_a):
    contact = controller_a.contacts.first()
    base = f"/controllers/{controller_a.code}/contacts"
    assert api.unchanged("post", base, as_=staff_readonly, json=CONTACT).status_code == 403
    assert api.unchanged("patch", f"{base}/{contact.code}", as_=staff_readonly,
                         json={"name": "X"}).status_code == 403
    assert api.unchanged("delete", f"{base}/{contact.code}", as_=staff_readonly).status_code == 403


def test_it_hides_contacts_from_outsiders(api, staff_none, user_b, controller_a, controller_b):
    contact = controller_a.contacts.first()
    base = f"/controllers/{controller_a.code}/contacts"
    for outsider in (staff_none, user_b):
        assert api.get(base, as_=outsider).status_code == 404
        assert api.unchanged("post", base, as_=outsider, json=CONTACT).status_code == 404
        assert api.unchanged("delete", f"{base}/{contact.code}", as_=outsider).status_code == 404
    # A contact of A through B's URL is not reachable either (B's users may not write at all).
    assert api.unchanged("delete", f"/controllers/{controller_b.code}/contacts/{contact.code}",
                         as_=user_b).status_code in (403, 404)


def test_it_lets_only_the_processor_change_a_client_record(api, user_a, controller_a):
    base = f"/controllers/{controller_a.code}"
    assert api.get(base, as_=user_a).status_code == 200
    assert api.unchanged("patch", base, as_=user_a, json={"name": "Renamed"}).status_code == 403
    assert api.unchanged("post", f"{base}/contacts", as_=user_a, json=CONTACT).status_code == 403


def test_it_requires_a_token_for_contacts(api, controller_a):
    path = f"/controllers/{controller_a.code}/contacts"
    assert api.unchanged("post", path, json=CONTACT).status_code == 401
