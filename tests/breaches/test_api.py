"""The breach API: every route works, read-only is denied, an outsider gets 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from art28.breaches.models import Incident, IncidentNotice
from art28.ledger.models import Event
from tests.api.conftest import Api


@pytest.fixture
def api(client, db):
    return Api(client)


def _iso(**kw):
    return (timezone.now() - timedelta(**kw)).isoformat()


@pytest.mark.django_db
def test_it_runs_the_whole_flow_over_the_api(api, admin_user, user_a, subprocessor, agreements):
    r = api.post("/breaches", as_=admin_user, json={"title": "Bucket open", "aware_at": _iso(hours=1),
                                                    "subprocessors": [str(subprocessor.code)]})
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    r = api.patch(f"/breaches/{code}", as_=admin_user, json={"subjects_approx": 50, "confidentiality": True})
    assert r.json()["subjects_approx"] == 50 and r.json()["nature"] == ["confidentiality"]
    affected = api.get(f"/breaches/{code}/affected", as_=admin_user).json()["items"]
    assert {a["notice_hours"] for a in affected} == {24, 48}
    assert len(api.get("/breaches/clocks", as_=admin_user).json()) == 2
    r = api.post(f"/breaches/{code}/affected", as_=admin_user,
                 json={"exclude": [a["code"] for a in affected if a["notice_hours"] == 48],
                       "reason": "Its data is in another bucket"})
    assert [a["included"] for a in sorted(r.json(), key=lambda a: a["notice_hours"])] == [True, False]
    r = api.post(f"/breaches/{code}/notices", as_=admin_user, json={"stage": "initial"})
    assert r.status_code == 201 and len(r.json()) == 1 and r.json()[0]["late"] is False
    notice = r.json()[0]["code"]
    assert api.get("/breach-notices", as_=user_a).json()["count"] == 1
    assert api.get(f"/breach-notices/{notice}/clock", as_=user_a).json()["overdue"] is False
    draft = api.get(f"/breach-notices/{notice}/authority-draft", as_=user_a).json()
    assert [s["key"] for s in draft][:3] == ["contact", "timeline", "nature"]
    sev = api.get(f"/breach-notices/{notice}/severity", as_=user_a).json()
    assert sev["advice"]["notify_authority"] in (True, False) and "reason" in sev["dpc"]
    r = api.call("put", f"/breach-notices/{notice}/severity", as_=user_a, json={
        "dpc": "1", "dpc_reason": "contact data", "ei": "0.5", "ei_reason": "e-mail only",
        "cb": "0.5", "cb_reason": "public"})
    assert r.json()["score"] == "1.00" or r.json()["score"].startswith("1.0")
    assert api.post(f"/breach-notices/{notice}/acknowledge", as_=user_a).json()["acknowledged_at"]
    assert api.get("/breach-notices/register.csv", as_=user_a).getvalue().decode().count("BR-") == 1
    assert api.get("/breaches/register.pdf", as_=admin_user).content.startswith(b"%PDF")
    r = api.post(f"/breaches/{code}/close", as_=admin_user, json={"reasoning": "Everything is reported."})
    assert r.json()["status"] == "closed"
    r = api.unchanged("post", f"/breaches/{code}/notices", as_=admin_user, json={"stage": "follow_up"})
    assert r.status_code == 422
    assert Event.objects.filter(action="breach.closed").exists()


@pytest.mark.django_db
def test_it_refuses_bad_input_with_422_and_saves_nothing(api, admin_user):
    r = api.unchanged("post", "/breaches", as_=admin_user,
                      json={"title": "x", "aware_at": (timezone.now() + timedelta(hours=2)).isoformat()})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["aware_at"]
    r = api.unchanged("post", "/breaches", as_=admin_user,
                      json={"title": "x", "aware_at": _iso(hours=1), "records_approx": -1})
    assert r.status_code == 422
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_it_denies_read_only_and_hides_from_outsiders(api, staff_readonly, staff_none, user_b, incident,
                                                     admin_user):
    code = incident.code
    assert api.get(f"/breaches/{code}", as_=staff_readonly).status_code == 200
    assert api.unchanged("post", f"/breaches/{code}/notices", as_=staff_readonly,
                         json={"stage": "initial"}).status_code == 403
    assert api.unchanged("post", "/breaches", as_=staff_readonly,
                         json={"title": "x", "aware_at": _iso(hours=1)}).status_code == 403
    assert api.get(f"/breaches/{code}", as_=staff_none).status_code == 404
    assert api.unchanged("patch", f"/breaches/{code}", as_=staff_none, json={"title": "y"}).status_code == 404
    assert api.get(f"/breaches/{code}", as_=user_b).status_code == 404
    assert api.get("/breaches", as_=staff_none).json()["count"] == 0
    api.post(f"/breaches/{code}/notices", as_=admin_user, json={"stage": "initial"})
    a_notice = IncidentNotice.objects.get(affected__agreement__controller__name__startswith="Tandarts")
    assert api.get(f"/breach-notices/{a_notice.code}", as_=user_b).status_code == 404
    assert api.unchanged("post", f"/breach-notices/{a_notice.code}/acknowledge",
                         as_=user_b).status_code == 404
