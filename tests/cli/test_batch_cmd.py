"""`iess-diag batch` end to end: formats, bad input, exit codes, resume after SIGKILL, memory."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diag.cli import run
from diag.cli.environment import Environment
from tests.fixtures.cli import invoke
from tests.fixtures.zones import STANDARD_FAULTS, STANDARD_ZONE
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "affiliates.csv"
ENV = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
ENV.pop("IESS_DIAG_LANG", None)


def ns(server: FixtureDNSServer) -> list[str]:
    return ["--nameserver", server.nameserver, "--dns-timeout", str(ANSWERS)]


# For runs that must fail before any lookup: should one happen, it stays on this machine.
NO_DNS = ["--nameserver", "127.0.0.1:9", "--dns-timeout", "0.5"]


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def domains_zone(count: int) -> str:
    return "\n".join(f"d{i}.ec. 300 IN MX 10 mx.d{i}.ec.\n"
                     f"mx.d{i}.ec. 300 IN A 190.152.{i // 250}.{i % 250 + 1}"
                     for i in range(count))


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "diag", *args], input=stdin,
                          capture_output=True, env=ENV, timeout=120, check=False)


# -- formats and layouts ---------------------------------------------------------------------


def test_the_example_export_as_jsonl(dns_server: FixtureDNSServer) -> None:
    result = invoke(["batch", str(EXAMPLE), "--lang", "es", *ns(dns_server)])
    assert result.code == 1, result.stderr  # the example has problem rows
    rows = records(result.stdout)
    assert [r["row"] for r in rows] == list(range(1, 15))
    first = rows[0]
    assert first["command"] == "batch" and first["lang"] == "es"
    assert first["columns"] == {"Cédula": "1705260188", "Apellidos": "Pérez Guamán",
                                "Nombres": "María José",
                                "Correo electrónico": "maria.perez@hotmail.com",
                                "Teléfono": "0991234567", "Ciudad": "Quito"}
    by_row = {r["row"]: r for r in rows}
    assert by_row[1]["verdict"] == "ok"
    assert by_row[5]["verdict"] == "problem"  # hotmial.com
    assert by_row[7]["verdict"] == "warning"  # gmial.com exists
    assert by_row[8]["findings"][0]["code"] == "address.invalid"  # no @
    assert by_row[13]["findings"][0]["details"]["reason"] == "empty"
    assert "14 filas en la salida" in result.stderr and "con problema 4" in result.stderr


def test_the_example_export_as_csv_keeps_delimiter_bom_and_columns(
        dns_server: FixtureDNSServer) -> None:
    result = invoke(["batch", str(EXAMPLE), "--output-format", "csv", "--lang", "en",
                     *ns(dns_server)])
    assert result.code == 1, result.stderr
    assert result.stdout.startswith("\ufeffCédula;")
    table = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert table[0][-5:] == ["iess_row", "iess_address", "iess_verdict", "iess_codes",
                             "iess_message"]
    source = list(csv.reader(EXAMPLE.read_text(encoding="utf-8-sig").splitlines(),
                             delimiter=";"))
    assert [row[:6] for row in table] == [row[:6] for row in source]
    assert table[10][6:10] == ["10", "Andres.Velez@hotmail.com", "ok",
                               "address.valid address.normalized domain.accepts_mail "
                               "provider.detected"]
    assert table[5][-1] == "The domain hotmial.com does not exist."


def test_a_plain_list_on_stdin(dns_server: FixtureDNSServer) -> None:
    result = invoke(["batch", "-", *ns(dns_server)],
                    stdin="ana@hotmail.com\r\nluis@gmail.com\r\n\r\nbad\r\n")
    assert result.code == 1
    rows = records(result.stdout)
    assert [r["columns"] for r in rows] == [{"email": "ana@hotmail.com"},
                                            {"email": "luis@gmail.com"}, {"email": ""},
                                            {"email": "bad"}]
    assert [r["verdict"] for r in rows] == ["ok", "ok", "problem", "problem"]


def test_stdin_bytes_with_bom_semicolons_and_cp1252(dns_server: FixtureDNSServer,
                                                    tmp_path: Path) -> None:
    data = "Nombre;Correo\r\nMuñoz;ana@hotmail.com\r\n".encode("cp1252")
    result = cli("batch", "-", "--output-format", "csv", *ns(dns_server), stdin=b"\xef\xbb\xbf"
                 + data)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "Mu\ufffdoz;ana@hotmail.com;1;ana@hotmail.com;ok;" in text
    assert b"--encoding cp1252" in result.stderr
    again = cli("batch", "-", "--encoding", "cp1252", *ns(dns_server), stdin=data)
    assert records(again.stdout.decode())[0]["columns"]["Nombre"] == "Muñoz"


def test_column_option_picks_the_address_column(dns_server: FixtureDNSServer) -> None:
    text = "correo_viejo,Nuevo\nx@x,ana@hotmail.com\n"
    result = invoke(["batch", "-", "--column", "nuevo", *ns(dns_server)], stdin=text)
    assert result.code == 0 and records(result.stdout)[0]["address"] == "ana@hotmail.com"


# -- bad input -------------------------------------------------------------------------------


def test_bad_rows_become_findings_not_crashes(dns_server: FixtureDNSServer,
                                              tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"email,nota\r\n"
                     b"ana@hotmail.com,ok\r\n"
                     b",vacio\r\n"
                     b"\x00\x01\x02@@@,basura\r\n"
                     b"lu\xe9is@hotmail.com,latin1\r\n"
                     b"b@hotmail.com," + b"x" * (10 * 1024 * 1024) + b"\r\n"
                     b'"sin cerrar@hotmail.com,nota\r\n')
    result = cli("batch", str(path), *ns(dns_server))
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    rows = records(result.stdout.decode())
    assert [r["row"] for r in rows] == [1, 2, 3, 4, 5, 6]
    reasons = [[f["details"].get("reason") for f in r["findings"]] for r in rows[1:5]]
    assert reasons[:2] == [["empty"], [None, "empty_local"]] and reasons[3] == ["too_long"]
    # No UTF-8 in the file, and a byte that is é in Windows-1252: read as Excel wrote it.
    assert rows[3]["address"] == "luéis@hotmail.com" and b"Windows-1252" in result.stderr
    assert rows[4]["columns"] == {} and rows[4]["verdict"] == "inconclusive"  # not checked
    assert [f["details"]["reason"] for f in rows[5]["findings"]] == ["unclosed_quote"]
    assert max(len(line) for line in result.stdout.splitlines()) < 20_000


@pytest.mark.parametrize("junk", [
    bytes(random.Random(1).randrange(256) for _ in range(200_000)),
    b"\x00" * 3_000_000,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50,
])
def test_binary_junk_yields_rows_or_one_clean_error(dns_server: FixtureDNSServer,
                                                    tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.bin"
    path.write_bytes(junk)
    result = cli("batch", str(path), *ns(dns_server))
    assert b"Traceback" not in result.stderr
    if result.returncode == 2:
        assert result.stderr.count(b"\n") == 1 and result.stderr.startswith(b"iess-diag: error:")
    else:  # bytes that are no text are rows not read (inconclusive), never "ok"
        assert result.returncode in (1, 3)
        assert {r["verdict"] for r in records(result.stdout.decode())} <= {"problem",
                                                                            "inconclusive"}


@pytest.mark.parametrize(("args", "needle"), [
    (["batch", "/nonexistent/affiliates.csv"], "does not exist"),
    (["batch", "-", "--resume"], "--resume needs --output"),
    (["batch", "-", "--output-format", "xml"], "jsonl or csv"),
    (["batch", "-", "--column", "telefono"], "no column 'telefono'"),
    (["batch", "-", "--encoding", "klingon"], "unknown encoding"),
    (["batch", "-", "--concurrency", "0"], "--concurrency"),
])
def test_usage_errors_exit_2(args: list[str], needle: str) -> None:
    result = invoke([*args, *NO_DNS], stdin="email\na@b.ec\n")
    assert result.code == 2
    assert needle in result.stderr and result.stdout == ""


def test_an_empty_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("")
    result = invoke(["batch", str(tmp_path / "empty.csv"), *NO_DNS])
    assert result.code == 2 and "empty" in result.stderr


def test_an_existing_output_is_not_overwritten_without_force(dns_server: FixtureDNSServer,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    args = ["batch", "-", "-o", str(out), *ns(dns_server)]
    refused = invoke(args, stdin="email\nana@hotmail.com\n")
    assert refused.code == 2 and "--force" in refused.stderr
    assert out.read_text() == "precious\n"
    assert invoke([*args, "--resume", "--force"], stdin="email\na@b.ec\n").code == 2
    forced = invoke([*args, "--force"], stdin="email\nana@hotmail.com\n")
    assert forced.code == 0 and records(out.read_text())[0]["row"] == 1


def test_the_output_cannot_be_the_input(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("email\na@b.ec\n")
    result = invoke(["batch", str(path), "-o", str(path), "--resume", *NO_DNS])
    assert result.code == 2 and path.read_text() == "email\na@b.ec\n"


@pytest.mark.parametrize(("fmt", "existing", "needle"), [
    ("jsonl", '{"row": 1, "columns": {"email": "other@x.ec"}, "verdict": "ok"}\n',
     "another input"),
    ("jsonl", "just some text\n", "damaged"),
    ("csv", "nombre,iess_row\r\n", "other columns"),
])
def test_resume_refuses_an_output_that_is_not_ours(tmp_path: Path, fmt: str, existing: str,
                                                   needle: str) -> None:
    out = tmp_path / "out"
    out.write_bytes(existing.encode())
    result = invoke(["batch", "-", "-o", str(out), "--resume", "--output-format", fmt,
                     *NO_DNS], stdin="email\na@b.ec\n")
    assert result.code == 2 and needle in result.stderr
    assert out.read_bytes() == existing.encode()


def test_summary_file_and_inconclusive_exit_status(dns_server: FixtureDNSServer,
                                                   tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    result = invoke(["batch", "-", "--summary", str(summary), *ns(dns_server)],
                    stdin="email\nana@hotmail.com\nana@dnsroto.com.ec\nana@tiendaquito.ec\n")
    assert result.code == 3, result.stderr
    data = json.loads(summary.read_text())
    assert data["rows"] == 3 and data["exit_status"] == 3
    assert data["verdicts"] == {"ok": 1, "warning": 1, "problem": 0, "inconclusive": 1}
    assert data["codes"]["dns.inconclusive"] == 1


def test_a_progress_bar_only_on_a_terminal(dns_server: FixtureDNSServer, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("email\n" + "ana@hotmail.com\n" * 50)
    err = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=err,
                      environ={"LANG": "C.UTF-8"}, stdout_isatty=False, stderr_isatty=True)
    assert run(["batch", str(path), *ns(dns_server)], env) == 0
    assert "50 rows in the output" in err.getvalue()
    assert len(env.stdout.getvalue().splitlines()) == 50  # type: ignore[attr-defined]


def test_help_has_an_example() -> None:
    result = cli("batch", "--help")
    assert result.returncode == 0 and b"iess-diag batch afiliados.csv" in result.stdout


# -- interrupted runs ------------------------------------------------------------------------


HELD_DOMAIN = "retenido.ec"  # given the "drop" fault while a test needs a run that cannot end


@pytest.fixture(scope="module")
def slow_dns() -> Iterator[FixtureDNSServer]:
    zone = domains_zone(300) + "\n" + STANDARD_ZONE
    with FixtureDNSServer(zone, latency=0.01, **STANDARD_FAULTS) as server:
        yield server


def export(path: Path, rows: int, seed: int = 0, held: int | None = None) -> list[str]:
    """An export with some bad rows, row `held` at HELD_DOMAIN; returns the id column."""
    rng = random.Random(seed)
    ids, lines = [], ["id,nombre,email"]
    for n in range(rows):
        domain = rng.choice([f"d{rng.randrange(300)}.ec"] * 8 + ["hotmail.com", "gmial.com"])
        address = "sin-arroba" if n % 97 == 0 else f"p{n}@{domain}"
        address = f"p{n}@{HELD_DOMAIN}" if n == held else address
        ids.append(f"{seed}-{n}")
        lines.append(f'{ids[-1]},"Pérez, Ana {n}",{address}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def batch_args(src: Path, out: Path, server: FixtureDNSServer, fmt: str) -> list[str]:
    return [sys.executable, "-m", "diag", "batch", str(src), "-o", str(out), "--resume",
            "--output-format", fmt, "--concurrency", "4", *ns(server)]


def output_ids(out: Path, fmt: str) -> list[str]:
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        rows = records(text)
        assert [r["row"] for r in rows] == list(range(1, len(rows) + 1))
        return [str(r["columns"]["id"]) for r in rows]
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["id", "nombre", "email", "iess_row", "iess_address", "iess_verdict",
                        "iess_codes", "iess_message"]
    assert [row[3] for row in table[1:]] == [str(n) for n in range(1, len(table))]
    return [row[0] for row in table[1:]]


def newlines(out: Path) -> int:
    """Complete lines in `out` (a resumed run drops a partial tail, never a whole record)."""
    return out.read_bytes().count(b"\n") if out.exists() else 0


def wait_for_newlines(proc: subprocess.Popen[bytes], out: Path, lines: int) -> None:
    """Return once `out` has `lines` complete lines; fail if the run ends before that."""
    while newlines(out) < lines:
        assert proc.poll() is None, f"batch ended ({proc.returncode}) before line {lines}"
        time.sleep(0.01)


@pytest.mark.parametrize(("fmt", "kills"), [("jsonl", 5), ("csv", 3)])
def test_resume_after_sigkill_keeps_every_row_exactly_once(
        slow_dns: FixtureDNSServer, tmp_path: Path, fmt: str, kills: int) -> None:
    src, out = tmp_path / "in.csv", tmp_path / f"out.{fmt}"
    ids = export(src, 1500)
    rng = random.Random(fmt)
    seen: list[int] = []
    for _ in range(kills):
        before = newlines(out)
        proc = subprocess.Popen(batch_args(src, out, slow_dns, fmt), env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Killed only once this run has written a record of its own, however slow start-up is;
        # then a little later, so the kill lands at varied points of the writing.
        wait_for_newlines(proc, out, before + (1 if before or fmt == "jsonl" else 2))
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        seen.append(out.stat().st_size if out.exists() else 0)
        done = output_ids(out, fmt) if out.exists() and seen[-1] else []
        assert done == ids[:len(done)]  # every complete row in order; a partial tail is fine
    summary = tmp_path / "summary.json"
    final = subprocess.run([*batch_args(src, out, slow_dns, fmt), "--summary", str(summary)],
                           env=ENV, capture_output=True, timeout=120, check=False)
    assert final.returncode == 1, final.stderr  # the sin-arroba rows
    assert output_ids(out, fmt) == ids
    data = json.loads(summary.read_text())
    assert data["rows"] == len(ids) and sum(data["verdicts"].values()) == len(ids)
    assert data["verdicts"]["problem"] >= len(ids) // 97
    assert seen[-1] > 0 and any(a < b for a, b in itertools.pairwise(seen))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_after_a_cut_at_any_byte(slow_dns: FixtureDNSServer, tmp_path: Path,
                                        fmt: str) -> None:
    """What SIGKILL in the middle of a write leaves: the output cut at an arbitrary byte."""
    src, out = tmp_path / "in.csv", tmp_path / "out"
    ids = export(src, 150, seed=2)
    args = ["batch", str(src), "-o", str(out), "--output-format", fmt, *ns(slow_dns)]
    assert invoke([*args, "--force"]).code == 1
    whole = out.read_bytes()
    for cut in [*sorted(random.Random(fmt).sample(range(len(whole)), 12)), 0, len(whole)]:
        out.write_bytes(whole[:cut])
        result = invoke([*args, "--resume"])
        assert result.code == 1, (cut, result.stderr)
        assert output_ids(out, fmt) == ids, cut
        assert out.read_bytes() == whole


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_keep_what_was_done(slow_dns: FixtureDNSServer, tmp_path: Path,
                                               sig: signal.Signals) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    ids = export(src, 1500, seed=1, held=1000)
    # Row 1000's domain gets no answer for a minute, so the run is still going when the signal
    # comes, however fast or loaded the machine; the rows before it can be written meanwhile.
    slow_dns.add_fault("drop", HELD_DOMAIN)
    try:
        proc = subprocess.Popen([*batch_args(src, out, slow_dns, "jsonl"), "--dns-timeout", "60"],
                                env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for_newlines(proc, out, 1)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        slow_dns.remove_fault("drop", HELD_DOMAIN)
    assert proc.returncode == 130, err
    assert b"--resume" in err and b"Traceback" not in err
    assert out.read_bytes().endswith(b"\n")  # flushed whole records only
    done = output_ids(out, "jsonl")
    assert 0 < len(done) < len(ids) and done == ids[:len(done)]
    final = subprocess.run(batch_args(src, out, slow_dns, "jsonl"), env=ENV,
                           capture_output=True, timeout=120, check=False)
    assert final.returncode == 1 and output_ids(out, "jsonl") == ids


# -- memory ----------------------------------------------------------------------------------

_MEASURE = ("import resource, sys\n"
            "from diag.cli import run\n"
            "code = run(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)\n")


def peak_rss_kb(src: Path, out: Path, server: FixtureDNSServer) -> int:
    result = subprocess.run([sys.executable, "-c", _MEASURE, "batch", str(src), "-o", str(out),
                             "--force", *ns(server)], env=ENV, capture_output=True,
                            timeout=300, check=False)
    assert result.returncode in (0, 1), result.stderr
    return int(result.stderr.decode().splitlines()[-1])


def test_memory_stays_bounded_over_100k_rows(dns_server: FixtureDNSServer,
                                             tmp_path: Path) -> None:
    providers = ["gmail.com", "hotmail.com", "yahoo.es", "outlook.es", "live.com", "icloud.com"]
    src = tmp_path / "big.csv"
    with src.open("w", encoding="utf-8") as stream:
        stream.write("cedula;nombre;correo\n")
        for n in range(100_000):
            domain = f"x{n}.ec" if n % 200 == 0 else providers[n % len(providers)]
            stream.write(f"{1700000000 + n};Persona {n};p{n}@{domain}\n")
    small = tmp_path / "small.csv"
    small.write_text("".join(src.read_text().splitlines(keepends=True)[:2001]))
    out = tmp_path / "out.jsonl"
    small_kb = peak_rss_kb(small, out, dns_server)
    big_kb = peak_rss_kb(src, out, dns_server)
    assert sum(1 for _ in out.open("rb")) == 100_000
    # Generous: flat means 50x the rows costs well under 100 MB more than 2k rows.
    assert big_kb < small_kb + 100_000, (small_kb, big_kb)
    assert big_kb < 400_000


def test_dash_output_and_short_format_flag() -> None:
    result = invoke(["batch", "-", "-o", "-", "-f", "csv", "--lang", "es"], stdin="ana\n")
    assert result.code == 1, result
    assert result.stdout.splitlines()[0] == (
        "email,iess_row,iess_address,iess_verdict,iess_codes,iess_message")
    assert "1 fila en la salida" in result.stderr
