"""The page in a real browser: Playwright for Python driving the system's Chromium (never a
downloaded one) against the real `iess-diag serve` and the loopback DNS server."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.fixtures.cli import invoke
from tests.fixtures.messages import junk_verdict_iess_mail
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA
from tests.web.conftest import Served, start_serve

pytestmark = pytest.mark.browser
GOOD = "ana.perez@gmail.com"
# Set to a folder to keep the screenshots (they go to the test's tmp_path otherwise).
SHOTS = os.environ.get("IESS_DIAG_SCREENSHOTS")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--no-pings",
         # Nothing but loopback resolves: a stray fetch fails instead of leaving the machine.
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def _needed() -> tuple[Any, str]:
    """Playwright's sync API and the system Chromium; under CI=true a missing one fails."""
    found = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if found and sync_playwright:
        return sync_playwright, found
    missing = "chromium (apt-get install chromium)" if not found else "playwright (pip)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing} is missing: CI must have it")
    pytest.skip(f"{missing} is missing")


class Browser:
    """One Chromium with one page; records console messages and every request it tried."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.console: list[str] = []
        self.outside: list[str] = []
        self.requests: list[str] = []
        context.route("**/*", self._route)
        self.page = context.pages[0] if context.pages else context.new_page()
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"error: {e}"))

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def tab_to(self, element_id: str, limit: int = 20) -> None:
        """Tab until `element_id` has the focus: the keyboard only, as a person without a
        mouse would go."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("document.activeElement.id") == element_id:
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    def overflow(self) -> int:
        return int(self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    sync_playwright, chromium = _needed()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, args=FLAGS, headless=True,
            viewport={"width": 1280, "height": 900}, locale="es-EC")
        try:
            yield Browser(context)
        finally:
            context.close()


def shot(browser: Browser, tmp_path: Path, name: str, width: int) -> None:
    browser.page.set_viewport_size({"width": width, "height": 900})
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    browser.page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    browser.page.screenshot(path=str(folder / f"{name}-{width}-first-screen.png"))
    assert browser.overflow() <= 0, f"{name} overflows sideways at {width} px"


def cli_output(argv: list[str]) -> str:
    """The CLI's stdout for the same input, run in a thread: Playwright's sync API holds an
    event loop in this one, and the checks start their own."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return str(pool.submit(invoke, argv).result().stdout)


def cli_report(argv: list[str]) -> dict[str, Any]:
    return dict(json.loads(cli_output(argv)))


def fill_case(browser: Browser, addresses: str, cedula: str = "") -> None:
    page = browser.page
    browser.tab_to("addresses")
    page.keyboard.type(addresses)
    browser.tab_to("cedula")
    page.keyboard.type(cedula)
    browser.tab_to("redact")
    browser.page.keyboard.press("Tab")  # the submit button
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_case_with_the_keyboard_only(served: Served, dns_server: FixtureDNSServer,
                                       browser: Browser, tmp_path: Path) -> None:
    page = browser.page
    page.goto(served.url)
    assert page.url == served.base + "/"  # the token left the address bar
    assert page.title().startswith("iess-diag: revisar")
    shot(browser, tmp_path, "form", 1280)
    fill_case(browser, GOOD, "1714307103")
    report = cli_report(["diagnose", GOOD, "--cedula", "1714307103", "-f", "json", "--lang",
                         "es", "--nameserver", dns_server.nameserver,
                         "--dns-timeout", str(ANSWERS)])
    verdict = page.locator("p.verdict").inner_text()
    assert verdict.startswith(("✔", "⚠", "✖", "?")) and "Veredicto:" in verdict  # not colour only
    steps = page.locator(".plan li > p:first-child").all_inner_texts()
    assert steps == [s["text"] for s in report["plan"]] and steps
    unlabelled = page.evaluate("""[...document.querySelectorAll('input,textarea,select')]
        .filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.name || e.id)""")
    assert unlabelled == []
    copy = page.locator("#copy")
    assert copy.is_visible()  # the script ran and showed the button
    assert copy.inner_text() == "Copiar el Markdown"
    browser.tab_to("copy", limit=40)
    page.keyboard.press("Enter")
    page.locator("#copy-status").filter(has_text="Copiado.").wait_for()
    for width in (1280, 390):
        shot(browser, tmp_path, "case", width)
    assert browser.console == []
    assert browser.outside == []
    assert {urlsplit(u).path for u in browser.requests} == {
        "/", "/case", "/static/report.css", "/static/app.css", "/static/app.js"}


def test_several_addresses_open_with_the_keyboard(served: Served, browser: Browser,
                                                  tmp_path: Path) -> None:
    page = browser.page
    page.goto(served.url)
    fill_case(browser, "ana.perez@gmail.com\nana@sinmail.com.ec\nana@hotmail.con")
    summaries = page.locator("details > summary")
    assert summaries.count() == 3
    assert "Hay un problema" in summaries.nth(1).inner_text()
    assert not page.locator("details").nth(1).evaluate("d => d.open")
    summaries.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.locator("details").nth(1).evaluate("d => d.open")
    assert page.locator("details").nth(1).locator(".plan li").count() >= 1
    for width in (1280, 390):
        shot(browser, tmp_path, "several", width)
    assert browser.console == [] and browser.outside == []


def test_the_route_check_would_catch_a_request_elsewhere(served: Served,
                                                         browser: Browser) -> None:
    """The control: a fetch to another host is seen (and stopped) by the route check, and the
    page's CSP refuses it anyway, on the console."""
    page = browser.page
    page.goto(served.url)
    page.evaluate("fetch('http://elsewhere.example/x').catch(() => null)")
    page.wait_for_timeout(0)
    page.locator("body").wait_for()
    page.evaluate("new Promise(r => setTimeout(r, 50))")
    assert any("Content Security Policy" in line for line in browser.console), browser.console


def test_a_csv_export_through_to_the_download(served: Served, dns_server: FixtureDNSServer,
                                              browser: Browser, tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("correo\nana.perez@gmail.com\nluis@hotmail.con\nrosa@sinmail.com.ec\n",
                      encoding="utf-8")
    page = browser.page
    page.goto(served.url)
    page.set_input_files("#file", str(source))  # the file chooser: the one step not typed
    browser.tab_to("format-csv", limit=40)
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "3 filas revisadas" in page.locator("#batch-result").inner_text()
    assert "/jobs/" in page.url  # the script's way: the upload, then its progress live
    assert any(u.endswith("/events") for u in browser.requests)
    page.locator("a.button").focus()
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")
    got = Path(waiting.value.path()).read_bytes().decode("utf-8")
    cli = cli_output(["batch", str(source), "--output-format", "csv", "--lang", "es",
                      "--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS)])
    assert got == cli and got.count("\n") == 4
    for width in (1280, 390):
        shot(browser, tmp_path, "file", width)
    assert browser.console == [] and browser.outside == []


def test_a_mailbox_search_with_the_keyboard_only(dns_server: FixtureDNSServer,
                                                 dovecot: PrivateDovecot, browser: Browser,
                                                 tmp_path: Path) -> None:
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    served = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS),
                         "--ca-file", str(dovecot.ca_file))
    try:
        page = browser.page
        page.goto(served.url)
        browser.tab_to("addresses")
        page.keyboard.type(ANA.name)
        for field, text in (("user", ANA.name), ("password", ANA.password),
                            ("imap_server", f"{dovecot.host}:{dovecot.imaps_port}")):
            browser.tab_to(field)
            page.keyboard.type(text)
        with page.expect_navigation():
            page.keyboard.press("Enter")  # Enter in a text field submits its form
        found = page.locator("td > code", has_text="mail.found_spam")
        assert found.count() == 1
        assert page.locator("#password").input_value() == ""
        assert ANA.password not in page.content()
        shot(browser, tmp_path, "mailbox", 1280)
        assert browser.console == [] and browser.outside == []
    finally:
        log = served.stop()
    assert ANA.password not in log
