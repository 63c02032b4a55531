"""``art28 demo --bind HOST:PORT``: the links in its e-mails point where it serves."""

import os

import pytest
from django.core.management import call_command

from art28.notices.models import Notice
from art28.ops.management.commands.demo import point_links_at


@pytest.fixture
def clean_env(monkeypatch):
    # setenv first so that monkeypatch restores the environment whatever the command sets.
    for name in ("BASE_URL", "ALLOWED_HOSTS"):
        monkeypatch.setenv(name, "x")
        monkeypatch.delenv(name)


@pytest.mark.django_db
def test_it_points_the_links_in_e_mails_at_the_bound_address(settings, tmp_path, capsys, clean_env):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("demo", "--no-serve", "--bind", "127.0.0.1:8765")
    out = capsys.readouterr().out
    assert "Open http://127.0.0.1:8765/" in out and "Links in e-mails point to http://127.0.0.1:8765" in out
    mails = Notice.objects.exclude(body_text="")
    assert mails.filter(body_text__contains="http://127.0.0.1:8765/").exists()
    assert not mails.filter(body_text__contains="http://127.0.0.1:8000").exists()
    assert os.environ["BASE_URL"] == "http://127.0.0.1:8765"  # what the served processes inherit


def test_it_lets_the_bound_host_in_and_leaves_a_set_base_url_alone(settings, monkeypatch, clean_env):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    note = point_links_at("192.0.2.7:9000")
    assert settings.BASE_URL == "http://192.0.2.7:9000" and "192.0.2.7" in settings.ALLOWED_HOSTS
    assert "http://192.0.2.7:9000" in note
    monkeypatch.setenv("BASE_URL", "https://dpa.example.nl")
    settings.BASE_URL = "https://dpa.example.nl"
    note = point_links_at("127.0.0.1:9001")
    assert settings.BASE_URL == "https://dpa.example.nl" and "BASE_URL" in note and "not --bind" in note


def test_it_says_that_a_wildcard_address_needs_base_url(settings, clean_env):
    note = point_links_at("0.0.0.0:8000")
    assert settings.BASE_URL == "http://localhost:8000" and "set BASE_URL" in note
