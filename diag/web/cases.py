"""'Revisar un caso': the form's fields into diag.diagnose calls, and the reports into HTML
pieces made by the same renderers as the CLI."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from diag import defaults
from diag.advice.case import Audience
from diag.advice.plan import PlanContext
from diag.errors import UsageError
from diag.findings import Report
from diag.i18n import Lang
from diag.sender.check import SenderCache
from diag.web import texts

if TYPE_CHECKING:
    from diag.mailbox.credentials import Credentials, MicrosoftSignIn
    from diag.mailbox.options import WaitTick

MAX_ADDRESSES = 20  # each costs its DNS time; a longer list is what `iess-diag batch` is for
MAX_WAIT = 30  # minutes: a new link takes a few; longer holds a job (and an IMAP login) open


@dataclass(frozen=True)
class Settings:
    """What `iess-diag serve` was started with, for every case."""

    nameservers: tuple[str, ...] = ()
    dns_timeout: float = defaults.DNS_TIMEOUT
    sender_check: bool = True
    lang: Lang = Lang.ES
    ca_file: str | None = None  # for the mailbox's TLS certificate, as diagnose --ca-file
    microsoft: MicrosoftSignIn | None = None  # --ms-client-id: "Iniciar sesión con Microsoft"
    # How MSAL's app is made (msal.PublicClientApplication unless a test points it elsewhere).
    msal_app: Callable[..., Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CaseForm:
    """The case form as typed; `addresses` one per non-blank line."""

    addresses: tuple[str, ...] = ()
    cedula: str = ""
    lang: Lang = Lang.ES
    audience: Audience = Audience.AGENT
    redact: bool = False
    typed: str = field(default="", compare=False)
    user: str = ""
    # Used for this one request and forgotten: never shown, kept, logged or put in a page.
    password: str = field(default="", repr=False, compare=False)
    imap_server: str = ""
    wait: str = ""  # minutes to wait for a new mail after searching, as typed ("": no wait)
    microsoft: bool = False  # "Iniciar sesión con Microsoft" was pressed

    @property
    def in_background(self) -> bool:
        """A sign-in to wait for, or a wait: a job the page follows, not one request."""
        return self.microsoft or bool(self.wait.strip())

    @classmethod
    def parse(cls, fields: Mapping[str, str], default: Lang) -> CaseForm:
        typed = fields.get("addresses", "")
        lines = tuple(line.strip() for line in typed.splitlines() if line.strip())
        lang = fields.get("lang", default.value)
        audience = fields.get("audience", Audience.AGENT.value)
        return cls(lines, fields.get("cedula", "").strip(),
                   Lang(lang) if lang in ("es", "en") else default,
                   Audience(audience) if audience in ("agent", "person") else Audience.AGENT,
                   fields.get("redact") == "on", typed, fields.get("user", "").strip(),
                   fields.get("password", ""), fields.get("imap_server", "").strip(),
                   fields.get("wait", "").strip(), fields.get("signin") == "microsoft")

    def check(self) -> None:
        """Raises UsageError, with the CLI's kind of sentence, for a form that cannot run."""
        if not self.addresses:
            raise UsageError(texts.NO_ADDRESS)
        if len(self.addresses) > MAX_ADDRESSES:
            raise UsageError(texts.TOO_MANY.format(count=len(self.addresses),
                                                   limit=MAX_ADDRESSES))
        if self.cedula and len(self.addresses) > 1:
            raise UsageError(texts.CEDULA_WITH_MANY)
        mailbox = self.password or self.user or self.imap_server or self.in_background
        if mailbox and len(self.addresses) > 1:
            raise UsageError(texts.MAILBOX_WITH_MANY)
        if self.microsoft and self.password:
            raise UsageError(texts.PASSWORD_AND_MICROSOFT)
        if (self.user or self.imap_server or self.wait) and not (self.password or
                                                                 self.microsoft):
            raise UsageError(texts.NO_PASSWORD)
        self.server()
        self.wait_for()

    def wait_for(self) -> timedelta | None:
        """The wait typed, in whole minutes from 1 to MAX_WAIT; none typed: no wait."""
        if not self.wait:
            return None
        # isdigit() alone lets '²' through, which int() refuses (a 500 "unexpected error").
        whole = self.wait.isascii() and self.wait.isdigit()
        if not whole or not 1 <= int(self.wait) <= MAX_WAIT:
            raise UsageError(texts.BAD_WAIT.format(wait=self.wait, limit=MAX_WAIT))
        return timedelta(minutes=int(self.wait))

    def server(self) -> tuple[str | None, int | None]:
        """The IMAP server typed (host or host:port); none typed: from the provider in DNS."""
        host, _, port = self.imap_server.rpartition(":") if ":" in self.imap_server else (
            self.imap_server, "", "")
        if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
            raise UsageError(texts.BAD_SERVER.format(server=self.imap_server))
        return host or None, int(port) if port else None

    def context(self, now: datetime) -> PlanContext:
        return PlanContext(self.audience, now=now)


def run_case(form: CaseForm, settings: Settings, *, credentials: Credentials | None = None,
             progress: Callable[[WaitTick], None] | None = None,
             stop: threading.Event | None = None) -> list[Report]:
    """One diagnose report per address, as `iess-diag diagnose` makes it; with a password (or
    the `credentials` of a Microsoft sign-in), the mailbox is searched read-only as `diagnose
    --user` does, then waited on as `--wait` does (`stop` ends the wait early)."""
    from concurrent.futures import ThreadPoolExecutor

    from diag.case.diagnose import diagnose
    from diag.render.redact import redact
    from diag.sender.check import DEFAULT_SENDER, SENDERS

    form.check()
    options = None
    if form.password and credentials is None:
        from diag.mailbox.credentials import Credentials

        credentials = Credentials(user=form.user or None, password=form.password)
    if credentials is not None:
        from diag.mailbox.options import MailboxOptions

        host, port = form.server()
        options = MailboxOptions(imap_host=host, imap_port=port, ca_file=settings.ca_file,
                                 wait=form.wait_for(), stop_wait=stop)
    sender = DEFAULT_SENDER if settings.sender_check else None
    with ThreadPoolExecutor(1) as pool:
        # The sender's check (cached a few minutes) runs beside the first address's, so an
        # uncached one costs the longer of the two, not both one after the other.
        ahead = _Ahead(pool.submit(SENDERS.get, sender, settings.nameservers,
                                   settings.dns_timeout)) if sender else None
        reports = [diagnose(address, credentials=credentials, mailbox=options,
                            cedula=form.cedula or None, nameservers=settings.nameservers,
                            dns_timeout=settings.dns_timeout, progress=progress,
                            sender_domain=sender, senders=ahead)
                   for address in form.addresses]
    if not form.redact:
        return reports
    return [redact(r, also=[form.user] if form.user else []) for r in reports]


def warm(settings: Settings) -> None:
    """At start-up, in the background: the modules a case needs, then the sender's check into
    its cache, so the first case pays for neither."""
    def run() -> None:
        try:
            prepare()
        except Exception as error:  # only a head start: the first case then pays, as before
            from diag.web.security import LOG

            LOG.error("unexpected %s while warming up", type(error).__name__)

    def prepare() -> None:
        import dns.asyncresolver  # noqa: F401 (imported ahead of the first case)

        from diag.address.syntax import is_disposable
        from diag.render import Format, render
        from diag.sender.check import DEFAULT_SENDER, SENDERS

        is_disposable("example.com")  # its list loads once, on first use
        # A whole case for a malformed address (the syntax only, no DNS), shown as the page
        # shows it: every module and first-call cost of a case, paid now.
        form = CaseForm(addresses=("@",))
        reports = run_case(form, replace(settings, sender_check=False))
        context = form.context(datetime.now().astimezone())
        render(reports, Format.MARKDOWN, form.lang, context=context)
        shown(reports, form.lang, context)
        if settings.sender_check:
            SENDERS.get(DEFAULT_SENDER, settings.nameservers, settings.dns_timeout)

    threading.Thread(target=run, name="iess-diag-warm", daemon=True).start()


class _Ahead(SenderCache):
    """The one sender's check this case started ahead: every address of the case waits for it
    (only once it needs it), instead of asking again."""

    def __init__(self, future: Future[Report]) -> None:
        super().__init__()
        self.future = future

    def get(self, domain: str, nameservers: Sequence[str] = (),
            dns_timeout: float = defaults.DNS_TIMEOUT) -> Report:
        return self.future.result()


@dataclass(frozen=True)
class Kept:
    """A case as shown, kept in memory a while for its downloads (never re-run: a mailbox
    password is used once and forgotten)."""

    form: CaseForm
    reports: tuple[Report, ...]
    at: datetime


@dataclass(frozen=True)
class Shown:
    """One report as the page shows it: its summary line and its article."""

    title: str
    verdict_class: str
    mark: str
    verdict: str
    article: str


def shown(reports: Sequence[Report], lang: Lang, context: PlanContext) -> list[Shown]:
    """The HTML report's own article (verdict, plan, findings) for each report."""
    from diag.render import html, labels

    stamp = context.moment()
    # The renderer's pieces, not a copy: the page shows what `diagnose -f html` shows.
    return [Shown(r.address or r.input, html.VERDICT_CLASS[r.verdict],
                  html.VERDICT_MARK[r.verdict], labels.verdict_text(r).get(lang),
                  html.article(r, lang, stamp, context)) for r in reports]
