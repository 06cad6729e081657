"""The routes of 'Revisar un archivo': the upload, and the download of a batch's results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from diag.errors import DiagError
from diag.findings import Report
from diag.i18n import Lang, Text
from diag.web import texts, uploads
from diag.web.cases import Settings, shown
from diag.web.pages import FormRefused, page
from diag.web.security import LOG, Secrets


async def read_upload(request: Request, keys: Secrets) -> tuple[dict[str, str], str, bytes]:
    """The multipart form, held in memory up to MAX_UPLOAD, with its CSRF token checked:
    the fields, the file's name and its bytes."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > uploads.MAX_UPLOAD + 64 * 1024:
            raise FormRefused(413, uploads.TOO_BIG.format(limit=uploads.MAX_UPLOAD >> 20))

    async def replay() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=1, max_fields=8,
                                                         max_part_size=64 * 1024)
    except Exception:  # python-multipart's refusals: a broken or oversized form
        raise FormRefused(400, texts.BAD_FORM) from None
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not keys.csrf_matches(fields.get("csrf", "")):
        raise FormRefused(403, texts.BAD_FORM)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise FormRefused(400, uploads.NO_FILE)
    data = await upload.read(uploads.MAX_UPLOAD + 1)
    await upload.close()
    if len(data) > uploads.MAX_UPLOAD:
        raise FormRefused(413, uploads.TOO_BIG.format(limit=uploads.MAX_UPLOAD >> 20))
    return fields, upload.filename.replace("\\", "/").rsplit("/", 1)[-1], data


async def check_file(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    try:
        fields, name, data = await read_upload(request, request.app.state.secrets)
    except FormRefused as refused:
        return page(request, settings.lang, refused.status, file_error=refused.message.get(
            settings.lang))
    lang = Lang(fields["lang"]) if fields.get("lang") in ("es", "en") else settings.lang
    try:
        if uploads.is_message(name):
            report: Report = await run_in_threadpool(uploads.check_message, name, data)
            from diag.advice.plan import PlanContext

            context = PlanContext(now=datetime.now(UTC))
            return page(request, lang, file_results=shown([report], lang, context))
        fmt = fields.get("output_format", "csv")
        if fields.get("live") == "1":  # the script asked: progress as server-sent events
            return _start_job(request, name, data, fmt, lang, settings)
        result = await run_in_threadpool(uploads.check_batch, name, data, fmt, lang, settings)
    except DiagError as error:
        return page(request, lang, 400, file_error=error.message.get(lang))
    except Exception as error:  # a bug: its kind in the log, never its message
        LOG.error("unexpected %s in a file", type(error).__name__)
        return page(request, lang, 500, file_error=texts.UNEXPECTED.format(
            kind=type(error).__name__).get(lang))
    return batch_page(request, result, lang)


def batch_page(request: Request, result: uploads.BatchResult, lang: Lang) -> Response:
    """The summary and the download link of a finished batch."""
    key = request.app.state.results.keep(result)
    return page(request, lang, batch=uploads.summary_rows(result.summary, lang),
                batch_key=key, batch_suffix=result.suffix,
                # The CLI's stderr lines start lower case after "iess-diag batch:"; here, alone.
                batch_notes=[note.get(lang)[:1].upper() + note.get(lang)[1:]
                             for note in result.notes])


def _start_job(request: Request, name: str, data: bytes, fmt: str, lang: Lang,
               settings: Settings) -> Response:
    from starlette.responses import JSONResponse

    from diag.web import jobs

    def run(progress: Callable[[int], None]) -> uploads.BatchResult:
        return uploads.check_batch(name, data, fmt, lang, settings, progress)

    key = request.app.state.jobs.keep(jobs.start(run, jobs.expected_rows(data)))
    return JSONResponse({"events": f"/jobs/{key}/events", "page": f"/jobs/{key}?lang={lang}"},
                        status_code=202)


async def job_events(request: Request) -> Response:
    """The job's progress, live (text/event-stream)."""
    from starlette.responses import StreamingResponse

    from diag.web import jobs

    job = request.app.state.jobs.get(request.path_params["key"])
    if job is None:
        return _gone(request)
    return StreamingResponse(jobs.events(job), media_type="text/event-stream")


async def job_page(request: Request) -> Response:
    """The finished job as the plain form shows it (waits for it, if it is still running)."""
    from diag.web import jobs

    settings: Settings = request.app.state.settings
    lang = jobs.lang_of(request.query_params.get("lang"), settings.lang)
    job = request.app.state.jobs.get(request.path_params["key"])
    if job is None:
        return _gone(request)
    await run_in_threadpool(job.done.wait)
    if job.result is None:
        return page(request, lang, 400, file_error=(job.error or texts.BAD_FORM).get(lang))
    return batch_page(request, job.result, lang)


def _gone(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    gone: Text = uploads.GONE.format(minutes=uploads.KEEP_SECONDS // 60)
    return page(request, settings.lang, 404, file_error=gone.get(settings.lang))


async def results(request: Request) -> Response:
    """A batch's output file, while it is kept."""
    kept = request.app.state.results.get(request.path_params["key"])
    if kept is None:
        return _gone(request)
    kind = "text/csv" if kept.suffix == "csv" else "application/x-ndjson"
    stem = kept.name.rsplit(".", 1)[0] or "archivo"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60]
    return Response(kept.text, media_type=f"{kind}; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{safe}-resultados.{kept.suffix}"'})
