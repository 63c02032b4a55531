"""Each kind of obligation appears when its clock starts and goes when its work is done."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from art28.obligations.collect import open_obligations
from art28.obligations.models import ObligationKind as K

A, B = "Tandartspraktijk Zonnebloem", "Harbour Analytics Ltd"


def _incident(processor, admin_user, subprocessor):
    from art28.breaches.services import open_incident

    return open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                         facts={"title": "Bucket readable", "aware_at": timezone.now(),
                                "confidentiality": True, "description": "Public for two hours."})


def test_it_lists_breach_clocks_until_the_notice_and_its_acknowledgement(
        processor, admin_user, staff_a, user_a, user_b, subprocessor, signed_pair, kinds):
    from art28.breaches.access import visible_notices
    from art28.breaches.services import send_notices
    from art28.breaches.services.controller import acknowledge_notice

    incident = _incident(processor, admin_user, subprocessor)
    assert kinds(admin_user) == {(K.BREACH_NOTICE, A), (K.BREACH_NOTICE, B)}
    assert kinds(staff_a) == {(K.BREACH_NOTICE, A)}  # need-to-know: not B's clock
    row = open_obligations(staff_a)[0]
    assert row.due == incident.affected.get(agreement=signed_pair[0]).deadline
    assert row.url == f"/breaches/{incident.code}/"
    assert kinds(user_a) == set()  # nothing is sent to the controller yet

    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert kinds(admin_user) == set()
    assert kinds(user_a) == {(K.TO_ACKNOWLEDGE, A)}
    assert kinds(user_b) == {(K.TO_ACKNOWLEDGE, B)}
    notice = visible_notices(user_a).get()
    assert open_obligations(user_a)[0].due == notice.created_at + timedelta(hours=72)

    acknowledge_notice(incident_notice=notice, acting_user=user_a)
    assert kinds(user_a) == set()
    assert kinds(user_b) == {(K.TO_ACKNOWLEDGE, B)}


def test_it_follows_a_change_through_its_window_objection_and_resolution(
        processor, admin_user, staff_a, staff_none, user_a, signed_pair, kinds):
    from art28.subprocessors import services
    from art28.subprocessors.models import ChangeAgreement

    sp = services.register_subprocessor(processor=processor, acting_user=admin_user, data={
        "name": "Rekenhal B.V.", "country": "NL", "service": "Hosting", "locations": ["NL"]})
    change = services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                     effective_at=timezone.now() + timedelta(days=30), acting_user=admin_user)
    clock_a = ChangeAgreement.objects.get(change=change, agreement=signed_pair[0])
    assert kinds(staff_a) == {(K.OBJECTION_WINDOW, A)}
    assert open_obligations(staff_a)[0].due == clock_a.objection_deadline
    assert kinds(staff_none) == set()
    assert kinds(user_a) == {(K.TO_ANSWER, A)}

    services.answer_change(clock=clock_a, answer="object", reason="Not in the EU cloud we chose",
                           acting_user=user_a)
    assert kinds(staff_a) == {(K.OBJECTION, A)}
    assert kinds(user_a) == set()

    clock_a.refresh_from_db()
    services.resolve_objection(clock=clock_a, outcome="withdraw", note="Not for you", acting_user=admin_user)
    assert kinds(staff_a) == set()
    assert kinds(admin_user) == {(K.OBJECTION_WINDOW, B)}


def test_it_lists_agreements_awaiting_signature_then_countersignature(
        make_agreement, controller_a, admin_user, staff_a, user_a, kinds):
    from art28.agreements import services
    from art28.agreements.models import AgreementVersion

    agreement = make_agreement(controller_a, state="draft")
    assert kinds(staff_a) == set()
    services.send_for_signature(version=agreement.latest, acting_user=admin_user)
    assert kinds(staff_a) == {(K.SIGNATURE, A)}
    assert kinds(user_a) == {(K.TO_SIGN, A)}
    version = AgreementVersion.objects.get(agreement=agreement)
    services.accept_version(version=version, acting_user=user_a, document_sha256=version.document_sha256,
                            signature=services.Signature(name="S. Jansen", function="Director",
                                                                confirmed=True))
    assert kinds(staff_a) == {(K.COUNTERSIGNATURE, A)}
    assert kinds(user_a) == set()
    services.countersign_version(version=AgreementVersion.objects.get(pk=version.pk), acting_user=admin_user,
                                 signature=services.Signature(name="I. de Vries", function="DPO",
                                                                     confirmed=True))
    assert kinds(staff_a) == set()


def test_it_lists_requests_audits_and_terminations_until_done(
        make_agreement, controller_a, admin_user, staff_a, staff_none, user_a, kinds):
    from art28.agreements.services import termination
    from art28.requests.services import audits, authority, data_subject

    agreement = make_agreement(controller_a, state="signed",
                               terms={"audit": {"scope": "security", "notice_days": 0}})
    dsr = data_subject.record_data_subject_request(
        agreement=agreement, kind="access", requester="P. Jansen", details="A copy", channel="phone",
        acting_user=staff_a)
    req = authority.record_authority_request(
        agreement=agreement, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices", respond_by=timezone.now() + timedelta(days=14), acting_user=staff_a)
    audit = audits.request_audit(agreement=agreement, scope_text="All", auditor="Audit & Co",
                                 starts_on=timezone.localdate() + timedelta(days=3),
                                 ends_on=timezone.localdate() + timedelta(days=4), acting_user=user_a)
    assert kinds(staff_a) == {(K.DATA_SUBJECT_REQUEST, A), (K.AUTHORITY_REQUEST, A),
                                     (K.AUDIT, A)}
    assert kinds(staff_none) == set()
    rows = {o.kind: o for o in open_obligations(staff_a)}
    assert rows[K.DATA_SUBJECT_REQUEST].due == dsr.answer_due
    assert rows[K.AUTHORITY_REQUEST].due == req.respond_by

    audits.offer_alternative(audit=audit, alternative="ISO 27001 certificate",
                             report=("iso.pdf", b"%PDF iso"),
                             acting_user=staff_a)
    assert (K.TO_CONFIRM, A) in kinds(user_a)
    audits.answer_alternative(audit=audit, accept=True, acting_user=user_a)
    data_subject.close_request(request=dsr, acting_user=user_a)
    authority.close_authority_request(request=req, disclosed="nothing", acting_user=staff_a)
    assert kinds(staff_a) == set()
    assert kinds(user_a) == set()

    t = termination.terminate_agreement(agreement=agreement, reason="agreement", acting_user=staff_a)
    assert kinds(staff_a) == {(K.TERMINATION, A)}
    assert open_obligations(staff_a)[0].due == t.complete_by


def test_it_lists_failed_deliveries_until_they_are_retried(
        settings, make_agreement, controller_a, admin_user, staff_a, staff_none, user_a, kinds):
    from art28.notices.services import drain, retry_failed

    # The signatory has a login, so the signature mail carries no invitation link and stays a
    # notice of A's own (a mail with an invitation is staff-only, about A: see the next test).
    user_a.email = controller_a.signatories().get().email
    user_a.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nobody listens
    settings.ART28_DELIVERY_MAX_ATTEMPTS = 1
    make_agreement(controller_a, state="sent")
    drain()
    assert (K.DELIVERY_FAILED, A) in kinds(staff_a)
    assert kinds(staff_none) == set()
    retry_failed(acting_user=admin_user)
    assert K.DELIVERY_FAILED not in {k for k, _ in kinds(staff_a)}


def test_a_failed_mail_with_an_invitation_is_on_the_assigned_staffs_list(
        settings, make_agreement, controller_a, admin_user, staff_a, staff_none, user_a, kinds):
    from art28.notices.access import portal_notices
    from art28.notices.models import Audience, Notice
    from art28.notices.services import drain

    # The signatory has no login: the signature mail carries an invitation link (staff-only).
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.ART28_DELIVERY_MAX_ATTEMPTS = 1
    make_agreement(controller_a, state="sent")
    drain()
    staff_only = Notice.objects.filter(audience=Audience.PROCESSOR, concerns=controller_a)
    assert staff_only.exists() and not staff_only.filter(controller__isnull=False).exists()
    assert (K.DELIVERY_FAILED, A) in kinds(staff_a)
    assert (K.DELIVERY_FAILED, A) in kinds(admin_user)
    assert kinds(staff_none) == set()  # not assigned: not theirs to see
    assert not portal_notices(user_a).filter(pk__in=staff_only).exists()  # never in a portal


def test_it_filters_by_kind_controller_and_deadline(make_agreement, controller_a, controller_b, admin_user,
                                                    kinds):
    from art28.obligations.access import filtered_controllers
    from art28.requests.services import authority

    a = make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="sent")
    authority.record_authority_request(
        agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices", respond_by=timezone.now() + timedelta(days=2), acting_user=admin_user)
    assert kinds(admin_user, kind=K.SIGNATURE) == {(K.SIGNATURE, B)}
    only_a = filtered_controllers(admin_user, q="Zonnebloem")
    assert kinds(admin_user, controllers=only_a) == {(K.AUTHORITY_REQUEST, A)}
    assert kinds(admin_user, due_before=timezone.now() + timedelta(days=1)) == set()
    assert kinds(admin_user, due_before=timezone.now() + timedelta(days=3)) == {(K.AUTHORITY_REQUEST, A)}
    # Nearest first: the authority's 2 days before the 14 days to sign.
    assert [o.kind for o in open_obligations(admin_user)] == [K.AUTHORITY_REQUEST, K.SIGNATURE]


def test_a_breach_decided_not_to_notify_leaves_the_list(processor, admin_user, staff_a, subprocessor, kinds):
    from art28.breaches.services import record_no_notice

    incident = _incident(processor, admin_user, subprocessor)
    assert kinds(staff_a) == {(K.BREACH_NOTICE, A)}
    record_no_notice(incident=incident, reasoning="No personal data was in the bucket.",
                     acting_user=admin_user)
    assert kinds(staff_a) == set()


def test_the_list_takes_a_fixed_number_of_queries(django_assert_max_num_queries, make_agreement, controller_a,
                                                  controller_b, admin_user, staff_a):
    from art28.requests.services import authority, data_subject

    for controller in (controller_a, controller_b):
        for _ in range(3):
            a = make_agreement(controller, state="signed")
            make_agreement(controller, state="sent")
            data_subject.record_data_subject_request(agreement=a, kind="access", requester="P. Jansen",
                                                     details="A copy", channel="phone",
                                                     acting_user=admin_user)
            authority.record_authority_request(
                agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
                description="Invoices", respond_by=timezone.now() + timedelta(days=3), acting_user=admin_user)
    for user, rows in ((admin_user, 18), (staff_a, 9)):
        with django_assert_max_num_queries(14):
            assert len(open_obligations(user)) == rows


def test_the_staff_home_takes_as_many_queries_for_50_change_clocks_as_for_5(
        processor, admin_user, make_controller, client, login):
    """Change clocks are read as rows of the shown columns: the home page's queries do not
    grow with the number of agreements a change touches, and each row still says what is due."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from art28.agreements.models import AgreementVersion
    from art28.agreements.services import create_agreement
    from art28.subprocessors import services
    from art28.subprocessors.models import ChangeAgreement, ClockStatus

    def change(n, name):
        created = [create_agreement(controller=make_controller(), acting_user=admin_user) for _ in range(n)]
        # As if sent (a change never tells the client of a draft it never received).
        AgreementVersion.objects.filter(agreement__in=created).update(status="sent")
        sp = services.register_subprocessor(processor=processor, acting_user=admin_user, data={
            "name": name, "country": "NL", "service": "Hosting", "locations": ["NL"]})
        return services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                       effective_at=timezone.now() + timedelta(days=60),
                                       acting_user=admin_user, include_unsigned=True)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("obligations:staff_dashboard")).status_code == 200
        return len(ctx.captured_queries)

    login(client, admin_user)
    change(5, "Vijf B.V.")
    few = queries()
    second = change(45, "Vijftig B.V.")
    assert queries() == few
    rows = [o for o in open_obligations(admin_user) if o.url.endswith(f"/{second.code}/")]
    clocks = {str(c.code): c for c in ChangeAgreement.objects.filter(change=second)
              .select_related("agreement__controller")}
    assert len(rows) == len(clocks) == 50
    wanted = {ClockStatus.WINDOW_OPEN: (K.OBJECTION_WINDOW, "Objection window for"),
              ClockStatus.AWAITING_CONSENT: (K.CONSENT_AWAITED, "Consent for")}
    for o in rows:
        clock = clocks[o.uid.split("-", 1)[1]]
        kind, words = wanted[clock.status]
        due = (clock.objection_deadline if kind == K.OBJECTION_WINDOW
               else clock.takes_effect_at or second.effective_at)
        assert (o.kind, o.due, o.controller) == (kind, due, clock.agreement.controller.name)
        assert o.what == f"{words} Vijftig B.V. under {clock.agreement.reference}"
