from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from art28.agreements.access import operator_agreement, operator_agreements
from art28.agreements.models import Agreement
from art28.agreements.services import render_version_docx, render_version_pdf

RENDERERS = {"pdf": render_version_pdf, "docx": render_version_docx}


class Command(BaseCommand):
    help = "Render agreements (their latest version) to PDF and/or DOCX files in a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="agreement codes or references")
        parser.add_argument("--all", action="store_true", help="every agreement")
        parser.add_argument("--format", default="pdf", help="pdf, docx or pdf,docx")
        parser.add_argument("--out", type=Path, required=True, help="folder to write to")

    def handle(self, *args: Any, codes: list[str], all: bool, format: str, out: Path,  # noqa: A002
               **options: Any) -> None:
        formats = [f.strip() for f in format.split(",") if f.strip()]
        unknown = [f for f in formats if f not in RENDERERS]
        if unknown or not formats:
            raise CommandError(f"unknown format {','.join(unknown) or format!r}: use pdf, docx",
                               returncode=2)
        if bool(all) == bool(codes):
            raise CommandError("give agreement codes or --all (not both)", returncode=2)
        agreements = list(self._select(codes, all))
        out.mkdir(parents=True, exist_ok=True)
        for agreement in tqdm(agreements, desc="rendering", unit="agreement",
                              disable=not self.stdout.isatty()):
            version = agreement.latest
            for fmt in formats:
                (out / f"{agreement.reference}-v{version.number}.{fmt}").write_bytes(
                    RENDERERS[fmt](version))
        self.stdout.write(f"rendered {len(agreements)} agreement(s) as {', '.join(formats)} to {out}")

    def _select(self, codes: list[str], all: bool) -> Iterable[Agreement]:  # noqa: A002
        if all:
            return operator_agreements()
        found: list[Agreement] = []
        for code in codes:
            match = operator_agreement(code)
            if match is None:
                raise CommandError(f"no agreement {code!r}", returncode=2)
            found.append(match)
        return found
