"""The command line's own usage errors (Click's, in English only) said again in either language.

Vendored Click has no gettext hooks, so each error is rebuilt from the parts it carries: the
parameter, the value, the pydantic error type, never from a guess at its English sentence alone.
"""

from __future__ import annotations

import re
from typing import Any

from typer._click import exceptions as click_errors

from diag.i18n import Lang, Text, os_error_text

_MISSING = Text("falta {what}.", "{what} is missing.")
_ARGUMENT = Text("el argumento {name}", "the argument {name}")
_OPTION = Text("la opción {name}", "the option {name}")
_NO_OPTION = Text("no existe la opción {name}.", "there is no option {name}.")
# A password on the command line stays in the shell's history and in `ps`: there is no such
# option, and whoever tries it is told, in one line, where the password goes instead.
_NO_PASSWORD_OPTION = Text(
    "la contraseña no se escribe en la orden: póngala en la variable IESS_DIAG_IMAP_PASSWORD o "
    "escríbala cuando se le pida (no se verá en pantalla).",
    "the password is never typed on the command line: put it in the IESS_DIAG_IMAP_PASSWORD "
    "variable or type it when asked (it is not shown).")
_MAYBE = Text(" ¿Quiso decir {names}?", " Did you mean {names}?")
_NO_COMMAND = Text("no existe el comando «{name}».", "there is no command '{name}'.")
_NO_SUBCOMMAND = Text("falta el comando.", "the command is missing.")
_NEEDS_VALUE = Text("la opción {name} necesita un valor.", "the option {name} needs a value.")
_TAKES_NO_VALUE = Text("la opción {name} no lleva valor.", "the option {name} takes no value.")
_EXTRA = Text("{n|sobra el argumento|sobran los argumentos} {extra}.",
              "unexpected extra {n|argument|arguments} {extra_en}.")
_BAD_VALUE = Text("valor no válido para {name}: {why}.", "invalid value for {name}: {why}.")
_BAD_VALUE_PLAIN = Text("valor no válido: {why}.", "invalid value: {why}.")
_CHOICE = Text("«{value}» no es uno de los valores posibles ({choices})",
               "'{value}' is not one of the possible values ({choices})")
_AT_LEAST = Text("debe ser al menos {limit}", "it must be at least {limit}")
_AT_MOST = Text("debe ser como mucho {limit}", "it must be at most {limit}")
_ABOVE = Text("debe ser mayor que {limit}", "it must be greater than {limit}")
_BELOW = Text("debe ser menor que {limit}", "it must be less than {limit}")
_NUMBER = Text("«{value}» no es un número", "'{value}' is not a number")
_WHOLE = Text("«{value}» no es un número entero", "'{value}' is not a whole number")
_PATH_MISSING = Text("«{value}» no existe", "'{value}' does not exist")
_OTHER = Text("no se aceptó «{value}»", "'{value}' was not accepted")
_UNKNOWN_USAGE = Text("la orden no está bien escrita", "the command line is not well formed")

_LIMITS = {"greater_than_equal": ("ge", _AT_LEAST), "less_than_equal": ("le", _AT_MOST),
           "greater_than": ("gt", _ABOVE), "less_than": ("lt", _BELOW)}
_QUOTED = re.compile(r"'([^']*)'")


def usage_message(error: Exception, lang: Lang) -> str:
    """One sentence for a Click usage error, in `lang`."""
    return _reworded(error).get(lang)


def _reworded(error: Exception) -> Text:
    if isinstance(error, click_errors.MissingParameter):
        return _missing(error)
    if isinstance(error, click_errors.BadParameter):
        return _bad_value(error)
    if isinstance(error, click_errors.NoSuchOption) and error.option_name == "--password":
        return _NO_PASSWORD_OPTION
    if isinstance(error, click_errors.NoSuchOption):
        text = _NO_OPTION.format(name=error.option_name)
        if error.possibilities:
            text = Text.join("", (text, _MAYBE.format(names=", ".join(sorted(
                error.possibilities)))))
        return text
    if isinstance(error, click_errors.BadOptionUsage):
        message = str(getattr(error, "message", error))
        template = _TAKES_NO_VALUE if "does not take" in message else _NEEDS_VALUE
        return template.format(name=error.option_name)
    message = str(getattr(error, "message", error))
    if message.startswith("No such command"):
        return _NO_COMMAND.format(name=_first_quoted(message))
    if message.startswith("Missing command"):
        return _NO_SUBCOMMAND
    if message.startswith("Got unexpected extra argument"):
        found = re.search(r"\(([^()]*)\)$", message)
        extra = found.group(1).split() if found else []
        return _EXTRA.format(n=len(extra), extra=", ".join(f"«{e}»" for e in extra),
                             extra_en=", ".join(f"'{e}'" for e in extra))
    return _UNKNOWN_USAGE


def _missing(error: click_errors.MissingParameter) -> Text:
    param = error.param
    name = _hint(error) or (param.name if param is not None else "?")
    is_option = param is not None and param.param_type_name == "option"
    what = (_OPTION if is_option else _ARGUMENT).format(name=name)
    return Text(_MISSING.es.format(what=spanish_metavars(what.es)),
                _MISSING.en.format(what=what.en))


def _bad_value(error: click_errors.BadParameter) -> Text:
    why = _why(error)
    name = _hint(error)
    if not name:
        return Text(_BAD_VALUE_PLAIN.es.format(why=why.es), _BAD_VALUE_PLAIN.en.format(why=why.en))
    return Text(_BAD_VALUE.es.format(name=spanish_metavars(name), why=why.es),
                _BAD_VALUE.en.format(name=name, why=why.en))


def _hint(error: click_errors.BadParameter) -> str:
    """`--format` / `-f` as typed in the usage line, without Click's quotes or env-var note;
    the variable's name when the value came from it (IESS_DIAG_LANG=fr)."""
    from typer._click.core import ParameterSource

    param, ctx = error.param, error.ctx
    if (param is not None and ctx is not None and param.name is not None
            and ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT
            and isinstance(getattr(param, "envvar", None), str)):
        return str(param.envvar)
    if error.param_hint is not None:
        hint: Any = error.param_hint
        return " / ".join(hint) if isinstance(hint, list | tuple) else str(hint)
    param = error.param
    if param is None:
        return ""
    if param.param_type_name == "option":
        return " / ".join(getattr(param, "opts", ()) or [str(param.name)])
    return str(getattr(param, "metavar", None) or param.name or "").upper()


def _why(error: click_errors.BadParameter) -> Text:
    cause = error.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    message = str(error.message)
    choices = _QUOTED.findall(message)
    if not errors and "is not one of" in message and len(choices) > 1:  # a callback's own
        return _CHOICE.format(value=choices[0], choices=", ".join(choices[1:]))
    if not errors:
        return _path_problem(message, error.__cause__)
    first = errors[0]
    kind, value, context = first["type"], first.get("input"), first.get("ctx") or {}
    if kind in _LIMITS:
        key, template = _LIMITS[kind]
        return template.format(limit=context.get(key))
    if kind == "float_parsing":
        return _NUMBER.format(value=value)
    if kind in ("int_parsing", "int_from_float"):
        return _WHOLE.format(value=value)
    if kind == "value_error" and "is not one of" in message and len(choices) > 1:
        return _CHOICE.format(value=choices[0], choices=", ".join(choices[1:]))
    return _OTHER.format(value=value)


# The placeholders of the usage lines, as a Spanish --help and Spanish errors show them.
METAVARS_ES = {"ADDRESS": "DIRECCIÓN", "FILE": "ARCHIVO", "NUMBER": "NÚMERO", "CODE": "CÓDIGO",
               "SECONDS": "SEGUNDOS", "NAME": "NOMBRE", "DURATION": "DURACIÓN", "HOST": "SERVIDOR",
               "PORT": "PUERTO", "FOLDER": "CARPETA", "DOMAIN": "DOMINIO", "WORD": "PALABRA",
               "USER": "USUARIO", "WHEN": "CUÁNDO", "ENCODING": "CODIFICACIÓN",
               "COMMAND": "COMANDO", "OPTIONS": "OPCIONES", "ARGS": "ARGUMENTOS", "TEXT": "TEXTO",
               "INTEGER": "ENTERO", "FLOAT": "NÚMERO", "ID": "ID"}
_WORD = re.compile(r"\b[A-Z]{2,}\b")


def spanish_metavars(text: str) -> str:
    """`ADDRESS...` -> `DIRECCIÓN...`, wherever a usage placeholder appears."""
    return _WORD.sub(lambda m: METAVARS_ES.get(m.group(), m.group()), text)


_PATH_ENDINGS = (
    ("does not exist.", _PATH_MISSING),
    ("is a directory.", Text("«{value}» es una carpeta, no un archivo",
                             "'{value}' is a folder, not a file")),
    ("is a file.", Text("«{value}» es un archivo, no una carpeta",
                        "'{value}' is a file, not a folder")),
    ("is not readable.", Text("no hay permiso para leer «{value}»",
                              "no permission to read '{value}'")),
    ("is not writable.", Text("no hay permiso para escribir en «{value}»",
                              "no permission to write to '{value}'")),
)


def _path_problem(message: str, cause: BaseException | None) -> Text:
    """Click's checks of a path, and the OS's refusal to open one."""
    value = _first_quoted(message)
    for ending, template in _PATH_ENDINGS:
        if message.endswith(ending):
            return template.format(value=value)
    if isinstance(cause, OSError):
        return Text("«{value}»: {why}", "'{value}': {why}").format(
            value=value, why=os_error_text(cause))
    return _OTHER.format(value=value or message)


def _first_quoted(message: str) -> str:
    found = _QUOTED.search(message)
    return found.group(1) if found else ""
