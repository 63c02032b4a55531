import pytest
from django.core.management import call_command

from art28.agreements.models import Agreement, VersionStatus
from art28.ledger.services import verify_chain
from art28.parties.models import Controller, Membership


@pytest.mark.django_db
def test_it_prepares_the_demo_world_once(settings, tmp_path, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out and "demo-art28-wachtwoord" in out and "TOTP secret" in out
    assert Controller.objects.count() == 4
    versions = [a.latest for a in Agreement.objects.all()]
    hours = {(v.language, v.dpa_terms.breach.notice_hours, v.status) for v in versions}
    assert ("nl", 24, VersionStatus.SIGNED) in hours and ("en", 48, VersionStatus.SIGNED) in hours
    assert {v.status for v in versions} == {VersionStatus.SIGNED, VersionStatus.SENT}
    assert all(v.document_sha256 for v in versions)
    assert Membership.objects.filter(role="controller_user").count() == 4
    assert verify_chain().ok
    call_command("demo", "--no-serve")  # a second run changes nothing
    assert Controller.objects.count() == 4


@pytest.mark.django_db
def test_it_shows_a_week_of_work_in_the_demo(settings, tmp_path):
    from art28.breaches.models import Incident
    from art28.notices.models import Notice
    from art28.requests.models import DataSubjectRequest
    from art28.subprocessors.models import ChangeAgreement, Subprocessor

    settings.STATIC_ROOT = tmp_path / "static"
    call_command("demo", "--no-serve")
    assert Subprocessor.objects.filter(status="active").count() == 2
    clocks = ChangeAgreement.objects.all()
    assert clocks.count() == 4  # the monitoring proposal reaches every client
    assert {c.mode for c in clocks} == {"consent", "objection"}
    incident = Incident.objects.get()
    assert incident.affected.count() == 4
    assert Notice.objects.filter(kind="breach_notice").count() == 4
    assert DataSubjectRequest.objects.count() == 1
