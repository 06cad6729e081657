"""Using iess-diag as a library: check a few addresses and print what to do, in Spanish.

Run:  .venv/bin/python examples/check_addresses.py ana.perez@hotmail.com luis@gmial.com
      .venv/bin/python examples/check_addresses.py --nameserver 127.0.0.1:5353 ana@hotmail.com
"""

from __future__ import annotations

import argparse

import diag
from diag.advice.plan import plan
from diag.i18n import Lang


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("addresses", nargs="+")
    parser.add_argument("--nameserver", action="append", default=[])
    args = parser.parse_args()
    # One call for all addresses: DNS work for a shared domain is done once.
    for report in diag.check_emails(args.addresses, nameservers=args.nameserver, dns_timeout=3):
        print(f"{report.input}: {report.verdict.value}")
        for finding in report.findings:
            print(f"  [{finding.status.value:7}] {finding.message.get(Lang.ES)}")
        for step, advice in enumerate(plan(report.findings), 1):
            print(f"  {step}. {advice.get(Lang.ES)}")


if __name__ == "__main__":
    main()
