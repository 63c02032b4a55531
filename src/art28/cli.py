"""The ``art28`` command.

``art28 check`` runs the analyzer without Django, so it works on any machine with
the package installed. Every other subcommand is a Django management command:
``art28 import controllers F`` runs ``import_controllers F``, ``art28 ledger verify``
runs ``ledger_verify``; ``art28 manage ...`` reaches any Django command.
"""

from __future__ import annotations

import os
import sys

USAGE = """usage: art28 COMMAND [ARGS]

Running
  demo [--no-serve] [--bind HOST:PORT]
                                 prepare the database with demo data (and serve it);
                                 links in its e-mails point to http://HOST:PORT
  serve [--bind HOST:PORT]       run the web server (gunicorn) and a task worker;
                                 links in e-mails point to BASE_URL
  worker [--batch]               run a task worker (delivers the outbox, runs periodic jobs)
  tick                           run the periodic jobs and deliver what is due, once (cron)

Agreements and parties
  import controllers FILE.csv    bulk onboarding, all rows or none (--skip-invalid)
  render (--all | CODE...)       render agreements to --out DIR as --format pdf,docx
  breach clocks                  send the breach-notice reminders that are due
  ropa export --format F --out FILE
                                 the processor's record of processing (Art. 30(2))
  ledger verify                  check the hash chain of the ledger
  verify FILE.pdf [--lang nl|en] check a PDF art28 issued: seal, timestamp, who accepted
                                 which version when and from where, its ledger entry

Accounts
  createadmin                    create a processor admin account
  totp USER                      print the current TOTP code of a user's device

Analysis
  check FILE [--json] [--lang nl|en] [--playbook FILE]
                                 read any agreement and check it against Article 28

Maintenance
  migrate                        apply database migrations
  manage COMMAND ...             any Django management command

Settings come from the environment; see the README.
"""


def _django_command(argv: list[str]) -> list[str]:
    """Map ``art28 a b ...`` onto the management command ``a_b`` when it exists."""
    from django.core.management import get_commands

    commands = get_commands()
    if argv[0] == "manage":
        return argv[1:]
    if len(argv) > 1 and f"{argv[0]}_{argv[1]}" in commands:
        return [f"{argv[0]}_{argv[1]}", *argv[2:]]
    if argv[0] in commands:
        return argv
    print(f"art28: unknown command {' '.join(argv[:2])!r}\n\n{USAGE}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if argv[0] == "check":
        from art28.analyzer.cli import main as check_main

        return check_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "art28.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    execute_from_command_line(["art28", *_django_command(argv)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
