"""`iess-diag check-sender` and the diagnose section: exit codes, formats, languages, files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.cli import Outcome, invoke
from tests.fixtures.sender_zones import (
    HEALTHY_IPS,
    LISTED_IP,
    SENDER_FAULTS,
    SENDER_ZONE,
    SENDERS,
)
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.truth import sending_ip


@pytest.fixture(scope="module")
def world() -> Iterator[FixtureDNSServer]:
    with FixtureDNSServer(SENDER_ZONE, **SENDER_FAULTS) as server:
        yield server


def cli(world: FixtureDNSServer, *args: str, budget: float = ANSWERS) -> Outcome:
    return invoke(["check-sender", *args, "--nameserver", world.nameserver, "--dns-timeout",
                   str(budget)])


@pytest.mark.parametrize(("args", "code"), [
    ([], 0),  # iess.gob.ec by default
    ([SENDERS["listed"]], 1),
    ([SENDERS["include_loop"]], 1),
    ([SENDERS["refused"]], 3),
    ([SENDERS["silent_list"]], 3),
    (["--sending-ip", "not-an-ip"], 2),
    (["--format", "xml"], 2),
])
def test_exit_codes(world: FixtureDNSServer, args: list[str], code: int) -> None:
    silent = SENDERS["silent_list"] in args  # waits out a list that never answers: exit 3 anyway
    done = cli(world, "-f", "json", *args, budget=1.0 if silent else ANSWERS)
    assert done.code == code, done.stderr
    if code == 2:
        assert done.stdout == "" and done.stderr.startswith("iess-diag: error: ")
    else:
        assert done.stderr == "" and json.loads(done.stdout)["command"] == "check-sender"


@pytest.mark.parametrize(("fmt", "es", "en"), [
    ("table", "Ninguno de los 3 servidores de envío", "None of the 3 sending servers"),
    ("json", '"lang": "es"', '"lang": "en"'),
    # Markdown defangs every host (a ticket must never autolink one): iess[.]gob[.]ec.
    ("markdown", "**Veredicto:** Todo en orden", "iess\\[.\\]gob\\[.\\]ec"),
    ("html", '<html lang="es">', '<html lang="en">'),
])
def test_every_format_in_both_languages(world: FixtureDNSServer, fmt: str, es: str,
                                        en: str) -> None:
    for lang, word in (("es", es), ("en", en)):
        done = cli(world, "-f", fmt, "--lang", lang)
        assert (done.code, done.stderr) == (0, "")
        assert word in done.stdout


def test_json_details(world: FixtureDNSServer) -> None:
    done = cli(world, SENDERS["listed"], "-f", "json", "--dkim-selector", "s1")
    data = json.loads(done.stdout)
    listed = next(f for f in data["findings"] if f["code"] == "blocklist.listed")
    assert listed["details"]["address"] == "190.152.9.9"
    assert listed["details"]["zone"] == "zen.spamhaus.org"
    assert listed["advice"][0]["id"] == "sender_side_not_your_address"


def test_several_domains_are_json_lines(world: FixtureDNSServer) -> None:
    done = cli(world, "-f", "json", "--sender-domain", SENDERS["dmarc_none"],
               "--sender-domain", SENDERS["no_dmarc"])
    assert [json.loads(line)["input"] for line in done.stdout.splitlines()] == [
        SENDERS["dmarc_none"], SENDERS["no_dmarc"]]


def test_output_file_follows_the_suffix(world: FixtureDNSServer, tmp_path: Path) -> None:
    path = tmp_path / "remitente.md"
    done = cli(world, "-o", str(path), "--lang", "es")
    assert done.code == 0 and done.stdout == ""
    assert "informe guardado" in done.stderr
    assert "iess\\[.\\]gob\\[.\\]ec" in path.read_text(encoding="utf-8")  # defanged
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    again = cli(world, "-o", str(path), "--lang", "es")
    assert again.code == 2 and "--force" in again.stderr
    assert cli(world, "-o", str(path), "--force").code == 0
    to_stdout = cli(world, "-o", "-", "-f", "json")
    assert to_stdout.code == 0 and json.loads(to_stdout.stdout)["command"] == "check-sender"


def test_diagnose_has_the_sender_section_unless_told(world: FixtureDNSServer) -> None:
    args = ["diagnose", "ana@iess.gob.ec", "-f", "json", "--nameserver", world.nameserver,
            "--sender-domain", SENDERS["listed"]]
    with_it = json.loads(invoke(args).stdout)
    assert with_it["sections"][-1]["command"] == "check-sender"
    assert "blocklist.listed" in with_it["sections"][-1]["codes"]
    assert with_it["plan"][0]["id"] == "sender_side_not_your_address"
    without = json.loads(invoke([*args, "--no-sender-check"]).stdout)
    assert "check-sender" not in [s["command"] for s in without["sections"]]


def test_diagnose_markdown_names_the_section(world: FixtureDNSServer) -> None:
    done = invoke(["diagnose", "ana@iess.gob.ec", "-f", "markdown", "--lang", "es",
                   "--nameserver", world.nameserver])
    assert "Remitente (IESS)" in done.stdout


def test_diagnose_asks_about_the_sender_once_per_process(world: FixtureDNSServer) -> None:
    args = ["diagnose", "ana@iess.gob.ec", "-f", "json", "--nameserver", world.nameserver,
            "--sender-domain", SENDERS["dmarc_quarantine"]]
    first = json.loads(invoke(args).stdout)
    asked = world.count(f"_dmarc.{SENDERS['dmarc_quarantine']}")
    second = json.loads(invoke(args).stdout)
    assert asked == 1 and world.count(f"_dmarc.{SENDERS['dmarc_quarantine']}") == 1
    assert first["sections"][-1] == second["sections"][-1]


@pytest.mark.parametrize("typed", ["ana@iess.gob.ec", "a..b", "iess", "-x.ec", ""])
def test_what_is_not_a_domain_is_a_usage_error(world: FixtureDNSServer, typed: str) -> None:
    done = invoke(["check-sender", "--nameserver", world.nameserver, "--", typed])
    assert done.code == 2 and done.stdout == ""
    assert done.stderr.startswith("iess-diag: error: ") and "domain name" in done.stderr


def test_an_idn_domain_is_asked_in_its_dns_spelling(world: FixtureDNSServer) -> None:
    world.reset_log()
    done = cli(world, "-f", "json", "ñandú.ec")
    assert json.loads(done.stdout)["input"] == "ñandú.ec"
    assert world.count("xn--and-6ma2c.ec", "TXT") == 1


@pytest.mark.parametrize(("auth", "hops", "listed", "note"), [
    (sending_ip.GMAIL_AR, [sending_ip.gmail_edge(f"(m.iess.gob.ec [{LISTED_IP}])")],
     [LISTED_IP], "origin.server"),
    # The receiver does not vouch for the mail: its server says nothing about the sender.
    (sending_ip.GMAIL_AR_FAIL, [sending_ip.gmail_edge(f"(m.iess.gob.ec [{LISTED_IP}])")],
     [], "origin.not_checked"),
    # A line the sender wrote below Gmail's is never its server.
    (sending_ip.GMAIL_AR, [sending_ip.gmail_edge(f"(m.iess.gob.ec [{HEALTHY_IPS[0]}])"),
                           sending_ip.gmail_edge(f"(x.example [{LISTED_IP}])", "x.example")],
     [], "origin.server"),
])
def test_from_mail_adds_the_server_that_delivered_it(
        world: FixtureDNSServer, tmp_path: Path, auth: str, hops: list[str], listed: list[str],
        note: str) -> None:
    path = tmp_path / "guardado.eml"
    path.write_bytes(sending_ip.mail(sending_ip.received(sending_ip.GMAIL_TOP, *hops), auth))
    done = cli(world, "iess.gob.ec", "--from-mail", str(path), "-f", "json")
    report = json.loads(done.stdout)
    found = [f["details"]["address"] for f in report["findings"]
             if f["code"] == "blocklist.listed"]
    assert found == listed
    assert done.code == (1 if listed else 0), done.stderr
    origin = next(f for f in report["findings"] if f["code"] == note)
    assert origin["details"]["file"] == str(path)


def test_from_mail_that_does_not_exist_is_a_usage_error(world: FixtureDNSServer) -> None:
    done = cli(world, "--from-mail", "no-existe.eml")
    assert done.code == 2
    assert "no-existe.eml" in done.stderr
