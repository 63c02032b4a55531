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


class Command(BaseCommand):
    help = "Migrate, load the demo processor and clients, and (unless --no-serve) serve them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="prepare and exit")
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args: Any, no_serve: bool, bind: str, **options: Any) -> None:
        settings.HOME.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        seal_note = self._seal_certificate()
        processor = demo.load()
        self._print_logins(processor, bind)
        self.stdout.write(seal_note)
        if not no_serve:
            call_command("serve", bind=bind)

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
        w(f"Open http://{bind}/ and log in with password {demo.DEMO_PASSWORD!r} as:")
        for user in ("admin", "staff"):
            secret = base64.b32encode(binascii.unhexlify(demo.totp_hex(user))).decode()
            w(f"  {user:<8} processor {'admin' if user == 'admin' else 'staff'}; TOTP secret {secret}"
              f" (or run: art28 totp {user})")
        for controller in processor.controllers.order_by("name"):
            for member in controller.members.select_related("user"):
                w(f"  {member.user.username:<8} portal of {controller.name}")
        w("")
