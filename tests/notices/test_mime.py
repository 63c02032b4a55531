"""The outbox builds its e-mails as bytes itself: byte for byte what Django's
EmailMultiAlternatives gives (the random MIME boundary aside), or nothing when Django must."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.mail import EmailMultiAlternatives

from art28.notices import mime

LONG_URL = "<http://testserver/trust/unsubscribe/" + "a" * 60 + "/>"
CASES = {
    "text and HTML, Dutch": dict(
        subject="Melding van een inbreuk op persoonsgegevens bij een subverwerker: Backupkluis GmbH é",
        text="Geachte heer,\n\nEr is een inbreuk – zie € hieronder.\r\nRegel\rtwee\n",
        html="<p>Geachte heer,</p>\n<p>inbreuk &amp; meer</p>"),
    "text only": dict(subject="Agreement DPA-1 signed", text="Hello,\nsigned.\n", html=""),
    "ASCII HTML, long ASCII subject": dict(
        subject="A very long subject line that goes on and on, past the seventy-eight characters of a line",
        text="ascii only", html="<p>ascii</p>\n"),
    "long header": dict(subject="Update", text="x\n", html="<p>x</p>",
                        extra={"List-Unsubscribe": LONG_URL,
                               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}),
}


def _without_boundary(raw: bytes) -> bytes:
    return re.sub(rb"={15}\d{19}==", b"BOUNDARY", raw)


@pytest.mark.parametrize("case", CASES)
def test_it_builds_the_bytes_django_builds(case, settings):
    settings.DEFAULT_FROM_EMAIL = "Wolkenrand <noreply@wolkenrand.example>"
    c = CASES[case]
    headers = {"Message-ID": "<0f0e@art28>", "X-Art28-Notice": "0f0e", **c.get("extra", {})}
    with time_machine.travel(datetime(2026, 11, 28, 13, 0, tzinfo=UTC), tick=False):
        ours = mime.build(subject=c["subject"], from_email=settings.DEFAULT_FROM_EMAIL,
                          to="dpo@client.example", headers=dict(headers), text=c["text"], html=c["html"])
        msg = EmailMultiAlternatives(c["subject"], c["text"], settings.DEFAULT_FROM_EMAIL,
                                     ["dpo@client.example"], headers=dict(headers))
        if c["html"]:
            msg.attach_alternative(c["html"], "text/html")
        django = msg.message().as_bytes(linesep="\r\n")
    assert ours is not None
    assert _without_boundary(ours) == _without_boundary(django)
    assert ours.count(b"BOUNDARY") == 0 and (b"multipart" in ours) == bool(c["html"])


@pytest.mark.parametrize(("to", "text", "subject"), [
    ("dpo@cliënt.example", "x", "s"),  # a non-ASCII address: Django encodes it
    ("dpo@client.example", "y" * 999, "s"),  # a line Django sends quoted-printable
    ("dpo@client.example", "x", "two\nlines"),  # Django refuses a line break in a header
])
def test_it_leaves_the_unusual_to_django(to, text, subject):
    assert mime.build(subject=subject, from_email="noreply@x.example", to=to,
                      headers={"Message-ID": "<a@art28>"}, text=text, html="") is None


def test_it_folds_the_content_type_around_each_messages_own_boundary(settings):
    from email.policy import compat32

    raw = mime.build(subject="Update", from_email="noreply@wolkenrand.example", to="dpo@client.example",
                     headers={"Message-ID": "<0f0e@art28>"}, text="x\n", html="<p>x</p>")
    assert raw is not None
    boundary = re.search(rb"={15}\d{19}==", raw).group().decode()
    value = f'multipart/alternative; boundary="{boundary}"'
    folded = compat32.clone(linesep="\r\n").fold("Content-Type", value)
    assert raw.decode().startswith(folded)
    assert raw.count(boundary.encode()) == 4  # in the header, before each part, and at the close
