"""The ledger page: one hash chain for every tenant, but an admin sees only its own share."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.ledger.models import ChainCheck, Event

pytestmark = pytest.mark.django_db


def verify(client):
    """Ask for a verification on the page, let the worker run the queued task, reload the page."""
    from django_tasks_db.models import DBTaskResult

    from art28.ledger.tasks import check_chain

    assert client.post(reverse("ledger:ledger_verify")).status_code == 302
    queued = DBTaskResult.objects.get(task_path=check_chain.module_path, status="READY")
    waiting = client.get(reverse("ledger:ledger"))
    assert waiting.context["result"] is None and "waiting for the worker" in waiting.content.decode()
    queued.task.call(*queued.args_kwargs["args"])
    return client.get(reverse("ledger:ledger"))


@pytest.fixture
def other_processor():
    """A second tenant with a client and an agreement of its own: events in the same chain."""
    from art28.agreements import services as agreements
    from art28.parties import services as parties

    other = parties.create_processor(
        data={"name": "Andere Verwerker B.V.", "address": "Stationsplein 2", "postcode": "3511 ED",
              "city": "Utrecht", "country": "NL", "kvk": "11223344", "language": "nl"},
        acting_user="pytest")
    admin = parties.create_member(processor=other, username="other_admin", email="o@other.example",
                                  password="correct horse battery 1", role="processor_admin",
                                  acting_user="pytest", totp_key="00" * 20)
    for n in range(3):
        client = parties.create_controller(
            processor=other, data={"name": f"Hun Klant {n} B.V.", "address": "Markt 1",
                                   "postcode": "3511 AB", "city": "Utrecht", "country": "NL",
                                   "kvk": f"5566770{n}", "language": "nl"}, acting_user=admin)
        agreements.create_agreement(controller=client, acting_user=admin)
    return other


def test_it_counts_only_the_admins_own_events(client, login, admin_user, controller_a,
                                              make_agreement, other_processor):
    make_agreement(controller_a, state="sent")
    own = Event.objects.filter(processor_id_ref=admin_user.membership.processor_id).count()
    theirs = Event.objects.filter(processor_id_ref=other_processor.pk).count()
    assert own and theirs >= 6
    login(client, admin_user)
    response = verify(client)
    own += 1  # asking for the verification is on the record too
    assert response.context["result"].ok and response.context["result"].checked == own
    page = response.content.decode()
    assert f"it holds {own} events of your organisation" in page
    assert str(Event.objects.count()) + " events" not in page


def test_it_does_not_number_a_break_in_another_tenants_events(client, login, admin_user,
                                                               controller_a, make_agreement,
                                                               other_processor):
    make_agreement(controller_a)
    theirs = Event.objects.filter(processor_id_ref=other_processor.pk).order_by("seq").last()
    Event.objects.filter(pk=theirs.pk).update(data={"tampered": True})
    login(client, admin_user)
    response = verify(client)
    result = response.context["result"]
    assert not result.ok and result.broken_seq is None
    page = response.content.decode()
    assert "broken at an event outside your organisation" in page
    assert f"#{theirs.seq}:" not in page


def test_it_verifies_in_the_background_not_on_a_get(client, login, admin_user, controller_a, make_agreement):
    make_agreement(controller_a, state="sent")
    login(client, admin_user)
    before = Event.objects.count()
    page = client.get(reverse("ledger:ledger"), {"verify": "1"})
    assert page.status_code == 200 and page.context["result"] is None and not ChainCheck.objects.exists()
    response = verify(client)
    check = ChainCheck.objects.get()
    assert check.status == "done" and check.ok and check.requested_by == admin_user.username
    # Asking is itself on the record (one event), and the result is kept and shown.
    asked = Event.objects.get(action="ledger.check_requested")
    assert asked.seq == before + 1 and asked.processor_id_ref == admin_user.membership.processor_id
    assert response.context["result"] == check and "The chain is intact" in response.content.decode()


def test_a_read_only_admin_may_not_queue_a_verification(client, login, processor):
    from tests.conftest import _user

    reader = _user("reader_admin", role="processor_admin", processor=processor, read_only=True)
    login(client, reader)
    assert client.post(reverse("ledger:ledger_verify")).status_code == 403
    assert not ChainCheck.objects.exists()


def test_it_shows_and_verifies_the_ledger(client, login, admin_user, controller_a, make_agreement):
    agreement = make_agreement(controller_a, state="sent")
    login(client, admin_user)
    response = verify(client)
    assert response.context["result"].ok
    page = response.content.decode()
    assert f"Agreement {agreement.reference} sent for signature by admin" in page
    assert "agreement.sent" not in page


def test_it_reports_a_broken_chain(client, login, admin_user, controller_a, make_agreement):
    make_agreement(controller_a)
    event = Event.objects.order_by("seq").first()
    Event.objects.filter(pk=event.pk).update(data={"tampered": True})
    login(client, admin_user)
    result = verify(client).context["result"]
    assert not result.ok and result.broken_seq == event.seq


def test_only_admins_see_the_ledger(client, login, staff_a):
    login(client, staff_a)
    assert client.get(reverse("ledger:ledger")).status_code == 403


def _walk(client, start: str, key: str) -> tuple[list[list[int]], dict]:
    """Follow the pager's ``key`` link ("older" or "newer") from ``start``: the seqs of each page."""
    import re

    pages, url, response = [], start, None
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([line.event.seq for line in response.context["lines"]])
        query = getattr(response.context["page"], f"{key}_query")
        url = None if query is None else reverse("ledger:ledger") + "?" + query.urlencode()
        if query is not None:
            param = "before" if key == "older" else "after"
            assert re.search(rf'href="\?{param}=\d+"', response.content.decode())
    return pages, response.context


def test_its_pages_go_from_a_seq_without_overlap_and_reach_every_event(client, login, admin_user,
                                                                       other_processor):
    from django.db import transaction

    from art28.ledger.services import record_event

    own_id = admin_user.membership.processor_id
    with transaction.atomic():
        for n in range(180):
            record_event(action="controller.updated", obj=("note", f"n{n}"), acting_user="pytest",
                         processor_id=own_id if n % 3 else other_processor.pk)
    own = list(Event.objects.filter(processor_id_ref=own_id).order_by("-seq").values_list("seq", flat=True))
    assert len(own) > 100
    login(client, admin_user)
    older, _ = _walk(client, reverse("ledger:ledger"), "older")
    assert [len(p) for p in older[:-1]] == [50] * (len(older) - 1) and 0 < len(older[-1]) <= 50
    assert [seq for page in older for seq in page] == own  # newest first, no overlap, no gap
    # Back from the oldest page through "newer": the same pages again, up to the newest.
    oldest = min(own)
    newer, context = _walk(client, reverse("ledger:ledger") + f"?after={oldest - 1}", "newer")
    seen = [seq for page in newer for seq in page]
    assert sorted(seen, reverse=True) == own and len(seen) == len(set(seen))
    assert context["page"].newer_query is None and context["page"].older_query is not None


def test_a_page_of_the_ledger_costs_the_same_queries_at_any_depth(client, login, admin_user):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from art28.ledger.services import record_event

    with transaction.atomic():
        for n in range(160):
            record_event(action="controller.updated", obj=("note", f"n{n}"), acting_user="pytest",
                         processor_id=admin_user.membership.processor_id)
    login(client, admin_user)
    middle = Event.objects.filter(processor_id_ref=admin_user.membership.processor_id).order_by("seq")[80].seq
    counts = []
    for url in ("", f"?before={middle}", f"?after={middle}", "?before=nonsense"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("ledger:ledger") + url).status_code == 200
        counts.append(len(ctx.captured_queries))
        # The one COUNT is the number of matching events the page shows, read off the
        # (processor, seq) index; a page is still a seek, never an OFFSET.
        ledger = [q["sql"] for q in ctx.captured_queries if "ledger_event" in q["sql"]]
        assert not any("OFFSET" in sql for sql in ledger)
        assert sum("COUNT(" in sql for sql in ledger) == 1
    assert max(counts) - min(counts) <= 1


def test_it_names_an_invitation_by_the_address_it_went_to(client, login, admin_user, processor):
    from art28.accounts.services import create_invitation, revoke_invitation

    invitation, _raw = create_invitation(processor=processor, email="nieuwe.collega@example.org",
                                         role="staff", acting_user=admin_user)
    revoke_invitation(invitation=invitation, acting_user=admin_user)
    assert Event.objects.filter(action="account.invited", data__email="nieuwe.collega@example.org").exists()
    login(client, admin_user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("ledger:ledger")).content.decode()
    assert f"{admin_user.username} invited nieuwe.collega@example.org" in page
    assert "revoked the invitation of nieuwe.collega@example.org" in page
    assert "invited an invitation" not in page and "invitation of an invitation" not in page
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("ledger:ledger")).content.decode()
    assert "uitnodiging uitgenodigd" not in page and "nieuwe.collega@example.org" in page


def test_it_says_the_verified_count_with_the_readers_thousands_separator(client, login, admin_user,
                                                                         processor):
    from django.utils import timezone

    ChainCheck.objects.create(processor_id_ref=processor.pk, requested_by=admin_user.username,
                              requested_at=timezone.now(), status="done", finished_at=timezone.now(),
                              ok=True, checked=104213)
    login(client, admin_user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("ledger:ledger")).content.decode()
    assert "it holds 104,213 events of your organisation" in page
    client.cookies["django_language"] = "nl"
    assert "hij bevat 104.213 gebeurtenissen" in client.get(reverse("ledger:ledger")).content.decode()
