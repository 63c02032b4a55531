"""A breach's counts reach each controller with the thousands separator of its language."""

from __future__ import annotations

import pytest

from art28.breaches.models import IncidentNotice
from art28.breaches.services import send_notices, update_incident


@pytest.mark.django_db
def test_it_groups_the_counts_in_each_controllers_notice(incident, admin_user, agreements):
    update_incident(incident=incident, acting_user=admin_user,
                    facts={"subjects_approx": 12500, "records_approx": 480000})
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    dutch = IncidentNotice.objects.get(affected__agreement=agreements[0]).notice  # controller A: Dutch
    english = IncidentNotice.objects.get(affected__agreement=agreements[1]).notice  # controller B: English
    assert "Geschat aantal betrokkenen: 12.500" in dutch.body_text
    assert "Geschat aantal records: 480.000" in dutch.body_text
    assert "12.500" in dutch.body_html and "12500" not in dutch.body_html
    assert "Approximate number of data subjects: 12,500" in english.body_text
    assert "Approximate number of records: 480,000" in english.body_text
