"""diag.batch: layout detection, row reading, ordered concurrent checking, the output journal."""

from __future__ import annotations

import asyncio
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from diag.batch.files import prepare_output
from diag.batch.layout import Layout, detect_layout, normalize_name
from diag.batch.output import Writer, headline
from diag.batch.resume import Journal, read_journal
from diag.batch.rows import MAX_RECORD_LINES, Lines, LineTooLong, Row, read_rows
from diag.batch.run import Batch, pipeline
from diag.batch.settings import FIELD_LIMIT, OutputFormat, Settings
from diag.batch.summary import Summary
from diag.codes import make
from diag.errors import ExitStatus, UsageError
from diag.findings import Report
from diag.i18n import Lang
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer


def domains_zone(count: int) -> str:
    """`count` healthy domains d0.ec ... with one MX host each."""
    return "\n".join(f"d{i}.ec. 300 IN MX 10 mx.d{i}.ec.\n"
                     f"mx.d{i}.ec. 300 IN A 190.152.{i // 250}.{i % 250 + 1}"
                     for i in range(count))


def rows_of(text: str, column: str | None = None) -> tuple[Layout, list[Row]]:
    batch = Batch.open(io.StringIO(text), Settings(column=column))
    return batch.layout, list(batch.rows)


def run_text(text: str, server: FixtureDNSServer, fmt: OutputFormat = OutputFormat.JSONL,
             concurrency: int = 8) -> tuple[str, Summary]:
    settings = Settings(output_format=fmt, nameservers=(server.nameserver,), dns_timeout=ANSWERS,
                        concurrency=concurrency)
    batch = Batch.open(io.StringIO(text), settings)
    sink = io.StringIO()
    sink.write(batch.writer.header())
    summary = batch.run(sink, Summary())
    return sink.getvalue(), summary


# -- layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "column", "delimiter", "index", "has_header", "bom"), [
    ("Nombre;Correo electrónico;Ciudad\r\n", None, ";", 1, True, False),
    ("\ufeffEmail,Nombre\n", None, ",", 0, True, True),
    ("cedula\tnombre\tE-MAIL\n", None, "\t", 2, True, False),
    ("nombre|CORREO_ELECTRONICO\n", None, "|", 1, True, False),
    ("Teléfono,Mail personal,Correo\n", None, ",", 2, True, False),  # an exact name wins
    ("ana.perez@gmail.com\n", None, None, 0, False, False),
    ("correo@gmail.com\n", None, None, 0, False, False),  # an address, not a header
    ("Correo\r\n", None, None, 0, True, False),
    ('"Correo"\n', None, ",", 0, True, False),  # a quoted name: a one-column CSV
    ("ana@gmail.com;\n", None, ";", 0, False, False),  # a row, without a header
    ("Ana;ana@gmail.com\n", None, ";", 1, False, False),
    ("Direcciones\n", "direcciones", None, 0, True, False),
    ("nombre;telefono;dirección\n", "DIRECCION", ";", 2, True, False),
    ("a;b;c\n", "2", ";", 1, True, False),
    ('nombre;"Correo; personal"\n', None, ";", 1, True, False),
])
def test_layout_is_detected_from_the_first_line(first: str, column: str | None,
                                               delimiter: str | None, index: int,
                                               has_header: bool, bom: bool) -> None:
    layout = detect_layout(first, column)
    assert (layout.delimiter, layout.column, layout.has_header, layout.bom) == (
        delimiter, index, has_header, bom)


@pytest.mark.parametrize(("first", "column", "needle"), [
    ("nombre;telefono;ciudad\n", None, "«telefono»"),
    ("nombre;correo\n", "email2", "email2"),
    ("ana@x.com;luis@x.com\n", None, "--column"),  # which one is the address column?
])
def test_a_missing_address_column_is_a_usage_error(first: str, column: str | None,
                                                  needle: str) -> None:
    with pytest.raises(UsageError) as caught:
        detect_layout(first, column)
    assert needle in caught.value.message.es + caught.value.message.en


@pytest.mark.parametrize(("name", "plain"), [
    ("Correo Electrónico", "correoelectronico"), ("E-Mail", "email"), ("CORREO_1", "correo1"),
])
def test_column_names_are_compared_without_case_accents_or_punctuation(name: str,
                                                                      plain: str) -> None:
    assert normalize_name(name) == plain


def test_duplicate_and_empty_header_names_get_unique_keys() -> None:
    layout = detect_layout("email,nombre,nombre,\n")
    assert layout.keys == ("email", "nombre", "nombre_3", "column_4")


def test_an_empty_input_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Batch.open(io.StringIO("\ufeff\r\n"), Settings())


# -- rows ------------------------------------------------------------------------------------


def test_rows_are_numbered_from_one_after_the_header_and_keep_their_fields() -> None:
    layout, rows = rows_of('\ufeffNombre;Correo\r\nAna;ana@x.ec\r\n"Pérez; Luis";"luis@x.ec"\r\n')
    assert layout.header == ("Nombre", "Correo")
    assert [(r.number, r.fields, r.address) for r in rows] == [
        (1, ("Ana", "ana@x.ec"), "ana@x.ec"), (2, ("Pérez; Luis", "luis@x.ec"), "luis@x.ec")]


def test_a_plain_list_keeps_every_line_including_blank_ones() -> None:
    layout, rows = rows_of("ana@x.ec\r\n\r\nluis@x.ec")
    assert not layout.has_header
    assert [r.address for r in rows] == ["ana@x.ec", "", "luis@x.ec"]


def test_a_quoted_field_may_span_lines() -> None:
    _, rows = rows_of('correo,nota\nana@x.ec,"línea 1\r\nlínea 2"\nluis@x.ec,ok\n')
    assert [r.fields[1] for r in rows] == ["línea 1\r\nlínea 2", "ok"]


def test_undecodable_bytes_are_replaced_and_noted() -> None:
    raw = "correo;nombre\nana@x.ec;Mu\udcf1oz\nlu\udce9is@x.ec;Luis\n"  # as surrogateescape reads
    _, rows = rows_of(raw)
    assert rows[0].fields == ("ana@x.ec", "Mu\ufffdoz") and rows[0].damaged
    assert [n.details["reason"] for n in rows[0].notes] == ["undecodable"]
    assert rows[0].notes[0].details["columns"] == ["nombre"]
    assert rows[1].undecodable and rows[1].address == "lu\ufffdis@x.ec"


def test_ragged_rows_are_noted() -> None:
    _, rows = rows_of("correo;nombre\nana@x.ec\nluis@x.ec;Luis;extra\n")
    assert [n.details for r in rows for n in r.notes] == [
        {"row": 1, "reason": "ragged", "fields": 1, "expected": 2},
        {"row": 2, "reason": "ragged", "fields": 3, "expected": 2}]


def test_an_overlong_line_becomes_one_unreadable_row_and_reading_goes_on() -> None:
    text = "correo,nota\nana@x.ec,ok\nb@x.ec," + "x" * (10 * 1024 * 1024) + "\nluis@x.ec,ok\n"
    _, rows = rows_of(text)
    assert [(r.number, r.unreadable, r.address) for r in rows] == [
        (1, False, "ana@x.ec"), (2, True, ""), (3, False, "luis@x.ec")]
    assert rows[1].notes[0].details["reason"] == "too_long"


def test_a_field_over_the_limit_across_lines_is_an_unreadable_row() -> None:
    chunk = "y" * (FIELD_LIMIT // 4) + "\n"
    text = 'correo,nota\nana@x.ec,"' + chunk * 5 + '"\nluis@x.ec,ok\n'
    _, rows = rows_of(text)
    assert rows[0].unreadable and rows[0].notes[0].details["reason"] == "unclosed_quote"
    assert all(len(field) <= FIELD_LIMIT for row in rows for field in row.fields)
    # Reading resumed on the next line: the cell's other lines are reported, luis is read.
    assert [r.notes[0].details["reason"] for r in rows[1:5]] == ["quote_spill"] * 4
    assert rows[-1].address == "luis@x.ec" and not rows[-1].unreadable


def test_lines_put_back_are_read_again_in_order() -> None:
    lines = Lines(io.StringIO("a\nb\nc\n"))
    assert [next(lines), next(lines), next(lines)] == ["a\n", "b\n", "c\n"]
    lines.push("b\n", None, "c\n")  # None: a line that was too long
    assert lines.position == 0 and next(lines) == "b\n"
    with pytest.raises(LineTooLong):
        next(lines)
    assert next(lines) == "c\n" and lines.position == 3


@pytest.mark.parametrize(("cell_lines", "rows"), [
    (MAX_RECORD_LINES, 2),  # the longest cell allowed is one row
    (MAX_RECORD_LINES + 1, MAX_RECORD_LINES + 2),  # past it: the first line and every other one
])
def test_a_quoted_cell_may_span_up_to_the_limit_of_lines(cell_lines: int, rows: int) -> None:
    cell = "\n".join(f"nota {i}" for i in range(cell_lines))
    _, read = rows_of(f'correo,nota\nana@x.ec,"{cell}"\nluis@x.ec,ok\n')
    assert len(read) == rows and read[-1].address == "luis@x.ec"
    if rows == 2:
        assert read[0].lines == cell_lines and not read[0].notes
    else:
        assert read[0].notes[0].details["reason"] == "unclosed_quote"
        assert {r.notes[0].details["reason"] for r in read[1:-2]} == {"quote_spill"}


def test_an_unclosed_quote_names_its_line_and_reading_resumes_on_the_next() -> None:
    _, rows = rows_of('correo,nota\nana@x.ec,ok\nluis@x.ec,"sin cerrar\npedro@x.ec,ok\n')
    assert [(r.number, r.unreadable, r.address) for r in rows] == [
        (1, False, "ana@x.ec"), (2, True, ""), (3, False, "pedro@x.ec")]
    assert rows[1].notes[0].details == {"row": 2, "reason": "unclosed_quote", "line": 3}


def test_an_overlong_line_inside_an_open_quote_is_a_row_of_its_own() -> None:
    text = ('correo,nota\nana@x.ec,"abre\nluis@x.ec,ok\n' + "z" * (FIELD_LIMIT + 5)
            + "\npedro@x.ec,ok\n")
    _, rows = rows_of(text)
    assert [(r.address, r.notes[0].details["reason"] if r.notes else None) for r in rows] == [
        ("", "unclosed_quote"), ("luis@x.ec", None), ("", "too_long"), ("pedro@x.ec", None)]


def test_lines_never_hold_more_than_the_limit() -> None:
    lines = Lines(io.StringIO("a" * (FIELD_LIMIT * 3) + "\nb\n"))
    with pytest.raises(LineTooLong):
        next(lines)
    assert next(lines) == "b\n"


def test_read_rows_can_start_at_any_number() -> None:
    layout = detect_layout("correo\n")
    rows = list(read_rows(Lines(io.StringIO("a@x.ec\nb@x.ec\n")), layout, start=41))
    assert [r.number for r in rows] == [41, 42]


# -- checking in order -----------------------------------------------------------------------


def test_the_pipeline_emits_in_input_order_whatever_finishes_first() -> None:
    rng = random.Random(3)
    rows = [Row(i, (f"a{i}@x.ec",), f"a{i}@x.ec") for i in range(1, 301)]
    delays = {r.number: rng.random() * 0.02 for r in rows}
    emitted: list[int] = []
    flushes: list[int] = []

    async def check(row: Row) -> Report:
        await asyncio.sleep(delays[row.number])
        return Report("batch", row.address, row.address, ())

    async def main() -> None:
        await pipeline(iter(rows), check, lambda row, _: emitted.append(row.number),
                       lambda: flushes.append(len(emitted)), window=16)

    asyncio.run(main())
    assert emitted == list(range(1, 301))
    assert len(flushes) > 10  # written as it goes, not at the end


def test_order_is_kept_with_varied_dns_latencies() -> None:
    zone = domains_zone(40)
    with FixtureDNSServer(zone, latency=0.005) as server:
        for i in range(0, 40, 3):
            server.set_delay(f"d{i}.ec", 0.05 + (i % 7) * 0.02)
        rng = random.Random(5)
        picks = [rng.randrange(40) for _ in range(400)]
        text = "id,email\n" + "".join(f"{n},p{n}@d{d}.ec\n" for n, d in enumerate(picks))
        out, summary = run_text(text, server)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["row"] for r in records] == list(range(1, 401))
    assert [r["columns"]["id"] for r in records] == [str(n) for n in range(400)]
    assert [r["address"] for r in records] == [f"p{n}@d{d}.ec" for n, d in enumerate(picks)]
    assert summary.verdicts["ok"] == 400 and summary.exit_status() is ExitStatus.OK


def test_dns_work_is_done_once_per_name_and_type() -> None:
    with FixtureDNSServer(domains_zone(5)) as server:
        text = "email\n" + "".join(f"p{n}@d{n % 5}.ec\n" for n in range(500))
        _, summary = run_text(text, server, concurrency=4)
        per_query = {(q.qname, q.qtype) for q in server.queries}
        assert server.count() == len(per_query) == 10  # MX, and A of the MX host, for 5 domains
    assert summary.rows == 500


def test_no_more_queries_are_in_flight_than_the_concurrency() -> None:
    with FixtureDNSServer(domains_zone(60), latency=0.03) as server:
        text = "email\n" + "".join(f"p{n}@d{n}.ec\n" for n in range(60))
        run_text(text, server, concurrency=5)
        times = sorted(q.t for q in server.queries)
    # Queries answered after 30 ms: at most 5 can be received within any 25 ms window.
    assert max(sum(1 for t in times if s <= t < s + 0.025) for s in times) <= 5


def test_findings_and_the_verdict_of_each_kind_of_row(dns_server: FixtureDNSServer) -> None:
    text = ("email\nana@hotmail.com\n\nno-es-correo\nana@dnsroto.com.ec\nana@gmial.com\n"
            "mu\udcf1oz@hotmail.com\n")
    out, summary = run_text(text, dns_server)
    records = [json.loads(line) for line in out.splitlines()]
    # The last address could not be read in the file's encoding: unknown, not a problem.
    assert [r["verdict"] for r in records] == ["ok", "problem", "problem", "inconclusive",
                                               "warning", "inconclusive"]
    assert records[1]["findings"][0]["details"]["reason"] == "empty"
    assert records[5]["findings"][0]["details"]["reason"] == "undecodable"
    assert records[5]["columns"]["email"] == "mu\ufffdoz@hotmail.com"
    assert summary.exit_status() is ExitStatus.PROBLEM and summary.undecodable == 1


# -- output ----------------------------------------------------------------------------------


def test_csv_records_carry_the_columns_and_the_iess_fields(dns_server: FixtureDNSServer) -> None:
    out, _ = run_text("\ufeffNombre;Correo\r\nAna;ana@hotmail.com\r\nLuis;luis@\r\n",
                      dns_server, OutputFormat.CSV)
    assert out.splitlines() == [
        "\ufeffNombre;Correo;iess_row;iess_address;iess_verdict;iess_codes;iess_message",
        "Ana;ana@hotmail.com;1;ana@hotmail.com;ok;address.valid domain.accepts_mail "
        "provider.detected;The domain hotmail.com accepts mail (servers: "
        "hotmail-com.olc.protection.outlook.com).",
        "Luis;luis@;2;;problem;address.invalid;The address 'luis@' is not valid: there is "
        "nothing after the @ sign."]


def test_the_headline_is_the_first_worst_finding_or_the_last_ok() -> None:
    valid = make("address.valid", address="a@b.ec")
    accepts = make("domain.accepts_mail", domain="b.ec", mx_hosts=["mx.b.ec"])
    missing = make("domain.not_found", domain="b.ec")
    ok = Report("batch", "a@b.ec", "a@b.ec", (valid, accepts))
    bad = Report("batch", "a@b.ec", "a@b.ec", (valid, missing))
    assert headline(ok, Lang.EN) == accepts.message.en
    assert headline(bad, Lang.ES) == missing.message.es
    assert headline(Report("batch", "", None, ()), Lang.EN) == ""


@pytest.mark.parametrize(("verdicts", "status"), [
    ({}, ExitStatus.OK), ({"ok": 3, "warning": 1}, ExitStatus.OK),
    ({"ok": 1, "inconclusive": 1}, ExitStatus.INCONCLUSIVE),
    ({"inconclusive": 1, "problem": 1}, ExitStatus.PROBLEM),
])
def test_exit_status_of_a_summary(verdicts: dict[str, int], status: ExitStatus) -> None:
    summary = Summary()
    for verdict, count in verdicts.items():
        for _ in range(count):
            summary.add(verdict, [])
    assert summary.exit_status() is status
    assert summary.to_dict()["exit_status"] == int(status)


# -- the journal -----------------------------------------------------------------------------


def writer_for(header: str, fmt: OutputFormat) -> Writer:
    return Writer(detect_layout(header), fmt, Lang.EN)


def json_line(row: int, verdict: str = "ok", columns: dict[str, str] | None = None) -> str:
    return json.dumps({"row": row, "verdict": verdict, "findings": [{"code": "address.valid"}],
                       "columns": columns or {"email": f"a{row}@x.ec"}}) + "\n"


@pytest.fixture
def out(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "out"


def test_a_json_journal_ends_at_the_last_complete_record(out: Path) -> None:
    body = json_line(1) + json_line(2, "problem")
    out.write_text(body + '{"row": 3, "verd')
    journal = read_journal(str(out), writer_for("email\n", OutputFormat.JSONL))
    assert (journal.done, journal.keep) == (2, len(body.encode()))
    assert journal.last == {"email": "a2@x.ec"}
    assert journal.summary.verdicts == {"ok": 1, "problem": 1}


@pytest.mark.parametrize("body", [
    json_line(1) + "garbage\n" + json_line(3),
    json_line(1) + json_line(3),
    "not json at all\n",
])
def test_a_damaged_or_foreign_json_output_is_refused(out: Path, body: str) -> None:
    out.write_text(body)
    with pytest.raises(UsageError):
        read_journal(str(out), writer_for("email\n", OutputFormat.JSONL))


def test_a_csv_journal_drops_a_record_cut_short(out: Path) -> None:
    head = "email;iess_row;iess_address;iess_verdict;iess_codes;iess_message\r\n"
    done = 'a1@x.ec;1;a1@x.ec;ok;address.valid;"fine; really"\r\n'
    out.write_bytes((head + done + "a2@x.ec;2;a2@x.ec;ok;address.valid;fi").encode())
    layout = Layout(("email",), ("email",), 0, ";", True, False)
    journal = read_journal(str(out), Writer(layout, OutputFormat.CSV, Lang.EN))
    assert (journal.done, journal.keep) == (1, len((head + done).encode()))
    assert journal.first == ["a1@x.ec"]


def test_a_csv_journal_with_other_columns_is_refused(out: Path) -> None:
    out.write_text("nombre,iess_row\r\n")
    with pytest.raises(UsageError):
        read_journal(str(out), writer_for("email\n", OutputFormat.CSV))


def test_a_csv_header_cut_short_means_starting_afresh(out: Path) -> None:
    out.write_text("email,iess_ro")
    assert read_journal(str(out), writer_for("email\n", OutputFormat.CSV)) == Journal()


def test_resume_refuses_an_output_of_another_input(out: Path) -> None:
    out.write_text(json_line(1) + json_line(2))
    batch = Batch.open(io.StringIO("email\na1@x.ec\nzzz@x.ec\n"), Settings())
    with pytest.raises(UsageError) as caught:
        prepare_output(str(out), batch, resume=True, force=False, input_path="-")
    assert "row 2" in caught.value.message.en
    assert out.read_text() == json_line(1) + json_line(2)  # untouched


def test_resume_refuses_when_the_input_is_shorter_than_the_output(out: Path) -> None:
    out.write_text(json_line(1) + json_line(2))
    batch = Batch.open(io.StringIO("email\na1@x.ec\n"), Settings())
    with pytest.raises(UsageError):
        prepare_output(str(out), batch, resume=True, force=False, input_path="-")


def test_resume_skips_the_done_rows_and_truncates_the_partial_one(out: Path) -> None:
    out.write_text(json_line(1) + json_line(2) + '{"row": 3')
    batch = Batch.open(io.StringIO("email\na1@x.ec\na2@x.ec\na3@x.ec\n"), Settings())
    sink, summary = prepare_output(str(out), batch, resume=True, force=False, input_path="-")
    sink.close()
    assert out.read_text() == json_line(1) + json_line(2)
    assert (summary.rows, summary.resumed) == (2, 2)
    assert [r.number for r in batch.rows] == [3]


def test_the_summary_counts_the_lines_of_the_rows_and_warns_when_they_far_outnumber_them(
        dns_server: FixtureDNSServer) -> None:
    cell = "\n".join(f"nota {i}" for i in range(30))
    _, summary = run_text(f'correo,nota\nana@hotmail.com,"{cell}"\nluis@hotmail.com,ok\n',
                          dns_server)
    assert summary.rows == 2 and summary.lines == 31 and summary.to_dict()["input_lines"] == 31
    warning = summary.lines_warning()
    assert warning is not None and "las 2 filas revisadas ocupan 31 líneas" in warning.es
    assert "unclosed quote" in warning.en
    one = Summary(lines=12)
    one.add("ok", [])
    assert "la única fila revisada ocupa 12 líneas" in str(getattr(one.lines_warning(), "es", ""))


@pytest.mark.parametrize(("rows", "lines", "interrupted", "warns"), [
    (100, 100, False, False), (100, 199, False, False), (100, 200, False, True),
    (2, 11, False, False), (2, 12, False, True), (100, 500, True, False),
])
def test_the_lines_warning_needs_far_more_lines_than_rows(rows: int, lines: int,
                                                          interrupted: bool, warns: bool) -> None:
    summary = Summary(lines=lines, interrupted=interrupted)
    for _ in range(rows):
        summary.add("ok", [])
    assert (summary.lines_warning() is not None) is warns


def test_a_lone_carriage_return_inside_a_line_is_read_not_raised() -> None:
    """Found by the fuzzer: a stream split on LF only (a test's stdin) hands the reader a line
    with a CR inside; the glued-rows check parsed it alone and csv raised (exit 70)."""
    from diag.batch.run import Batch
    from diag.batch.settings import Settings
    from diag.batch.summary import Summary

    batch = Batch.open(io.StringIO('email,nota\r\n"\n","\r"\r\n'),
                       Settings(nameservers=("127.0.0.1:9",), dns_timeout=0.1))
    sink = io.StringIO()
    summary = batch.run(sink, Summary())
    assert summary.rows == 1 and '"address.invalid"' in sink.getvalue()
