"""Every console and portal page: works, read-only is denied (403), outsider gets 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from art28.agreements import models as am
from art28.agreements.services import termination
from art28.measures import models as mm
from art28.records import services as ropa
from art28.requests import models as m
from art28.requests.services import authority
from tests.requests.conftest import counts

pytestmark = pytest.mark.django_db


def _url(world, name, key=None, arg=None):
    args = [arg] if arg else ([world[key].code] if key else [])
    return reverse(name if ":" in name else f"requests:{name}", args=args)


STAFF_PAGES = [
    ("staff_overview", None),
    ("staff_agreement", "agreement"),
    ("dsr_detail", "dsr"),
    ("authority_detail", "authority"),
    ("audit_detail", "audit"),
    ("measures:list", None),
    ("agreements:termination_detail", "termination"),
]
PORTAL_PAGES = [
    ("portal_home", None),
    ("portal_dsr", "dsr"),
    ("portal_instruction", "held"),
    ("portal_authority", "authority"),
    ("portal_audit", "audit"),
    ("portal_audit_request", "agreement"),
    ("agreements:portal_termination", "termination"),
]


@pytest.mark.parametrize(("name", "key"), STAFF_PAGES)
def test_it_shows_staff_pages(name, key, world, client, login, staff_a, staff_readonly, staff_none, user_a):
    url = _url(world, name, key)
    assert login(client, staff_a).get(url).status_code == 200
    assert login(client, staff_readonly).get(url).status_code == 200
    if key:
        assert login(client, staff_none).get(url).status_code == 404
    assert login(client, user_a).get(url).status_code == 404  # the console is not the portal


@pytest.mark.parametrize(("name", "key"), PORTAL_PAGES)
def test_it_shows_portal_pages(name, key, world, client, login, user_a, user_b, staff_a):
    url = _url(world, name, key)
    assert login(client, user_a).get(url).status_code == 200
    if key:
        assert login(client, user_b).get(url).status_code == 404
    assert login(client, staff_a).get(url).status_code == 404


def _file(name="f.txt", content=b"evidence"):
    return SimpleUploadedFile(name, content)


STAFF_POSTS = [
    (
        "dsr_create",
        "agreement",
        lambda: {"kind": "erasure", "requester": "X", "channel": "mail", "details": "Erase"},
        lambda w: m.DataSubjectRequest.objects.count() == 2,
    ),
    (
        "instruction_record",
        "agreement",
        lambda: {
            "text": "Stop newsletters",
            "author_name": "Sanne",
            "given_at": "2026-01-05T10:00",
            "mail": _file("i.eml", b"From: sanne@example.nl\r\n\r\nStop newsletters"),
        },
        lambda w: m.Instruction.objects.filter(source="email").exists(),
    ),
    (
        "authority_create",
        "agreement",
        lambda: {
            "authority_kind": "police",
            "authority": "Politie",
            "legal_basis": "Sv",
            "description": "Logs",
            "respond_by": (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        },
        lambda w: m.AuthorityRequest.objects.count() == 2,
    ),
    (
        "termination_create",
        "agreement",
        lambda: {"reason": "agreement"},
        lambda w: am.Termination.objects.count() == 2,
    ),
    (
        "task_done",
        "task",
        lambda: {"evidence": "Found 3", "evidence_file": _file()},
        lambda w: m.RequestTask.objects.get().status == "done",
    ),
    (
        "instruction_flag",
        "fresh",
        lambda: {"reason": "Unclear"},
        lambda w: m.Instruction.objects.get(pk=w["fresh"].pk).status == "held",
    ),
    (
        "authority_close",
        "authority",
        lambda: {"disclosed": "Nothing"},
        lambda w: m.AuthorityRequest.objects.get().status == "closed",
    ),
    (
        "audit_schedule",
        "audit",
        lambda: {"cost_estimate": "1200"},
        lambda w: m.AuditRequest.objects.get().status == "scheduled",
    ),
    (
        "agreements:termination_destruction",
        "termination",
        lambda: {"target_kind": "system", "target": "DB", "method": "wipe"},
        lambda w: am.Destruction.objects.count() == 1,
    ),
    (
        "agreements:termination_retention",
        "termination",
        lambda: {"retention": "Invoices | Art. 52 AWR | 2033"},
        lambda w: am.Termination.objects.get().retention[0]["basis"] == "Art. 52 AWR",
    ),
]


@pytest.mark.parametrize(("name", "key", "data", "check"), STAFF_POSTS)
def test_it_runs_staff_actions(
    name, key, data, check, world, client, login, staff_a, staff_readonly, staff_none
):
    url = _url(world, name, key)
    before = counts()
    assert login(client, staff_readonly).post(url, data()).status_code == 403
    assert login(client, staff_none).post(url, data()).status_code == 404
    assert counts() == before
    response = login(client, staff_a).post(url, data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert check(world)


PORTAL_POSTS = [
    (
        "portal_dsr_task",
        "dsr",
        {"action": "delete", "instructions": "Delete all"},
        lambda w: m.RequestTask.objects.count() == 2,
    ),
    (
        "portal_dsr_extend",
        "dsr",
        {"reason": "Complex"},
        lambda w: m.DataSubjectRequest.objects.get().extended_at,
    ),
    (
        "portal_instruction_give",
        "agreement",
        {"text": "Keep 30 days"},
        lambda w: m.Instruction.objects.filter(text="Keep 30 days").exists(),
    ),
    (
        "portal_instruction_resolve",
        "held",
        {"confirm": "no", "note": "ok"},
        lambda w: m.Instruction.objects.get(pk=w["held"].pk).status == "withdrawn",
    ),
    (
        "portal_authority_object",
        "authority",
        {"objection": "Court order first"},
        lambda w: m.AuthorityRequest.objects.get().objected_at,
    ),
    (
        "portal_audit_request",
        "agreement",
        {"scope": "Backups", "auditor": "B.V.", "starts_on": "2099-01-05", "ends_on": "2099-01-06"},
        lambda w: m.AuditRequest.objects.count() == 2,
    ),
    (
        "agreements:portal_termination_choose",
        "termination",
        {"choice": "return"},
        lambda w: am.Termination.objects.get().choice == "return",
    ),
]


@pytest.mark.parametrize(("name", "key", "data", "check"), PORTAL_POSTS)
def test_it_runs_portal_actions(name, key, data, check, world, client, login, user_a, user_a_ro, user_b):
    url = _url(world, name, key)
    before = counts()
    assert login(client, user_a_ro).post(url, data).status_code == 403
    assert login(client, user_b).post(url, data).status_code == 404
    assert counts() == before
    response = login(client, user_a).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert check(world)


def test_it_shows_service_errors_on_the_page_and_saves_nothing(world, client, login, user_a):
    url = _url(world, "portal_audit_request", "agreement")
    before = counts()
    response = login(client, user_a).post(
        url, {"scope": "x", "auditor": "y", "starts_on": "2020-01-01", "ends_on": "2020-01-02"}
    )
    assert response.status_code == 400 and "in the past" in response.content.decode()
    assert counts() == before


def test_it_hides_a_gagged_request_from_the_portal(world, client, login, user_a, staff_a):
    gagged = authority.record_authority_request(
        agreement=world["agreement"],
        authority_kind="police",
        authority="FIOD",
        legal_basis="Sv",
        description="All",
        respond_by=timezone.now() + timedelta(days=3),
        gagged=True,
        gag_basis="Art. 126bb Sv",
        acting_user=staff_a,
    )
    login(client, user_a)
    assert client.get(reverse("requests:portal_authority", args=[gagged.code])).status_code == 404
    assert "FIOD" not in client.get(reverse("requests:portal_home")).content.decode()


def test_it_publishes_measures_as_admin_only(world, client, login, admin_user, staff_a):
    url = reverse("measures:publish")
    data = {"measures": "T: MFA for all staff\nO: Annual training", "summary": "MFA", "substantial": "on"}
    assert login(client, staff_a).post(url, data).status_code == 403
    assert login(client, admin_user).post(url, data).status_code == 302
    catalogue = mm.MeasureCatalogue.objects.get()
    assert catalogue.measures[0] == {
        "kind": "technical", "text": "MFA for all staff", "text_nl": "MFA for all staff", "text_en": None
    }
    assert catalogue.agreements_updated == 1  # the active agreement; the ended one is left alone


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "jsonld"])
def test_it_downloads_the_record_and_each_controller_its_extract(
    fmt, world, client, login, admin_user, user_a, user_b, make_agreement, controller_b
):
    make_agreement(controller_b, state="signed")
    staff = login(client, admin_user).get(reverse("records:ropa_download", args=[fmt]))
    assert staff.status_code == 200 and staff["Content-Type"] == ropa.CONTENT_TYPES[fmt]
    assert staff.streaming  # sent as it is made: memory flat however large the record
    if fmt == "csv":
        assert "Harbour Analytics" in staff.getvalue().decode("utf-8-sig")
        own = login(client, user_a).get(reverse("records:portal_ropa", args=[fmt])).getvalue().decode(
            "utf-8-sig")
        assert "Tandartspraktijk Zonnebloem" in own and "Harbour Analytics" not in own
    assert login(client, user_a).get(reverse("records:ropa_download", args=[fmt])).status_code == 404
    assert login(client, admin_user).get(reverse("records:ropa_download", args=["exe"])).status_code == 404


def test_it_downloads_files_only_for_who_may_see_them(
    world, client, login, staff_a, staff_none, user_a, user_b
):
    t = termination.choose_end_way(termination=world["termination"], choice="return", acting_user=user_a)
    item = termination.add_returned_file(
        termination=t, name="export.csv", content=b"1,2", acting_user=staff_a
    )
    assert (
        login(client, user_a).get(reverse("agreements:portal_returned_file", args=[item.code])).content
        == b"1,2"
    )
    assert (
        login(client, user_b).get(reverse("agreements:portal_returned_file", args=[item.code])).status_code
        == 404
    )
    staff_download = login(client, staff_a).get(reverse("agreements:returned_file", args=[item.code]))
    assert staff_download.status_code == 200
    assert (
        login(client, staff_none).get(reverse("agreements:returned_file", args=[item.code])).status_code
        == 404
    )


@pytest.mark.parametrize(("language", "days", "said"), [
    ("en", 1, "asks for 1 day's notice"), ("en", 14, "asks for 14 days' notice"),
    ("nl", 1, "aankondiging van 1 dag:"), ("nl", 14, "aankondiging van 14 dagen:"),
])
def test_the_audit_request_page_counts_the_notice_days_in_the_right_number(
        client, login, make_agreement, controller_a, user_a, language, days, said):
    agreement = make_agreement(controller_a, state="signed", terms={"audit": {"notice_days": days}})
    login(client, user_a)
    client.cookies["django_language"] = language
    page = client.get(reverse("requests:portal_audit_request", args=[agreement.code])).content.decode()
    assert said in page
