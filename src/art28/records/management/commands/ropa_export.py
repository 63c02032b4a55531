"""``art28 ropa export --format csv|xlsx|pdf|jsonld --out FILE``: the Art. 30(2) record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from art28.parties.access import operator_processor, operator_processors
from art28.parties.models import Processor
from art28.records import services as ropa


class Command(BaseCommand):
    help = "Export the processor's record of processing activities (Art. 30(2) GDPR)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=ropa.FORMATS, default="csv")
        parser.add_argument("--out", required=True, help="file to write ('-' for standard output)")
        parser.add_argument("--processor", help="processor code (default: the only one)")
        parser.add_argument("--language", choices=("nl", "en"), default="en", help="language of the PDF")

    def handle(self, *args: Any, **opts: Any) -> None:
        processor = self._processor(opts["processor"])
        content = ropa.export_stream(processor=processor, fmt=opts["format"], language=opts["language"])
        chunks = [content] if isinstance(content, bytes) else content
        if opts["out"] == "-":
            # OutputWrapper passes attributes on to its stream; the stubs type each as a method.
            binary = hasattr(self.stdout, "buffer")
            last = b""
            for last in chunks:
                self.stdout.buffer.write(last) if binary else self.stdout.write(  # type: ignore[attr-defined]
                    last.decode("utf-8", "replace"), ending="")
            if not binary and not last.endswith(b"\n"):
                self.stdout.write("")  # the line end OutputWrapper adds to what it writes
            return
        size = 0
        with Path(opts["out"]).open("wb") as out:
            for chunk in chunks:
                size += out.write(chunk)
        self.stderr.write(f"wrote {size} bytes to {opts['out']}")

    def _processor(self, code: str | None) -> Processor:
        if code:
            try:
                return operator_processor(code)
            except (Processor.DoesNotExist, ValueError):
                raise CommandError(f"no processor {code}") from None
        processors = list(operator_processors()[:2])
        if len(processors) != 1:
            raise CommandError("give --processor CODE" if processors else "no processor set up yet")
        return processors[0]
