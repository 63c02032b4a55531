"""Sending over the API with an empty Annex III: 409 with what is missing, or an override."""

from __future__ import annotations

from art28.agreements import services
from art28.ledger.models import Event


def _draft(controller, admin_user):
    return services.create_agreement(controller=controller, acting_user=admin_user,
                                     terms={"security": {"measures": []}}).latest


def test_the_api_answers_409_with_what_is_missing(api, staff_a, controller_a, admin_user):
    version = _draft(controller_a, admin_user)
    path = f"/agreements/{version.agreement.code}/versions/1/send"
    r = api.unchanged("post", path, as_=staff_a, headers={"Accept-Language": "en"})
    assert r.status_code == 409
    assert r.json()["missing"] == ["Annex III lists no security measures."]
    assert "send it anyway with a reason" in r.json()["detail"]
    r = api.post(path + "?override_reason=Signed+on+paper+annex", as_=staff_a)
    assert r.status_code == 200 and r.json()["status"] == "sent"
    assert Event.objects.order_by("-seq").first().data["override"]["reason"] == "Signed on paper annex"


def test_the_api_refuses_an_overlong_reason(api, staff_a, controller_a, admin_user):
    version = _draft(controller_a, admin_user)
    path = f"/agreements/{version.agreement.code}/versions/1/send?override_reason=" + "x" * 1001
    assert api.unchanged("post", path, as_=staff_a).status_code == 422
