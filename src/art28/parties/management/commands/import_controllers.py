from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from art28.parties.access import operator_processors
from art28.parties.services import import_controllers


class Command(BaseCommand):
    help = "Import controllers from a CSV file: all rows or none (unless --skip-invalid)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid rows and report the others")

    def handle(self, *args: Any, file: Path, skip_invalid: bool, **options: Any) -> None:
        processor = operator_processors().first()
        if processor is None:
            raise CommandError("no processor profile yet: run 'art28 demo --no-serve' or create one",
                               returncode=2)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}", returncode=2) from exc
        try:
            report = import_controllers(processor=processor, data=data, acting_user="cli",
                                        skip_invalid=skip_invalid)
        except ValidationError as exc:
            raise CommandError(f"{file}: {'; '.join(exc.messages)}", returncode=2) from exc
        for line, errors in report.errors:
            for fieldname, message in errors.items():
                self.stderr.write(f"{file}:{line}: {fieldname}: {message}")
        if report.errors and not skip_invalid:
            raise CommandError(f"{len(report.errors)} invalid row(s); nothing imported "
                               "(fix them, or use --skip-invalid)", returncode=2)
        self.stdout.write(f"imported {report.imported} controller(s)"
                          + (f", skipped {len(report.errors)} invalid row(s)" if report.errors else ""))
