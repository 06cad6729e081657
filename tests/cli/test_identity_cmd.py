"""`iess-diag check-id` end to end: exit codes, several numbers, stdin, formats, languages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diag.render import Format
from tests.fixtures.cli import invoke

VALID_CEDULA, BAD_CEDULA = "1714307103", "1714307104"
COMPANY, UNCONFIRMED = "1792060346001", "1793213150001"


@pytest.mark.parametrize(("number", "code", "verdict", "finding"), [
    (VALID_CEDULA, 0, "ok", "id.valid"),
    (COMPANY, 0, "ok", "id.valid"),
    (UNCONFIRMED, 0, "warning", "id.check_digit_unconfirmed"),
    (BAD_CEDULA, 1, "problem", "id.invalid"),
    ("17143071O3", 1, "problem", "id.invalid"),
    ("", 1, "problem", "id.invalid"),
    ("5010000007", 0, "ok", "id.valid"),  # province 50, foreign residents (issue 9)
    ("1793221293001", 0, "ok", "id.valid"),  # a company in the public format (stdnum #457)
    ("1790000081000", 0, "ok", "id.valid"),  # its establishment is 1000, not 000
])
def test_exit_code_follows_the_verdict(number: str, code: int, verdict: str,
                                       finding: str) -> None:
    result = invoke(["check-id", number, "-f", "json"])
    assert result.code == code, result.stderr
    report = json.loads(result.stdout)
    assert (report["command"], report["input"], report["verdict"]) == ("check-id", number,
                                                                         verdict)
    assert report["findings"][-1]["code"] == finding
    assert result.stderr == ""


def test_json_details_and_advice() -> None:
    result = invoke(["check-id", "1792060346-001", "--format", "json", "--lang", "es"])
    report = json.loads(result.stdout)
    normalized, valid = report["findings"]
    assert normalized["code"] == "id.normalized" and normalized["details"]["removed"] == ["dashes"]
    assert valid["details"] == {
        "number": COMPANY, "kind": "ruc_company", "digit_count": 13, "province_code": "17",
        "province": "Pichincha", "establishment": "001", "check_digit": 6, "expected_digit": 6}
    assert [a["id"] for a in valid["advice"]] == ["employer_module"]
    assert "Empleador" in valid["advice"][0]["text"]


def test_several_numbers_give_one_json_line_each_and_the_worst_exit_code() -> None:
    result = invoke(["check-id", VALID_CEDULA, BAD_CEDULA, UNCONFIRMED, "-f", "json"])
    lines = result.stdout.splitlines()
    assert [json.loads(line)["input"] for line in lines] == [VALID_CEDULA, BAD_CEDULA,
                                                              UNCONFIRMED]
    assert result.code == 1


def test_all_valid_numbers_exit_0() -> None:
    assert invoke(["check-id", VALID_CEDULA, COMPANY, UNCONFIRMED, "-f", "json"]).code == 0


def test_dash_reads_one_number_per_line_from_stdin() -> None:
    result = invoke(["check-id", "-", "-f", "json"],
                    stdin=f"{VALID_CEDULA}\r\n\n  \n{BAD_CEDULA}\n")
    assert [json.loads(line)["input"] for line in result.stdout.splitlines()] == [
        VALID_CEDULA, BAD_CEDULA]
    assert result.code == 1


def test_empty_stdin_is_a_usage_error() -> None:
    result = invoke(["check-id", "-"], stdin="\n \n")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == "iess-diag: error: no number was given.\n"


@pytest.mark.parametrize("argv", [["check-id"], ["check-id", VALID_CEDULA, "--bogus"],
                                  ["check-id", VALID_CEDULA, "-f", "xml"]])
def test_usage_errors_exit_2_with_one_line(argv: list[str]) -> None:
    result = invoke(argv)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("iess-diag: error:") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(("lang", "words"), [
    ("es", ["no es válido", "dígito verificador", "Compare el número"]),
    ("en", ["is not valid", "check digit", "Compare the number"]),
])
def test_language_option(lang: str, words: list[str]) -> None:
    result = invoke(["check-id", BAD_CEDULA, "-f", "markdown", "--lang", lang])
    for word in words:
        assert word in result.stdout


def test_language_from_the_locale_and_from_iess_diag_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(["check-id", BAD_CEDULA, "-f", "json"], environ={"LANG": "es_EC.UTF-8"})
    assert "no es válido" in json.loads(result.stdout)["findings"][-1]["message"]
    # Typer reads an option's envvar from the process environment, not Environment.environ.
    monkeypatch.setenv("IESS_DIAG_LANG", "es")
    result = invoke(["check-id", BAD_CEDULA, "-f", "json"])
    assert "no es válido" in json.loads(result.stdout)["findings"][-1]["message"]


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format(fmt: Format) -> None:
    result = invoke(["check-id", "17-14307104", UNCONFIRMED, "-f", fmt.value, "--lang", "es"])
    assert result.code == 1 and "1714307104" in result.stdout


def test_table_is_the_default_on_a_terminal() -> None:
    result = invoke(["check-id", VALID_CEDULA, "--lang", "en"], tty=True)
    assert "id.valid" in result.stdout and not result.stdout.startswith("{")


def test_help_has_an_example() -> None:
    out = subprocess.run([sys.executable, "-m", "diag", "check-id", "--help"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0
    assert "Example" in out.stdout and "iess-diag check-id 1714307103" in out.stdout
    for option in ("--format", "--output", "--lang"):
        assert option in out.stdout


def test_library_failure_is_exit_70_and_debug_shows_the_traceback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import diag.identity.numbers

    def broken(numbers: list[str]) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(diag.identity.numbers, "check_ids", broken)
    plain = invoke(["check-id", VALID_CEDULA])
    assert plain.code == 70 and "Traceback" not in plain.stderr
    assert plain.stderr.startswith("iess-diag: error:") and plain.stderr.count("\n") == 1
    debug = invoke(["check-id", VALID_CEDULA, "--debug"])
    assert debug.code == 70 and "Traceback" in debug.stderr and "boom" in debug.stderr


def test_the_library_check_is_offline_and_light() -> None:
    probe = ("import sys; from diag import check_id; check_id('1714307103'); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'dns', 'email_validator', 'imapclient', 'msal', 'rich', 'typer'}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_company_in_the_public_format_is_named_so_in_spanish() -> None:
    result = invoke(["check-id", "1793221293001", "--lang", "es", "-f", "json"])
    finding = json.loads(result.stdout)["findings"][-1]
    assert finding["details"]["kind"] == "ruc_company_public_format"
    assert finding["details"]["establishment"] == "3001"
    assert "sociedad con el formato de entidad pública" in finding["message"]
