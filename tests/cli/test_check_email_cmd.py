"""`iess-diag check-email` end to end: formats, languages, exit codes, stdin, DNS options."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from diag.render import Format
from tests.fixtures.cli import invoke
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

JSON_FIELDS = {"schema", "command", "input", "address", "verdict", "findings"}
FINDING_FIELDS = {"code", "status", "message", "details", "advice"}


def ns(server: FixtureDNSServer) -> list[str]:
    return ["--nameserver", server.nameserver, "--dns-timeout", str(ANSWERS)]


@pytest.mark.parametrize(("address", "code", "verdict"), [
    ("ana@hotmail.com", 0, "ok"),
    ("ana@tiendaquito.ec", 0, "warning"),
    ("ana@sinmail.com.ec", 1, "problem"),
    ("ana@gmail", 1, "problem"),
    ("ana@dnsroto.com.ec", 3, "inconclusive"),
])
def test_exit_codes_follow_the_verdict(dns_server: FixtureDNSServer, address: str, code: int,
                                       verdict: str) -> None:
    result = invoke(["check-email", address, "-f", "json", *ns(dns_server)])
    assert result.code == code, result.stderr
    assert json.loads(result.stdout)["verdict"] == verdict
    assert result.stderr == ""


def test_json_contract(dns_server: FixtureDNSServer) -> None:
    result = invoke(["check-email", " Ana@Hotmail.com", "-f", "json", "--lang", "es",
                     *ns(dns_server)])
    data = json.loads(result.stdout)
    assert data.keys() >= JSON_FIELDS
    assert data["schema"] == "iess-diag/1"
    assert data["command"] == "check-email"
    assert data["input"] == " Ana@Hotmail.com"
    assert data["address"] == "Ana@hotmail.com"
    for finding in data["findings"]:
        assert finding.keys() >= FINDING_FIELDS
        assert finding["status"] in {"ok", "info", "warn", "fail", "unknown"}
        assert all({"id", "text"} <= a.keys() for a in finding["advice"])
    accepts = next(f for f in data["findings"] if f["code"] == "domain.accepts_mail")
    assert "acepta correo" in accepts["message"]


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize(("lang", "word"), [("es", "dominio"), ("en", "domain")])
def test_every_format_in_both_languages(dns_server: FixtureDNSServer, fmt: Format, lang: str,
                                        word: str) -> None:
    result = invoke(["check-email", "ana@sinmail.com.ec", "--format", fmt.value, "--lang", lang,
                     *ns(dns_server)])
    assert result.code == 1
    assert word in result.stdout
    assert "domain.null_mx" in result.stdout


def test_language_follows_the_locale(dns_server: FixtureDNSServer) -> None:
    spanish = invoke(["check-email", "ana@sinmail.com.ec", "-f", "table", *ns(dns_server)],
                     environ={"LANG": "es_EC.UTF-8"})
    english = invoke(["check-email", "ana@sinmail.com.ec", "-f", "table", *ns(dns_server)],
                     environ={"LANG": "en_US.UTF-8"})
    assert "Hay un problema" in spanish.stdout
    assert "There is a problem" in english.stdout


def test_table_by_default_on_a_terminal_json_otherwise(dns_server: FixtureDNSServer) -> None:
    on_tty = invoke(["check-email", "ana@hotmail.com", *ns(dns_server)], tty=True)
    piped = invoke(["check-email", "ana@hotmail.com", *ns(dns_server)])
    assert "┃" in on_tty.stdout
    assert json.loads(piped.stdout)["verdict"] == "ok"


def test_several_addresses_give_json_lines_and_the_worst_exit(
        dns_server: FixtureDNSServer) -> None:
    result = invoke(["check-email", "ana@hotmail.com", "luis@sinmail.com.ec", "-f", "json",
                     *ns(dns_server)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == ["ana@hotmail.com", "luis@sinmail.com.ec"]
    assert result.code == 1


def test_problem_outranks_inconclusive(dns_server: FixtureDNSServer) -> None:
    result = invoke(["check-email", "ana@dnsroto.com.ec", "luis@sinmail.com.ec", "-f", "json",
                     *ns(dns_server)])
    assert result.code == 1


def test_addresses_from_stdin(dns_server: FixtureDNSServer) -> None:
    result = invoke(["check-email", "-", "-f", "json", *ns(dns_server)],
                    stdin="ana@hotmail.com\n\n luis@gmail.com\r\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["address"] for line in lines] == ["ana@hotmail.com", "luis@gmail.com"]


def test_empty_stdin_is_a_usage_error() -> None:
    result = invoke(["check-email", "-", "--lang", "es"], stdin="\n\n")
    assert result.code == 2
    assert result.stderr.startswith("iess-diag: error: ")
    assert result.stderr.count("\n") == 1


def test_nameserver_from_the_environment(dns_server: FixtureDNSServer,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer reads option variables from the process environment itself.
    monkeypatch.setenv("IESS_DIAG_NAMESERVER", dns_server.nameserver)
    result = invoke(["check-email", "ana@hotmail.com", "-f", "json"])
    assert json.loads(result.stdout)["verdict"] == "ok"


@pytest.mark.parametrize("spec", ["dns.google", "127.0.0.1:0", "127.0.0.1:99999", "[::1]:x"])
def test_bad_nameserver_is_a_usage_error(spec: str) -> None:
    result = invoke(["check-email", "ana@hotmail.com", "--nameserver", spec, "--lang", "en"])
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("iess-diag: error: ")
    assert "IP" in result.stderr or "port" in result.stderr


def test_unknown_option_is_one_line_exit_2() -> None:
    result = invoke(["check-email", "ana@hotmail.com", "--no-such-option"])
    assert result.code == 2
    assert result.stderr.startswith("iess-diag: error: ")
    assert result.stderr.count("\n") == 1


def test_runs_as_a_module_and_a_script(dns_server: FixtureDNSServer) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "diag", "check-email", "ana@hotmail.com", "-f", "json",
         "--nameserver", dns_server.nameserver],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "ok"


@pytest.mark.parametrize("data", [
    "ana@hotmail.com\r\nluis@gmail.com\r\n".encode("utf-16"),  # Notepad's «Unicode»
    "\ufeffana@hotmail.com\r\nluis@gmail.com".encode(),  # Notepad's «UTF-8 con BOM»
])
def test_stdin_as_windows_saves_it_is_read_as_the_addresses(dns_server: FixtureDNSServer,
                                                           data: bytes) -> None:
    env = {**os.environ, "LANG": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "diag", "check-email", "-", "-f", "json",
                             *ns(dns_server)], input=data, capture_output=True, env=env,
                            timeout=60, check=False)
    reports = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["input"] for r in reports] == ["ana@hotmail.com", "luis@gmail.com"]
    assert result.returncode == 0, result.stderr
    assert all("address.invisible_characters" not in {f["code"] for f in r["findings"]}
               for r in reports)


def test_binary_stdin_is_one_line_and_exit_2() -> None:
    env = {**os.environ, "LANG": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "diag", "check-email", "-", "--lang", "es"],
                            input=bytes(range(32)) * 10, capture_output=True, env=env,
                            timeout=60, check=False)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().startswith("iess-diag: error: ") and \
        result.stderr.count(b"\n") == 1
