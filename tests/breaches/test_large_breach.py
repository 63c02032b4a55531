"""A breach touching 1,200 agreements: its page, the register exports and the API lists.

Before the fix the page and the register exports gave 500 on SQLite ("Expression tree is
too large"): a prefetch over every notice of the breach became one term per notice.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import Api

N = 1200


@pytest.fixture
def api(client, db):
    return Api(client)


@pytest.fixture
def big_breach(processor, admin_user):
    """N signed agreements sharing one sub-processor, built in bulk; a breach on it, notified."""
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.breaches.services import open_incident, send_notices
    from art28.parties.models import Contact, Controller
    from art28.subprocessors.models import AgreementSubprocessor, Subprocessor
    from art28.terms.defaults import standard_terms

    controllers = Controller.objects.bulk_create(
        Controller(processor=processor, name=f"Groot {i:04d} B.V.", kvk=f"{40000000 + i}", language="en")
        for i in range(N))
    Contact.objects.bulk_create(Contact(controller=c, name="DPO", email=f"dpo{i}@groot{i}.example",
                                        is_breach_recipient=True) for i, c in enumerate(controllers))
    agreements = Agreement.objects.bulk_create(
        Agreement(controller=c, reference=f"G-{i:05d}") for i, c in enumerate(controllers))
    terms = standard_terms(language="en", notice_hours=24).model_dump(mode="json")
    AgreementVersion.objects.bulk_create(
        AgreementVersion(agreement=a, number=1, status="signed", language="en", standard_version="2026.1",
                         terms=terms) for a in agreements)
    sp = Subprocessor.objects.create(processor=processor, name="Opslag GmbH", country="DE",
                                     service="backup", status="active")
    since = timezone.now() - timedelta(days=1)
    AgreementSubprocessor.objects.bulk_create(
        AgreementSubprocessor(subprocessor=sp, agreement=a, status="authorised", basis="named", since=since)
        for a in agreements)
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[sp],
                             facts={"title": "Opslag lek", "aware_at": timezone.now()})
    assert len(send_notices(incident=incident, stage="initial", acting_user=admin_user)) == N
    return incident


@pytest.mark.django_db
def test_it_opens_the_page_of_a_breach_of_1200_agreements_a_page_at_a_time(client, login, admin_user,
                                                                         big_breach):
    login(client, admin_user)
    url = reverse("breaches:incident_detail", args=[big_breach.code])
    first = client.get(url + "?tab=affected")
    assert first.status_code == 200
    body = first.content.decode()
    assert body.count('name="listed"') == 50 and "G-00000" in body and "G-01199" not in body
    assert f"{N} affected agreements" in body and "?tab=affected&amp;page=2" in body
    last = client.get(url + "?tab=affected&page=24").content.decode()
    assert last.count('name="listed"') == 50 and "G-01199" in last and "G-00000" not in last
    # The notices tab pages its rows the same way, its pager keeping the tab.
    notices = client.get(url + "?tab=notices&page=2").content.decode()
    assert notices.count("G-0") == 50 and "G-00050" in notices and "G-00000" not in notices
    assert "?tab=notices&amp;page=3" in notices


@pytest.mark.django_db
def test_it_exports_the_register_of_a_breach_of_1200_agreements(client, login, admin_user, big_breach):
    login(client, admin_user)
    csv = client.get(reverse("breaches:register_csv"))
    assert csv.status_code == 200 and csv.streaming
    rows = csv.getvalue().decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and big_breach.reference in rows[1]
    assert f"{N}/{N} · 0" in rows[1]  # all notified, none late: queued well before the deadline
    pdf = client.get(reverse("breaches:register_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_it_lists_the_affected_rows_and_notices_of_1200_agreements_a_page_at_a_time(api, admin_user,
                                                                                     big_breach):
    code = big_breach.code
    for path in (f"/breaches/{code}/affected", f"/breaches/{code}/notices"):
        first = api.get(path + "?page_size=100", as_=admin_user)
        assert first.status_code == 200
        body = first.json()
        assert (body["count"], body["page"], body["pages"], len(body["items"])) == (N, 1, 12, 100)
        last = api.get(path + "?page_size=100&page=12", as_=admin_user).json()
        assert len(last["items"]) == 100
        assert not {i["code"] for i in body["items"]} & {i["code"] for i in last["items"]}
    item = api.get(f"/breaches/{code}/affected?page_size=1", as_=admin_user).json()["items"][0]
    assert item["agreement"] and item["notice_hours"] == 24 and item["included"] is True


@pytest.mark.django_db
def test_the_register_page_filters_by_code_instead_of_listing_1200_controllers(client, login, admin_user,
                                                                              big_breach):
    from art28.parties.models import Controller

    login(client, admin_user)
    page = client.get(reverse("breaches:incident_list"))
    # The controller filter is a search box (issue 12), never a dropdown of every controller.
    assert page.status_code == 200 and "controllers" not in page.context
    body = page.content.decode()
    assert "Groot 1199 B.V.</option>" not in body and body.count("<option") < 10  # the status filter's
    assert big_breach.reference in body and len(body) < 50_000
    last = Controller.objects.get(name="Groot 1199 B.V.")
    filtered = client.get(reverse("breaches:incident_list"), {"controller": str(last.code)}).content.decode()
    # A link that passes a controller's code narrows to it and names it in the search box.
    assert big_breach.reference in filtered and f'value="{last.name}"' in filtered
