"""/api/v1 sub-processor routes: works, read-only is denied, outsider gets 404, nothing half-saved."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from art28.ledger.models import Event
from art28.subprocessors.models import ChangeAgreement, Subprocessor, SubprocessorChange

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def api(client, db):
    from tests.api.conftest import Api

    return Api(client)


BODY = {
    "name": "Rekenhal Amsterdam B.V.",
    "country": "nl",
    "service": "Hosting",
    "locations": ["NL", "DE"],
    "data_categories": ["contact details"],
}


def test_it_registers_and_lists(api, admin_user, staff_a, user_a):
    response = api.post("/subprocessors", as_=admin_user, json=BODY)
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "NL"
    assert api.get("/subprocessors", as_=staff_a).json()["count"] == 1
    assert api.get("/subprocessors", as_=user_a).json()["count"] == 0  # not linked to its agreements


def test_it_rejects_bad_input_without_saving(api, admin_user):
    response = api.unchanged("post", "/subprocessors", as_=admin_user, json={**BODY, "country": "XX"})
    assert response.status_code in (400, 422)


def test_staff_and_read_only_may_not_register(api, staff_a, staff_readonly):
    assert api.unchanged("post", "/subprocessors", as_=staff_a, json=BODY).status_code == 403
    assert api.unchanged("post", "/subprocessors", as_=staff_readonly, json=BODY).status_code == 403


def test_the_change_flow_through_the_api(
    api, admin_user, user_a, user_b, staff_readonly, general_agreement, specific_agreement
):
    with time_machine.travel(T0, tick=False):
        sp = api.post("/subprocessors", as_=admin_user, json=BODY).json()
        body = {
            "kind": "add",
            "subprocessor": sp["code"],
            "effective_at": (T0 + timedelta(days=7)).isoformat(),
        }
        plan = api.post("/subprocessor-changes/plan", as_=admin_user, json=body).json()
        assert plan["blocking"] == [general_agreement.reference]
        refused = api.unchanged("post", "/subprocessor-changes", as_=admin_user, json=body)
        assert general_agreement.reference in refused.content.decode()
        response = api.post("/subprocessor-changes", as_=admin_user, json={**body, "split": True})
        assert response.status_code == 201 and response.json()["agreements"] == 1
        body["effective_at"] = (T0 + timedelta(days=20)).isoformat()
        change = api.post("/subprocessor-changes", as_=admin_user, json={**body}).json()
        assert change["agreements"] == 1  # the specific agreement is already pending
        mine = api.get("/subprocessor-clocks", as_=user_a).json()["items"]
        assert [c["reference"] for c in mine] == [general_agreement.reference]
        clock = mine[0]["code"]
        assert api.get(f"/subprocessor-clocks/{clock}", as_=user_b).status_code == 404
        assert (
            api.post(
                f"/subprocessor-clocks/{clock}/answer", as_=staff_readonly, json={"answer": "consent"}
            ).status_code
            == 403
        )
        answered = api.post(
            f"/subprocessor-clocks/{clock}/answer",
            as_=user_a,
            json={"answer": "object", "reason": "Data must stay with us"},
        )
        assert answered.json()["status"] == "objected"
        again = api.unchanged(
            "post", f"/subprocessor-clocks/{clock}/answer", as_=user_a, json={"answer": "consent"}
        )
        assert again.status_code == 422
        resolved = api.post(
            f"/subprocessor-clocks/{clock}/resolve", as_=admin_user, json={"outcome": "withdraw"}
        )
        assert resolved.json()["status"] == "withdrawn"
    assert Event.objects.filter(action="subprocessor.objection_resolved").count() == 1
    assert SubprocessorChange.objects.count() == 2


def test_it_answers_history_at_a_date(api, admin_user, user_a, general_agreement):
    with time_machine.travel(T0, tick=False):
        api.post("/subprocessors", as_=admin_user, json={**BODY, "named_in_agreements": True})
    code = general_agreement.code
    now = api.get(f"/agreements/{code}/subprocessors", as_=user_a).json()
    assert [(x["subprocessor"]["name"], x["basis"]) for x in now] == [(BODY["name"], "named")]
    before = api.get(f"/agreements/{code}/subprocessors?at=2026-03-01T00:00:00Z", as_=user_a).json()
    assert before == []
    csv = api.get(f"/agreements/{code}/subprocessors/export?format=csv", as_=user_a)
    assert BODY["name"] in csv.content.decode("utf-8-sig")
    pdf = api.get(f"/agreements/{code}/subprocessors/export?format=pdf", as_=user_a)
    assert pdf.content.startswith(b"%PDF")


def test_transfer_and_flowdown_routes(api, admin_user, staff_none, general_agreement):
    sp = api.post(
        "/subprocessors",
        as_=admin_user,
        json={
            **BODY,
            "name": "Cloudy Inc.",
            "country": "US",
            "locations": ["US"],
            "transfer_mechanism": "dpf",
            "dpf_certified": True,
        },
    ).json()
    nl = api.get(f"/subprocessors/{sp['code']}/transfer?language=nl", as_=admin_user).json()
    assert nl["lawful"] and "Data Privacy Framework" in nl["summary"]
    gaps = api.get(f"/subprocessors/{sp['code']}/flowdown", as_=admin_user).json()
    assert [g["area"] for g in gaps] == ["terms"]
    assert api.get("/subprocessor-flowdown", as_=staff_none).status_code == 200
    assert api.get(f"/subprocessors/{Subprocessor.objects.get().code}", as_=staff_none).status_code == 200


def test_outsiders_get_404(api, admin_user, user_b, general_agreement):
    with time_machine.travel(T0, tick=False):
        sp = api.post("/subprocessors", as_=admin_user, json=BODY).json()
        api.post(
            "/subprocessor-changes",
            as_=admin_user,
            json={
                "kind": "add",
                "subprocessor": sp["code"],
                "effective_at": (T0 + timedelta(days=20)).isoformat(),
            },
        )
    clock = ChangeAgreement.objects.get()
    assert api.get(f"/subprocessor-clocks/{clock.code}", as_=user_b).status_code == 404
    assert api.get(f"/agreements/{general_agreement.code}/subprocessors", as_=user_b).status_code == 404
    assert api.get(f"/subprocessors/{sp['code']}", as_=user_b).status_code in (403, 404)


def test_the_api_previews_a_change_and_refuses_unreachable_clients(
    api, admin_user, staff_a, general_agreement, specific_agreement, controller_b
):
    controller_b.contacts.all().delete()
    with time_machine.travel(T0, tick=False):
        sp = api.post("/subprocessors", as_=admin_user, json=BODY).json()
        when = (T0 + timedelta(days=20)).isoformat()
        body = {"kind": "add", "subprocessor": sp["code"], "effective_at": when}
        denied = api.unchanged("post", "/subprocessor-changes/preview", as_=staff_a, json=body)
        assert denied.status_code == 403
        preview = api.post("/subprocessor-changes/preview", as_=admin_user, json=body)
        assert preview.status_code == 200, preview.content
        data = preview.json()
        assert (data["agreements"], data["recipients"]) == (2, 1)
        assert [c["name"] for c in data["unreachable"]] == [controller_b.name]
        assert sorted(m["language"] for m in data["messages"]) == ["en", "nl"]
        assert not SubprocessorChange.objects.exists()
        refused = api.unchanged("post", "/subprocessor-changes", as_=admin_user, json=body)
        assert refused.status_code in (400, 422) and controller_b.name in refused.content.decode()
        made = api.post("/subprocessor-changes", as_=admin_user, json={**body, "allow_unreachable": True})
        assert made.status_code == 201 and made.json()["agreements"] == 2
        code = made.json()["code"]
        told = api.get(f"/subprocessor-changes/{code}/withdraw-preview", as_=admin_user).json()
        assert told["told"] == 2 and [c["name"] for c in told["unreachable"]] == [controller_b.name]
        assert api.get(f"/subprocessor-changes/{code}/withdraw-preview", as_=staff_a).status_code == 403
    assert Event.objects.get(action="subprocessor.change_proposed").data["allow_unreachable"] is True


def test_the_flowdown_routes_keep_the_area_key_and_say_everything_else_in_words(
        api, admin_user, general_agreement):
    """``area`` stays a machine key; ``area_label``, ``ours`` and ``theirs`` are words in the
    request's language, never ``full`` or ``with_safeguards``."""
    sp = api.post("/subprocessors", as_=admin_user, json={
        **BODY, "terms": {"language": "en", "breach": {"notice_hours": 1},
                          "audit": {"allowed": True, "scope": "reports_only"},
                          "transfers": {"outside_eea": "allowed"}}}).json()
    gaps = {g["area"]: g for g in api.get(f"/subprocessors/{sp['code']}/flowdown", as_=admin_user,
                                          headers={"Accept-Language": "nl"}).json()}
    assert (gaps["audit"]["area_label"], gaps["audit"]["ours"], gaps["audit"]["theirs"]) == (
        "Audits", "Volledige audit", "Alleen auditrapporten")
    assert (gaps["transfers"]["ours"], gaps["transfers"]["theirs"]) == (
        "Met passende waarborgen", "Toegestaan")
    [row] = [r for r in api.get("/subprocessor-flowdown", as_=admin_user,
                                headers={"Accept-Language": "en"}).json()
             if r["subprocessor"]["code"] == sp["code"]]
    assert {g["area"]: g["theirs"] for g in row["gaps"]}["audit"] == "Audit reports only"
