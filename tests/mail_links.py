"""Following the link in a real e-mail (from the aiosmtpd mailbox) as a person without a login."""

from __future__ import annotations

import re

PASSWORD = "Vlinder-Regenboog-2026"


def invitation_path(smtp_server, address: str) -> str:
    """Drain the outbox and return the path of the invitation link in the newest mail to ``address``."""
    from art28.notices.services import drain

    drain()
    mails = smtp_server.to(address)
    assert mails, f"no mail to {address}"
    found = re.findall(r"http://testserver(\S*/invite/\S+)", mails[-1]["text"])
    assert found, mails[-1]["text"]
    return found[0]


def accept(client, path: str) -> str:
    """Open the invitation, choose a password; the page the person lands on (followed)."""
    assert client.get(path).status_code == 200
    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]
