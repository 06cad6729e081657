"""The command line's own usage errors, reworded from Click's English into either language."""

from __future__ import annotations

import pytest

from tests.fixtures.cli import invoke

# (command line, what the Spanish message says, what the English one says)
CASES = [
    (["check-email"], "falta el argumento DIRECCIÓN.", "the argument ADDRESS is missing."),
    (["check-id"], "falta el argumento NÚMERO.", "the argument NUMBER is missing."),
    (["check-email", "--bogus", "a@b.ec"], "no existe la opción --bogus.",
     "there is no option --bogus."),
    (["batch", "--colum", "x", "f.csv"], "no existe la opción --colum. ¿Quiso decir --column?",
     "there is no option --colum. Did you mean --column?"),
    (["check-email", "-f", "xml", "a@b.ec"],
     "valor no válido para --format / -f: «xml» no es uno de los valores posibles (table, "
     "json, markdown, html).",
     "invalid value for --format / -f: 'xml' is not one of the possible values"),
    (["check-email", "--dns-timeout", "0", "a@b.ec"],
     "valor no válido para --dns-timeout: debe ser al menos 0.1.", "it must be at least 0.1"),
    (["check-email", "--dns-timeout", "abc", "a@b.ec"], "«abc» no es un número.",
     "'abc' is not a number"),
    (["find-reset-mail", "a@b.ec", "--imap-port", "99999"], "debe ser como mucho 65535",
     "it must be at most 65535"),
    (["find-reset-mail", "a@b.ec", "--since"], "la opción --since necesita un valor.",
     "the option --since needs a value."),
    (["nocmd"], "no existe el comando «nocmd».", "there is no command 'nocmd'."),
    (["explain", "a", "b", "c"], "sobran los argumentos «b», «c».",
     "unexpected extra arguments 'b', 'c'."),
    (["explain", "a", "b"], "sobra el argumento «b».", "unexpected extra argument 'b'."),
    (["batch", "/etc/hostname", "-o", "/"], "«/» es una carpeta, no un archivo",
     "'/' is a folder, not a file"),
    (["find-reset-mail", "a@b.ec", "--ca-file", "/no/such.pem"], "«/no/such.pem» no existe",
     "'/no/such.pem' does not exist"),
    (["find-reset-mail", "a@b.ec", "--password", "x"],
     "la contraseña no se escribe en la orden", "the password is never typed on the command"),
]


@pytest.mark.parametrize(("argv", "spanish", "english"), CASES)
def test_usage_errors_in_spanish(argv: list[str], spanish: str, english: str) -> None:
    result = invoke([argv[0], "--lang", "es", *argv[1:]])
    assert result.code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("iess-diag: error: ") and result.stderr.count("\n") == 1
    assert spanish in result.stderr, result.stderr


@pytest.mark.parametrize(("argv", "spanish", "english"), CASES)
def test_usage_errors_in_english(argv: list[str], spanish: str, english: str) -> None:
    result = invoke(argv, environ={"LANG": "C.UTF-8", "IESS_DIAG_LANG": "en"})
    assert result.code == 2, result
    assert english.replace("'", "«") in result.stderr.replace("'", "«"), result.stderr


def test_the_language_comes_from_the_locale_before_parsing() -> None:
    result = invoke(["check-email"], environ={"LANG": "es_EC.UTF-8"})
    assert "falta el argumento DIRECCIÓN" in result.stderr


_HUGE = "x" * 50_000


@pytest.mark.parametrize("argv", [
    [_HUGE], ["batch", f"/tmp/{_HUGE}"], ["batch", "-", "--encoding", _HUGE],
    ["check-email", "--format", _HUGE, "a@b.ec"], ["check-email", "a@b.ec", "--nameserver", _HUGE],
    ["explain", _HUGE],
])
def test_a_huge_argument_gives_one_readable_error_line(argv: list[str]) -> None:
    out = invoke(argv)
    assert out.code == 2 and out.stderr.count("\n") == 1
    assert "x" * 50 + "…" in out.stderr and len(out.stderr) < 2000, len(out.stderr)


def test_a_wrong_audience_names_what_was_typed_not_the_choices_as_refused() -> None:
    out = invoke(["check-email", "a@b.ec", "--audience", "robot", "--lang", "es",
                  "--nameserver", "127.0.0.1:9", "--dns-timeout", "0.3"])
    assert out.code == 2
    assert "«robot» no es uno de los valores posibles (agent, person, agente, persona)" in \
        out.stderr


def test_a_wrong_value_in_a_variable_names_the_variable() -> None:
    from tests.cli.test_meta import python

    out = python("-m", "diag", "check-id", "1714307103", env={"IESS_DIAG_LANG": "fr"})
    assert out.returncode == 2
    assert out.stderr.startswith("iess-diag: error: invalid value for IESS_DIAG_LANG: 'fr'")
