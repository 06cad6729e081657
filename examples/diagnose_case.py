"""Using iess-diag as a library: one help-desk case, mailbox included, from a script.

The mailbox password comes from the environment (never from the command line); the search is
read-only. Run:
  IESS_DIAG_IMAP_PASSWORD='app-password' .venv/bin/python examples/diagnose_case.py \\
      ana.perez@gmail.com --cedula 1714307103
  IESS_DIAG_IMAP_PASSWORD=... .venv/bin/python examples/diagnose_case.py ana@empresa.ec \\
      --imap-host mail.empresa.ec --ca-file ca.pem --nameserver 127.0.0.1:5353
"""

from __future__ import annotations

import argparse
import os

import diag
from diag.advice.plan import plan
from diag.i18n import Lang


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--cedula")
    parser.add_argument("--imap-host")
    parser.add_argument("--imap-port", type=int)
    parser.add_argument("--ca-file")
    parser.add_argument("--nameserver", action="append", default=[])
    args = parser.parse_args()
    password = os.environ.get("IESS_DIAG_IMAP_PASSWORD")
    report = diag.diagnose(
        args.address, cedula=args.cedula, nameservers=args.nameserver, dns_timeout=3,
        credentials=diag.Credentials(password=password) if password else None,
        mailbox=diag.MailboxOptions(imap_host=args.imap_host, imap_port=args.imap_port,
                                    ca_file=args.ca_file),
    )
    print(f"{report.input}: {report.verdict.value}")
    for section in report.sections:
        print(f"  {section.command}: {section.verdict.value}")
        for finding in section.findings:
            print(f"    [{finding.status.value:7}] {finding.code}")
    for step, advice in enumerate(plan(report.findings), 1):
        print(f"  {step}. {advice.get(Lang.ES)}")


if __name__ == "__main__":
    main()
