"""Absolute addresses: BASE_URL and the reversed path, nothing else."""

from __future__ import annotations

import uuid

from django.urls import reverse

from art28.core.urls import absolute_url


def test_it_puts_the_base_url_before_the_path(settings):
    settings.BASE_URL = "https://dpa.example.nl"
    code = uuid.uuid4()
    assert absolute_url("breaches:incident_detail", code) == \
        "https://dpa.example.nl" + reverse("breaches:incident_detail", args=[code])


def test_it_takes_a_url_without_arguments_and_keyword_arguments(settings):
    settings.BASE_URL = "http://127.0.0.1:8000"
    assert absolute_url("obligations:settings") == "http://127.0.0.1:8000" + reverse("obligations:settings")
    code = uuid.uuid4()
    assert absolute_url("breaches:incident_detail", code=code) == \
        "http://127.0.0.1:8000" + reverse("breaches:incident_detail", kwargs={"code": code})
