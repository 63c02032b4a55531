"""Staff console, portal and public page: works, read-only is denied, outsider gets 404."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from art28.ledger.models import Event
from art28.subprocessors import services
from art28.subprocessors.models import ChangeAgreement, ClockStatus, Subprocessor, SubprocessorChange

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def proposed(processor, admin_user, make_subprocessor, general_agreement):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        change = services.propose_change(
            processor=processor,
            kind="add",
            subprocessor=sp,
            effective_at=T0 + timedelta(days=20),
            acting_user=admin_user,
        )
    return change, ChangeAgreement.objects.get(change=change)


def test_staff_pages_work(client, login, admin_user, proposed):
    change, clock = proposed
    login(client, admin_user)
    for url in (
        "/subprocessors/",
        "/subprocessors/changes/",
        "/subprocessors/flow-down/",
        f"/subprocessors/{change.subprocessor.code}/",
        f"/subprocessors/changes/{change.code}/",
        "/subprocessors/new/",
        "/subprocessors/changes/new/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert change.subprocessor.name in client.get("/subprocessors/").content.decode()


def test_the_admin_registers_and_proposes_through_the_forms(client, login, admin_user, general_agreement):
    login(client, admin_user)
    response = client.post(
        "/subprocessors/new/",
        {
            "name": "Mail Noord B.V.",
            "country": "nl",
            "service": "Mail",
            "transfer_mechanism": "none",
            "scope_all": "on",
            "locations": "NL",
        },
    )
    sp = Subprocessor.objects.get()
    assert response.status_code == 302 and sp.country == "NL"
    too_soon = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/subprocessors/changes/new/", {"kind": "add", "subprocessor": sp.code, "effective_at": too_soon}
    )
    assert response.status_code == 400 and general_agreement.reference in response.content.decode()
    assert not SubprocessorChange.objects.exists()
    later = (datetime.now(UTC) + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    data = {"kind": "add", "subprocessor": sp.code, "effective_at": later}
    response = client.post("/subprocessors/changes/new/", data)
    assert response.status_code == 200 and not SubprocessorChange.objects.exists()  # the preview first
    response = client.post("/subprocessors/changes/new/", {**data, "confirm": "True"})
    assert response.status_code == 302 and SubprocessorChange.objects.count() == 1


def test_bad_country_in_the_form_saves_nothing(client, login, admin_user):
    login(client, admin_user)
    response = client.post(
        "/subprocessors/new/", {"name": "X", "country": "XX", "service": "Mail", "transfer_mechanism": "none"}
    )
    assert response.status_code == 400 and not Subprocessor.objects.exists()


def test_read_only_and_plain_staff_may_not_change_the_register(
    client, login, staff_readonly, staff_a, proposed
):
    change, clock = proposed
    for user in (staff_readonly, staff_a):
        login(client, user)
        assert client.get("/subprocessors/new/").status_code == 403
        assert client.post(f"/subprocessors/changes/{change.code}/withdraw/").status_code == 403
    login(client, staff_readonly)
    assert (
        client.post(f"/subprocessors/clocks/{clock.code}/resolve/", {"outcome": "withdraw"}).status_code
        == 403
    )


def test_controller_users_get_404_on_staff_pages(client, login, user_a, proposed):
    change, _clock = proposed
    login(client, user_a)
    assert client.get("/subprocessors/").status_code == 404
    assert client.get(f"/subprocessors/changes/{change.code}/").status_code == 404


def test_the_portal_shows_pending_changes_and_takes_an_answer(
    client, login, user_a, proposed, general_agreement
):
    _change, clock = proposed
    login(client, user_a)
    page = client.get("/subprocessors/portal/").content.decode()
    assert clock.change.subprocessor.name in page and general_agreement.reference in page
    assert client.get(f"/subprocessors/portal/changes/{clock.code}/").status_code == 200
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        response = client.post(
            f"/subprocessors/portal/changes/{clock.code}/answer/",
            {"answer": "object", "reason": "Our data stays in the Netherlands"},
        )
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.status == ClockStatus.OBJECTED
    assert Event.objects.filter(action="subprocessor.change_objected", actor=user_a).exists()


def test_the_portal_refuses_an_objection_without_reason(client, login, user_a, proposed):
    _change, clock = proposed
    login(client, user_a)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        response = client.post(f"/subprocessors/portal/changes/{clock.code}/answer/", {"answer": "object"})
    assert response.status_code == 400
    clock.refresh_from_db()
    assert clock.status == ClockStatus.WINDOW_OPEN


def test_a_read_only_controller_user_may_not_answer(client, login, user_a, proposed):
    _change, clock = proposed
    user_a.membership.read_only = True
    user_a.membership.save()
    login(client, user_a)
    response = client.post(f"/subprocessors/portal/changes/{clock.code}/answer/", {"answer": "consent"})
    assert response.status_code == 403


def test_other_controllers_get_404(client, login, user_b, proposed, general_agreement):
    _change, clock = proposed
    login(client, user_b)
    assert client.get(f"/subprocessors/portal/changes/{clock.code}/").status_code == 404
    assert (
        client.post(f"/subprocessors/portal/changes/{clock.code}/answer/", {"answer": "consent"}).status_code
        == 404
    )
    assert client.get(f"/subprocessors/portal/agreements/{general_agreement.code}/").status_code == 404
    assert (
        client.get(f"/subprocessors/portal/agreements/{general_agreement.code}/list.csv").status_code == 404
    )


def test_history_and_downloads(client, login, user_a, make_subprocessor, general_agreement):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor(named=True)
    login(client, user_a)
    code = general_agreement.code
    page = client.get(f"/subprocessors/portal/agreements/{code}/?at=2026-03-05").content.decode()
    assert sp.name in page
    csv = client.get(f"/subprocessors/portal/agreements/{code}/list.csv").content.decode("utf-8-sig")
    assert sp.name in csv
    old = client.get(f"/subprocessors/portal/agreements/{code}/list.csv?at=2026-02-01").content.decode(
        "utf-8-sig"
    )
    assert sp.name not in old
    pdf = client.get(f"/subprocessors/portal/agreements/{code}/list.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_public_page_follows_the_setting(
    client, settings, processor, make_subprocessor, general_agreement
):
    make_subprocessor(named=True)
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = False
    assert client.get(f"/subprocessors/public/{processor.code}/").status_code == 404
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = True
    response = client.get(f"/subprocessors/public/{processor.code}/")
    assert response.status_code == 200 and "Rekenhal Amsterdam" in response.content.decode()


def test_the_admin_resolves_an_objection_and_withdraws_a_change(client, login, admin_user, user_a, proposed):
    change, clock = proposed
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        services.answer_change(clock=clock, answer="object", reason="No", acting_user=user_a)
    login(client, admin_user)
    response = client.post(
        f"/subprocessors/clocks/{clock.code}/resolve/", {"outcome": "withdraw", "note": "OK"}
    )
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.status == ClockStatus.WITHDRAWN and clock.resolution == "OK"
    response = client.post(f"/subprocessors/changes/{change.code}/withdraw/", {"confirm": "True"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status in ("withdrawn", "completed")


def test_annex_sync_from_the_console(
    client, login, admin_user, staff_readonly, make_subprocessor, make_agreement, controller_a
):
    make_subprocessor(named=True)
    draft = make_agreement(controller_a)
    login(client, staff_readonly)
    assert client.post(f"/subprocessors/agreements/{draft.code}/annex/").status_code == 403
    login(client, admin_user)
    assert client.post(f"/subprocessors/agreements/{draft.code}/annex/").status_code == 302
    draft.refresh_from_db()
    assert [n["name"] for n in draft.latest.terms["subprocessors"]["named"]] == ["Rekenhal Amsterdam B.V."]


def _change_form(sp, **extra):
    later = (datetime.now(UTC) + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    return {"kind": "add", "subprocessor": sp.code, "effective_at": later, **extra}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_proposing_shows_a_preview_before_anything_is_sent(
    client, login, admin_user, make_subprocessor, general_agreement, specific_agreement, language
):
    sp = make_subprocessor()
    login(client, admin_user)
    client.cookies["django_language"] = language
    response = client.post("/subprocessors/changes/new/", _change_form(sp))
    page = response.content.decode()
    assert response.status_code == 200
    assert ("Controleren voor verzenden" if language == "nl" else "Check before sending") in page
    assert "Rekenhal Amsterdam B.V." in page and general_agreement.controller.name in page
    assert "bezwaar" in page and "Dear" in page  # the Dutch and the English message, as rendered
    assert not SubprocessorChange.objects.exists()
    assert not Event.objects.filter(action="subprocessor.change_proposed").exists()


def test_the_preview_refuses_to_send_to_unreachable_clients_without_the_choice(
    client, login, admin_user, make_subprocessor, general_agreement, controller_a
):
    controller_a.contacts.all().delete()
    sp = make_subprocessor()
    login(client, admin_user)
    preview = client.post("/subprocessors/changes/new/", _change_form(sp)).content.decode()
    assert controller_a.name in preview and 'name="allow_unreachable"' in preview
    response = client.post("/subprocessors/changes/new/", _change_form(sp, confirm="True"))
    assert response.status_code == 400 and not SubprocessorChange.objects.exists()
    response = client.post(
        "/subprocessors/changes/new/", _change_form(sp, confirm="True", allow_unreachable="True")
    )
    assert response.status_code == 302
    event = Event.objects.get(action="subprocessor.change_proposed")
    assert event.data["allow_unreachable"] is True and event.data["unreachable"] == [controller_a.name]


def test_withdrawing_shows_who_is_told_then_needs_a_confirmation(client, login, admin_user, proposed):
    change, clock = proposed
    login(client, admin_user)
    for response in (
        client.get(f"/subprocessors/changes/{change.code}/withdraw/"),
        client.post(f"/subprocessors/changes/{change.code}/withdraw/", {"note": "Plans changed."}),
    ):
        assert response.status_code == 200
        assert clock.agreement.controller.name in response.content.decode()
    assert "Plans changed." in response.content.decode()
    change.refresh_from_db()
    assert change.status == "open"
    response = client.post(
        f"/subprocessors/changes/{change.code}/withdraw/", {"note": "Plans changed.", "confirm": "True"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "withdrawn"
    from art28.notices.models import Notice

    assert Notice.objects.filter(about_code=f"{clock.code}:withdrawn").exists()


def test_back_from_the_preview_asks_for_a_new_preview(
    client, login, admin_user, make_subprocessor, general_agreement
):
    sp = make_subprocessor()
    login(client, admin_user)
    response = client.post("/subprocessors/changes/new/", _change_form(sp, confirm="True", edit="1"))
    assert response.status_code == 200 and not SubprocessorChange.objects.exists()
    assert 'name="confirm" value="True"' not in response.content.decode()
