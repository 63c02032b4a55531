"""The API tells when a contact change leaves a controller without a breach-notice recipient."""

from __future__ import annotations

from art28.ledger.models import Event

WARNING = "has no breach-notice recipient"


def test_the_api_answers_with_the_warning(api, staff_a, controller_a):
    contact = controller_a.contacts.get()
    base = f"/controllers/{controller_a.code}/contacts/{contact.code}"
    r = api.patch(base, as_=staff_a, json={"is_breach_recipient": False})
    assert r.status_code == 200 and WARNING in r.json()["warnings"][0]
    r = api.patch(base, as_=staff_a, json={"is_breach_recipient": True})
    assert r.json()["warnings"] == []
    r = api.delete(base, as_=staff_a)
    assert r.status_code == 200 and WARNING in r.json()["warnings"][0]
    assert not controller_a.contacts.exists()
    assert Event.objects.order_by("-seq").first().action == "contact.removed"
