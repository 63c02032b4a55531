"""The list read a page at a time (SQL per kind, merged) equals the whole list, in its order,
for every page size; counts and need-to-know hold on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from art28.obligations.collect import due_list, open_obligations
from art28.obligations.models import ObligationKind as K
from tests.api.conftest import Api

A, B = "Tandartspraktijk Zonnebloem", "Harbour Analytics Ltd"
NOW = "2027-02-01 09:00Z"


@pytest.fixture
def mixed(processor, admin_user, make_agreement, controller_a, controller_b, signed_pair, subprocessor):
    """Each controller: two agreements to sign, a data subject request, an authority request,
    an audit; both signed agreements: a breach clock and an objection window. Made at one
    frozen moment, so several rows share a deadline and only their order key tells them apart."""
    from art28.breaches.services import open_incident
    from art28.requests.services import audits, authority, data_subject
    from art28.subprocessors import services

    with time_machine.travel(NOW, tick=False):
        for controller, signed in ((controller_a, signed_pair[0]), (controller_b, signed_pair[1])):
            make_agreement(controller, state="sent")
            make_agreement(controller, state="sent")
            data_subject.record_data_subject_request(agreement=signed, kind="access", requester="P. Jansen",
                                                     details="A copy", channel="phone",
                                                     acting_user=admin_user)
            authority.record_authority_request(
                agreement=signed, authority_kind="tax", authority="Belastingdienst",
                legal_basis="Art. 53 AWR", description="Invoices",
                respond_by=timezone.now() + timedelta(days=2), acting_user=admin_user)
            audits.request_audit(agreement=signed, scope_text="All", auditor="Audit & Co",
                                 starts_on=timezone.localdate() + timedelta(days=16),
                                 ends_on=timezone.localdate() + timedelta(days=17), acting_user=admin_user)
        open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                      facts={"title": "Bucket readable", "aware_at": timezone.now(),
                             "confidentiality": True, "description": "Public for two hours."})
        sp = services.register_subprocessor(processor=processor, acting_user=admin_user, data={
            "name": "Rekenhal B.V.", "country": "NL", "service": "Hosting", "locations": ["NL"]})
        services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                effective_at=timezone.now() + timedelta(days=30), acting_user=admin_user)


def _order(rows):
    return [o.uid for o in rows]


@pytest.mark.usefixtures("mixed")
@pytest.mark.parametrize("with_fields", [250, 0])
def test_pages_of_every_size_join_up_to_the_whole_list_in_deadline_order(monkeypatch, admin_user,
                                                                         with_fields):
    """A short slice reads its rows' columns with their keys, a longer one (``WITH_FIELDS`` 0
    here) asks for them by key afterwards: either way the same rows."""
    from art28.obligations import collect

    monkeypatch.setattr(collect, "WITH_FIELDS", with_fields)
    with time_machine.travel(NOW, tick=False):
        whole = open_obligations(admin_user)
        assert {o.kind for o in whole} >= {K.SIGNATURE, K.DATA_SUBJECT_REQUEST, K.AUTHORITY_REQUEST,
                                           K.AUDIT, K.BREACH_NOTICE, K.OBJECTION_WINDOW}
        assert len(whole) == 14
        # Nearest deadline first, undated last; equal deadlines by kind and code.
        far = timezone.now() + timedelta(days=36500)
        assert _order(whole) == _order(sorted(whole, key=lambda o: (o.due is None, o.due or far, o.uid)))
        assert len({o.due for o in whole}) < len(whole)  # ties are there to be broken
        for size in (1, 2, 3, 5, 13, 20):
            rows = due_list(admin_user)
            assert len(rows) == len(whole)
            paged = [o for start in range(0, len(whole), size) for o in rows[start:start + size]]
            assert paged == whole, size
        assert due_list(admin_user)[len(whole):len(whole) + 5] == []
        assert due_list(admin_user)[3] == whole[3]


@pytest.mark.usefixtures("mixed")
def test_the_api_pages_the_same_order(client, admin_user):
    api = Api(client)
    with time_machine.travel(NOW, tick=False):
        whole = open_obligations(admin_user)
        seen = []
        for page in (1, 2, 3):
            body = api.get(f"/obligations?page={page}&page_size=5", as_=admin_user).json()
            assert (body["count"], body["pages"]) == (14, 3)
            seen += [(i["kind"], i["url"], i["due"]) for i in body["items"]]
    assert [(k, url) for k, url, _due in seen] == [(o.kind, o.url) for o in whole]


@pytest.mark.usefixtures("mixed")
def test_an_assigned_staff_member_sees_only_their_clients_on_every_page(client, admin_user, staff_a,
                                                                        staff_none):
    api = Api(client)
    with time_machine.travel(NOW, tick=False):
        everyone = open_obligations(admin_user)
        theirs = open_obligations(staff_a)
        assert theirs == [o for o in everyone if o.controller == A]
        assert {o.controller for o in everyone} == {A, B}
        rows = due_list(staff_a)
        assert len(rows) == len(theirs) == 7
        assert [o for start in range(0, 7, 2) for o in rows[start:start + 2]] == theirs
        assert len(due_list(staff_none)) == 0
        assert due_list(staff_none)[0:25] == []
        body = api.get("/obligations?page=2&page_size=3", as_=staff_a).json()
        assert body["count"] == 7
        assert {i["controller"] for i in body["items"]} == {A}
        # The staff home: its count and rows are the assigned controller's only.
        from django.test import RequestFactory

        from art28.obligations.listing import obligations_context

        request = RequestFactory().get("/staff/", {"page": "1"})
        request.user = staff_a
        context = obligations_context(request)
        assert context["due_page"].paginator.count == 7
        assert {r["o"].controller for r in context["due_page"].object_list} == {A}


@pytest.mark.usefixtures("mixed")
def test_the_timeline_draws_what_the_whole_list_would(admin_user, staff_a):
    from art28.obligations.timeline import list_timeline, timeline

    with time_machine.travel(NOW, tick=False):
        for user in (admin_user, staff_a):
            drawn = list_timeline(due_list(user))
            assert drawn == timeline(open_obligations(user))
            assert drawn["marks"]


@pytest.mark.usefixtures("mixed")
@pytest.mark.parametrize("spread", [False, True])
def test_large_sources_in_one_day_or_several_draw_the_whole_lists_timeline(monkeypatch, processor, admin_user,
                                                                          staff_a, spread):
    """Every source read as a large one: one whose rows all fall in one day takes its count
    from the list (or a COUNT under a deadline filter), one spread over days (a second change
    proposed a day later) is counted day by day; either way the marks and the number hidden
    are those of the whole list."""
    from art28.obligations import collect
    from art28.obligations.timeline import list_timeline, timeline
    from art28.subprocessors import services

    monkeypatch.setattr(collect, "SMALL", 0)
    if spread:
        with time_machine.travel("2027-02-02 15:00Z", tick=False):
            sp = services.register_subprocessor(processor=processor, acting_user=admin_user, data={
                "name": "Opslagloods B.V.", "country": "NL", "service": "Backups", "locations": ["NL"]})
            services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                    effective_at=timezone.now() + timedelta(days=30), acting_user=admin_user)
    with time_machine.travel(NOW, tick=False):
        for user in (admin_user, staff_a):
            for before in (None, timezone.now() + timedelta(days=20)):
                rows = open_obligations(user, due_before=before)
                windows = {o.due for o in rows if o.kind == K.OBJECTION_WINDOW}
                assert len(windows) == (2 if spread else 1)
                assert list_timeline(due_list(user, due_before=before)) == timeline(rows)


@pytest.mark.usefixtures("mixed")
def test_the_search_keeps_the_matching_controllers_rows_of_every_kind_within_need_to_know(
        admin_user, staff_a, controller_a, controller_b):
    """``q`` is matched on each row's own controller (the clocks through their agreements): a
    name part or the start of a KvK number keeps exactly that controller's rows of the whole
    list, on every page, and never a controller the user may not see."""
    with time_machine.travel(NOW, tick=False):
        whole = open_obligations(admin_user)
        for q, name in (("zonnebloem", A), (controller_b.kvk, B), ("Analytics", B)):
            expected = [o for o in whole if o.controller == name]
            assert {o.kind for o in expected} >= {K.OBJECTION_WINDOW, K.AUTHORITY_REQUEST, K.SIGNATURE}
            assert open_obligations(admin_user, q=q) == expected, q
            rows = due_list(admin_user, q=q)
            assert len(rows) == len(expected)
            assert [o for start in range(0, len(expected), 3) for o in rows[start:start + 3]] == expected
        assert open_obligations(staff_a, q="Harbour") == []
        assert len(due_list(staff_a, q="Harbour")) == 0
        assert open_obligations(staff_a, q="Zonnebloem") == open_obligations(staff_a)
        assert open_obligations(admin_user, q="no such client") == []
