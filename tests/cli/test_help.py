"""--help in Spanish and English: every text translated, no Python types in the usage lines."""

from __future__ import annotations

import pytest
import typer

from diag.cli import COMMANDS, app, load_all
from diag.cli.help import spanish
from tests.cli.test_meta import commands, python

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
