"""'Revisar un archivo': a CSV export gives `iess-diag batch`'s own output and summary; a saved
message gives analyze-headers' report; the size limit has a clear message."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.fixtures.cli import invoke
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.web.conftest import csrf_of

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ("cedula,nombre,correo\n1714307103,Ana Pérez,ana.perez@gmail.com\n"
          "0102030405,Luis,luis@hotmail.con\n0912345678,Rosa,rosa@sinmail.com.ec\n"
          "1,=HYPERLINK(\"x\"),no-es-correo\n")


def upload(client: TestClient, name: str, data: bytes, **fields: str) -> tuple[int, str]:
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/file", data={"csrf": csrf, **fields},
                         files={"file": (name, data, "application/octet-stream")})
    return answer.status_code, answer.text


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_csv_gives_the_batch_commands_output(client: TestClient, dns_server: FixtureDNSServer,
                                               tmp_path: Path, fmt: str) -> None:
    status, page = upload(client, "export.csv", EXPORT.encode(), output_format=fmt, lang="es")
    assert status == 200, page
    key = re.search(r'href="/results/([A-Za-z0-9_-]+)" download', page)
    assert key, page
    download = client.get(f"/results/{key.group(1)}")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == (
        f'attachment; filename="export-resultados.{fmt}"')
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    cli = invoke(["batch", str(source), "--output-format", fmt, "--lang", "es",
                  "--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS)])
    assert download.text == cli.stdout and cli.stdout.count("\n") >= 4
    assert re.search(r"4 filas revisadas en \d+,\d s \(\d+,\d por segundo\)", page)
    assert re.search(r"<td>Hay un problema</td><td>[1-9]</td>", page)


@pytest.mark.parametrize("codec", ["utf-16", "cp1252"])
def test_an_excel_encoding_gives_the_utf8_files_records(client: TestClient, codec: str,
                                                        dns_server: FixtureDNSServer) -> None:
    records, pages = [], []
    for data in (EXPORT.encode(), EXPORT.encode(codec)):
        status, page = upload(client, "export.csv", data, output_format="jsonl", lang="es")
        key = re.search(r'href="/results/([A-Za-z0-9_-]+)" download', page)
        assert status == 200 and key, page
        records.append(client.get(f"/results/{key.group(1)}").text)
        pages.append(page)
    assert records[0] == records[1] and "Ana P\\u00e9rez" in records[1]
    # A guessed Windows-1252 is said on the page, as the CLI says it on stderr; UTF-16 has a BOM.
    guessed = "se leyó como Windows-1252"
    assert guessed not in pages[0] and (guessed in pages[1]) == (codec == "cp1252")


def test_a_title_line_above_the_header_is_said_on_the_page(client: TestClient,
                                                           dns_server: FixtureDNSServer) -> None:
    status, page = upload(client, "export.csv", ("Reporte de afiliados\n" + EXPORT).encode(),
                          output_format="jsonl", lang="es")
    assert status == 200 and "La primera línea («Reporte de afiliados») es un título" in page


def test_a_saved_message_gives_analyze_headers_report(client: TestClient) -> None:
    path = ROOT / "examples" / "phishing-lookalike.eml"
    status, page = upload(client, path.name, path.read_bytes(), lang="es")
    assert status == 200
    cli = invoke(["analyze-headers", str(path), "-f", "json", "--lang", "es"])
    codes = [f["code"] for f in json.loads(cli.stdout)["findings"]]
    assert re.findall(r"</td><td><code>([a-z_.]+)</code></td></tr>", page) == codes
    assert "<article>" in page


@pytest.mark.parametrize(("name", "data", "status", "says"), [
    ("vacio.eml", b"  \n", 400, "El archivo «vacio.eml» está vacío."),
    ("vacio.csv", b"", 400, ""),
    ("grande.csv", b"a@b.ec\n" * (800 * 1024), 413, "El archivo pesa más de 5 MB"),
])
def test_bad_files_get_a_sentence(client: TestClient, name: str, data: bytes, status: int,
                                  says: str) -> None:
    got, page = upload(client, name, data)
    assert got == status and 'role="alert"' in page and says in page
    assert "Traceback" not in page


def test_no_file_is_a_sentence(client: TestClient) -> None:
    csrf = csrf_of(client.get("/").text)
    answer = client.post("/file", data={"csrf": csrf},
                         files={"other": ("x.csv", b"a@b.ec\n", "text/csv")})
    assert answer.status_code == 400 and "Elija un archivo (.csv o .eml)." in answer.text


def test_a_result_not_kept_is_a_sentence(client: TestClient) -> None:
    answer = client.get("/results/not-a-key")
    assert answer.status_code == 404 and "Ese resultado ya no está" in answer.text


def test_results_are_forgotten_after_a_while() -> None:
    from diag.batch.summary import Summary
    from diag.web.uploads import KEEP_SECONDS, BatchResult, Results

    now = [0.0]
    kept = Results(clock=lambda: now[0])
    key = kept.keep(BatchResult("a.csv", "x", "csv", Summary()))
    assert kept.get(key) is not None
    now[0] = KEEP_SECONDS + 1
    assert kept.get(key) is None


def test_live_progress_as_server_sent_events(client: TestClient) -> None:
    rows = "correo\n" + "".join(f"persona{i}@gmail.com\n" for i in range(30))
    status, text = upload(client, "lista.csv", rows.encode(), live="1", lang="es")
    assert status == 202
    job = json.loads(text)
    with client.stream("GET", job["events"]) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert stream.headers["cache-control"] == "no-store"
        events = [line for line in stream.iter_lines() if line.startswith(("event:", "data:"))]
    assert events[-2] == "event: done"
    last = json.loads(events[-1].removeprefix("data: "))
    assert last["rows"] == last["total"] == 30
    assert all(json.loads(e.removeprefix("data: "))["rows"] <= 30 for e in events[1::2])
    page = client.get(job["page"]).text
    assert re.search(r"30 filas revisadas en \d+,\d s", page)
    key = re.search(r'href="/results/([A-Za-z0-9_-]+)" download', page)
    assert key and client.get(f"/results/{key.group(1)}").text.count("\n") == 31


def test_live_progress_of_a_bad_file_ends_with_its_sentence(client: TestClient) -> None:
    status, text = upload(client, "vacio.csv", b"   \n", live="1")
    assert status == 202
    answer = client.get(json.loads(text)["page"])
    assert answer.status_code == 400 and 'role="alert"' in answer.text


def test_an_unknown_job_is_a_sentence(client: TestClient) -> None:
    for path in ("/jobs/nope", "/jobs/nope/events"):
        answer = client.get(path)
        assert answer.status_code == 404 and "Ese resultado ya no está" in answer.text
