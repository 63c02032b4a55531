"""Send for signature, accept and countersign over the API, and the bad cases of issue 2."""

from __future__ import annotations

import hashlib

from tests.annex import MEASURES
from tests.api.conftest import last_event


def _v(agreement, n: int = 1) -> str:
    return f"/agreements/{agreement.code}/versions/{n}"


def _accept_body(version, **overrides) -> dict:
    return {"name": "Sanne Jansen", "function": "Praktijkmanager", "confirmed": True,
            "document_sha256": version.document_sha256, **overrides}


COUNTERSIGN = {"name": "Iris de Vries", "function": "FG", "confirmed": True}


# -- send -------------------------------------------------------------------------------------

def test_it_sends_for_signature_and_queues_the_invitation(api, staff_a, make_agreement,
                                                          controller_a):
    from art28.notices.models import Delivery, NoticeKind

    agreement = make_agreement(controller_a)
    r = api.post(_v(agreement) + "/send", as_=staff_a)
    assert r.status_code == 200, r.content
    version = agreement.latest
    assert version.status == "sent" and len(version.document_sha256) == 64
    assert r.json()["document_sha256"] == version.document_sha256
    deliveries = Delivery.objects.filter(notice__kind=NoticeKind.SIGNATURE_INVITATION)
    assert [d.recipient for d in deliveries] == [c.email for c in controller_a.signatories()]
    assert last_event().action == "agreement.sent"


def test_it_refuses_to_send_twice(api, admin_user, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="sent")
    r = api.unchanged("post", _v(agreement) + "/send", as_=admin_user)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == []


def test_it_denies_sending_to_read_only_controller_users_and_outsiders(
        api, staff_readonly, user_a, user_b, staff_none, make_agreement, controller_a):
    agreement = make_agreement(controller_a)
    path = _v(agreement) + "/send"
    assert api.unchanged("post", path, as_=staff_readonly).status_code == 403
    # The draft is not shown to the controller's users: 404, as for any outsider.
    assert api.unchanged("post", path, as_=user_a).status_code == 404
    assert api.unchanged("post", path, as_=staff_none).status_code == 404
    assert api.unchanged("post", path, as_=user_b).status_code == 404
    assert api.unchanged("post", path).status_code == 401
    assert agreement.latest.status == "draft"


# -- accept -----------------------------------------------------------------------------------

def test_it_accepts_with_evidence(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="sent")
    version = agreement.latest
    r = api.post(_v(agreement) + "/accept", as_=user_a, json=_accept_body(version),
                 headers={"User-Agent": "IntegrationBot/1.0"}, REMOTE_ADDR="203.0.113.9")
    assert r.status_code == 200, r.content
    version.refresh_from_db()
    assert version.status == "accepted"
    acceptance = version.acceptances.get()
    assert (acceptance.role, acceptance.user_id, acceptance.name) == ("controller", user_a.pk,
                                                                     "Sanne Jansen")
    assert (acceptance.ip, acceptance.user_agent) == ("203.0.113.9", "IntegrationBot/1.0")
    assert acceptance.document_sha256 == version.document_sha256
    event = last_event()
    assert (event.action, event.actor_id, event.data["ip"]) == ("agreement.accepted", user_a.pk,
                                                                 "203.0.113.9")


def test_it_refuses_a_stale_document_hash(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="sent")
    stale = hashlib.sha256(b"an older rendering").hexdigest()
    r = api.unchanged("post", _v(agreement) + "/accept", as_=user_a,
                      json=_accept_body(agreement.latest, document_sha256=stale))
    assert r.status_code == 422 and "current" in r.json()["detail"][0]["msg"]
    assert agreement.latest.status == "sent"


def test_it_refuses_to_accept_a_signed_version(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="signed")
    r = api.unchanged("post", _v(agreement) + "/accept", as_=user_a,
                      json=_accept_body(agreement.latest))
    assert r.status_code == 422


def test_it_refuses_to_accept_a_superseded_version(api, admin_user, user_a, make_agreement,
                                                   controller_a):
    from art28.agreements.services import update_terms

    agreement = make_agreement(controller_a, state="sent")
    old = agreement.latest
    update_terms(agreement=agreement, terms={"breach": {"notice_hours": 24}}, acting_user=admin_user)
    old.refresh_from_db()
    assert old.status == "superseded"
    r = api.unchanged("post", _v(agreement, 1) + "/accept", as_=user_a, json=_accept_body(old))
    assert r.status_code == 422


def test_it_requires_the_confirmation_box_name_and_function(api, user_a, make_agreement,
                                                            controller_a):
    agreement = make_agreement(controller_a, state="sent")
    body = _accept_body(agreement.latest, confirmed=False, name=" ", function="")
    r = api.unchanged("post", _v(agreement) + "/accept", as_=user_a, json=body)
    assert r.status_code == 422
    assert sorted(d["loc"][0] for d in r.json()["detail"]) == ["confirmed", "function", "name"]
    r = api.unchanged("post", _v(agreement) + "/accept", as_=user_a, json={"name": "x"})
    assert r.status_code == 422


def test_it_lets_only_the_controllers_own_users_accept(api, staff_a, admin_user, staff_readonly,
                                                       user_b, staff_none, make_agreement,
                                                       controller_a):
    agreement = make_agreement(controller_a, state="sent")
    path, body = _v(agreement) + "/accept", _accept_body(agreement.latest)
    assert api.unchanged("post", path, as_=staff_a, json=body).status_code == 403
    assert api.unchanged("post", path, as_=admin_user, json=body).status_code == 403
    assert api.unchanged("post", path, as_=staff_readonly, json=body).status_code == 403
    assert api.unchanged("post", path, as_=user_b, json=body).status_code == 404
    assert api.unchanged("post", path, as_=staff_none, json=body).status_code == 404
    assert api.unchanged("post", path, json=body).status_code == 401


# -- countersign ------------------------------------------------------------------------------

def test_it_countersigns_and_seals(api, admin_user, make_agreement, controller_a):
    from art28.notices.models import Delivery, NoticeKind

    agreement = make_agreement(controller_a, state="accepted")
    r = api.post(_v(agreement) + "/countersign", as_=admin_user, json=COUNTERSIGN)
    assert r.status_code == 200, r.content
    version = agreement.latest
    assert version.status == "signed" and version.signed_document
    assert sorted(version.acceptances.values_list("role", flat=True)) == ["controller", "processor"]
    assert Delivery.objects.filter(notice__kind=NoticeKind.AGREEMENT_SIGNED).exists()
    assert last_event().action == "agreement.signed"


def test_it_refuses_to_countersign_before_acceptance(api, admin_user, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="sent")
    r = api.unchanged("post", _v(agreement) + "/countersign", as_=admin_user, json=COUNTERSIGN)
    assert r.status_code == 422


def test_it_denies_countersigning_to_read_only_controller_users_and_outsiders(
        api, staff_readonly, user_a, user_b, staff_none, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="accepted")
    path = _v(agreement) + "/countersign"
    assert api.unchanged("post", path, as_=staff_readonly, json=COUNTERSIGN).status_code == 403
    assert api.unchanged("post", path, as_=user_a, json=COUNTERSIGN).status_code == 403
    assert api.unchanged("post", path, as_=user_b, json=COUNTERSIGN).status_code == 404
    assert api.unchanged("post", path, as_=staff_none, json=COUNTERSIGN).status_code == 404
    assert api.unchanged("post", path, json=COUNTERSIGN).status_code == 401


def test_it_signs_end_to_end_through_the_api(api, admin_user, user_a, controller_a):
    created = api.post("/agreements", as_=admin_user, json={
        "controller": str(controller_a.code), "terms": {"security": {"measures": MEASURES}}})
    code = created.json()["code"]
    base = f"/agreements/{code}/versions/1"
    assert api.post(base + "/send", as_=admin_user).status_code == 200
    pdf = api.get(base + "/document", as_=user_a).content
    body = {"name": "Sanne Jansen", "function": "Praktijkmanager", "confirmed": True,
            "document_sha256": hashlib.sha256(pdf).hexdigest()}
    assert api.post(base + "/accept", as_=user_a, json=body).status_code == 200
    assert api.post(base + "/countersign", as_=admin_user, json=COUNTERSIGN).status_code == 200
    assert api.get(f"/agreements/{code}", as_=user_a).json()["in_force"] == 1
    signed = api.get(base + "/signed", as_=user_a)
    assert signed.status_code == 200 and len(signed.content) > len(pdf)
