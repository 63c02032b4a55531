"""The controller import (CSV) passes the one upload check: nothing is imported otherwise."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.parties.models import Controller

pytestmark = pytest.mark.django_db
CSV = b"name,postcode,city,country,kvk,contact_name,contact_email\nCafe Noord,,,NL,,,\n"


def _post(client, name, content):
    return client.post(reverse("parties:controller_import"), {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("name", "content"), [
    ("clients.html", b"<html><script>alert(1)</script></html>"),
    ("clients.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("clients.csv", b"<svg onload=alert(1)>,x\n"),
])
def test_it_refuses_the_wrong_type(client, login, admin_user, name, content):
    login(client, admin_user)
    before = Controller.objects.count()
    response = _post(client, name, content)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["file"]
    assert Controller.objects.count() == before


def test_it_refuses_a_file_over_the_limit(client, login, admin_user, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    login(client, admin_user)
    before = Controller.objects.count()
    response = _post(client, "clients.csv", CSV + b"," * (1024 * 1024))
    assert "1 MB" in response.context["form"].errors["file"][0]
    assert Controller.objects.count() == before
