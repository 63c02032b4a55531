"""The register counts late initial notices in SQL exactly as ``IncidentNotice.is_late`` does."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from art28.breaches.models import IncidentNotice
from art28.breaches.services import processor_rows, send_notices
from art28.notices.models import Delivery


def _late_column(incident):
    from art28.breaches.models import Incident

    return next(processor_rows(Incident.objects.filter(pk=incident.pk)))["controllers"]


@pytest.mark.django_db
def test_it_counts_late_notices_like_the_notice_itself(incident, admin_user):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    first, second = IncidentNotice.objects.select_related("affected").order_by("pk")
    assert _late_column(incident) == "2/2 · 0"
    # The first reached its controller only after its deadline: late.
    Delivery.objects.filter(notice=first.notice).update(
        status="sent", sent_at=first.affected.deadline + timedelta(minutes=1))
    assert _late_column(incident) == "2/2 · 1"
    # Past every deadline, the second, never sent, is late too.
    with time_machine.travel(second.affected.deadline + timedelta(hours=1)):
        assert _late_column(incident) == "2/2 · 2"
        assert [n.is_late() for n in IncidentNotice.objects.order_by("pk")] == [True, True]
    # Sent in time after all: not late, whatever the clock says now.
    Delivery.objects.filter(notice=second.notice).update(status="sent", sent_at=second.created_at)
    with time_machine.travel(second.affected.deadline + timedelta(hours=1)):
        assert _late_column(incident) == "2/2 · 1"
