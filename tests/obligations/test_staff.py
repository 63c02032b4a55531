"""Staff console: the dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.notices.models import Delivery, DeliveryStatus

pytestmark = pytest.mark.django_db


def test_it_counts_on_the_dashboard(client, login, staff_a, controller_a, controller_b,
                                    make_agreement, user_a):
    user_a.email = controller_a.signatories().get().email  # a login: the notice is A's own
    user_a.save()
    make_agreement(controller_a, state="sent")
    make_agreement(controller_a)
    make_agreement(controller_b, state="sent")  # not assigned: not counted
    Delivery.objects.filter(notice__controller=controller_a).update(status=DeliveryStatus.FAILED)
    login(client, staff_a)
    ctx = client.get(reverse("obligations:staff_dashboard")).context
    assert ctx["controller_count"] == 1
    assert {v: n for v, _, n in ctx["by_status"]}["sent"] == 1
    assert {v: n for v, _, n in ctx["by_status"]}["draft"] == 1
    assert ctx["failed_deliveries"] == 1 and ctx["pending_deliveries"] == 0


def test_controller_users_get_404_in_the_console(client, login, user_a):
    login(client, user_a)
    for name in ("obligations:staff_dashboard", "parties:processor_edit", "ledger:ledger",
                 "agreements:agreement_list"):
        assert client.get(reverse(name)).status_code == 404


def test_the_dashboard_counts_each_agreement_once_by_its_newest_version(client, login, admin_user,
                                                                        controller_a, make_agreement):
    from art28.agreements import services

    signed = make_agreement(controller_a, state="signed")
    make_agreement(controller_a, state="signed")
    terms = signed.latest.terms
    terms["processing"]["subject_matter"] = "hosting and backups"
    services.update_terms(agreement=signed, terms=terms, acting_user=admin_user)  # a draft version 2
    login(client, admin_user)
    counts = {v: n for v, _, n in client.get(reverse("obligations:staff_dashboard")).context["by_status"]}
    assert counts["signed"] == 1 and counts["draft"] == 1 and sum(counts.values()) == 2
