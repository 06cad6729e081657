"""The routes: the page, the case form, its downloads, the stylesheets and script."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from diag.errors import DiagError
from diag.findings import Report
from diag.i18n import Lang, Text
from diag.web import texts
from diag.web.cases import CaseForm, Kept, Settings, run_case, shown
from diag.web.security import LOG, Secrets

MAX_FORM = 64 * 1024
TEMPLATES = Environment(loader=PackageLoader("diag.web", "templates"),
                        autoescape=select_autoescape(default=True), auto_reload=False)


class FormRefused(Exception):
    """A POST without a valid CSRF token, or too large: refused before any check runs."""

    def __init__(self, status: int, message: Text) -> None:
        super().__init__(message.en)
        self.status, self.message = status, message


async def read_form(request: Request, keys: Secrets) -> dict[str, str]:
    """The url-encoded form, read up to MAX_FORM bytes, with its CSRF token checked."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise FormRefused(413, texts.TOO_BIG.format(limit=MAX_FORM // 1024))
    try:
        fields = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise FormRefused(400, texts.BAD_FORM) from None
    if not keys.csrf_matches(fields.get("csrf", "")):
        raise FormRefused(403, texts.BAD_FORM)
    return fields


def page(request: Request, lang: Lang, status: int = 200, **values: Any) -> HTMLResponse:
    """The one page, in `lang`, with whatever the handler adds (form values, results, error)."""
    keys: Secrets = request.app.state.secrets
    form = values.pop("form", None) or CaseForm(lang=lang)
    text = TEMPLATES.get_template("page.html").render(
        lang=lang.value, other=(Lang.EN if lang is Lang.ES else Lang.ES).value,
        w=texts.words(lang), csrf=keys.csrf(), form=form,
        microsoft=request.app.state.settings.microsoft is not None, **values)
    return HTMLResponse(text, status_code=status)


def chosen_lang(request: Request) -> Lang:
    settings: Settings = request.app.state.settings
    wanted = request.query_params.get("lang", "")
    return Lang(wanted) if wanted in ("es", "en") else settings.lang


async def home(request: Request) -> Response:
    return page(request, chosen_lang(request))


async def case_of(request: Request, form: CaseForm) -> Response:
    """The case form's answer: the reports, or the sentence that says why they could not be
    made. (The form's route is in mailbox_pages, which sends sign-ins and waits to a job.)"""
    reports = await _diagnosed(form, request.app.state.settings)
    if isinstance(reports, tuple):
        return page(request, form.lang, reports[0], form=form, error=reports[1].get(form.lang))
    # Kept for the downloads without the password: it served this one request.
    kept = Kept(replace(form, password=""), tuple(reports), datetime.now().astimezone())
    return report_page(request, kept, request.app.state.cases.keep(kept))


def report_page(request: Request, kept: Kept, key: str) -> HTMLResponse:
    """A case's reports as the page shows them, with the Markdown and the downloads of `key`."""
    from diag.render import Format, render

    form = kept.form
    context = form.context(kept.at)
    markdown = render(list(kept.reports), Format.MARKDOWN, form.lang, context=context)
    return page(request, form.lang, form=form, results=shown(kept.reports, form.lang, context),
                markdown=markdown, case_key=key)


async def download(request: Request) -> Response:
    """The case just shown, as a file: the self-contained HTML report or JSON Lines."""
    settings: Settings = request.app.state.settings
    try:
        fields = await read_form(request, request.app.state.secrets)
    except FormRefused as refused:
        return page(request, settings.lang, refused.status,
                    error=refused.message.get(settings.lang))
    kept: Kept | None = request.app.state.cases.get(fields.get("case", ""))
    if kept is None:
        from diag.web.uploads import GONE, KEEP_SECONDS

        return page(request, settings.lang, 404, error=GONE.format(
            minutes=KEEP_SECONDS // 60).get(settings.lang))
    from diag.render import Format, render
    from diag.render.html import CSP

    fmt = Format.JSON if fields.get("format") == "json" else Format.HTML
    form = kept.form
    body = render(kept.reports, fmt, form.lang, now=kept.at, context=form.context(kept.at))
    kind, suffix = ("application/x-ndjson", "jsonl") if fmt is Format.JSON else ("text/html",
                                                                                "html")
    headers = {"content-disposition": f'attachment; filename="iess-diag-caso.{suffix}"',
               "content-security-policy": CSP}
    return Response(body, media_type=f"{kind}; charset=utf-8", headers=headers)


async def _diagnosed(form: CaseForm, settings: Settings) -> list[Report] | tuple[int, Text]:
    """The reports, or the sentence that says why the check could not run (never a trace)."""
    try:
        return await run_in_threadpool(run_case, form, settings)
    except DiagError as error:
        return 400, error.message
    except Exception as error:  # a bug: its kind in the log, never its message (it may hold data)
        LOG.error("unexpected %s in a case", type(error).__name__)
        return 500, texts.UNEXPECTED.format(kind=type(error).__name__)


async def case_form(request: Request) -> tuple[CaseForm, Response | None]:
    settings: Settings = request.app.state.settings
    try:
        fields = await read_form(request, request.app.state.secrets)
    except FormRefused as refused:
        lang = settings.lang
        return CaseForm(lang=lang), page(request, lang, refused.status,
                                         error=refused.message.get(lang))
    return CaseForm.parse(fields, settings.lang), None


async def report_css(request: Request) -> Response:
    from diag.render.html import STYLE

    return Response(STYLE, media_type="text/css; charset=utf-8")
