"""`iess-diag batch`: check every address of an export file, in order, resumable."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diag import defaults
from diag.cli import app
from diag.cli.environment import Environment, current
from diag.cli.files import ENVIRONMENT_ERRNOS, check_summary_path, output_failed
from diag.cli.options import DebugOption, DnsTimeoutOption, LangOption, NameserverOption
from diag.errors import UsageError
from diag.i18n import Lang, Text, os_error_text

if TYPE_CHECKING:
    from diag.batch.run import Batch, Progress
    from diag.batch.settings import Settings
    from diag.batch.summary import Summary

_EPILOG = (
    "Example / Ejemplo: iess-diag batch afiliados.csv --output revisado.jsonl --lang es\n\n"
    "Interrupted? Run the same command again with --resume. / ¿Se interrumpió? Repita el mismo "
    "comando con --resume.\n\n"
    "Exit status: 0 no row has a problem, 1 some row has a problem, 3 some row is inconclusive "
    "and none has a problem, 2 bad usage or unreadable input, 74 the disk is full or the output "
    "was closed (what was written is kept: free some space, then --resume), 130 interrupted "
    "(what was done is kept)."
)
_RESUME_NEEDS_OUTPUT = Text("--resume necesita --output ARCHIVO (la salida es el registro de "
                            "avance).", "--resume needs --output FILE (the output is the record "
                            "of progress).")
_RESUME_OR_FORCE = Text("use --resume o --force, no ambos.", "use --resume or --force, not both.")
_DONE = Text("{rows} {rows|fila|filas} en la salida ({resumed} ya {resumed|estaba|estaban}), "
             "{checked} {checked|revisada|revisadas} en {seconds} s ({rate}).",
             "{rows} {rows|row|rows} in the output ({resumed} already there), {checked} checked "
             "in {seconds} s ({rate}).")
_VERDICTS = Text("veredictos", "verdicts")
_CODES = Text("hallazgos (filas)", "findings (rows)")
_VERDICT_WORDS = {"ok": Text("ok", "ok"), "warning": Text("con avisos", "warning"),
                  "problem": Text("con problema", "problem"),
                  "inconclusive": Text("no concluyente", "inconclusive")}
_INTERRUPTED = Text("interrumpido: lo revisado está guardado. Repita el mismo comando con "
                    "--resume para continuar.",
                    "interrupted: what was checked is saved. Run the same command again with "
                    "--resume to continue.")
_INTERRUPTED_STDOUT = Text("interrumpido.", "interrupted.")
_ENCODING_HINT = Text("algunas filas tienen bytes que no son UTF-8: si el archivo viene de "
                      "Excel, pruebe --encoding cp1252.",
                      "some rows hold bytes that are not UTF-8: if the file comes from Excel, "
                      "try --encoding cp1252.")
_BAD_FORMAT = Text("--format debe ser jsonl o csv, no «{value}».",
                   "--format must be jsonl or csv, not '{value}'.")
_NO_SUMMARY = Text("no se pudo escribir el resumen en «{path}»: {reason}.",
                   "could not write the summary to '{path}': {reason}.")
_SUMMARY_EXISTS = Text("«{path}» apareció durante la revisión: no se reemplaza sin --force.",
                       "'{path}' appeared during the run: it is not replaced without --force.")
_ONLY_HEADER = Text("el archivo solo tiene el encabezado: no hay direcciones que revisar.",
                    "the file has only the header: there are no addresses to check.")
_PROGRESS = Text("Revisando", "Checking")
_RATE = Text("{n} {n|fila|filas} por segundo", "{n} {n|row|rows} a second")


@app.command("batch", epilog=_EPILOG)
def batch_command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(
        metavar="FILE", show_default=False,
        help="CSV with a header row (',' or ';' or tab, sniffed), or a list with one address "
             "per line; - reads stdin. A first line without a delimiter is a list, unless it is "
             "a column name like email/correo/mail.")],
    column: Annotated[str | None, typer.Option(
        "--column", "-c", metavar="NAME",
        help="The address column (name, any case or accents, or its 1-based number). Default: "
             "the first whose name looks like email/correo/e-mail/mail.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the results here instead of stdout; - is stdout.")] = None,
    output_format: Annotated[str, typer.Option(
        # --output-format: the name before -f/--format was shared by every command; kept so
        # that scripts written for it still run.
        "--format", "-f", "--output-format", metavar="jsonl|csv", case_sensitive=False,
        help="jsonl: one JSON object per row (the check-email JSON plus row and columns). "
             "csv: the row's columns plus iess_row, iess_address, iess_verdict, iess_codes, "
             "iess_message.")] = "jsonl",
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted run: keep the complete records already in "
                         "--output and check only the rows after them.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing, non-empty --output.")] = False,
    summary_file: Annotated[Path | None, typer.Option(
        "--summary", metavar="FILE", dir_okay=False,
        help="Also write the summary (counts per verdict and per finding code) as JSON, "
             "readable by you only. An existing FILE is replaced only with --force.")] = None,
    keep_formulas: Annotated[bool, typer.Option(
        "--keep-formulas",
        help="CSV: write cells exactly as they are. By default a cell that starts with = + - @, "
             "a tab or a CR gets a leading ' so that a spreadsheet shows it instead of running "
             "it; use this only when a program, not a person, reads the CSV.")] = False,
    concurrency: Annotated[int, typer.Option(
        "--concurrency", min=1, max=1024, metavar="N",
        help="DNS queries in flight at most (and domains checked at once).")] = 64,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, max=256, metavar="N", show_default=False,
        help="Worker processes (default: the machine's cores). Rows are shared out by domain, "
             "so each domain is looked up once; the output keeps the input order. --jobs 1 "
             "checks in one process; a file under 256 rows always does.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", metavar="NAME", show_default=False,
        help="Text encoding of FILE, e.g. cp1252. Default: from its BOM (UTF-8, UTF-16 or "
             "UTF-32, as Excel saves them), else UTF-8, else Windows-1252 (said on stderr).")
    ] = None,
    lang: LangOption = None,
    nameserver: NameserverOption = None,
    dns_timeout: DnsTimeoutOption = defaults.DNS_TIMEOUT,
    debug: DebugOption = False,
) -> None:
    """Check every address of an export file (CSV or a list), in order, resumable."""
    from diag.batch.settings import OutputFormat, Settings

    env = current(ctx)
    chosen = env.lang(lang)
    output = None if output == Path("-") else output  # -o - is stdout, as everywhere
    if output_format.lower() not in ("jsonl", "csv"):
        raise UsageError(_BAD_FORMAT.format(value=output_format))
    if resume and output is None:
        raise UsageError(_RESUME_NEEDS_OUTPUT)
    if resume and force:
        raise UsageError(_RESUME_OR_FORCE)
    replace_summary = summary_file is not None and check_summary_path(
        summary_file, file, output, force=force, resume=resume)
    settings = Settings(column=column, output_format=OutputFormat(output_format.lower()),
                        lang=chosen, nameservers=tuple(nameserver or ()),
                        dns_timeout=dns_timeout, concurrency=concurrency, encoding=encoding,
                        keep_formulas=keep_formulas, jobs=jobs or _cores())
    try:
        summary = _run(env, file, output, settings, resume=resume, force=force)
    except OSError as error:
        if error.errno not in ENVIRONMENT_ERRNOS:
            raise
        raise output_failed(error, output) from None
    _report(env, summary, chosen, summary_file, to_file=output is not None,
            replace=replace_summary)
    raise typer.Exit(int(summary.exit_status()))


def _run(env: Environment, file: str, output: Path | None, settings: Settings, *,
         resume: bool, force: bool) -> Summary:
    from diag.batch.encoding import GUESSED
    from diag.batch.files import open_input, prepare_output
    from diag.batch.preamble import TITLE_SKIPPED
    from diag.batch.run import Batch
    from diag.batch.summary import Summary

    chosen = settings.lang
    with contextlib.ExitStack() as stack:
        source, choice = open_input(file, env.stdin, settings.encoding)
        if file != "-":
            stack.enter_context(source)
        batch = Batch.open(source, settings)
        if not resume:
            _refuse_no_rows(batch)
        if choice.guessed:  # once the file is known to be usable: an error stays one line
            env.note(f"iess-diag batch: {GUESSED.get(chosen)}")
        if batch.layout.title is not None:
            title = TITLE_SKIPPED.format(title=batch.layout.title[:60])
            env.note(f"iess-diag batch: {title.get(chosen)}")
        if output is None:
            sink, summary = env.stdout, Summary()
            sink.write(batch.writer.header())
        else:
            sink, summary = prepare_output(str(output), batch, resume=resume, force=force,
                                           input_path=file)
            stack.enter_context(sink)
        total = _expected_rows(file, batch.layout.has_header) if env.stderr_isatty else None
        with _ProgressBar(env, total, summary, chosen) as progress:
            batch.run(sink, summary, progress)
    return summary


def _refuse_no_rows(batch: Batch) -> None:
    """A header and nothing else is no export to check: "0 rows, exit 0" reads as "all well"."""
    import itertools

    first = next(batch.rows, None)
    if first is None:
        raise UsageError(_ONLY_HEADER)
    batch.rows = itertools.chain([first], batch.rows)


def _cores() -> int:
    import os

    sched = getattr(os, "sched_getaffinity", None)
    return len(sched(0)) if sched is not None else (os.cpu_count() or 1)


def _report(env: Environment, summary: Summary, lang: Lang, summary_file: Path | None,
            to_file: bool, replace: bool) -> None:
    for line in summary_lines(summary, lang):
        env.note(f"iess-diag batch: {line}")
    if summary.interrupted:
        words = _INTERRUPTED if to_file else _INTERRUPTED_STDOUT
        env.note(f"iess-diag batch: {words.get(lang)}")
    if summary_file is not None:
        import json

        from diag.private_files import NotOurs, write_text

        try:
            write_text(summary_file, json.dumps(summary.to_dict(), indent=2) + "\n",
                       replace=replace)
        except NotOurs:
            why = _SUMMARY_EXISTS.get(lang).format(path=summary_file)
            env.note(f"iess-diag: error: {why}")
        except OSError as error:
            why = _NO_SUMMARY.format(path=summary_file, reason=os_error_text(error)).get(lang)
            env.note(f"iess-diag: error: {why}")


def _expected_rows(path: str, has_header: bool) -> int | None:
    from diag.batch.files import count_lines

    lines = count_lines(path)
    return None if lines is None else max(lines - has_header, 0)


def summary_lines(summary: Summary, lang: Lang) -> list[str]:
    rate = summary.checked / summary.seconds if summary.seconds > 0 else 0.0
    seconds = f"{summary.seconds:.1f}"
    lines = [_DONE.format(
        rows=summary.rows, resumed=summary.resumed, checked=summary.checked,
        rate=_RATE.format(n=round(rate)).get(lang),
        seconds=seconds.replace(".", ",") if lang is Lang.ES else seconds).get(lang)]
    verdicts = ", ".join(f"{word.get(lang)} {summary.verdicts[key]}"
                         for key, word in _VERDICT_WORDS.items())
    lines.append(f"{_VERDICTS.get(lang)}: {verdicts}")
    if summary.codes:
        codes = ", ".join(f"{code} {n}" for code, n in summary.codes.most_common())
        lines.append(f"{_CODES.get(lang)}: {codes}")
    if summary.undecodable:
        lines.append(_ENCODING_HINT.get(lang))
    if (warning := summary.lines_warning()) is not None:
        lines.append(warning.get(lang))
    return lines


class _ProgressBar:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, env: Environment, total: int | None, summary: Summary,
                 lang: Lang) -> None:
        self._env, self._total, self._summary, self._lang = env, total, summary, lang
        self._bar: Any = None

    def __enter__(self) -> Progress | None:
        if not self._env.stderr_isatty:
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self._env.stderr, force_terminal=True)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                             MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                             TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                             transient=True)
        self._bar.start()
        task = self._bar.add_task(_PROGRESS.get(self._lang), total=self._total,
                                  completed=self._summary.rows, rate="")
        resumed, started = self._summary.rows, self._bar.get_time()

        def update(rows: int) -> None:
            elapsed = max(self._bar.get_time() - started, 1e-6)
            rate = _RATE.format(n=round((rows - resumed) / elapsed)).get(self._lang)
            self._bar.update(task, completed=rows, rate=rate)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
