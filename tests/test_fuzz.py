"""Property tests over arbitrary Unicode and bytes: addresses, CSV rows, .eml files and header
values, cédula numbers. Every run ends with a documented exit code (0, 1, 2, 3), valid JSON when
JSON was asked for, and no traceback.

Default: 200 examples per property, derandomized. A longer, randomized pass:
IESS_DIAG_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TextIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diag.cli import run
from diag.cli.environment import Environment
from diag.deliverability.check import check_email
from diag.findings import Report, Verdict
from diag.i18n import Lang
from diag.identity.numbers import check_id
from diag.message.analysis import analyze_message, message_report
from diag.render import Format, render
from tests.fixtures import messages as mf
from tests.fixtures.cli import Outcome
from tests.fixtures.zones import CASES, STANDARD_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

EXAMPLES = int(os.environ.get("IESS_DIAG_FUZZ_EXAMPLES", "200"))
LONG_PASS = EXAMPLES > 200
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not LONG_PASS, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
pytestmark = pytest.mark.timeout(0 if LONG_PASS else 300)  # 0: no limit for the long pass

DOCUMENTED = {0, 1, 2, 3}
DNS_TIMEOUT = str(ANSWERS)  # every query is answered (no faults)
_server: FixtureDNSServer | None = None


@pytest.fixture(scope="module", autouse=True)
def dns() -> Iterator[FixtureDNSServer]:
    """The fixture world without faults: fuzzed domains get fast NXDOMAINs, never the Internet."""
    global _server
    with FixtureDNSServer(STANDARD_ZONE) as server:
        _server = server
        yield server
    _server = None


def _ns() -> str:
    assert _server is not None
    return _server.nameserver


# -- strategies -------------------------------------------------------------------------------

KNOWN_DOMAINS = sorted(set(CASES.values()))
SPECIALS = st.sampled_from(["@", ".", "..", " ", "\u200b", "\u202e", "\x00", "\r\n", "\t", '"',
                            "\\", "[", "]", "(", ")", ",", ";", ":", "<", ">", "xn--", "-",
                            "ñ", "Ñ", "é", "İ", "ß", "\ufeff", "\udcff", "１", "＠", "．"])
PIECE = st.one_of(st.text(max_size=20), SPECIALS)
TEXTISH = st.lists(PIECE, max_size=12).map("".join)
ADDRESSES = st.one_of(
    st.text(max_size=300),
    st.builds(lambda local, domain: f"{local}@{domain}", TEXTISH, TEXTISH),
    st.builds(lambda local, domain: f"{local}@{domain}", TEXTISH, st.sampled_from(KNOWN_DOMAINS)),
    st.builds(lambda a, b, d: f"{a}{b}@{d}", st.sampled_from(["ana", "a.b", "jose+iess"]), PIECE,
              st.sampled_from(KNOWN_DOMAINS)),
    st.emails(),
    st.binary(max_size=80).map(os.fsdecode),  # bytes from a non-UTF-8 terminal, as argv gets them
)
CEDULAS = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789 -.\u2010\u00a0", max_size=20),
    st.integers(min_value=0, max_value=10**14).map(str),
    st.binary(max_size=20).map(os.fsdecode),
)
HEADER_NAMES = ["From", "Subject", "Date", "Received", "Authentication-Results", "Message-ID",
                "Reply-To", "Return-Path", "Content-Type", "Content-Transfer-Encoding",
                "X-Forefront-Antispam-Report", "ARC-Authentication-Results", "DKIM-Signature"]


def _mutate(raw: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    data = bytearray(raw)
    for position, chunk in cuts:
        at = position % (len(data) + 1)
        data[at:at + len(chunk)] = chunk
    return bytes(data)


GENUINE = mf.iess_reset_mail("ana@hotmail.com")  # built once: it draws a random Message-ID


def _replace_header(raw: bytes, name: bytes, value: str) -> bytes:
    head, _, body = raw.partition(b"\n\n")
    lines = [line if not line.startswith(name + b": ") else
             name + b": " + value.encode("utf-8", "surrogateescape") for line in head.split(b"\n")]
    return b"\n".join(lines) + b"\n\n" + body


EML = st.one_of(
    st.binary(max_size=4000),
    st.builds(lambda headers, body: b"".join(
        name.encode() + b": " + value.encode("utf-8", "surrogateescape") + b"\r\n"
        for name, value in headers) + b"\r\n" + body,
        st.lists(st.tuples(st.sampled_from(HEADER_NAMES), TEXTISH), max_size=12),
        st.binary(max_size=500)),
    st.builds(_mutate, st.just(GENUINE),
              st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=40)), max_size=6)),
    st.builds(lambda n: GENUINE[:n], st.integers(0, len(GENUINE))),
    st.builds(_replace_header, st.just(GENUINE),
              st.sampled_from([b"From", b"Subject", b"Date", b"Message-ID", b"Received"]),
              TEXTISH),
)
CSV_FIELD = st.one_of(ADDRESSES, TEXTISH, st.sampled_from(["", '"', '""', "\n", "a,b", "a;b"]))


# -- helpers ----------------------------------------------------------------------------------


def _invoke(argv: list[str], *, stdin: TextIO | None = None) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdin=stdin or io.StringIO(""), stdout=out, stderr=err,
                      environ={"LANG": "C.UTF-8"}, stdout_isatty=False, stderr_isatty=False)
    code = run(argv, env)
    return Outcome(code, out.getvalue(), err.getvalue())


def _assert_cli(out: Outcome, *, json_lines: bool = True) -> None:
    assert out.code in DOCUMENTED, (out.code, out.stderr)
    assert "Traceback" not in out.stderr
    if out.code == 2:
        assert out.stderr.count("\n") == 1, out.stderr  # control characters: see test_cli_escapes
        return
    if json_lines:
        lines = [line for line in out.stdout.splitlines() if line.strip()]
        assert lines, out.stderr
        for line in lines:
            json.loads(line)


def _assert_report(report: Report) -> None:
    assert report.verdict in set(Verdict)
    for lang in Lang:
        for fmt in Format:
            text = render([report], fmt, lang)
            assert isinstance(text, str) and text
        json.loads(render([report], Format.JSON, lang))
    json.dumps([f.details for f in report.findings])


# -- addresses --------------------------------------------------------------------------------


@FUZZ
@given(address=ADDRESSES)
def test_check_email_library_never_raises(address: str) -> None:
    report = check_email(address, nameservers=[_ns()], dns_timeout=float(DNS_TIMEOUT))
    assert report.input == address
    _assert_report(report)


@FUZZ
@given(address=ADDRESSES, dash_dash=st.booleans())
def test_check_email_cli_json(address: str, dash_dash: bool) -> None:
    argv = ["check-email", "--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT, "-f", "json"]
    out = _invoke([*argv, "--", address] if dash_dash else [*argv, address])
    _assert_cli(out)


@FUZZ
@given(lines=st.lists(ADDRESSES, max_size=5), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_check_email_cli_stdin(lines: list[str], newline: str) -> None:
    stdin = io.StringIO(newline.join(lines))
    out = _invoke(["check-email", "-", "--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT,
                   "-f", "json"], stdin=stdin)
    _assert_cli(out)


# -- CSV rows (batch) ---------------------------------------------------------------------------


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@FUZZ
@given(rows=st.lists(st.lists(CSV_FIELD, min_size=1, max_size=4), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]),
       header=st.sampled_from([["email", "nombre"], ["correo"], ["Nombre", "E-mail", "x"],
                               ["id", "dato"]]))
def test_batch_csv_rows(rows: list[list[str]], delimiter: str, header: list[str]) -> None:
    text = _csv(header, rows, delimiter)
    out = _invoke(["batch", "-", "--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT],
                  stdin=io.StringIO(text))
    _assert_cli(out, json_lines=False)
    for line in out.stdout.splitlines():
        if line.strip():
            json.loads(line)


@FUZZ
@given(content=st.one_of(st.binary(max_size=2000),
                         st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       output_format=st.sampled_from(["jsonl", "csv"]))
def test_batch_arbitrary_file(content: bytes, output_format: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "export.csv")
        with open(path, "wb") as handle:
            handle.write(content)
        out = _invoke(["batch", path, "--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT,
                       "--output-format", output_format])
    _assert_cli(out, json_lines=False)
    if output_format == "jsonl":
        for line in out.stdout.splitlines():
            if line.strip():
                json.loads(line)


# -- .eml files and header values ----------------------------------------------------------------

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


@FUZZ
@given(raw=EML, headers_only=st.booleans())
def test_analyze_message_never_raises(raw: bytes, headers_only: bool) -> None:
    facts = analyze_message(raw, arrived_at=NOW, headers_only=headers_only)
    assert facts.kind is not None
    try:
        report = message_report(raw, "fuzz.eml", now=NOW)
    except Exception as error:  # only the documented "not a message" usage error
        from diag.errors import UsageError

        assert isinstance(error, UsageError), repr(error)
        return
    _assert_report(report)


@FUZZ
@given(raw=EML, fmt=st.sampled_from(["json", "table", "markdown", "html"]))
def test_analyze_headers_cli(raw: bytes, fmt: str) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out = _invoke(["analyze-headers", "-", "-f", fmt], stdin=stdin)
    _assert_cli(out, json_lines=fmt == "json")


# -- cédula numbers -------------------------------------------------------------------------------


@FUZZ
@given(number=CEDULAS)
def test_check_id_library_never_raises(number: str) -> None:
    report = check_id(number)
    _assert_report(report)


@FUZZ
@given(numbers=st.lists(CEDULAS, min_size=1, max_size=4), dash_dash=st.booleans())
def test_check_id_cli_json(numbers: list[str], dash_dash: bool) -> None:
    argv = ["check-id", "-f", "json", *(["--"] if dash_dash else []), *numbers]
    _assert_cli(_invoke(argv))


# -- bytes that are not UTF-8 reach a strict UTF-8 terminal --------------------------------------


def _strict_terminal_run(argv: list[str]) -> Outcome:
    """stdout/stderr as a UTF-8 locale gives them (errors='strict'), e.g. LANG=es_EC.UTF-8."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace",
                           write_through=True)
    env = Environment(stdin=io.StringIO(""), stdout=out, stderr=err, environ={"LANG": "C.UTF-8"},
                      stdout_isatty=False, stderr_isatty=False)
    code = run(argv, env)
    return Outcome(code, out_bytes.getvalue().decode("utf-8", "replace"),
                   err_bytes.getvalue().decode("utf-8", "replace"))


@pytest.mark.parametrize("fmt", ["json", "table", "markdown", "html"])
@pytest.mark.parametrize("command", ["check-email", "check-id"])
def test_non_utf8_argument_on_a_strict_utf8_terminal(command: str, fmt: str) -> None:
    """`iess-diag check-email $'jos\\xe9@hotmail.com'` from a Latin-1 terminal: argv holds a
    lone surrogate (U+DCE9), and writing it to a strict UTF-8 stdout must not crash."""
    value = os.fsdecode(b"jos\xe9@hotmail.com" if command == "check-email" else b"17\xe91")
    extra = ["--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT] if command == "check-email" \
        else []
    out = _strict_terminal_run([command, value, "-f", fmt, *extra])
    _assert_cli(out, json_lines=fmt == "json")
    if fmt != "json":
        assert "\\udce9" in out.stdout  # the undecodable byte is shown, escaped


# -- terminal control characters from the input never reach the terminal -------------------------

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b[8m\x9b31m\x08\x0b"
# C0 controls but newline and tab, DEL and C1: they move the cursor, hide or rewrite text, set
# the window title; a crafted address or CSV header could make a "problem" verdict disappear.
CONTROLS = {chr(c) for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]}
SUBJECT_WITH_ESCAPES = _replace_header(GENUINE, b"Subject", "=?utf-8?q?=1B=5B2J_Clave?=")


def _escape_cases() -> list[tuple[str, list[str], str, bytes]]:
    return [
        ("check_email_table", ["check-email", f"a{ESCAPES}b@x.ec", "-f", "table"], "", b""),
        ("check_email_markdown", ["check-email", f"a{ESCAPES}b@x.ec", "-f", "markdown"], "", b""),
        ("check_id_table", ["check-id", f"17{ESCAPES}", "-f", "table"], "", b""),
        ("batch_header_error", ["batch", "-"], f"col{ESCAPES};x\nfoo;bar\n", b""),
        ("analyze_subject_table", ["analyze-headers", "-", "-f", "table"], "",
         SUBJECT_WITH_ESCAPES),
    ]


@pytest.mark.parametrize(("argv", "stdin", "raw"),
                         [pytest.param(a, s, r, id=i) for i, a, s, r in _escape_cases()])
def test_cli_escapes(argv: list[str], stdin: str, raw: bytes) -> None:
    if argv[0] in ("check-email", "batch"):
        argv = [*argv, "--nameserver", _ns(), "--dns-timeout", DNS_TIMEOUT]
    stream: TextIO = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8") if raw \
        else io.StringIO(stdin)
    out = _invoke(argv, stdin=stream)
    assert out.code in DOCUMENTED
    found = sorted({f"U+{ord(c):04X}" for c in out.stdout + out.stderr if c in CONTROLS})
    assert not found, (found, out.stdout[:300], out.stderr[:300])
