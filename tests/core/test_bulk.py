"""``core.bulk.insert_rows``: plain rows in, the same rows as the ORM would write, ids back in order."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import transaction

from art28.core.bulk import insert_rows
from art28.parties.models import Contact


def _fields() -> tuple[str, ...]:
    names = {f.name for f in Contact._meta.concrete_fields if not f.primary_key}
    return tuple(sorted(names))


@pytest.mark.django_db
def test_rows_are_inserted_with_their_values_and_their_ids_come_back_in_order(make_controller):
    controller = make_controller("Bulk B.V.")
    names = _fields()
    base = {f.name: f.get_default() for f in Contact._meta.concrete_fields if not f.primary_key}
    rows, codes = [], []
    for i in range(7):
        values = {**base, "controller": controller.pk, "name": f"Person {i} & <Zn>",
                  "email": f"p{i}@x.example"}
        values["code"] = uuid.uuid4()
        codes.append(values["code"])
        for name in names:
            if isinstance(values[name], datetime):
                values[name] = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        rows.append(tuple(values[n] for n in names))
    with transaction.atomic():
        ids = insert_rows(Contact, names, reversed(rows), key="code")
    stored = list(Contact.objects.filter(controller=controller, name__startswith="Person").order_by("pk"))
    assert [c.name for c in stored] == [f"Person {i} & <Zn>" for i in reversed(range(7))]
    assert [c.pk for c in stored] == ids and [c.code for c in stored] == list(reversed(codes))
    assert [c.email for c in stored] == [f"p{i}@x.example" for i in reversed(range(7))]


def test_a_missing_column_is_refused_not_left_to_a_default():
    with pytest.raises(ValueError, match="missing"):
        insert_rows(Contact, ("name",), [])
