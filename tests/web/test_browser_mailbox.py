"""The mailbox jobs in a real browser (the system's Chromium): "Esperar el correo" with a mail
delivered into the private Dovecot during the wait, "Cancelar la espera", the same wait with
JavaScript off (the page refreshes itself), and Microsoft's sign-in (the real MSAL against a
FAKE identity platform on loopback, in a real uvicorn in this process: a test's MSAL app can
only be handed to a server it runs)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from diag.mailbox.credentials import MicrosoftSignIn
from diag.web.app import build_app
from diag.web.cases import Settings
from tests.fixtures.messages import iess_reset_mail, junk_verdict_iess_mail
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA
from tests.servers.fake_microsoft import FakeMicrosoft
from tests.web.conftest import Served, start_serve
from tests.web.test_browser import FLAGS, Browser, _needed, browser, shot

__all__ = ["browser"]
pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
LIVE = 60_000  # ms Playwright may wait for the page to go on by itself (a bound, not a claim)


@pytest.fixture
def served_mailbox(dns_server: FixtureDNSServer, dovecot: PrivateDovecot) -> Iterator[Served]:
    server = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS),
                         "--ca-file", str(dovecot.ca_file))
    yield server
    server.stop()


@pytest.fixture
def no_script(tmp_path: Path) -> Iterator[Browser]:
    """Chromium with JavaScript turned off."""
    sync_playwright, chromium = _needed()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile-no-script"), executable_path=chromium, args=FLAGS,
            headless=True, viewport={"width": 1280, "height": 900}, locale="es-EC",
            java_script_enabled=False)
        try:
            yield Browser(context)
        finally:
            context.close()


def fill_mailbox(browser: Browser, dovecot: PrivateDovecot, wait: str | None) -> None:
    """The case form's mailbox part, with the keyboard only; without `wait`, the password is
    left empty (for Microsoft)."""
    page = browser.page
    browser.tab_to("addresses")
    page.keyboard.type(ANA.name)
    fields = [("imap_server", f"{dovecot.host}:{dovecot.imaps_port}")]
    if wait is not None:
        fields = [("user", ANA.name), ("password", ANA.password), *fields, ("wait", wait)]
    for field, text in fields:
        browser.tab_to(field)
        page.keyboard.type(text)


def start_wait(browser: Browser, served: Served, dovecot: PrivateDovecot, minutes: str) -> None:
    page = browser.page
    page.goto(served.url)
    fill_mailbox(browser, dovecot, minutes)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a text field: the form's first button, "Revisar"
    assert urlsplit(page.url).path.startswith("/case/jobs/")
    page.get_by_text("Pida ahora a la persona que solicite un nuevo enlace").wait_for(
        timeout=LIVE)


def test_the_wait_goes_to_the_report_when_the_mail_arrives(
        served_mailbox: Served, dovecot: PrivateDovecot, browser: Browser,
        tmp_path: Path) -> None:
    page = browser.page
    start_wait(browser, served_mailbox, dovecot, "10")
    job_url = page.url
    assert page.locator("#wait-left").is_visible()
    assert page.locator("#cancel").inner_text() == "Cancelar la espera"
    for width in (1280, 390):
        shot(browser, tmp_path, "wait", width)
    dovecot.append_via_imap(ANA.name, "INBOX", iess_reset_mail(ANA.name))
    page.locator("td > code", has_text="mail.waited").wait_for(timeout=LIVE)
    assert page.url == job_url  # it went on by itself: the script reloaded it on `done`
    assert "Llegó un correo nuevo del IESS a «INBOX»" in page.content()
    assert page.locator("td > code", has_text="mail.found_inbox").count() >= 1
    assert any(urlsplit(u).path.endswith("/events") for u in browser.requests)
    assert ANA.password not in page.content()
    assert browser.console == [] and browser.outside == []
    assert ANA.password not in served_mailbox.stop()


def test_cancel_the_wait_with_the_keyboard(served_mailbox: Served, dovecot: PrivateDovecot,
                                          browser: Browser) -> None:
    page = browser.page
    start_wait(browser, served_mailbox, dovecot, "30")
    browser.tab_to("cancel", limit=60)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.locator("td > code", has_text="mail.waited").wait_for(timeout=LIVE)
    assert "Espera interrumpida" in page.content()
    assert page.locator("#mailbox-job").count() == 0
    assert browser.console == [] and browser.outside == []


def test_the_wait_without_javascript_refreshes_itself(
        served_mailbox: Served, dovecot: PrivateDovecot, no_script: Browser) -> None:
    page = no_script.page
    start_wait(no_script, served_mailbox, dovecot, "10")
    dovecot.append_via_imap(ANA.name, "INBOX", iess_reset_mail(ANA.name))
    page.locator("td > code", has_text="mail.waited").wait_for(timeout=LIVE)
    assert not any(urlsplit(u).path.endswith("/events") for u in no_script.requests)
    assert "Llegó un correo nuevo del IESS" in page.content()
    assert no_script.outside == []


@contextmanager
def in_process(settings: Settings) -> Iterator[str]:
    """A real uvicorn on a free loopback port, in a thread; its URL with the token."""
    import uvicorn

    listening = socket.create_server(("127.0.0.1", 0))
    port = int(listening.getsockname()[1])
    app = build_app("127.0.0.1", port, settings=settings)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="off", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not (server.started or not thread.is_alive()):
        started.wait(0.05)
    try:
        yield f"http://127.0.0.1:{port}/?token={app.secrets.token}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_microsoft_sign_in_in_the_browser(dns_server: FixtureDNSServer,
                                          dovecot: PrivateDovecot, browser: Browser,
                                          tmp_path: Path) -> None:
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    with FakeMicrosoft(tmp_path / "fake-microsoft", dovecot.add_token) as fake:
        settings = Settings(nameservers=(dns_server.nameserver,), dns_timeout=ANSWERS,
                            ca_file=str(dovecot.ca_file),
                            microsoft=MicrosoftSignIn("app-fake", "consumers"),
                            msal_app=fake.msal_app)
        with in_process(settings) as url:
            page = browser.page
            page.goto(url)
            fill_mailbox(browser, dovecot, None)
            browser.tab_to("microsoft", limit=40)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.locator("#device-code", has_text="FAKE-CODE").wait_for(timeout=LIVE)
            link = page.locator(".device-link a")
            assert link.get_attribute("href") == f"{fake.base}/devicelogin"
            for width in (1280, 390):
                shot(browser, tmp_path, "microsoft", width)
            token = fake.approve(ANA.name)  # the person signs in on their phone
            page.locator("td > code", has_text="mail.found_spam").wait_for(timeout=LIVE)
            assert token in dovecot.token_server.requests  # XOAUTH2, checked by Dovecot
            assert token not in page.content()
            assert browser.console == [] and browser.outside == []
