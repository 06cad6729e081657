"""Regenerate the sample outputs in examples/ against the loopback test DNS server.

Run from the repository root, as root (the diagnose sample starts a private Dovecot):
    .venv/bin/python -m examples.make_samples
(The samples are realistic, but the DNS answers come from tests/fixtures/zones.py and the mailbox
from tests/servers/dovecot.py, not the internet.)
"""

from __future__ import annotations

import io
from pathlib import Path

from diag.cli import run
from diag.cli.environment import Environment
from tests.fixtures.zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer

HERE = Path(__file__).parent
ADDRESSES = ["ana.perez@hotmail.con", "luis\u200b@gmial.com", "maria@tiendaquito.ec"]


def _run(argv: list[str], environ: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    env = Environment(stdout=out, stderr=io.StringIO(),
                      environ={"LANG": "es_EC.UTF-8", **(environ or {})}, stdout_isatty=False)
    run(argv, env)
    return out.getvalue()


def main() -> None:
    with FixtureDNSServer(STANDARD_ZONE, **STANDARD_FAULTS) as dns:
        common = ["--nameserver", dns.nameserver, "--lang", "es"]
        for fmt, suffix in (("table", "txt"), ("json", "jsonl"), ("markdown", "md")):
            text = _run(["check-email", *ADDRESSES, "-f", fmt, *common])
            (HERE / f"check-email.{suffix}").write_text(text, encoding="utf-8")
        batch = _run(["batch", str(HERE / "affiliates.csv"), "--output-format", "csv", *common])
        (HERE / "affiliates.checked.csv").write_text(batch, encoding="utf-8")
        _diagnose_samples(common)
    for fmt, suffix in (("table", "txt"), ("json", "json")):
        text = _run(["analyze-headers", str(HERE / "phishing-lookalike.eml"), "-f", fmt,
                     "--lang", "es"])
        (HERE / f"phishing-lookalike.analysis.{suffix}").write_text(text, encoding="utf-8")


def _diagnose_samples(common: list[str]) -> None:
    """One case with its mailbox searched: the recovery mail sits in the spam folder."""
    from tests.fixtures import messages
    from tests.servers.dovecot import PrivateDovecot
    from tests.servers.dovecot_setup import MailUser

    user, password = "paola.quinde@andinanet.net", "Clave-Muestra-2026"
    with PrivateDovecot(users=[MailUser(user, password)]) as box:
        box.deliver(user, "Junk", messages.iess_reset_mail(user))
        argv = ["diagnose", user, "--user", user, "--cedula", "1714307103", "--imap-host",
                box.host, "--imap-port", str(box.imaps_port), "--ca-file", str(box.ca_file),
                "--no-sender-check", *common]
        for fmt, suffix in (("markdown", "md"), ("html", "html")):
            text = _run([*argv, "-f", fmt], {"IESS_DIAG_IMAP_PASSWORD": password})
            (HERE / f"diagnose-report.{suffix}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
