"""``visible_at``: the need-to-know condition as a join for the processor's admin selects exactly
the rows the list of visible controllers selects, for every member of the cast and for another
processor's admin; the staff home built on it shows that other admin nothing of ours."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.agreements.models import Agreement, AgreementVersion
from art28.parties.access import visible_at, visible_controllers
from art28.parties.models import Processor, Role
from tests.conftest import _user

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_admin(db):
    other = Processor.objects.create(name="Andere Hosting B.V.", country="NL", kvk="11223344")
    return _user("other_admin", role=Role.PROCESSOR_ADMIN, processor=other)


def test_it_selects_the_visible_controllers_rows_for_everyone(make_agreement, controller_a, controller_b,
                                                              admin_user, staff_a, staff_none, user_a,
                                                              other_admin):
    make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="sent")
    expected = {admin_user: 2, staff_a: 1, staff_none: 0, user_a: 1, other_admin: 0}
    for user, n in expected.items():
        for model, path in ((Agreement, "controller"), (AgreementVersion, "agreement__controller")):
            joined = set(model.objects.filter(visible_at(user, path)).values_list("pk", flat=True))
            listed = set(model.objects.filter(**{f"{path}__in": visible_controllers(user)})
                         .values_list("pk", flat=True))
            assert joined == listed and len(joined) == n, (user.username, model.__name__)


def test_another_processors_admin_sees_none_of_it_on_the_staff_home(client, login, make_agreement,
                                                                    controller_a, admin_user, other_admin):
    from art28.requests.services import authority

    a = make_agreement(controller_a, state="signed")
    authority.record_authority_request(
        agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices", respond_by=timezone.now() + timedelta(days=2), acting_user=admin_user)
    login(client, admin_user)
    response = client.get(reverse("obligations:staff_dashboard"))
    assert "Belastingdienst" in response.content.decode()
    assert {v: n for v, _, n in response.context["by_status"]}["signed"] == 1
    login(client, other_admin)
    response = client.get(reverse("obligations:staff_dashboard"))
    assert "Belastingdienst" not in response.content.decode()
    assert response.context["due_page"].paginator.count == 0
    assert sum(n for _v, _l, n in response.context["by_status"]) == 0
    assert response.context["controller_count"] == 0
