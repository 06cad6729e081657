"""The routes of a mailbox job: its page (which refreshes itself without JavaScript), its
live events, and "Cancelar"; when it ends, the page is the case's report."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from diag.errors import UsageError
from diag.i18n import Lang
from diag.web import texts
from diag.web.cases import CaseForm, Settings
from diag.web.mailbox_jobs import Busy, MailboxJob, MailboxJobs, Phase, at, clock, events
from diag.web.pages import FormRefused, case_form, case_of, page, read_form, report_page

REFRESH = 5  # seconds between reloads of a job page where no script runs
CANCEL_GRACE = 5.0  # seconds "Cancelar" waits for the job to end before showing its page


@dataclass(frozen=True)
class JobView:
    """What the job section of the page shows, in one language."""

    key: str
    phase: str
    code: str
    uri: str
    link: bool  # the address is https: shown as a link (else as text only)
    code_until: str
    wait_until: str
    left: str
    cancel: str  # the button's label; empty: nothing to cancel


async def case(request: Request) -> Response:
    """The case form: at once, or as a job the page follows (a sign-in, a wait)."""
    form, refused = await case_form(request)
    if refused is not None:
        return refused
    return start_job(request, form) if form.in_background else await case_of(request, form)


def start_job(request: Request, form: CaseForm) -> Response:
    """The job started, and the browser sent to its page (the form's errors stay on the form)."""
    settings: Settings = request.app.state.settings
    jobs: MailboxJobs = request.app.state.mailbox_jobs
    try:
        form.check()
        if form.microsoft and settings.microsoft is None:
            raise UsageError(texts.NO_MICROSOFT)
        key = jobs.start(form, settings, request.app.state.cases)
    except UsageError as error:
        return page(request, form.lang, 400, form=form, error=error.message.get(form.lang))
    except Busy as busy:
        return page(request, form.lang, 503, form=form,
                    error=texts.BUSY.format(count=busy.count).get(form.lang))
    return RedirectResponse(f"/case/jobs/{key}#mailbox-job", status_code=303)


async def job_page(request: Request) -> Response:
    key = request.path_params["key"]
    job = _job(request, key)
    if job is None:
        return _gone(request)
    if not job.done.is_set():
        return page(request, job.form.lang, form=job.form, job=view(job, key, job.form.lang),
                    refresh=REFRESH)
    kept = request.app.state.cases.get(job.case_key or "")
    if kept is None:
        error = job.error or texts.JOB_GONE
        return page(request, job.form.lang, job.status if job.error else 404, form=job.form,
                    error=error.get(job.form.lang))
    return report_page(request, kept, job.case_key or "")


async def job_events(request: Request) -> Response:
    job = _job(request, request.path_params["key"])
    if job is None:
        return _gone(request)
    return StreamingResponse(events(job), media_type="text/event-stream")


async def cancel(request: Request) -> Response:
    """Ends the sign-in or the wait (within a second, as Ctrl-C does), then shows the job: the
    report with what was found."""
    settings: Settings = request.app.state.settings
    try:
        await read_form(request, request.app.state.secrets)
    except FormRefused as refused:
        return page(request, settings.lang, refused.status,
                    error=refused.message.get(settings.lang))
    key = request.path_params["key"]
    job = _job(request, key)
    if job is None:
        return _gone(request)
    job.cancel()
    await run_in_threadpool(job.done.wait, CANCEL_GRACE)
    return RedirectResponse(f"/case/jobs/{key}#result", status_code=303)


def view(job: MailboxJob, key: str, lang: Lang) -> JobView:
    words = texts.JOB
    # Something to cancel: a sign-in, or a wait (to come, or under way).
    if job.phase in (Phase.CODE, Phase.SIGNIN):
        cancel = words["cancel_signin"].get(lang)
    else:
        cancel = words["cancel_wait"].get(lang) if job.form.wait else ""
    return JobView(key, job.phase.value, job.code, job.uri, job.uri.startswith("https://"),
                   words["signin_until"].format(at=at(job.code_until)).get(lang),
                   words["wait_until"].format(at=at(job.wait_until)).get(lang),
                   clock(job.left), cancel)


def _job(request: Request, key: str) -> MailboxJob | None:
    jobs: MailboxJobs = request.app.state.mailbox_jobs
    return jobs.get(key)


def _gone(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    return page(request, settings.lang, 404, error=texts.JOB_GONE.get(settings.lang))
