"""``art28 verify FILE.pdf``: check a PDF's seal, timestamp, issue record and ledger entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from art28.evidence.verify import Problem, Report, max_bytes, verify_pdf


class Command(BaseCommand):
    help = "Check a PDF art28 issued: seal, timestamp, which document it is, its ledger entry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the PDF to check")
        parser.add_argument("--lang", choices=["nl", "en"], default=None,
                            help="language of the answer (default: LANGUAGE_CODE)")

    def handle(self, *args: Any, file: str, lang: str | None, **options: Any) -> None:
        path = Path(file)
        with translation.override(lang or settings.LANGUAGE_CODE):
            report = self._check(path)
            self._print(path, report)
            if not report.ok:
                # 2 like every command's bad input: nothing that could be checked; 1: checked, fails.
                unreadable = {Problem.NOT_PDF, Problem.TOO_LARGE} & set(report.problems)
                raise CommandError(_("NOT VERIFIED: %(names)s") % {
                    "names": ", ".join(p.value for p in report.problems)}, returncode=2 if unreadable else 1)

    def _check(self, path: Path) -> Report:
        try:
            size = path.stat().st_size
            if size > max_bytes():
                return Report(problems=[Problem.TOO_LARGE])
            return verify_pdf(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}", returncode=2) from exc

    def _print(self, path: Path, report: Report) -> None:
        w = self.stdout.write
        w(f"{path}")
        if report.sha256:
            w("SHA-256 " + report.sha256)
        for line in report.lines:
            w("  " + line)
        for problem in report.problems:
            w("  ✗ " + str(problem.label))
        if report.ok:
            w(self.style.SUCCESS(_("VERIFIED: the seal holds, art28 issued this document and its ledger "
                                   "entry is intact.")))
