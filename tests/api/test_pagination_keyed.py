"""``paginate(..., keyed=True)``: the same pages as reading the rows whole, in the same order."""

from __future__ import annotations

import pytest

from art28.api.pagination import PageParams, paginate

pytestmark = pytest.mark.django_db


def test_keyed_gives_the_same_pages_without_overlap_and_reaches_every_row(make_controller):
    from art28.parties.models import Controller

    for n in range(11):
        make_controller(f"Klant {n % 4} B.V.")  # equal names: the order falls back on the key
    qs = Controller.objects.order_by("-name", "pk")
    seen = []
    for page in range(1, 5):
        params = PageParams(page=page, page_size=3)
        whole, by_key = paginate(qs, params), paginate(qs, params, keyed=True)
        assert [c.pk for c in by_key["items"]] == [c.pk for c in whole["items"]]
        assert (by_key["count"], by_key["pages"]) == (whole["count"], whole["pages"]) == (11, 4)
        seen += [c.pk for c in by_key["items"]]
    assert seen == list(qs.values_list("pk", flat=True)) and len(set(seen)) == 11
    assert paginate(qs, PageParams(page=9, page_size=3), keyed=True)["items"] == []
