"""notices.recipients: who hears of a notice, who would hear from nobody, and the staff told
of a controller's answer (breach acknowledgement, audit request)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from art28.notices.models import Audience, Notice, NoticeKind
from art28.notices.recipients import notice_recipients, recipients_missing, staff_recipients
from art28.parties.models import Contact


@pytest.mark.django_db
def test_recipients_missing_follows_each_kind_of_notice(controller_a, controller_b, make_controller):
    # A: only a privacy contact; B: only a breach-notice recipient; C: nobody; D: only a webhook.
    Contact.objects.filter(controller=controller_a).update(is_signatory=False, is_breach_recipient=False)
    Contact.objects.filter(controller=controller_b).update(is_signatory=False, is_privacy_contact=False)
    c = make_controller("Nobody Home B.V.")
    c.contacts.all().delete()
    d = make_controller("Hook Only B.V.", webhook_url="https://hooks.example/d")
    d.contacts.all().delete()
    ids = [controller_a.pk, controller_b.pk, c.pk, d.pk]
    assert recipients_missing(NoticeKind.BREACH_NOTICE, ids) == [c]
    assert recipients_missing(NoticeKind.SUBPROCESSOR_CHANGE_NOTICE, ids) == [controller_b, c]
    assert notice_recipients(NoticeKind.BREACH_NOTICE, ids)[controller_a.pk] == [
        controller_a.contacts.get().email
    ]


@pytest.mark.django_db
def test_staff_recipients_are_the_assigned_staff_else_the_admins(
    processor, admin_user, staff_a, staff_none, staff_readonly, controller_a, controller_b
):
    assert staff_recipients(processor.pk, controller_a.pk) == [staff_a.email]
    assert staff_recipients(processor.pk, controller_b.pk) == [admin_user.email]


@pytest.mark.django_db
def test_a_breach_acknowledgement_reaches_the_assigned_staff(
    processor, admin_user, staff_a, user_a, controller_a, make_agreement, smtp_server
):
    import time_machine

    from art28.breaches.models import IncidentNotice
    from art28.breaches.services import acknowledge_notice, open_incident, send_notices
    from art28.notices.services import drain
    from art28.subprocessors.services import register_subprocessor

    agreement = make_agreement(controller_a, state="signed")
    with time_machine.travel("2025-01-01 00:00Z", tick=False):  # in use long before the incident
        sp = register_subprocessor(processor=processor, acting_user=admin_user, named_in_agreements=True,
                                   agreements=[agreement],
                                   data={"name": "Backupkluis GmbH", "country": "DE", "service": "Backup",
                                         "scope_all": False})
    facts = {"title": "Bucket readable", "aware_at": timezone.now() - timedelta(hours=1),
             "confidentiality": True, "data_categories": ["naam"], "description": "Public for two hours."}
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[sp], facts=facts)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    item = IncidentNotice.objects.get(affected__agreement=agreement)
    acknowledge_notice(incident_notice=item, acting_user=user_a)
    acknowledge_notice(incident_notice=IncidentNotice.objects.get(pk=item.pk), acting_user=user_a)
    told = Notice.objects.filter(kind=NoticeKind.ANSWER_RECEIVED)
    assert told.count() == 1  # the first acknowledgement only
    notice = told.get()
    assert notice.audience == Audience.PROCESSOR and notice.controller_id is None
    assert list(notice.deliveries.values_list("recipient", flat=True)) == [staff_a.email]
    drain()
    (mail,) = smtp_server.to(staff_a.email)
    assert "ontvangstbevestiging" in mail["text"] and incident.reference in mail["text"]


@pytest.mark.django_db
def test_an_audit_request_reaches_the_assigned_staff(
    processor, staff_a, user_a, controller_a, make_agreement
):
    from art28.requests.services import audits

    agreement = make_agreement(controller_a, state="signed", terms={"audit": {"notice_days": 0}})
    audits.request_audit(agreement=agreement, scope_text="All", auditor="Audit & Co", acting_user=user_a,
                         starts_on=timezone.localdate() + timedelta(days=3),
                         ends_on=timezone.localdate() + timedelta(days=4))
    notice = Notice.objects.get(kind=NoticeKind.AUDIT_UPDATE, audience=Audience.PROCESSOR)
    assert staff_a.email in set(notice.deliveries.values_list("recipient", flat=True))
