from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from art28.accounts.access import operator_totp_device


class Command(BaseCommand):
    help = "Print the current TOTP code of a user's device (for the demo and for recovery)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        device = operator_totp_device(username)
        if device is None:
            raise CommandError(f"{username!r} has no confirmed TOTP device", returncode=2)
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
