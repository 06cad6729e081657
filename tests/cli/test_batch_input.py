"""What `iess-diag batch` makes of the files people really give it: Excel's encodings, files
that are not text, folders, pipes, headers only, odd delimiters and column names."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.cli import invoke
from tests.servers.dnsserver import FixtureDNSServer

EXPORT = "Nombre;Correo electrónico\r\nAna Pérez;ana@hotmail.com\r\nLuis Muñoz;bad\r\n"
NO_DNS = ["--nameserver", "127.0.0.1:9", "--dns-timeout", "0.3"]


def _run(path: Path | str, *args: str, server: FixtureDNSServer | None = None) -> Any:
    dns = ["--nameserver", server.nameserver, "--dns-timeout", "2"] if server else NO_DNS
    return invoke(["batch", str(path), "--jobs", "1", *dns, *args])


def _records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                   "cp1252"])
def test_every_excel_encoding_gives_the_records_of_the_utf8_file(
        dns_server: FixtureDNSServer, tmp_path: Path, codec: str) -> None:
    (tmp_path / "utf8.csv").write_bytes(EXPORT.encode("utf-8"))
    (tmp_path / "other.csv").write_bytes(EXPORT.encode(codec))
    expected = _run(tmp_path / "utf8.csv", server=dns_server)
    got = _run(tmp_path / "other.csv", server=dns_server)
    assert got.code == expected.code == 1  # the row "bad" is a real problem
    assert _records(got.stdout) == _records(expected.stdout)
    assert _records(got.stdout)[0]["columns"]["Nombre"] == "Ana Pérez"
    assert ("Windows-1252" in got.stderr) == (codec == "cp1252")


def test_a_utf16_export_keeps_its_bom_in_the_csv_output(dns_server: FixtureDNSServer,
                                                        tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(EXPORT.encode("utf-16"))
    result = _run(tmp_path / "in.csv", "-f", "csv", server=dns_server)
    assert result.stdout.startswith("\ufeffNombre;Correo electrónico;iess_row")


def test_an_explicit_encoding_is_obeyed(dns_server: FixtureDNSServer, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(EXPORT.encode("cp1252"))
    result = _run(tmp_path / "in.csv", "--encoding", "latin-1", server=dns_server)
    assert _records(result.stdout)[0]["columns"]["Nombre"] == "Ana Pérez"
    assert "Windows-1252" not in result.stderr


@pytest.mark.parametrize(("content", "english", "spanish"), [
    (b"\x00\x01\x02\x03binary\xff\x00" * 40, "is not text", "no es texto"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 60, "spreadsheet workbook", "hoja de cálculo"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, "spreadsheet workbook",
     "hoja de cálculo"),
])
def test_a_file_that_is_not_text_is_one_line_and_exit_2(tmp_path: Path, content: bytes,
                                                        english: str, spanish: str) -> None:
    (tmp_path / "in.csv").write_bytes(content)
    for lang, needle in (("en", english), ("es", spanish)):
        result = _run(tmp_path / "in.csv", "--lang", lang)
        assert result.code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr


@pytest.mark.parametrize(("target", "english", "spanish"), [
    ("folder", "it is a folder", "es una carpeta"),
    ("/dev/null", "is empty", "está vacío"),
    ("empty", "is empty", "está vacío"),
    ("header", "only the header", "solo tiene el encabezado"),
])
def test_inputs_without_rows_are_one_line_and_exit_2(tmp_path: Path, target: str,
                                                     english: str, spanish: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "header").write_bytes("Correo electrónico;Nombre\r\n".encode())
    path = target if target.startswith("/") else str(tmp_path / target)
    for lang, needle in (("en", english), ("es", spanish)):
        result = _run(path, "--lang", lang)
        assert result.code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr


def test_a_fifo_is_read_like_a_file(dns_server: FixtureDNSServer, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    data = EXPORT.encode("utf-16")

    def write() -> None:
        with fifo.open("wb") as stream:
            for i in range(0, len(data), 7):  # in small pieces, as a pipe may give them
                stream.write(data[i:i + 7])
                stream.flush()

    writer = threading.Thread(target=write)
    writer.start()
    result = _run(fifo, server=dns_server)
    writer.join()
    assert [r["columns"]["Nombre"] for r in _records(result.stdout)] == ["Ana Pérez",
                                                                         "Luis Muñoz"]


@pytest.mark.parametrize("header", ["Correo electrónico", "E-mail", "correo", "CORREO",
                                    "e-MAIL", "Dirección de correo"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_address_column_is_found_by_any_usual_name(dns_server: FixtureDNSServer,
                                                       tmp_path: Path, header: str,
                                                       delimiter: str) -> None:
    names = [f"c{i}" for i in range(99)] + [header]
    cells = [f"x{i}" for i in range(99)] + ["ana@hotmail.com"]
    text = delimiter.join(names) + "\r\n" + delimiter.join(cells) + "\r\n"
    (tmp_path / "in.csv").write_bytes(text.encode("utf-8-sig"))
    result = _run(tmp_path / "in.csv", server=dns_server)
    assert result.code == 0, result.stderr
    assert [r["address"] for r in _records(result.stdout)] == ["ana@hotmail.com"]


def test_an_encoding_that_is_neither_utf8_nor_windows_1252_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(b"email\r\nana\x81\x8d@hotmail.com\r\n")
    result = _run(tmp_path / "in.csv", "--lang", "es")
    assert result.code == 2 and "--encoding" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_stray_control_byte_in_a_big_export_is_a_bad_row_not_a_refusal(
        dns_server: FixtureDNSServer, tmp_path: Path) -> None:
    rows = "".join(f"user{i}@hotmail.com,ok\r\n" for i in range(3000))
    (tmp_path / "in.csv").write_bytes(b"email,nota\r\n\x00\x01@hotmail.com,x\r\n"
                                      + rows.encode())
    result = _run(tmp_path / "in.csv", server=dns_server)
    assert result.code == 1 and len(_records(result.stdout)) == 3001


def test_a_wrong_wide_encoding_is_refused_not_read_as_rows(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(EXPORT.encode("utf-8"))
    result = _run(tmp_path / "in.csv", "--encoding", "utf-16", "--lang", "es")
    assert result.code == 2 and result.stdout == ""
    assert "no está en utf-16" in result.stderr and result.stderr.count("\n") == 1
