"""Keyed pages (``core.pagination.keyed_slice``, the API's ``paginate(..., keyed=True)``):
the same rows in the same order as plain slicing, read in two queries whose second holds
one page of keys and none of the list's filters."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from art28.core.pagination import keyed_slice


@pytest.fixture
def contacts(processor, make_controller):
    from art28.parties.models import Contact, Controller

    for i in range(7):
        make_controller(f"Klant {'ABCDEFG'[6 - i]} B.V.")
    # Sorted by a joined column, filtered by a subquery, with related rows joined and prefetched.
    return (Contact.objects.filter(controller__in=Controller.objects.filter(processor=processor))
            .select_related("controller").prefetch_related("controller__contacts")
            .order_by("-controller__name", "pk"))


@pytest.mark.django_db
def test_every_window_holds_the_same_rows_in_the_same_order_as_a_plain_slice(contacts):
    plain = [c.pk for c in contacts]
    assert len(plain) == 7
    for start in range(8):
        for stop in range(start, 9):
            assert [c.pk for c in keyed_slice(contacts, start, stop)] == plain[start:stop]


@pytest.mark.django_db
def test_a_page_is_two_queries_the_second_by_key_alone_with_its_related_rows(contacts):
    with CaptureQueriesContext(connection) as ctx:
        rows = keyed_slice(contacts, 2, 5)
        names = [c.controller.name for c in rows]  # joined, not read again
        others = [len(c.controller.contacts.all()) for c in rows]  # prefetched
    assert names == ["Klant E B.V.", "Klant D B.V.", "Klant C B.V."] and others == [1, 1, 1]
    keys, page, prefetch = (q["sql"] for q in ctx.captured_queries)
    assert "LIMIT 3" in keys and "OFFSET 2" in keys
    # The list's filter (a subquery over the processor's controllers) is not evaluated again.
    assert "parties_controller" in page and page.count("SELECT") == 1 and "ORDER BY" not in page
    assert "parties_contact" in prefetch


@pytest.mark.django_db
def test_rows_that_are_not_the_model_s_are_sliced_as_they_are(contacts):
    from django.db.models import Count

    names = contacts.values_list("controller__name", flat=True)
    assert keyed_slice(names, 0, 2) == ["Klant G B.V.", "Klant F B.V."]
    counted = contacts.annotate(n=Count("controller__contacts"))
    assert [c.n for c in keyed_slice(counted, 0, 3)] == [1, 1, 1]
    assert len(keyed_slice(contacts.distinct(), 1, 4)) == 3



@pytest.mark.django_db
def test_the_api_s_keyed_page_equals_its_plain_page(contacts):
    from art28.api.pagination import PageParams, paginate

    for page in (1, 2, 3, 4):
        params = PageParams(page=page, page_size=3)
        keyed, plain = paginate(contacts, params, keyed=True), paginate(contacts, params)
        assert [c.pk for c in keyed["items"]] == [c.pk for c in plain["items"]]
        assert (keyed["count"], keyed["pages"]) == (plain["count"], plain["pages"]) == (7, 3)
    assert paginate(contacts, PageParams(page=4, page_size=3), keyed=True)["items"] == []
