"""Queueing a large fan-out: the e-mails rendered once per (template, language) with each
notice's own values filled in give the same text as rendering each notice, and the number of
queries does not grow with the number of clients (5 vs 50)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from art28.notices import stencil
from art28.notices.models import Delivery, Notice
from art28.notices.services import About, NoticeDraft, _render_raw, queue_notices, render_email

NAMES = ['Bakker & Zn <b>"B.V."</b>', "Jansen 'de Oude'", "Müller & Söhne", "Plain Ltd"]


def _controllers(processor, n, *, prefix="Client"):
    start = 1000 * processor.pk + 100 * (sum(map(ord, prefix)) % 9)
    from art28.parties.models import Contact, Controller

    controllers = Controller.objects.bulk_create(
        Controller(processor=processor, name=f"{prefix} {NAMES[i % len(NAMES)]} {i}",
                   kvk=f"{30000000 + start + i}", language="nl" if i % 2 else "en", country="NL")
        for i in range(n))
    Contact.objects.bulk_create(
        Contact(controller=c, name="DPO", email=f"dpo{i}@{prefix.lower()}{start + i}.example",
                is_breach_recipient=True, is_privacy_contact=True, is_signatory=True)
        for i, c in enumerate(controllers))
    return controllers


def _breach_setup(processor, n, tag="a"):
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.subprocessors.models import AgreementSubprocessor, Subprocessor
    from art28.terms.defaults import standard_terms

    controllers = _controllers(processor, n, prefix=f"Client{tag}")
    agreements = Agreement.objects.bulk_create(
        Agreement(controller=c, reference=f"F-{tag}-{i:04d}") for i, c in enumerate(controllers))
    terms = {lang: standard_terms(language=lang, notice_hours=h).model_dump(mode="json")
             for lang, h in (("nl", 24), ("en", 48))}
    AgreementVersion.objects.bulk_create(
        AgreementVersion(agreement=a, number=1, status="signed", language=c.language,
                         standard_version="2026.1", terms=terms[c.language], signed_at=timezone.now())
        for a, c in zip(agreements, controllers, strict=True))
    sp = Subprocessor.objects.create(processor=processor, name=f"Kluis {tag} GmbH", country="DE",
                                     service="backup", status="active")
    AgreementSubprocessor.objects.bulk_create(
        AgreementSubprocessor(subprocessor=sp, agreement=a, status="authorised", basis="named",
                              since=timezone.now() - timedelta(days=1)) for a in agreements)
    return sp


def _breach_queries(processor, admin_user, n, tag):
    from art28.breaches.services import open_incident, send_notices

    sp = _breach_setup(processor, n, tag)
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[sp],
                             facts={"title": "Kluis open", "aware_at": timezone.now()})
    before = Notice.objects.count()
    with CaptureQueriesContext(connection) as queries:
        sent = send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert len(sent) == n
    # One breach notice per client; the invitation (nobody has a login yet) is inside it.
    assert Notice.objects.count() - before == n
    assert Delivery.objects.exclude(personal_link="").count() >= n
    return len(queries)


@pytest.mark.django_db
def test_queueing_a_breach_fan_out_takes_as_many_queries_for_50_clients_as_for_5(processor, admin_user):
    small = _breach_queries(processor, admin_user, 5, tag="a")
    large = _breach_queries(processor, admin_user, 50, tag="b")
    assert large == small


GENERAL = {"subprocessors": {"authorisation": "general", "notice_days": 30, "objection_days": 14,
                             "business_days": False}, "transfers": {"outside_eea": "with_safeguards"}}


def _change_queries(processor, admin_user, n):
    from art28.agreements.models import AgreementVersion
    from art28.agreements.services import create_agreement
    from art28.subprocessors.services import propose_change, register_subprocessor

    with transaction.atomic():
        created = [create_agreement(controller=c, acting_user=admin_user, terms=GENERAL)
                   for c in _controllers(processor, n, prefix="Change")]
        # As if sent (a change never tells the client of a draft it never received).
        AgreementVersion.objects.filter(agreement__in=created).update(status="sent")
    sp = register_subprocessor(processor=processor, acting_user=admin_user, data={
        "name": "Rekenhal GmbH", "country": "DE", "address": "Hauptstrasse 1, Frankfurt",
        "service": "Hosting", "locations": ["DE"], "data_categories": ["customer data"]})
    before = Notice.objects.filter(about_type="changeclock").count()
    with CaptureQueriesContext(connection) as queries:
        change = propose_change(processor=processor, kind="add", subprocessor=sp, acting_user=admin_user,
                                effective_at=timezone.now() + timedelta(days=40), include_unsigned=True)
    assert change.clocks.count() == n
    assert Notice.objects.filter(about_type="changeclock").count() - before == n
    return len(queries)


@pytest.mark.django_db
def test_queueing_a_change_fan_out_takes_as_many_queries_for_50_clients_as_for_5(processor, admin_user):
    from art28.parties.models import Processor

    other = Processor.objects.create(name="Tweede Hosting B.V.", kvk="11112222")
    small = _change_queries(processor, admin_user, 5)
    large = _change_queries(other, admin_user, 50)
    assert large == small


@pytest.mark.django_db
def test_every_queued_breach_notice_reads_as_if_rendered_on_its_own(processor, admin_user):
    """The stored subject, text and HTML of every notice equal a full render of its own
    context, names with & < " ' included (escaped in the HTML, as they are in the text)."""
    from art28.breaches.models import IncidentNotice
    from art28.breaches.services import open_incident, send_notices

    sp = _breach_setup(processor, 12)
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[sp],
                             facts={"title": "Kluis <open> & lek", "aware_at": timezone.now()})
    send_notices(incident=incident, stage="initial", acting_user=admin_user, message="Zie 'bijlage' & <meer>")
    notices = list(Notice.objects.filter(kind="breach_notice").select_related("controller"))
    assert len(notices) == 12
    for notice in notices:
        item = IncidentNotice.objects.select_related("affected__agreement").get(notice=notice)
        assert notice.controller.name in notice.body_text
        assert item.affected.agreement.reference in notice.body_text
        assert notice.link in notice.body_text and f'href="{notice.link}"' in notice.body_html
        if "<b>" in notice.controller.name:
            assert "Bakker &amp; Zn &lt;b&gt;" in notice.body_html and "<b>" not in notice.body_html
    # A sample in each language against a full render with that notice's own values.
    from art28.breaches.services.notify import _draft, _link_maker, all_facts

    incident.refresh_from_db()
    for notice in notices[:2]:
        item = IncidentNotice.objects.select_related("affected__agreement__controller").get(notice=notice)
        draft, _item = _draft(incident, item.affected, "initial", 1, all_facts(incident), item.message,
                              item.created_at, {}, _link_maker(), [])
        context = {**draft.context, "link": notice.link, "controller": notice.controller}
        subject, text, html = render_email("breach_notice", notice.language, context)
        assert (notice.subject, notice.body_text, notice.body_html) == (subject, text, html)


def _invitation_drafts(processor, controllers, link_text="https://x.example/i/{}"):
    return [NoticeDraft(controller=c, processor=processor, kind="invitation",
                        about=About("invitation", str(i)),
                        template="invitation", recipients=[f"p{i}@x.example"], link=link_text.format(i),
                        language="en", audience="processor",
                        context={"processor": processor.name, "role": "Client", "organisation": c.name,
                                 "expires_at": timezone.now()})
            for i, c in enumerate(controllers)]


@pytest.mark.django_db
def test_a_stencilled_group_equals_rendering_each_notice(processor):
    controllers = _controllers(processor, 8)
    drafts = _invitation_drafts(processor, controllers, "https://x.example/i/{}?a=1&b=<2>")
    with transaction.atomic():
        notices = queue_notices(drafts, schedule=False)
    for draft, notice in zip(drafts, notices, strict=True):
        subject, text, html = render_email("invitation", "en", {**draft.context, "link": draft.link,
                                                                "controller": draft.controller})
        assert (notice.subject, notice.body_text, notice.body_html) == (subject, text, html)
        assert "&amp;b=&lt;2&gt;" in notice.body_html
    assert Delivery.objects.filter(notice__in=notices).count() == 8


@pytest.mark.django_db
def test_a_value_used_by_a_filter_or_tag_is_rendered_per_notice(processor):
    """expires_at is printed through |date: when it differs per notice, the group is not
    stencilled (each notice is rendered on its own) and each shows its own date."""
    controllers = _controllers(processor, 4)
    drafts = _invitation_drafts(processor, controllers)
    moments = [timezone.now() + timedelta(days=d) for d in range(4)]
    contexts = [{**d.context, "expires_at": m, "link": d.link, "controller": d.controller}
                for d, m in zip(drafts, moments, strict=True)]
    assert stencil.escaping("notices/email/en/invitation_body.txt", frozenset({"expires_at"})) is None
    with translation.override("en"):
        parts = stencil.render_group(contexts, lambda c: _render_raw("invitation", "en", c),
                                     ("notices/email/en/invitation_subject.txt",
                                      "notices/email/en/invitation_body.txt",
                                      "notices/email/en/invitation_body.html"),
                                     (lambda c: c, lambda c: c, lambda c: c))
        assert parts == [_render_raw("invitation", "en", c) for c in contexts]
    assert len({p[1] for p in parts}) == 4


def _withdraw_preview(processor, admin_user, n):
    from art28.notices.recipients import notice_recipients
    from art28.subprocessors.models import ChangeAgreement, SubprocessorChange
    from art28.subprocessors.services import preview_withdrawal

    _change_queries(processor, admin_user, n)
    change = SubprocessorChange.objects.get(processor=processor)
    with CaptureQueriesContext(connection) as queries:
        preview = preview_withdrawal(change=change, note="Plannen gewijzigd")
    clocks = ChangeAgreement.objects.filter(change=change).select_related("agreement")
    addresses = notice_recipients("subprocessor_change_update", {c.agreement.controller_id for c in clocks})
    assert preview.told == n
    assert preview.recipients == len({e.lower() for emails in addresses.values() for e in emails}) == n
    # One message per language, standing for every client told in that language.
    assert sorted((m.language, m.count) for m in preview.messages) == [("en", -(-n // 2)), ("nl", n // 2)]
    assert all("Plannen gewijzigd" in m.text for m in preview.messages)
    # Each language's example is its told client with the first reference (as sorted by the database).
    for message in preview.messages:
        told = clocks.filter(notice__language=message.language).order_by("agreement__reference", "pk")
        assert message.reference == told.first().agreement.reference
    return len(queries)


@pytest.mark.django_db
def test_the_withdrawal_preview_counts_in_the_database_and_renders_one_message_per_language(
        processor, admin_user):
    from art28.parties.models import Contact, Processor

    other = Processor.objects.create(name="Tweede Hosting B.V.", kvk="11112222")
    assert _withdraw_preview(processor, admin_user, 4) == _withdraw_preview(other, admin_user, 40)
    # A client with neither privacy contact nor signatory (nor webhook) is listed as unreachable.
    from art28.subprocessors.models import SubprocessorChange
    from art28.subprocessors.services import preview_withdrawal

    lost = other.controllers.order_by("pk").first()
    Contact.objects.filter(controller=lost).update(is_privacy_contact=False, is_signatory=False)
    preview = preview_withdrawal(change=SubprocessorChange.objects.get(processor=other))
    assert [c.name for c in preview.unreachable] == [lost.name] and preview.recipients == 39


@pytest.mark.parametrize("template", ["breach_notice", "invitation", "subprocessor_change_notice",
                                      "subprocessor_consent_request"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_fan_out_templates_can_be_stencilled(template, language):
    """The per-client values of the large fan-outs are printed plainly, so these templates
    are rendered once per language (not once per client)."""
    keys = frozenset({"controller", "agreement", "reference", "link", "organisation", "notice_hours",
                      "facts_block", "facts_html", "objection_day", "takes_effect_at"})
    for part in ("subject.txt", "body.txt", "body.html"):
        assert stencil.escaping(f"notices/email/{language}/{template}_{part}", keys) is not None, part


@pytest.mark.django_db
def test_the_fast_invitation_link_is_the_reversed_one():
    from art28.accounts.models import new_token
    from art28.accounts.services import _invitation_links, invitation_link

    raw = new_token()
    assert _invitation_links()(raw) == invitation_link(raw)
