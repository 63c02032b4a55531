"""The fixed cast of STYLE.md and factory fixtures.

Cast: the processor's admin, a staff member assigned to controller A, a staff member
assigned to none, a read-only staff member assigned to A, and one user of each of two
controllers (A and B). ``login(client, user)`` logs in with a verified second factor.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BROWSER = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(request, tmp_path):
    if not request.config.pluginmanager.hasplugin("django"):
        return  # the pure packages' tests run with -p no:django
    from django.utils import translation

    settings = request.getfixturevalue("settings")
    # Tests read messages in English; the Dutch interface has tests of its own.
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    settings.MEDIA_ROOT = tmp_path / "media"
    # Argon2 is deliberately slow; the cast of every test would spend most of its time hashing.
    # test_security.py checks that the real settings use Argon2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BASE_URL = "http://testserver"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def processor(db):
    from art28.parties.models import Contact, Processor

    p = Processor.objects.create(name="Wolkenrand Hosting B.V.", address="Keizersgracht 1001",
                                 postcode="1017 AB", city="Amsterdam", country="NL", kvk="87654321")
    Contact.objects.create(processor=p, name="Iris de Vries", function="FG",
                           email="iris@wolkenrand.example", is_signatory=True)
    return p


@pytest.fixture
def make_controller(processor):
    from art28.parties.models import Contact, Controller

    def make(name: str = "", *, language: str = "nl", **kw):
        n = next(_counter)
        c = Controller.objects.create(processor=processor, name=name or f"Klant {n} B.V.",
                                      address="Dorpsstraat 1", postcode="3581 KP", city="Utrecht",
                                      country="NL", kvk=f"{10000000 + n}", language=language, **kw)
        Contact.objects.create(controller=c, name=f"Signer {n}", function="Directeur",
                               email=f"signer{n}@client{n}.example", phone="+31 30 555 0000",
                               is_signatory=True, is_privacy_contact=True, is_breach_recipient=True)
        return c

    return make


@pytest.fixture
def controller_a(make_controller):
    return make_controller("Tandartspraktijk Zonnebloem")


@pytest.fixture
def controller_b(make_controller):
    return make_controller("Harbour Analytics Ltd", language="en")


def _user(username: str, *, role: str, processor, controller=None, assigned=(), read_only=False):
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from art28.parties.models import Membership

    user = User.objects.create_user(username, f"{username}@example.test", "correct horse battery 1")
    # A writing client user is its organisation's portal admin (as existing users became).
    m = Membership.objects.create(user=user, role=role, processor=processor, controller=controller,
                                  read_only=read_only,
                                  portal_admin=role == "controller_user" and not read_only)
    m.assigned_controllers.set(assigned)
    if role != "controller_user":
        TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


@pytest.fixture
def admin_user(processor):
    return _user("admin", role="processor_admin", processor=processor)


@pytest.fixture
def staff_a(processor, controller_a):
    return _user("staff_a", role="processor_staff", processor=processor, assigned=[controller_a])


@pytest.fixture
def staff_none(processor):
    return _user("staff_none", role="processor_staff", processor=processor)


@pytest.fixture
def staff_readonly(processor, controller_a):
    return _user("staff_ro", role="processor_staff", processor=processor, assigned=[controller_a],
                 read_only=True)


@pytest.fixture
def user_a(processor, controller_a):
    return _user("user_a", role="controller_user", processor=processor, controller=controller_a)


@pytest.fixture
def user_b(processor, controller_b):
    return _user("user_b", role="controller_user", processor=processor, controller=controller_b)


@pytest.fixture
def login():
    """Log a test client in as ``user``, second factor verified for staff."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def do(client, user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        device = TOTPDevice.objects.filter(user=user).first()
        if device:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return do


@pytest.fixture
def make_agreement(admin_user):
    """An agreement for a controller, optionally sent, accepted or signed."""
    from art28.agreements import services
    from art28.agreements.models import AgreementVersion

    def make(controller, *, state: str = "draft", terms=None, signer=None):
        from tests.annex import with_measures

        terms = with_measures(terms)
        agreement = services.create_agreement(controller=controller, acting_user=admin_user, terms=terms)
        version = agreement.latest
        if state in ("sent", "accepted", "signed"):
            version = services.send_for_signature(version=version, acting_user=admin_user)
        if state in ("accepted", "signed"):
            sig = services.Signature(name="Sanne Jansen", function="Praktijkmanager", confirmed=True,
                                     ip="127.0.0.1", user_agent="pytest")
            services.accept_version(version=version, signature=sig, acting_user=signer or "pytest",
                                    document_sha256=version.document_sha256)
        if state == "signed":
            sig = services.Signature(name="Iris de Vries", function="FG", confirmed=True)
            services.countersign_version(version=AgreementVersion.objects.get(pk=version.pk),
                                         signature=sig, acting_user=admin_user)
        agreement.refresh_from_db()
        return agreement

    return make


def row_counts(*models) -> dict[str, int]:
    """Rows of each model, by name: equal before and after a refused write = nothing half-saved."""
    return {m.__name__: m.objects.count() for m in models}


def chromium_or_skip() -> str:
    """Debian's Chromium; skip (with the reason) where it is not installed."""
    if not BROWSER.exists() and not shutil.which("chromium"):
        pytest.skip("browser test skipped: /usr/bin/chromium is not installed "
                    "(apt-get install chromium)")
    return str(BROWSER if BROWSER.exists() else shutil.which("chromium"))


@pytest.fixture
def browser():
    """The one browser launcher: Chromium driven by Playwright, closed after the test.

    Skips with a clear message where /usr/bin/chromium is absent, never passes silently.
    """
    executable = chromium_or_skip()
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    """A fresh page in British English that accepts downloads."""
    return browser.new_page(locale="en-GB", accept_downloads=True)


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live tests


class Mailbox:
    """Messages received by a real aiosmtpd server on loopback."""

    def __init__(self, port: int):
        self.messages: list = []
        self.port = port
        self.server = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.server = Controller(self, hostname="127.0.0.1", port=self.port)
        self.server.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "msg": msg,
                              "subject": str(msg["subject"]), "message_id": str(msg["message-id"]),
                              "text": msg.get_body(("plain",)).get_content()})
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["to"]]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 for the duration of a test; settings point at it.

    ``smtp_server.stop()`` takes it down and ``start()`` brings a new one up on the same
    port, to test delivery while the mail server is away.
    """
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Mailbox(port)
    box.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield box
    box.stop()


@pytest.fixture
def actions():
    """The ledger actions written so far, oldest first."""
    from art28.ledger.models import Event

    return lambda: list(Event.objects.order_by("seq").values_list("action", flat=True))


@pytest.fixture
def totp_code():
    """The current six-digit code of a TOTP device."""
    from django_otp.oath import totp

    def code(device) -> str:
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"

    return code
