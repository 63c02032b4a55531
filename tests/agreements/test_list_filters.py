"""Search, filters and paging of the staff lists of controllers, agreements and the requests overview."""

from __future__ import annotations

from django.urls import reverse


def _rows(response) -> str:
    return response.content.decode()


def test_it_narrows_agreements_by_search_status_and_controller(client, login, admin_user, make_agreement,
                                                               controller_a, controller_b):
    a = make_agreement(controller_a, state="sent")
    b = make_agreement(controller_b)
    login(client, admin_user)
    url = reverse("agreements:agreement_list")
    both = _rows(client.get(url))
    assert a.reference in both and b.reference in both
    by_name = _rows(client.get(url, {"q": "Zonnebloem"}))
    assert a.reference in by_name and b.reference not in by_name
    by_ref = _rows(client.get(url, {"q": b.reference}))
    assert b.reference in by_ref and a.reference not in by_ref
    by_kvk = _rows(client.get(url, {"controller": controller_b.kvk}))
    assert b.reference in by_kvk and a.reference not in by_kvk
    sent = _rows(client.get(url, {"status": "sent"}))
    assert a.reference in sent and b.reference not in sent
    assert "No agreements found." in _rows(client.get(url, {"q": "Zonnebloem", "status": "draft"}))


def test_it_shows_an_outsider_none_of_another_processors_agreements(client, login, make_agreement,
                                                                     controller_a, staff_none):
    a = make_agreement(controller_a)
    login(client, staff_none)
    page = _rows(client.get(reverse("agreements:agreement_list"), {"q": a.reference}))
    assert reverse("agreements:agreement_detail", args=[a.code]) not in page
    assert "No agreements found." in page
    page = _rows(client.get(reverse("requests:staff_overview"), {"q": "Zonnebloem"}))
    assert reverse("requests:staff_agreement", args=[a.code]) not in page


def test_it_pages_60_controllers_and_keeps_the_search(client, login, admin_user, make_controller):
    for n in range(60):
        make_controller(f"Zoekbaar {n:02d} B.V.")
    make_controller("Anders B.V.")
    login(client, admin_user)
    url = reverse("parties:controller_list")
    first = _rows(client.get(url, {"q": "Zoekbaar"}))
    assert "Page 1 of 3" in first and "Anders B.V." not in first
    assert "?q=Zoekbaar&amp;page=2" in first
    last = _rows(client.get(url, {"q": "Zoekbaar", "page": 3}))
    assert "Page 3 of 3" in last and "Zoekbaar 59 B.V." in last and "Zoekbaar 00 B.V." not in last


def test_it_pages_agreements_with_their_filters(client, login, admin_user, make_agreement, make_controller):
    from art28.agreements.models import Agreement

    for _ in range(26):
        make_agreement(make_controller())
    login(client, admin_user)
    first = _rows(client.get(reverse("agreements:agreement_list"), {"status": "draft"}))
    assert "Page 1 of 2" in first and "status=draft&amp;page=2" in first
    second = _rows(client.get(reverse("agreements:agreement_list"), {"status": "draft", "page": 2}))
    assert second.count("/staff/agreements/") >= 1 and Agreement.objects.count() == 26


def test_it_searches_the_requests_overview(client, login, admin_user, make_agreement,
                                           controller_a, controller_b):
    a = make_agreement(controller_a, state="signed")
    b = make_agreement(controller_b, state="signed")
    login(client, admin_user)
    url = reverse("requests:staff_overview")
    both = _rows(client.get(url))
    assert a.reference in both and b.reference in both
    one = _rows(client.get(url, {"q": "Harbour"}))
    assert b.reference in one and a.reference not in one
