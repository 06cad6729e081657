"""`iess-diag explain CODE` and `iess-diag advice`: the catalog, readable without a check."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.options import ForceOption, LangOption, OutputOption
from diag.errors import UsageError
from diag.i18n import Lang, Text

_MEANING = Text("Qué significa", "What it means")
_DEFAULT_STATUS = Text("Estado habitual", "Usual status")


class CatalogFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


CatalogFormatOption = Annotated[CatalogFormat, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format: table (plain lines), json or markdown.")]


@app.command("explain", epilog="Example / Ejemplo: iess-diag explain domain.null_mx --lang es")
def explain_command(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE",
                                        help="A finding code, e.g. mx.unresolvable.")],
    fmt: CatalogFormatOption = CatalogFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    """Print what a finding code means and the advice that goes with it."""
    from diag.codes import CODES  # the catalogs load only when asked: fast --help
    from diag.render import labels

    env = current(ctx)
    chosen = env.lang(lang)
    info = CODES.get(code.strip().lower())
    if info is None:
        known = ", ".join(sorted(CODES))
        code = code if len(code) <= 60 else code[:60] + "…"  # a paste, not a code: not all of it
        raise UsageError(Text(f"no existe el código «{code}». Códigos: {known}",
                              f"there is no code '{code}'. Codes: {known}"))
    record = {"code": info.code, "status": info.status.value,
              "status_text": labels.STATUS[info.status].get(chosen),
              "meaning": info.meaning.get(chosen),
              "advice": [_advice(i, chosen) for i in info.advice]}
    _write(env, output, chosen, _explained(record, fmt, chosen), force)


@app.command("advice", epilog="Example / Ejemplo: iess-diag advice --lang en")
def advice_command(ctx: typer.Context, fmt: CatalogFormatOption = CatalogFormat.TABLE,
                   output: OutputOption = None, force: ForceOption = False,
                   lang: LangOption = None) -> None:
    """List the whole advice catalog, in the order an action plan uses it."""
    from diag.advice.catalog import CATALOG

    env = current(ctx)
    chosen = env.lang(lang)
    entries = [_advice(a.id, chosen) for a in sorted(CATALOG.values(), key=lambda a: a.priority)]
    if fmt is CatalogFormat.JSON:
        text = "".join(json.dumps(e, ensure_ascii=True) + "\n" for e in entries)
    else:
        bullet = "- " if fmt is CatalogFormat.MARKDOWN else ""
        text = "".join(f"{bullet}{_advice_line(e, fmt, chosen)}\n" for e in entries)
    _write(env, output, chosen, text, force)


def _advice(advice_id: str, lang: Lang) -> dict[str, Any]:
    from diag.advice.catalog import CATALOG, SOURCE_NAMES

    entry = CATALOG[advice_id]
    return {"id": entry.id, "text": entry.get(lang), "source": entry.source.value,
            "source_text": SOURCE_NAMES[entry.source].get(lang)}


def _advice_line(entry: dict[str, Any], fmt: CatalogFormat, lang: Lang) -> str:
    from diag.render import labels

    shown = f"`{entry['id']}`" if fmt is CatalogFormat.MARKDOWN else f"[{entry['id']}]"
    return f"{shown} {entry['text']} ({labels.SOURCE.get(lang)}: {entry['source_text']})"


def _explained(record: dict[str, Any], fmt: CatalogFormat, lang: Lang) -> str:
    from diag.render import labels

    if fmt is CatalogFormat.JSON:
        return json.dumps(record, ensure_ascii=True) + "\n"
    md = fmt is CatalogFormat.MARKDOWN

    def field(label: Text, value: str = "") -> str:
        name = label.get(lang)
        return f"- **{name}:** {value}".rstrip() if md else f"  {name}: {value}".rstrip()

    lines = [f"## `{record['code']}`" if md else record["code"],
             field(_DEFAULT_STATUS, record["status_text"]), field(_MEANING, record["meaning"])]
    if record["advice"]:
        lines.append(field(labels.WHAT_TO_DO))
        indent = "  - " if md else "    - "
        lines += [indent + _advice_line(a, fmt, lang) for a in record["advice"]]
    return "\n".join(lines) + "\n"


def _write(env: Environment, output: Path | None, lang: Lang, text: str, force: bool) -> None:
    if output is None or output == Path("-"):
        env.write(text)
    else:
        from diag.cli.output import save

        save(env, output, text, lang, force=force)
