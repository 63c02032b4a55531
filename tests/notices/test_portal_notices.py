"""Controller portal: the notices inbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_it_shows_the_notices_of_the_own_organisation(client, login, user_a, user_b, controller_a,
                                                      controller_b, make_agreement):
    # Signatories with a login get a plain portal link, a notice to their organisation.
    for user, controller in ((user_a, controller_a), (user_b, controller_b)):
        user.email = controller.signatories().get().email
        user.save()
    make_agreement(controller_a, state="sent")
    make_agreement(controller_b, state="sent")
    login(client, user_a)
    response = client.get(reverse("notices:portal_notices"))
    shown = list(response.context["page"])
    assert shown and all(n.controller == controller_a for n in shown)
    assert Notice.objects.filter(controller=controller_b).exists()
