"""--help in Spanish and English: every text translated, no Python types in the usage lines."""

from __future__ import annotations

import json

import pytest
import typer

from diag.cli import COMMANDS, app, load_all
from diag.cli.help import spanish
from tests.cli.test_meta import commands, python
from tests.fixtures.cli import invoke

NAMES = sorted(COMMANDS)


def _help_texts() -> list[tuple[str, str]]:
    load_all()
    root = typer.main.get_command(app)
    found = [("root", root.help or "")]
    found += [("root", p.help) for p in root.params if getattr(p, "help", None)]
    for name, command in commands().items():
        found.append((name, command.help or ""))
        found += [(name, p.help) for p in command.params
                  if getattr(p, "help", None) and not getattr(p, "hidden", False)]
        for paragraph in (command.epilog or "").split("\n\n"):
            if paragraph and not paragraph.startswith("Example / Ejemplo:"):
                found.append((name, paragraph))
    found += [(name, line) for name, (_, line) in COMMANDS.items()]
    return found


def test_every_help_text_has_its_spanish() -> None:
    missing = sorted({f"{where}: {text}" for where, text in _help_texts() if not spanish(text)})
    assert not missing, "add to diag/cli/help_es.py:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", NAMES)
def test_spanish_help_is_spanish(name: str) -> None:
    out = python("-m", "diag", name, "--help", env={"IESS_DIAG_LANG": "es"})
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("Uso: iess-diag ") and "Opciones:" in text
    for english in ("Usage:", "Options:", "Arguments:", "[required]", "default:", "Show this",
                    "Example", "env var"):
        assert english not in text, (name, english)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_no_python_types_in_help(name: str, lang: str) -> None:
    text = python("-m", "diag", name, "--help", "--lang", lang).stdout
    for python_type in ("<str>", "<list[str]>", "<int>", "<float>", "{ADDRESS}", "{FILE}",
                        "{NUMBER}", "{CODE}", "{DIRECCIÓN}"):
        assert python_type not in text, (name, python_type)


def test_the_root_help_follows_the_locale() -> None:
    out = python("-m", "diag", "--help", env={"LANG": "es_EC.UTF-8"})
    assert "Comandos:" in out.stdout and "Revisa una cédula o un RUC" in out.stdout


@pytest.mark.parametrize("argv", [["--help", "--lang", "es"], ["--lang", "es", "--help"],
                                  ["--lang=ES", "-h"]])
def test_the_root_takes_lang_for_its_help(argv: list[str]) -> None:
    out = python("-m", "diag", *argv, env={"LANG": "C.UTF-8"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Uso: iess-diag ") and "Comandos:" in out.stdout


@pytest.mark.parametrize("argv", [["--lang", "es", "nada"], ["nada", "--lang", "es"],
                                  ["--lang", "en", "nada", "--lang", "es"]])
def test_root_usage_errors_follow_lang_wherever_it_is_typed(argv: list[str]) -> None:
    out = invoke(argv)
    assert out.code == 2 and out.stdout == ""
    assert out.stderr == ("iess-diag: error: no existe el comando «nada». (las opciones se ven "
                          "con --help)\n")


@pytest.mark.parametrize(("argv", "start"), [([], "Usage: iess-diag "),
                                             (["--lang", "es"], "Uso: iess-diag "),
                                             (["--debug"], "Usage: iess-diag ")])
def test_no_command_shows_the_help_not_a_riddle(argv: list[str], start: str) -> None:
    out = invoke(argv)
    assert out.code == 2 and out.stderr.startswith(start), out.stderr
    assert "not well formed" not in out.stderr


def test_the_root_lang_reaches_the_command_unless_it_has_its_own() -> None:
    spanish = invoke(["--lang", "es", "check-id", "1710034065", "-f", "json"])
    assert json.loads(spanish.stdout)["lang"] == "es"
    english = invoke(["--lang", "es", "check-id", "1710034065", "-f", "json", "--lang", "en"])
    assert json.loads(english.stdout)["lang"] == "en"
