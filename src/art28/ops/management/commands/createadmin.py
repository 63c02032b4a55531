import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from art28.parties import services
from art28.parties.access import operator_processors
from art28.parties.models import Role


class Command(BaseCommand):
    help = "Create a processor admin (and the processor profile, the first time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--processor-name", help="the processor's name, when none exists yet")
        parser.add_argument("--kvk", default="")

    def handle(self, *args: Any, username: str, email: str, processor_name: str | None, kvk: str,
               **options: Any) -> None:
        password = getpass.getpass("Password: ")
        try:
            processor = operator_processors().first()
            if processor is None:
                if not processor_name:
                    raise CommandError("no processor yet: give --processor-name", returncode=2)
                processor = services.create_processor(
                    data={"name": processor_name, "kvk": kvk}, acting_user="cli")
            services.create_member(processor=processor, username=username, email=email,
                                   password=password, role=Role.PROCESSOR_ADMIN, acting_user="cli")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"created {username}; log in and enrol a TOTP device")
