import base64
import binascii
import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from art28.evidence.sealing import demo_certificate
from art28.ops import demo
from art28.parties.models import Processor
from art28.terms.demo import PROCESSOR

WILDCARDS = {"", "0.0.0.0", "::", "[::]"}


def point_links_at(bind: str) -> str:
    """Make the demo's e-mail links (``BASE_URL``) and allowed host follow ``--bind``, unless
    the environment sets them; the served processes inherit them. Says where links point."""
    if "BASE_URL" in os.environ:
        return (f"Links in e-mails point to {settings.BASE_URL} (BASE_URL, set in the "
                "environment, not --bind).\n")
    host, _sep, port = bind.rpartition(":")
    if host in WILDCARDS:
        url = f"http://localhost:{port}"
        note = (f"Links in e-mails point to {url}; others reach --bind {bind} by another name: "
                "set BASE_URL (and ALLOWED_HOSTS) to it.\n")
    else:
        url = f"http://{host}:{port}"
        note = f"Links in e-mails point to {url} (--bind); set BASE_URL to change them.\n"
        if "ALLOWED_HOSTS" not in os.environ and host.strip("[]") not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host.strip("[]")]
            os.environ["ALLOWED_HOSTS"] = ",".join(settings.ALLOWED_HOSTS)
    os.environ["BASE_URL"] = settings.BASE_URL = url
    settings.CSRF_TRUSTED_ORIGINS = [url]
    return note


class Command(BaseCommand):
    help = "Migrate, load the demo processor and clients, and (unless --no-serve) serve them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="prepare and exit")
        parser.add_argument("--bind", default="127.0.0.1:8000",
                            help="HOST:PORT to serve on; links in e-mails point there unless "
                                 "BASE_URL is set")

    def handle(self, *args: Any, no_serve: bool, bind: str, **options: Any) -> None:
        links_note = point_links_at(bind)
        settings.HOME.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        seal_note = self._seal_certificate()
        processor = demo.load()
        self._print_logins(processor, bind)
        self.stdout.write(seal_note)
        self.stdout.write(links_note)
        if not no_serve:
            call_command("serve", bind=bind, links_said=True)

    def _seal_certificate(self) -> str:
        """Seal the demo's PDFs with a self-signed certificate unless a real one is configured."""
        if settings.ART28_SEAL_P12:
            return f"PDFs are sealed with {settings.ART28_SEAL_P12}.\n"
        path = demo_certificate(settings.HOME, PROCESSOR.name or "")
        # The served processes inherit the setting through the environment.
        os.environ["ART28_SEAL_P12"] = settings.ART28_SEAL_P12 = str(path)
        return (f"PDFs are sealed with a SELF-SIGNED demo certificate ({path}): readers show the seal, "
                "but no certification authority vouches for it. Set ART28_SEAL_P12 to the processor's "
                f"own certificate in production; to keep the demo's, export ART28_SEAL_P12={path}\n")

    def _print_logins(self, processor: Processor, bind: str) -> None:
        w = self.stdout.write
        w(f"\nart28 demo: {processor.name} with {processor.controllers.count()} clients")
        w(f"Database: {settings.DATABASES['default']['NAME']}")
        w(f"Open {settings.BASE_URL}/ and log in with password {demo.DEMO_PASSWORD!r} as:")
        for user in ("admin", "staff"):
            secret = base64.b32encode(binascii.unhexlify(demo.totp_hex(user))).decode()
            w(f"  {user:<8} processor {'admin' if user == 'admin' else 'staff'}; TOTP secret {secret}"
              f" (or run: art28 totp {user})")
        for controller in processor.controllers.order_by("name"):
            for member in controller.members.select_related("user"):
                w(f"  {member.user.username:<8} portal of {controller.name}")
        w("")
