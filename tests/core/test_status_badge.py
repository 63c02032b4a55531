"""One status badge: every status of every model shows its translated label in its tone."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.template import Context, Template
from django.utils import timezone, translation

from art28.accounts.models import Invitation
from art28.agreements.models import AgreementVersion, VersionStatus
from art28.core.status import Tone, choices_of, registered

BADGE = re.compile(r'^<span class="badge badge-(?P<tone>[a-z]+)">(?P<label>[^<]+)</span>$')


def _status_fields() -> list[models.Field]:
    return [f for m in apps.get_models() if m.__module__.startswith("art28.")
            for f in m._meta.get_fields() if f.name == "status" and getattr(f, "choices", None)]


def _badge(template: str, **context: object) -> re.Match[str]:
    rendered = Template(template).render(Context(context))
    found = BADGE.match(rendered)
    assert found, rendered
    return found


def test_it_knows_the_enum_of_every_status_field() -> None:
    fields = _status_fields()
    assert len(fields) >= 10
    for field in fields:
        assert choices_of(field) in registered(), field


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_shows_every_status_translated_in_a_known_tone(language: str) -> None:
    enums = {choices_of(f) for f in _status_fields()} | set(registered())
    with translation.override(language):
        for enum in enums:
            for member in enum:
                found = _badge("{% status_badge s %}", s=member)
                assert found["tone"] in set(Tone), (enum, member)
                label = html.unescape(found["label"])
                assert label.strip() and label == str(member.label), (enum, member, label)
                assert "_" not in label, (enum, member, label)
                if language == "nl":
                    assert label != member.value, f"{enum.__name__}.{member.name} is not translated"


def test_it_reads_the_status_of_a_model_instance() -> None:
    with translation.override("nl"):
        found = _badge("{% status_badge v %}", v=AgreementVersion(status=VersionStatus.SENT))
    assert found["tone"] == Tone.WAITING == "sent"
    assert found["label"] == "Wacht op ondertekening door de verwerkingsverantwoordelijke"


def test_it_reads_a_status_property_that_returns_a_member() -> None:
    invitation = Invitation(expires_at=timezone.now() - timedelta(days=1))
    found = _badge("{% status_badge i %}", i=invitation)
    assert (found["tone"], found["label"]) == (Tone.ENDED, "Expired")


def test_it_takes_a_plain_value_with_the_name_of_its_enum() -> None:
    found = _badge('{% status_badge value "VersionStatus" %}', value="signed")
    assert (found["tone"], found["label"]) == ("signed", "Signed")


def test_it_shows_a_dash_for_no_status() -> None:
    rendered = Template('{% status_badge value "VersionStatus" %}').render(Context({"value": None}))
    assert rendered == '<span class="badge">—</span>'
