"""diagnose: the address, then the mailbox, then the cédula, in one report with one plan."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from diag.case.diagnose import MAILBOX_COMMAND, combine, diagnose
from diag.deliverability.check import AddressCheck
from diag.errors import CheckFailed, UsageError
from diag.findings import Finding, Report, Status, Verdict
from diag.i18n import Text
from tests.fixtures.cases import address_report, finding, mailbox_report
from tests.fixtures.cli import Outcome, invoke
from tests.fixtures.messages import junk_verdict_iess_mail
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA

GOOD = "ana.perez@gmail.com"
VALID_ID = "1712345618"


class Mailbox:
    """A stand-in mailbox check that records the address it was asked about."""

    def __init__(self, *found: Finding, error: Exception | None = None) -> None:
        self.found, self.error, self.asked = found, error, list[str]()

    def __call__(self, checked: AddressCheck) -> Report:
        address = checked.report.address or checked.report.input
        self.asked.append(address)
        if self.error is not None:
            raise self.error
        return mailbox_report(address, *self.found)


def not_checked(report: Report) -> Finding:
    found = report.sections[1].find("mailbox.not_checked")
    assert found is not None
    return found


# --- the library ---------------------------------------------------------------------------

def test_without_credentials_the_mailbox_is_reported_as_not_checked(
        dns_server: FixtureDNSServer) -> None:
    report = diagnose(GOOD, nameservers=[dns_server.nameserver])
    assert report.command == "diagnose"
    assert [s.command for s in report.sections] == ["check-email", MAILBOX_COMMAND]
    skipped = not_checked(report)
    # Nobody opened the mailbox: never "all clear" (issue 10, case 4), never a problem either.
    assert skipped.status is Status.UNKNOWN and skipped.details["reason"] == "no_credentials"
    assert skipped.message.es.startswith("No se revisó el buzón")
    assert "--user" in skipped.message.es and "--user" in skipped.message.en
    assert report.verdict is Verdict.INCONCLUSIVE


@pytest.mark.parametrize("address", ["ana@sinmail.com.ec", "ana@hotmial.com", "ana.gmail.com",
                                     "ana@mxinexistente.com.ec"])
def test_an_address_that_cannot_receive_mail_skips_the_mailbox(
        dns_server: FixtureDNSServer, address: str) -> None:
    mailbox = Mailbox(finding("mail.found_inbox"))
    report = diagnose(address, search=mailbox, nameservers=[dns_server.nameserver])
    assert mailbox.asked == []
    assert not_checked(report).details["reason"] == "cannot_receive"
    assert report.verdict is Verdict.PROBLEM


@pytest.mark.parametrize(("typed", "checked"), [
    ("ana\u200b@gmail.com", "ana@gmail.com"),
    ("  Ana.Perez@GMAIL.com ", "Ana.Perez@gmail.com"),
])
def test_the_mailbox_is_searched_for_the_address_as_checked(
        dns_server: FixtureDNSServer, typed: str, checked: str) -> None:
    mailbox = Mailbox(finding("mail.found_inbox"))
    report = diagnose(typed, search=mailbox, nameservers=[dns_server.nameserver])
    assert mailbox.asked == [checked]
    assert report.input == typed and report.address == checked
    assert report.sections[1].codes() == ["mail.found_inbox"]


def test_a_dns_failure_does_not_stop_the_mailbox_check(dns_server: FixtureDNSServer) -> None:
    mailbox = Mailbox(finding("mail.found_inbox"))
    report = diagnose("ana@silencioso.com.ec", search=mailbox,
                      nameservers=[dns_server.nameserver], dns_timeout=0.5)
    assert mailbox.asked == ["ana@silencioso.com.ec"]
    assert report.verdict is Verdict.INCONCLUSIVE


def test_a_mailbox_check_that_cannot_run_becomes_an_unknown_finding(
        dns_server: FixtureDNSServer) -> None:
    error = CheckFailed(Text("falta la contraseña.", "the password is missing."))
    report = diagnose(GOOD, search=Mailbox(error=error), nameservers=[dns_server.nameserver])
    skipped = not_checked(report)
    assert skipped.status is Status.UNKNOWN
    assert skipped.message.en == "The mailbox could not be checked: the password is missing."
    assert skipped.message.es == "No se pudo revisar el buzón: falta la contraseña."
    assert report.verdict is Verdict.INCONCLUSIVE


def test_bad_arguments_to_the_mailbox_check_still_raise(dns_server: FixtureDNSServer) -> None:
    error = UsageError(Text("mal", "bad"))
    with pytest.raises(UsageError):
        diagnose(GOOD, search=Mailbox(error=error), nameservers=[dns_server.nameserver])


@pytest.mark.parametrize(("number", "code", "verdict"), [
    (VALID_ID, "id.valid", Verdict.INCONCLUSIVE),  # the mailbox was not searched
    ("1712345612", "id.invalid", Verdict.PROBLEM),
])
def test_cedula_adds_the_identity_section(dns_server: FixtureDNSServer, number: str, code: str,
                                          verdict: Verdict) -> None:
    report = diagnose(GOOD, cedula=number, nameservers=[dns_server.nameserver])
    assert [s.command for s in report.sections][-1] == "check-id"
    assert code in report.sections[-1].codes()
    assert report.verdict is verdict


def test_combined_findings_are_the_sections_findings_once() -> None:
    address = address_report(GOOD)
    repeated = finding("provider.detected", domain="gmail.com")
    address = Report(address.command, address.input, address.address,
                     (*address.findings, repeated))
    mailbox = mailbox_report(GOOD, repeated, finding("mail.found_inbox"))
    report = combine(GOOD, GOOD, [address, mailbox])
    assert report.codes().count("provider.detected") == 1
    assert report.sections[1].codes() == ["mail.found_inbox"]
    assert report.findings == tuple(f for s in report.sections for f in s.findings)


def test_reports_are_still_built_with_four_fields() -> None:
    report = Report("check-email", "x", None, ())
    assert report.sections == ()


def test_the_mailbox_section_has_the_mailbox_commands_name() -> None:
    from diag.mailbox.find import COMMAND

    assert COMMAND == MAILBOX_COMMAND


# --- the action plan: tests/advice (the rules) and tests/truth/plan.py (the scenario corpus) --

# --- the command line ----------------------------------------------------------------------

def cli(dns: FixtureDNSServer, *args: str, environ: dict[str, str] | None = None) -> Outcome:
    return invoke(["diagnose", *args, "--nameserver", dns.nameserver],
                  environ=environ or {"LANG": "C.UTF-8"})


@pytest.mark.parametrize(("fmt", "es", "en"), [
    ("table", "Qué hacer", "What to do"),
    ("json", '"lang": "es"', '"lang": "en"'),
    ("markdown", "### Buzón: el correo del IESS —", "### Mailbox: the IESS mail —"),
    ("html", '<html lang="es">', '<html lang="en">'),
])
def test_every_format_in_both_languages(dns_server: FixtureDNSServer, fmt: str, es: str,
                                        en: str) -> None:
    for lang, word in (("es", es), ("en", en)):
        done = cli(dns_server, GOOD, "-f", fmt, "--lang", lang, "--cedula", VALID_ID)
        assert (done.code, done.stderr) == (3, "")  # the mailbox was not searched
        assert word in done.stdout
        assert "1712345618" in done.stdout


def test_json_has_sections_and_plan(dns_server: FixtureDNSServer) -> None:
    done = cli(dns_server, "ana@sinmail.com.ec", "-f", "json", "--lang", "en", "--cedula",
               VALID_ID)
    data = json.loads(done.stdout)
    assert data["command"] == "diagnose" and data["verdict"] == "problem"
    assert [s["command"] for s in data["sections"]] == ["check-email", MAILBOX_COMMAND,
                                                        "check-id", "check-sender"]
    assert [s["verdict"] for s in data["sections"]] == ["problem", "ok", "ok", "ok"]
    assert data["sections"][0]["codes"] == ["address.valid", "domain.null_mx"]
    assert [s["checked"] for s in data["sections"]] == [True, False, True, True]
    assert data["not_checked"] == [MAILBOX_COMMAND] and data["audience"] == "agent"
    assert [(s["id"], s["because"]) for s in data["plan"]] == [
        ("step_confirm_address", ["domain.null_mx"]),
        ("step_update_at_cau", ["domain.null_mx"]),
    ]
    assert data["plan"][0]["text"].startswith("This address cannot receive mail (its domain "
                                              "declares that it accepts no mail).")
    assert data["plan"][1]["source"] == "article"
    assert sum(len(s["codes"]) for s in data["sections"]) == len(data["findings"])


def test_check_email_json_has_a_plan_but_no_sections(dns_server: FixtureDNSServer) -> None:
    done = invoke(["check-email", GOOD, "-f", "json", "--nameserver", dns_server.nameserver])
    data = json.loads(done.stdout)
    assert "sections" not in data and data["not_checked"] == []
    assert [s["id"] for s in data["plan"]] == ["step_webmail_gmail"]


@pytest.mark.parametrize(("args", "code"), [
    ([GOOD], 3),  # the mailbox was not searched: inconclusive, never 0 nor 1
    (["ana@sinmail.com.ec"], 1),
    ([GOOD, "--cedula", "1712345612"], 1),
    (["ana@silencioso.com.ec", "--dns-timeout", "0.5"], 3),
    ([GOOD, "--format", "pdf"], 2),
    ([GOOD, "--starttls", "--allow-plaintext", "--user", "ana"], 2),
    ([GOOD, "--since", "pronto", "--user", "ana"], 2),
])
def test_exit_codes(dns_server: FixtureDNSServer, args: list[str], code: int) -> None:
    done = cli(dns_server, "-f", "json", *args)
    assert done.code == code, done.stderr
    if code == 2:
        assert done.stdout == "" and done.stderr.startswith("iess-diag: error: ")
    else:
        assert done.stderr == "" and json.loads(done.stdout)["command"] == "diagnose"


def test_a_bug_is_exit_70_without_a_traceback(dns_server: FixtureDNSServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import diag.case.diagnose

    def broken(*args: object, **kwargs: object) -> Report:
        raise RuntimeError("boom")

    monkeypatch.setattr(diag.case.diagnose, "diagnose", broken)
    done = cli(dns_server, GOOD)
    assert done.code == 70 and done.stdout == ""
    assert "RuntimeError" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("name", "start"), [
    ("case.html", "<!DOCTYPE html>"), ("case.md", "## iess-diag diagnose"),
    ("case.json", '{"schema"'), ("case.txt", GOOD),
])
def test_output_file_format_follows_the_suffix(dns_server: FixtureDNSServer, tmp_path: Path,
                                               name: str, start: str) -> None:
    target = tmp_path / name
    done = cli(dns_server, GOOD, "--output", str(target), "--lang", "en")
    assert done.code == 3 and done.stdout == ""
    assert done.stderr == f"iess-diag: report saved to {target}\n"
    assert target.read_text(encoding="utf-8").startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_output_replaces_the_file_with_what_stdout_would_show(dns_server: FixtureDNSServer,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "case.out"
    target.write_text("old report", encoding="utf-8")
    done = cli(dns_server, GOOD, "-f", "markdown", "-o", str(target), "--lang", "es", "--force")
    shown = cli(dns_server, GOOD, "-f", "markdown", "--lang", "es")
    assert done.code == shown.code == 3
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert done.stderr == f"iess-diag: informe guardado en {target}\n"


def test_output_that_cannot_be_written_is_a_usage_error(dns_server: FixtureDNSServer,
                                                         tmp_path: Path) -> None:
    done = cli(dns_server, GOOD, "-o", str(tmp_path / "missing" / "case.html"), "--lang", "en")
    assert done.code == 2 and done.stdout == ""
    assert done.stderr.startswith("iess-diag: error: could not write the report to ")
    assert "no such file or folder" in done.stderr
    spanish = cli(dns_server, GOOD, "-o", str(tmp_path / "missing" / "case.html"), "--lang", "es")
    assert "no existe ese archivo o la carpeta donde está" in spanish.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_redact_hides_the_address_and_cedula(dns_server: FixtureDNSServer, fmt: str) -> None:
    done = cli(dns_server, "Ana.Perez@Gmail.com", "--redact", "-f", fmt, "--cedula", VALID_ID)
    assert done.code == 3  # no mailbox searched
    text = done.stdout.lower().replace("\\[.\\]", ".")  # Markdown defangs hosts: gmail[.]com
    for secret in ("ana.perez", VALID_ID):
        assert secret not in text
    assert "a****@gmail.com" in text and "17******18" in text


# --- with a real mailbox (the private Dovecot on loopback) --------------------------------

def mailbox_args(server: PrivateDovecot, *extra: str) -> list[str]:
    return [ANA.name, "--imap-host", server.host, "--imap-port", str(server.imaps_port),
            "--ca-file", str(server.ca_file), "-f", "json", *extra]


def test_mail_found_in_junk(dns_server: FixtureDNSServer, dovecot: PrivateDovecot) -> None:
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    done = cli(dns_server, *mailbox_args(dovecot, "--user", ANA.name),
               environ={"IESS_DIAG_IMAP_PASSWORD": ANA.password})
    data = json.loads(done.stdout)
    assert (done.code, done.stderr) == (0, "")
    assert "mail.found_spam" in data["sections"][1]["codes"]
    # SPF, DKIM and DMARC failed (issue 10, case 2): neither "open it" nor "mark it safe".
    assert [step["id"] for step in data["plan"]] == ["step_forged"]
    assert ANA.password not in done.stdout


def test_wait_and_debug_reach_the_mailbox_search(dns_server: FixtureDNSServer,
                                                 dovecot: PrivateDovecot) -> None:
    done = cli(dns_server, *mailbox_args(dovecot, "--wait", "1s", "--poll", "1", "--debug"),
               environ={"IESS_DIAG_IMAP_PASSWORD": ANA.password})
    data = json.loads(done.stdout)
    assert done.code == 1 and "mail.not_found" in data["sections"][1]["codes"]
    assert "imap> " in done.stderr and ANA.password not in done.stderr
    assert "www.iess.gob.ec" in done.stderr  # the countdown asks for a new link


def test_refused_sign_in_is_inconclusive_and_redacted(dns_server: FixtureDNSServer,
                                                      dovecot: PrivateDovecot) -> None:
    done = cli(dns_server, *mailbox_args(dovecot, "--redact"),
               environ={"IESS_DIAG_IMAP_PASSWORD": "wrong"})
    data = json.loads(done.stdout)
    assert done.code == 3
    assert "imap.oauth_required" in data["sections"][1]["codes"]  # hotmail.com: Microsoft
    assert "ana@" not in done.stdout.lower() and "a****@hotmail.com" in done.stdout


def test_no_password_and_no_terminal_is_reported_not_raised(dns_server: FixtureDNSServer,
                                                            dovecot: PrivateDovecot) -> None:
    done = cli(dns_server, *mailbox_args(dovecot), environ={"LANG": "C.UTF-8"})
    data = json.loads(done.stdout)
    assert done.code == 3
    skipped = next(f for f in data["findings"] if f["code"] == "mailbox.not_checked")
    assert (skipped["code"], skipped["status"]) == ("mailbox.not_checked", "unknown")
    assert "IESS_DIAG_IMAP_PASSWORD" in skipped["message"]


@pytest.mark.parametrize("variable", ["IESS_DIAG_IMAP_PASSWORD", "IESS_DIAG_OAUTH2_TOKEN"])
def test_a_secret_in_the_environment_is_enough_to_search(
        dns_server: FixtureDNSServer, variable: str) -> None:
    done = cli(dns_server, GOOD, "-f", "json", "--imap-port", "1", "--timeout", "2",
               environ={variable: "secret"})
    codes = json.loads(done.stdout)["sections"][1]["codes"]
    assert "mailbox.not_checked" not in codes and done.code == 3


def test_a_client_id_from_the_environment_alone_does_not_search(
        dns_server: FixtureDNSServer) -> None:
    done = cli(dns_server, GOOD, "-f", "json", environ={"IESS_DIAG_MS_CLIENT_ID": "abc"})
    assert json.loads(done.stdout)["sections"][1]["codes"] == ["mailbox.not_checked"]


def test_help_shows_the_options_and_an_example() -> None:
    from typer.testing import CliRunner

    from diag.cli import app

    done = CliRunner().invoke(app, ["diagnose", "--help"], terminal_width=200)
    assert done.exit_code == 0
    for option in ("--cedula", "--redact", "--output", "--user", "--imap-host", "--since",
                   "--nameserver", "--format", "html", "--lang", "Example / Ejemplo"):
        assert option in done.stdout
