"""find-reset-mail against hostile or broken IMAP servers (tests/servers/hostile_imap.py):
every run ends (cut by our deadline where the server stalls) with an imap.* finding, exit 3,
at most one line on stderr and bounded memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.cli import Outcome, invoke
from tests.fixtures.zones import STANDARD_ZONE
from tests.servers.dnsserver import FixtureDNSServer
from tests.servers.dovecot_setup import LOCAL_HOSTNAME, OTHER_HOSTNAME
from tests.servers.hostile_imap import (
    GIGABYTES,
    PASSWORD,
    USER,
    Certificates,
    Fault,
    HostileIMAP,
    Script,
    TLSMode,
    certificates,
)

pytestmark = pytest.mark.timeout(120)

TIMEOUT = 1.0  # --timeout of every run
# How our deadline ends a run, in the finding (never seconds measured by the test): a read past
# --timeout is "timeout"; a whole exchange past twice --timeout (a drip) is "stalled".
DEADLINE_CAUSES = {"timeout", "stalled"}
ENDED_BY_DEADLINE = {Fault.SILENT, Fault.DRIP}
IESS_DIAG = Path(sys.executable).with_name("iess-diag")


@pytest.fixture(scope="module")
def certs() -> Iterator[Certificates]:
    with certificates() as made:
        yield made


@dataclass(frozen=True)
class Case:
    script: Script
    finding: str  # the imap.* code expected
    client: str = "same"  # "same": the server's TLS mode; or tls / starttls / plain
    host: str = "127.0.0.1"
    ca: bool = True  # pass --ca-file
    cause: str | None = None
    signs_in: bool = False  # credentials may reach the server (always inside TLS then)
    args: tuple[str, ...] = field(default=())


def _s(fault: Fault, at: str, tls: TLSMode = TLSMode.PLAIN, **kw: object) -> Script:
    return Script(fault, at, tls, **kw)  # type: ignore[arg-type]


PLAIN, STARTTLS, IMPLICIT = TLSMode.PLAIN, TLSMode.STARTTLS, TLSMode.IMPLICIT
UNREACHABLE, TLS_FAILED, LOGIN_FAILED = "imap.unreachable", "imap.tls_failed", "imap.login_failed"
TWO_MB_LINE = b"* OK " + b"a" * 2_000_000 + b"\r\n"

CASES: dict[str, Case] = {
    # Silence: the per-read timeout fires.
    "silent_after_connect": Case(_s(Fault.SILENT, "connect"), UNREACHABLE, cause="timeout"),
    "silent_after_connect_tls": Case(_s(Fault.SILENT, "connect", IMPLICIT), UNREACHABLE,
                                     host=LOCAL_HOSTNAME),
    "silent_after_greeting": Case(_s(Fault.SILENT, "CAPABILITY"), UNREACHABLE,
                                  cause="timeout"),
    "silent_after_greeting_tls": Case(_s(Fault.SILENT, "CAPABILITY", IMPLICIT), UNREACHABLE,
                                      host=LOCAL_HOSTNAME),
    "silent_after_login": Case(_s(Fault.SILENT, "LIST", IMPLICIT), UNREACHABLE,
                               host=LOCAL_HOSTNAME, signs_in=True),
    "silent_at_starttls": Case(_s(Fault.SILENT, "STARTTLS", STARTTLS), UNREACHABLE),
    # Dropped connections.
    "closed_after_connect": Case(_s(Fault.CLOSE, "connect"), UNREACHABLE),
    "disconnect_mid_fetch": Case(_s(Fault.CUT_LITERAL, "FETCH", IMPLICIT), UNREACHABLE,
                                 host=LOCAL_HOSTNAME, signs_in=True),
    "closed_at_fetch": Case(_s(Fault.CLOSE, "FETCH", IMPLICIT), UNREACHABLE,
                            host=LOCAL_HOSTNAME, signs_in=True),
    "closed_at_examine": Case(_s(Fault.CLOSE, "EXAMINE", IMPLICIT), UNREACHABLE,
                              host=LOCAL_HOSTNAME, signs_in=True),
    # Not IMAP at all, or broken IMAP.
    "http_greeting": Case(_s(Fault.GARBAGE, "greeting"), UNREACHABLE),
    "binary_greeting": Case(_s(Fault.GARBAGE, "greeting", garbage=b"\x16\x03\x01\x00\xff"),
                            UNREACHABLE),
    "two_megabyte_line": Case(_s(Fault.GARBAGE, "greeting", garbage=TWO_MB_LINE), UNREACHABLE),
    "no_imap4rev1": Case(_s(Fault.MALFORMED, "CAPABILITY",
                            garbage=b"* CAPABILITY POP3\r\nTAG OK done\r\n"), UNREACHABLE),
    "garbage_after_login": Case(_s(Fault.GARBAGE, "LIST", IMPLICIT), UNREACHABLE,
                                host=LOCAL_HOSTNAME, signs_in=True),
    "unbalanced_list": Case(_s(Fault.MALFORMED, "LIST", IMPLICIT,
                               garbage=b'* LIST (\\HasNoChildren "/" \r\nTAG OK done\r\n'),
                            "imap.*", host=LOCAL_HOSTNAME, signs_in=True),
    "list_of_junk_bytes": Case(_s(Fault.MALFORMED, "LIST", IMPLICIT,
                                  garbage=b'* LIST () "/" INBOX\r\n* LIST () "/" "\xff\xfe\x00"\r\n'
                                          b"TAG OK done\r\n"),
                               "mail.found_inbox", host=LOCAL_HOSTNAME, signs_in=True),
    "examine_without_numbers": Case(_s(Fault.MALFORMED, "EXAMINE", IMPLICIT,
                                       garbage=b"* EXISTS\r\n* OK [UIDVALIDITY x] y\r\n"
                                               b"TAG OK [READ-ONLY] done\r\n"),
                                    "imap.*", host=LOCAL_HOSTNAME, signs_in=True),
    "search_with_words": Case(_s(Fault.MALFORMED, "SEARCH", IMPLICIT,
                                 garbage=b"* SEARCH 1 two -3\r\nTAG OK done\r\n"),
                              "any", host=LOCAL_HOSTNAME, signs_in=True),
    "fetch_nonsense": Case(_s(Fault.MALFORMED, "FETCH", IMPLICIT,
                              garbage=b'* 1 FETCH (UID one INTERNALDATE "ayer" RFC822.SIZE -5 '
                                      b"BODY[] NIL)\r\nTAG OK done\r\n"),
                           "imap.*", host=LOCAL_HOSTNAME, signs_in=True),
    "literal_shorter_than_announced": Case(
        _s(Fault.MALFORMED, "FETCH", IMPLICIT, garbage=b"* 1 FETCH (UID 1 BODY[] {500}\r\nab)"
                                                       b"\r\nTAG OK done\r\n"),
        UNREACHABLE, host=LOCAL_HOSTNAME, signs_in=True),
    # Floods and drips: each read is quick, the whole answer never ends.
    "gigabyte_literal_in_fetch": Case(_s(Fault.HUGE_LITERAL, "FETCH", IMPLICIT),
                                      UNREACHABLE, host=LOCAL_HOSTNAME, signs_in=True),
    "gigabyte_literal_in_greeting": Case(_s(Fault.HUGE_LITERAL, "greeting"), UNREACHABLE),
    "endless_untagged_at_list": Case(_s(Fault.ENDLESS_UNTAGGED, "LIST", IMPLICIT),
                                     UNREACHABLE, host=LOCAL_HOSTNAME, signs_in=True),
    "endless_untagged_at_capability": Case(_s(Fault.ENDLESS_UNTAGGED, "CAPABILITY"),
                                           UNREACHABLE),
    "drip_greeting": Case(_s(Fault.DRIP, "greeting"), UNREACHABLE),
    "drip_at_search": Case(_s(Fault.DRIP, "SEARCH", IMPLICIT), UNREACHABLE,
                           host=LOCAL_HOSTNAME, signs_in=True),
    "drip_at_logout": Case(_s(Fault.DRIP, "LOGOUT", IMPLICIT), "mail.found_inbox",
                           host=LOCAL_HOSTNAME, signs_in=True),
    # While waiting for a new mail (--wait): IDLE answered by silence, a flood, a drip, a close.
    **{f"{fault.value}_at_idle": Case(_s(fault, "IDLE", IMPLICIT), "imap.*", host=LOCAL_HOSTNAME,
                                      signs_in=True,
                                      args=("--wait", "4s", "--poll", "1"))
       for fault in (Fault.SILENT, Fault.ENDLESS_UNTAGGED, Fault.DRIP, Fault.CLOSE)},
    # Sign-in refused.
    "bye_at_greeting": Case(_s(Fault.BYE, "greeting"), UNREACHABLE),
    "bye_at_login": Case(_s(Fault.BYE, "AUTHENTICATE", IMPLICIT), "imap.*",
                         host=LOCAL_HOSTNAME, signs_in=True),
    "no_at_login": Case(_s(Fault.NO, "AUTHENTICATE", IMPLICIT), LOGIN_FAILED,
                        host=LOCAL_HOSTNAME, signs_in=True),
    # TLS: never a credential outside a verified TLS session.
    "certificate_for_another_host": Case(_s(Fault.NONE, "-", IMPLICIT, cert_host=OTHER_HOSTNAME),
                                         TLS_FAILED, host=LOCAL_HOSTNAME, cause="certificate"),
    "starttls_certificate_for_another_host": Case(
        _s(Fault.NONE, "-", STARTTLS, cert_host=OTHER_HOSTNAME), TLS_FAILED,
        host=LOCAL_HOSTNAME, cause="certificate"),
    "untrusted_certificate": Case(_s(Fault.NONE, "-", IMPLICIT), TLS_FAILED,
                                  host=LOCAL_HOSTNAME, ca=False, cause="certificate"),
    "no_starttls_when_required": Case(_s(Fault.NONE, "-", PLAIN), TLS_FAILED, client="starttls"),
    "starttls_refused_when_required": Case(_s(Fault.NO, "STARTTLS", STARTTLS), TLS_FAILED),
    "starttls_refused_with_allow_plaintext": Case(_s(Fault.NO, "STARTTLS", STARTTLS),
                                                  TLS_FAILED, client="plain"),
    "implicit_tls_against_plain_server": Case(_s(Fault.NONE, "-", PLAIN), TLS_FAILED,
                                              client="tls"),
}


def _argv(case: Case, server: HostileIMAP, certs: Certificates) -> list[str]:
    mode = case.script.tls.value if case.client == "same" else case.client
    argv = ["find-reset-mail", USER, "--imap-host", case.host, "--imap-port", str(server.port),
            "--timeout", str(TIMEOUT), "-f", "json", "--since", "30d", *case.args]
    if case.ca:
        argv += ["--ca-file", str(certs.ca_file)]
    argv += {"plain": ["--allow-plaintext"], "starttls": ["--starttls"]}.get(mode, [])
    return argv


ENV = {"LANG": "C.UTF-8", "IESS_DIAG_IMAP_PASSWORD": PASSWORD}


def _assert_deadline_cut(case: Case, findings: list[dict[str, Any]]) -> None:
    """A silent or dripping server (outside IDLE, where silence is normal) is cut by our clock."""
    if case.script.fault in ENDED_BY_DEADLINE and case.script.at != "IDLE" \
            and case.finding == UNREACHABLE:
        causes = {f["details"].get("cause") for f in findings if f["code"] == UNREACHABLE}
        assert causes & DEADLINE_CAUSES, causes


def _assert_outcome(case: Case, out: Outcome) -> None:
    assert "Traceback" not in out.stderr
    assert len(out.stderr.splitlines()) <= 1, out.stderr
    report = json.loads(out.stdout)
    codes = [f["code"] for f in report["findings"]]
    _assert_deadline_cut(case, report["findings"])
    if case.finding == "any":
        assert out.code in (0, 1, 3), codes
    elif case.finding == "imap.*":
        failed = [f for f in report["findings"] if f["code"].startswith("imap.")
                  and f["status"] == "unknown"]
        assert failed, codes
        assert out.code == 3
    elif case.finding.startswith("imap."):
        assert case.finding in codes, codes
        assert out.code == 3, codes
        if case.cause is not None:
            found = next(f for f in report["findings"] if f["code"] == case.finding)
            assert found["details"].get("cause") == case.cause, found["details"]
    else:
        assert case.finding in codes, codes
        assert out.code in (0, 1), codes
    assert PASSWORD not in out.stdout + out.stderr


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_server_in_process(name: str, certs: Certificates) -> None:
    case = CASES[name]
    with HostileIMAP(case.script, certs) as server:
        out = invoke(_argv(case, server, certs), environ=ENV)
    _assert_outcome(case, out)
    for connection in server.connections:
        assert not connection.secrets_in_clear
        if not case.signs_in:
            assert connection.sign_in_attempts == 0
    assert b"STORE" not in server.received.upper()
    assert b" SELECT " not in server.received.upper()


# A forked child's peak RSS (ru_maxrss) starts at its parent's: the kernel carries the old
# memory's high-water mark across exec. Forked straight from pytest, late in a long run, iess-diag
# would be charged for pytest's own ~200 MiB. So a small Python starts it instead, waits for it
# and reports the peak of that very process on the file descriptor it is given.
_MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execve(sys.argv[2], sys.argv[2:], os.environ)
_pid, status, usage = os.wait4(pid, 0)
os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def _peak_rss_run(argv: list[str], kill_after: float = 60.0) -> tuple[Outcome, int]:
    """Run the real executable; (outcome, peak RSS in MiB of that very process)."""
    read_peak, write_peak = os.pipe()
    with subprocess.Popen([sys.executable, "-c", _MEASURE, str(write_peak), str(IESS_DIAG),
                           *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env={**os.environ, **ENV}, pass_fds=(write_peak,),
                          start_new_session=True) as process:
        os.close(write_peak)
        try:
            out, err = process.communicate(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the measurer and iess-diag under it
            out, err = process.communicate()
    with os.fdopen(read_peak, "rb") as peak:
        kib = int(peak.read() or b"0")
    outcome = Outcome(process.returncode, out.decode(), err.decode())
    return outcome, kib // 1024


PEAK_RSS_MIB = 200


# Floods and drips in a real process: test_a_flood_is_cut_by_size_long_before_the_deadline.
@pytest.mark.parametrize("name", ["gigabyte_literal_in_fetch", "gigabyte_literal_in_greeting",
                                  "bye_at_login", "certificate_for_another_host"])
def test_hostile_server_real_process_memory(name: str, certs: Certificates) -> None:
    """The real executable: no traceback, and the {5000000000} literal is never allocated."""
    case = CASES[name]
    with HostileIMAP(case.script, certs) as server:
        out, peak = _peak_rss_run(_argv(case, server, certs))
    _assert_outcome(case, out)
    assert peak < PEAK_RSS_MIB, f"peak RSS {peak} MiB (the literal claimed {GIGABYTES} bytes)"


def test_debug_shows_commands_but_no_secret(certs: Certificates) -> None:
    case = CASES["no_at_login"]
    with HostileIMAP(case.script, certs) as server:
        out = invoke([*_argv(case, server, certs), "--debug"], environ=ENV)
    assert out.code == 3
    assert "Traceback" not in out.stderr
    assert PASSWORD not in out.stdout + out.stderr


def test_a_flood_is_cut_by_size_long_before_the_deadline(certs: Certificates) -> None:
    """With the default --timeout (30 s, so 60 s per exchange) a server flooding untagged lines
    at loopback speed must not be read for a minute into memory: a size cap ends it first."""
    case = CASES["endless_untagged_at_list"]
    with HostileIMAP(case.script, certs) as server:
        argv = [arg if arg != str(TIMEOUT) else "30" for arg in _argv(case, server, certs)]
        out, peak = _peak_rss_run(argv, kill_after=70)
    assert out.code == 3, (out.code, out.stderr)
    assert peak < PEAK_RSS_MIB, f"peak RSS {peak} MiB"
    found = [f for f in json.loads(out.stdout)["findings"] if f["code"] == "imap.unreachable"]
    assert found, out.stdout
    # The size cap aborts the read ("protocol"); the 60 s deadline would say "stalled", and a
    # kill by the 70 s timer would leave no report at all.
    assert found[0]["details"]["cause"] == "protocol", found[0]["details"]


@pytest.mark.parametrize("name", ["drip_at_search", "certificate_for_another_host"])
def test_diagnose_with_a_hostile_mailbox_server(name: str, certs: Certificates) -> None:
    """diagnose runs the mailbox check too: the same bounds, and the DNS part still reported."""
    case = CASES[name]
    with FixtureDNSServer(STANDARD_ZONE) as dns, HostileIMAP(case.script, certs) as server:
        argv = ["diagnose", *_argv(case, server, certs)[1:], "--user", USER, "--nameserver",
                dns.nameserver]
        out = invoke(argv, environ=ENV)
    assert out.code == 3, out.stderr
    assert "Traceback" not in out.stderr and PASSWORD not in out.stdout + out.stderr
    findings = json.loads(out.stdout)["findings"]
    _assert_deadline_cut(case, findings)
    codes = [f["code"] for f in findings]
    assert "domain.accepts_mail" in codes and any(c.startswith("imap.") for c in codes), codes
