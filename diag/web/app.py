"""The web app: the routes behind the Guard, with the secrets and settings of this start."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from diag.web import file_pages, mailbox_pages, pages
from diag.web.cases import Kept, Settings
from diag.web.jobs import Job
from diag.web.mailbox_jobs import MailboxJobs
from diag.web.security import Guard, Secrets, allowed_hosts
from diag.web.uploads import BatchResult, Results

COOKIE = "iess_diag_{port}"  # one per port: two pages on one machine keep their own sessions


def build_app(host: str, port: int, *, settings: Settings | None = None,
              keys: Secrets | None = None, secure: bool = False) -> Guard:
    """The whole app for a server bound at host:port; `keys` new unless a test passes them."""
    keys = keys or Secrets()
    routes = [
        Route("/", pages.home, methods=["GET"]),
        Route("/case", mailbox_pages.case, methods=["POST"]),
        Route("/case/jobs/{key}", mailbox_pages.job_page, methods=["GET"]),
        Route("/case/jobs/{key}/events", mailbox_pages.job_events, methods=["GET"]),
        Route("/case/jobs/{key}/cancel", mailbox_pages.cancel, methods=["POST"]),
        Route("/case/download", pages.download, methods=["POST"]),
        Route("/file", file_pages.check_file, methods=["POST"]),
        Route("/results/{key}", file_pages.results, methods=["GET"]),
        Route("/jobs/{key}/events", file_pages.job_events, methods=["GET"]),
        Route("/jobs/{key}", file_pages.job_page, methods=["GET"]),
        Route("/static/report.css", pages.report_css, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("diag.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.secrets = keys
    app.state.settings = settings or Settings()
    app.state.results = Results[BatchResult]()
    app.state.jobs = Results[Job]()
    app.state.cases = Results[Kept]()
    app.state.mailbox_jobs = MailboxJobs()
    return Guard(app, keys, allowed_hosts(host, port), COOKIE.format(port=port), secure)
