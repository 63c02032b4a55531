"""The breach notice, sent for real, escapes the incident facts staff typed in its HTML part."""

import pytest
from django.utils.html import escape

from tests.notices.test_mail_html_escaping import HOSTILE, _Parsed

PHONE = "<img src=x onerror=alert(1)>ph"


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_real_breach_notice_with_hostile_facts_escaped(processor, admin_user, agreements,
                                                                   subprocessor, smtp_server):
    from django.utils import timezone

    from art28.breaches.services import open_incident, send_notices, update_incident
    from art28.notices.services import drain

    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                             facts={"title": f"{HOSTILE}title", "aware_at": timezone.now(),
                                    "confidentiality": True, "data_categories": ["naam", "e-mail"],
                                    "description": f"{HOSTILE}description"})
    update_incident(incident=incident, acting_user=admin_user, facts={
        "consequences": f"{HOSTILE}consequences", "measures_taken": f"{HOSTILE}taken",
        "measures_proposed": f"{HOSTILE}proposed", "contact_name": f"{HOSTILE}contact",
        "contact_phone": PHONE, "subject_categories": [f"{HOSTILE}subjects"]})
    send_notices(incident=incident, stage="initial", acting_user=admin_user,
                 message=f"{HOSTILE}message")
    assert drain() == 2
    for sent in smtp_server.messages:
        html = sent["msg"].get_body(("html",)).get_content()
        parsed = _Parsed(html)
        assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
        assert not any(k.startswith("on") for k, _ in parsed.attrs)
        for field in ("title", "description", "message", "contact"):
            assert f"{HOSTILE}{field}" in parsed.text and escape(f"{HOSTILE}{field}") in html
    # Controller B's agreement asks for every fact: all of them arrive, escaped.
    english = next(m for m in smtp_server.messages if m["subject"].startswith("Personal data breach"))
    text = _Parsed(english["msg"].get_body(("html",)).get_content()).text
    for field in ("consequences", "taken", "proposed", "subjects"):
        assert f"{HOSTILE}{field}" in text
    assert PHONE in text  # the column holds 40 characters: a shorter payload
