"""'Buscar el correo en el buzón' in the background: Microsoft's device-code sign-in and the wait
for a new mail, in a thread of their own, followed by the page live (server-sent events)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from diag.errors import DiagError
from diag.i18n import Text
from diag.web import texts
from diag.web.cases import CaseForm, Kept, Settings, run_case
from diag.web.security import LOG
from diag.web.uploads import KEEP_SECONDS, Results

if TYPE_CHECKING:
    from diag.mailbox.credentials import Credentials
    from diag.mailbox.options import WaitTick

MAX_IN_FLIGHT = 3  # each holds an IMAP login (or a sign-in) open for up to half an hour
# A sign-in (Microsoft gives 15 minutes), the search, a wait of up to 30 minutes: an hour.
KEEP_JOBS = 2 * KEEP_SECONDS
TICK = 0.5  # seconds between looks at the job for the event stream


class Phase(StrEnum):
    CODE = "code"  # a device code asked of Microsoft
    SIGNIN = "signin"  # the device code is shown; the person signs in elsewhere
    SEARCH = "search"
    WAIT = "wait"
    DONE = "done"


class Busy(Exception):
    """MAX_IN_FLIGHT jobs are running already."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


@dataclass
class MailboxJob:
    """One mailbox search in flight: its phase, what the page shows of it, and at the end the
    case kept for the page (or the sentence that says why it could not run). It never holds
    the password or the token: those live in the worker thread only."""

    form: CaseForm  # as typed, without the password
    phase: Phase = Phase.SEARCH
    code: str = ""  # the device code, and where to type it
    uri: str = ""
    code_until: datetime | None = None
    wait_until: datetime | None = None
    left: float = 0.0  # seconds of the wait left
    case_key: str | None = None
    error: Text | None = None
    status: int = 200
    cancelled: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    on_cancel: Callable[[], None] | None = field(default=None, repr=False)

    def cancel(self) -> None:
        self.cancelled.set()
        if self.on_cancel is not None:
            self.on_cancel()

    def tick(self, tick: WaitTick) -> None:
        if self.wait_until is None:
            self.wait_until = datetime.now().astimezone() + tick.remaining
        self.phase, self.left = Phase.WAIT, tick.remaining.total_seconds()

    def event(self) -> str:
        kind = "done" if self.done.is_set() else "state"
        data = {"phase": self.phase.value, "left": round(self.left)}
        return f"event: {kind}\ndata: {json.dumps(data)}\n\n"


class MailboxJobs:
    """The jobs of this start, kept KEEP_JOBS at most, and at most MAX_IN_FLIGHT running."""

    def __init__(self) -> None:
        self.kept = Results[MailboxJob](seconds=KEEP_JOBS,
                                        running=lambda job: not job.done.is_set())
        self._running: dict[str, MailboxJob] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> MailboxJob | None:
        return self.kept.get(key)

    def start(self, form: CaseForm, settings: Settings, cases: Results[Kept]) -> str:
        with self._lock:
            for key, job in list(self._running.items()):
                if job.done.is_set():
                    del self._running[key]
                elif self.kept.get(key) is None:
                    job.cancel()  # its page is gone: nobody could see what it finds
            if len(self._running) >= MAX_IN_FLIGHT:
                raise Busy(len(self._running))
            job = MailboxJob(replace(form, password=""),
                             Phase.CODE if form.microsoft else Phase.SEARCH)
            key = self.kept.keep(job)
            self._running[key] = job
        threading.Thread(target=_work, args=(job, form, settings, cases), daemon=True,
                         name="iess-diag-mailbox").start()
        return key


def _work(job: MailboxJob, form: CaseForm, settings: Settings, cases: Results[Kept]) -> None:
    """The sign-in if asked for, then the case as the form runs it, with the wait."""
    try:
        # The token, like the password, only in this thread's frame: never on the job.
        credentials = _signed_in(job, form, settings) if form.microsoft else None
        job.phase = Phase.SEARCH
        reports = run_case(form, settings, credentials=credentials, progress=job.tick,
                           stop=job.cancelled)
        job.case_key = cases.keep(Kept(job.form, tuple(reports), datetime.now().astimezone()))
    except DiagError as error:
        job.error, job.status = error.message, 400
    except Exception as error:  # a bug: its kind in the log, never its message (it may hold data)
        LOG.error("unexpected %s in a mailbox search", type(error).__name__)
        job.error, job.status = texts.UNEXPECTED.format(kind=type(error).__name__), 500
    finally:
        job.phase = Phase.DONE
        job.done.set()


def _signed_in(job: MailboxJob, form: CaseForm, settings: Settings) -> Credentials:
    """Microsoft's device code shown on the job, then awaited; a cancel ends the waiting."""
    from diag.errors import CheckFailed, UsageError
    from diag.mailbox.credentials import Credentials, start_microsoft

    if settings.microsoft is None:
        raise UsageError(texts.NO_MICROSOFT)
    hint = form.user or form.addresses[0]
    started = start_microsoft(settings.microsoft, hint, app_factory=settings.msal_app)
    if isinstance(started, str):
        return Credentials(form.user or None, oauth2_token=started)
    job.code, job.uri = started.code, started.uri
    job.code_until = datetime.fromtimestamp(started.expires_at).astimezone()
    job.on_cancel = started.cancel
    job.phase = Phase.SIGNIN  # once there is a code to show
    if job.cancelled.is_set():  # cancelled while the sign-in was being started
        started.cancel()
    try:
        token = started.token()
    except CheckFailed:
        if job.cancelled.is_set():
            raise CheckFailed(texts.SIGNIN_CANCELLED) from None
        raise
    finally:
        job.on_cancel = None
    return Credentials(form.user or None, oauth2_token=token)


async def events(job: MailboxJob) -> AsyncIterator[str]:
    """The job's phase and the wait's seconds left, when they change; then one `done`."""
    last = ""
    while True:
        finished = job.done.is_set()
        now = job.event()
        if now != last:
            yield now
            last = now
        if finished:
            return
        await asyncio.sleep(TICK)


def at(moment: datetime | None) -> Text:
    """`las 10:32` / `la 1:05` (`10:32`): a local clock time as a sentence says it."""
    here = (moment or datetime.now()).astimezone()
    clock = f"{here.hour}:{here.minute:02d}"
    return texts.AT.format(article="la" if here.hour == 1 else "las", clock=clock)


def clock(seconds: float) -> str:
    minutes, secs = divmod(max(round(seconds), 0), 60)
    return f"{minutes}:{secs:02d}"
