"""--audience on every command that prints a plan: the agent by default, or the person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.cli import invoke
from tests.servers.dnsserver import FixtureDNSServer

EXAMPLE = Path(__file__).parents[2] / "examples" / "iess-recovery.eml"


def _args(command: str, dns: FixtureDNSServer) -> list[str]:
    if command == "analyze-headers":
        return [command, str(EXAMPLE)]
    address = "rosa@andinanet.net" if command == "find-reset-mail" else "luis.mora@hotmail.com"
    return [command, address, "--nameserver", dns.nameserver]


@pytest.mark.parametrize("command", ["diagnose", "check-email", "find-reset-mail",
                                     "analyze-headers"])
@pytest.mark.parametrize(("typed", "audience"), [
    (None, "agent"), ("agent", "agent"), ("person", "person"), ("persona", "person"),
    ("AGENTE", "agent"),
])
def test_every_plan_command_takes_the_audience(dns_server: FixtureDNSServer, command: str,
                                              typed: str | None, audience: str) -> None:
    extra = [] if typed is None else ["--audience", typed]
    done = invoke([*_args(command, dns_server), "-f", "json", "--lang", "es", *extra])
    assert done.code in (0, 1, 3), done.stderr
    data = json.loads(done.stdout.splitlines()[0])
    assert data["audience"] == audience
    plan = " ".join(step["text"] for step in data["plan"])
    if audience == "person":
        assert "la persona" not in plan
    elif data["plan"]:
        assert "usted mismo" not in plan


def test_the_person_hears_outlook_steps_directly(dns_server: FixtureDNSServer) -> None:
    done = invoke(["diagnose", "luis.mora@hotmail.com", "--audience", "person", "-f", "json",
                   "--lang", "es", "--nameserver", dns_server.nameserver])
    [step] = json.loads(done.stdout)["plan"]
    assert step["id"] == "step_webmail_outlook" and step["source"] == "provider"
    assert step["text"].startswith("Busque el correo usted mismo en Outlook.com")
    assert done.code == 3  # the mailbox was not searched: inconclusive, never 0 or 1


def test_an_unknown_audience_is_a_usage_error(dns_server: FixtureDNSServer) -> None:
    done = invoke([*_args("check-email", dns_server), "--audience", "jefe"])
    assert done.code == 2 and done.stdout == ""
    assert "(agent, person, agente, persona)" in done.stderr and "jefe" in done.stderr
