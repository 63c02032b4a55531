"""Staff console: bulk onboarding from a CSV upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.parties.models import Controller

pytestmark = pytest.mark.django_db

HEADER = "name,postcode,city,country,kvk,contact_name,contact_email\n"
GOOD = "Huisartsen Oost,1091 AA,Amsterdam,NL,23456789,Ans Berg,ans@oost.example\n"
BAD = "Fysio West,1234,Leiden,NL,1234567,Bert Kok,bert@west.example\n"
GOOD2 = "Kapsalon Knip,5611 AB,Eindhoven,NL,34567890,,\n"


def _upload(client, text: str, **extra):
    file = SimpleUploadedFile("clients.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("parties:controller_import"), {"file": file, **extra})


def test_it_imports_every_row(client, login, admin_user, actions):
    login(client, admin_user)
    response = _upload(client, HEADER + GOOD + GOOD2)
    assert response.context["report"].imported == 2
    assert set(Controller.objects.values_list("kvk", flat=True)) == {"23456789", "34567890"}
    assert Controller.objects.get(kvk="23456789").contacts.get().is_signatory
    assert actions().count("controller.created") == 2


def test_it_imports_nothing_when_a_row_is_bad(client, login, admin_user, actions):
    login(client, admin_user)
    response = _upload(client, HEADER + GOOD + BAD)
    page = response.content.decode()
    assert response.context["report"].errors[0][0] == 3  # line 3 of the file
    assert "postcode" in page and "kvk" in page
    assert not Controller.objects.exists()
    assert "controller.created" not in actions()


def test_it_skips_bad_rows_when_asked(client, login, admin_user):
    login(client, admin_user)
    response = _upload(client, HEADER + GOOD + BAD, skip_invalid="on")
    assert response.context["report"].imported == 1
    assert list(Controller.objects.values_list("kvk", flat=True)) == ["23456789"]


def test_it_explains_a_file_without_header(client, login, admin_user):
    login(client, admin_user)
    response = _upload(client, "foo;bar\n1;2\n")
    assert response.context["form"].non_field_errors()
    assert not Controller.objects.exists()


def test_it_explains_a_file_that_is_not_utf8(client, login, admin_user):
    login(client, admin_user)
    file = SimpleUploadedFile("c.csv", (HEADER + "Caf\xe9 Noord,,,NL,,,\n").encode("latin-1"))
    response = client.post(reverse("parties:controller_import"), {"file": file})
    assert response.context["form"].errors["file"]
    assert not Controller.objects.exists()


def test_read_only_is_denied(client, login, staff_readonly):
    login(client, staff_readonly)
    assert _upload(client, HEADER + GOOD).status_code == 403
    assert not Controller.objects.filter(kvk="23456789").exists()


def test_staff_who_are_not_admin_are_denied(client, login, staff_a):
    login(client, staff_a)
    assert _upload(client, HEADER + GOOD).status_code == 403
    assert not Controller.objects.filter(kvk="23456789").exists()


def test_controller_users_get_404(client, login, user_a):
    login(client, user_a)
    assert _upload(client, HEADER + GOOD).status_code == 404
    assert not Controller.objects.filter(kvk="23456789").exists()
