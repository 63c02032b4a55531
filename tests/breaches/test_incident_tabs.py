"""An incident's page in tabs (overview, affected agreements, notices, decision), and its
"add an agreement" as a search picker that still accepts a typed reference (issue 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.breaches.models import AffectedAgreement
from tests.core.test_tabs import _open, _tabs

pytestmark = pytest.mark.django_db


def _url(incident, tab=""):
    url = reverse("breaches:incident_detail", args=[incident.code])
    return url + (f"?tab={tab}" if tab else "")


def _get(client, url, language="en"):
    client.cookies["django_language"] = language
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_it_shows_the_incident_in_tabs(client, login, admin_user, incident, agreements):
    login(client, admin_user)
    first = _get(client, _url(incident))
    assert [label for _u, _c, label in _tabs(first)] == [
        "Overview", "Affected agreements", "Notices", "Decision and closing"]
    assert _open(first) == ["Overview"]
    assert "A storage bucket was public" in first and 'name="listed"' not in first
    affected = _get(client, _url(incident, "affected"))
    assert _open(affected) == ["Affected agreements"] and affected.count('name="listed"') == 2
    assert "A storage bucket was public" not in affected and 'name="stage"' not in affected
    notices = _get(client, _url(incident, "notices"))
    assert _open(notices) == ["Notices"] and 'name="stage"' in notices
    assert agreements[0].reference in notices and 'name="listed"' not in notices
    decision = _get(client, _url(incident, "decision"))
    assert _open(decision) == ["Decision and closing"] and 'name="reasoning"' in decision
    assert _open(_get(client, _url(incident, "nonsense"))) == ["Overview"]
    assert (_url(incident, "notices"), False, "Notices") in _tabs(first)
    nl = _get(client, _url(incident, "affected"), "nl")
    assert [label for _u, _c, label in _tabs(nl)] == [
        "Overzicht", "Geraakte overeenkomsten", "Berichten", "Besluit en afsluiting"]


def test_each_form_comes_back_to_its_own_tab(client, login, admin_user, incident, agreements):
    login(client, admin_user)
    a, b = (incident.affected.get(agreement=ag) for ag in agreements)
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]) + "?tab=affected",
                    {"listed": [a.code, b.code], "include": [a.code], f"reason-{b.code}": "Other bucket"})
    assert r.status_code == 302 and r["Location"] == _url(incident, "affected")
    assert not AffectedAgreement.objects.get(pk=b.pk).included
    # A refusal shows the same tab again, with its message, and changes nothing.
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]) + "?tab=affected",
                    {"listed": [a.code], "include": []})
    page = r.content.decode()
    assert r.status_code == 400 and _open(page) == ["Affected agreements"]
    assert "Give the reason for leaving out" in page
    assert AffectedAgreement.objects.get(pk=a.pk).included


def test_the_picker_finds_agreements_not_yet_on_the_list(client, login, admin_user, staff_a, incident,
                                                         agreements, make_agreement, make_controller,
                                                         controller_b):
    bakery = make_agreement(make_controller("Bakkerij Korrel"))
    harbour = make_agreement(controller_b)
    login(client, admin_user)
    page = _get(client, _url(incident, "affected") + "&find=korrel")
    assert f'value="{bakery.reference}"' in page and "Bakkerij Korrel" in page
    assert f'name="add" value="{harbour.reference}"' not in page
    # By the controller's name: the agreement already on the list is not offered again.
    page = _get(client, _url(incident, "affected") + "&find=Harbour")
    assert f'name="add" value="{harbour.reference}"' in page
    assert f'name="add" value="{agreements[1].reference}"' not in page
    # By KvK number and by reference.
    assert f'name="add" value="{bakery.reference}"' in _get(
        client, _url(incident, "affected") + f"&find={bakery.controller.kvk}")
    assert f'name="add" value="{bakery.reference}"' in _get(
        client, _url(incident, "affected") + f"&find={bakery.reference.lower()}")
    assert 'id="found"' in _get(client, _url(incident, "affected") + "&find=nothing-like-this")
    # Need-to-know: staff assigned to controller A only are not offered B's agreements.
    login(client, staff_a)
    page = _get(client, _url(incident, "affected") + "&find=Harbour")
    assert harbour.reference not in page


def test_a_picked_or_typed_agreement_is_added(client, login, admin_user, incident, agreements,
                                              make_agreement, make_controller):
    bakery = make_agreement(make_controller("Bakkerij Korrel"))
    other = make_agreement(make_controller("Fietsenmaker Spaak"))
    login(client, admin_user)
    listed = [str(r.code) for r in incident.affected.all()]
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]) + "?tab=affected",
                    {"listed": listed, "include": listed, "add": [bakery.reference, other.reference.lower()]})
    assert r.status_code == 302
    added = incident.affected.filter(added_by_staff=True)
    assert {r.agreement_id for r in added} == {bakery.pk, other.pk}
    assert all(r.reasons == [{"kind": "staff", "params": {}}] for r in added)
    # Once on the list it is no longer offered.
    assert f'name="add" value="{bakery.reference}"' not in _get(
        client, _url(incident, "affected") + "&find=korrel")


def test_it_says_the_counts_are_not_yet_known_until_they_are(client, login, admin_user, incident):
    from art28.breaches.services import update_incident

    login(client, admin_user)
    for language, unknown in (("en", "not yet known"), ("nl", "nog niet bekend")):
        page = _get(client, _url(incident), language)
        assert "? / ?" not in page
        assert page.count(f"<dd>{unknown}</dd>") >= 2  # data subjects and records, each on its own row
    update_incident(incident=incident, acting_user=admin_user, facts={"subjects_approx": 1200})
    page = _get(client, _url(incident), "nl")
    assert "<dt>Betrokkenen (ca.)</dt><dd>1.200</dd>" in page  # the Dutch thousands separator
    assert "<dd>1,200</dd>" in _get(client, _url(incident), "en")
    assert "<dt>Gegevensrecords (ca.)</dt><dd>nog niet bekend</dd>" in page
