"""``art28 check FILE [--json] [--lang nl|en] [--playbook FILE]``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from art28.analyzer.analysis import analyze
from art28.analyzer.errors import AnalyzerError, ExitCode
from art28.analyzer.playbook import load_playbook
from art28.analyzer.report import report_text

EPILOG = "exit statuses: " + ", ".join(f"{c.value} {c.name.lower()}" for c in ExitCode)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(ExitCode.USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="art28 check",
        description="Read a data processing agreement "
        "(DOCX, PDF, TXT, Markdown, HTML) and check it against Article 28 GDPR.",
        epilog=EPILOG,
    )
    parser.add_argument("file", help="the agreement to read")
    parser.add_argument("--json", action="store_true", help="print the analysis as one JSON object")
    parser.add_argument("--lang", choices=["nl", "en"], help="the document's language (default: detect)")
    parser.add_argument(
        "--playbook", metavar="FILE", help="JSON file with your positions; deviations are listed"
    )
    return parser


def main(argv: list[str]) -> int:
    """Run the check; returns the exit status (see :class:`ExitCode`)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        playbook = load_playbook(args.playbook) if args.playbook else None
        analysis = analyze(args.file, lang=args.lang, playbook=playbook)
    except AnalyzerError as exc:
        print(f"art28 check: {exc.message}", file=sys.stderr)
        return int(exc.code)
    try:
        if args.json:
            json.dump(analysis.model_dump(mode="json"), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(report_text(analysis, args.lang or analysis.language))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return int(ExitCode.OK)
