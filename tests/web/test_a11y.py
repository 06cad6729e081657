"""Every state of the page in the real browser, at 1280 px and at 390 px (a phone): axe-core finds
no serious or critical violation, and nothing reaches past the right edge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.fixtures.messages import junk_verdict_iess_mail
from tests.servers.dnsserver import ANSWERS, FixtureDNSServer
from tests.servers.dovecot import PrivateDovecot
from tests.servers.dovecot_setup import ANA
from tests.web.conftest import Served, start_serve
from tests.web.pagecheck import CheckedBrowser, checked  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
SEVERAL = "ana.perez@gmail.com\nana@sinmail.com.ec\nana@hotmail.con"


def _submit_case(browser: CheckedBrowser, addresses: str) -> None:
    page = browser.page
    page.fill("#addresses", addresses)
    with page.expect_navigation():
        page.click("form.case button[type=submit]")


def _upload(browser: CheckedBrowser, source: Path) -> None:
    page = browser.page
    page.set_input_files("#file", str(source))
    with page.expect_navigation():
        page.click("#file-form button[type=submit]")


def _downloaded_report(browser: CheckedBrowser, tmp_path: Path) -> list[str]:
    """The "Descargar HTML" file, opened in a tab of its own (as saved: its CSP allows no
    script, so axe is evaluated from outside; see CheckedBrowser.violations)."""
    page = browser.page
    with page.expect_download() as waiting:
        page.click("form.tools button[value=html]")
    report = Path(waiting.value.path()).read_text(encoding="utf-8")
    main = page
    browser.page = page.context.new_page()
    try:
        browser.page.set_content(report)
        assert browser.page.locator("p.verdict").count() == 1
        return browser.check("downloaded HTML report", scriptless=True)
    finally:
        browser.page.close()
        browser.page = main


def test_every_state_of_the_page(served: Served, checked: CheckedBrowser,  # noqa: F811
                                 tmp_path: Path) -> None:
    page = checked.page
    problems: list[str] = []
    page.goto(served.url)
    problems += checked.check("empty form (es)")
    page.goto(served.base + "/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    problems += checked.check("empty form (en)")
    page.goto(served.base + "/")
    _submit_case(checked, "ana.perez@gmail.com")
    assert page.locator("#result p.verdict").count() == 1
    problems += checked.check("one address")
    problems += _downloaded_report(checked, tmp_path)
    page.goto(served.base + "/")
    _submit_case(checked, SEVERAL)
    assert page.locator("details").count() == 3
    problems += checked.check("several addresses, closed")
    for summary in page.locator("details > summary").all():
        summary.click()
    problems += checked.check("several addresses, open")
    message = tmp_path / "mensaje.eml"
    message.write_bytes(junk_verdict_iess_mail("ana.perez@gmail.com"))
    page.goto(served.base + "/")
    _upload(checked, message)
    assert page.locator("#file-result p.verdict").count() == 1
    problems += checked.check(".eml result")
    export = tmp_path / "export.csv"
    export.write_text("correo\nana.perez@gmail.com\nluis@hotmail.con\n", encoding="utf-8")
    page.goto(served.base + "/")
    _upload(checked, export)
    assert "2 filas revisadas" in page.locator("#batch-result").inner_text()
    problems += checked.check("CSV result")
    assert checked.console == [] and checked.outside == []
    # The error pages: each answer's status is also a console line, which is expected here.
    page.goto(served.base + "/")
    _submit_case(checked, "\n".join(f"a{n}@gmail.com" for n in range(21)))
    assert page.locator("p.error[role=alert]").count() == 1
    problems += checked.check("error: too many addresses")
    page.goto(served.base + "/results/gone")
    assert page.locator("p.error[role=alert]").count() == 1
    problems += checked.check("error: results gone")
    page.goto(served.base + "/?token=wrong")
    assert "Acceso denegado" in page.locator("main").inner_text()
    problems += checked.check("error: access denied")
    assert problems == [], "\n".join(problems)
    statuses = ("400 (Bad Request)", "404 (Not Found)", "403 (Forbidden)")
    assert [line for line in checked.console if not line.endswith(statuses)] == []
    assert checked.outside == []


def test_the_checks_would_catch_a_violation_and_an_overflow(served: Served,
                                                            checked: CheckedBrowser,  # noqa: F811
                                                            ) -> None:
    """The control: the same page, spoiled on purpose, fails both checks; a wide <pre> inside
    a container meant to scroll does not."""
    page = checked.page
    page.goto(served.url)
    page.evaluate("""() => {
        document.documentElement.removeAttribute('lang');
        document.querySelector('label[for=addresses]').remove();
        const scroller = document.createElement('div');
        scroller.style.overflowX = 'auto';
        scroller.innerHTML = '<pre id="wide-but-scrolls" style="width:3000px">x</pre>';
        document.querySelector('main').append(scroller);
    }""")
    assert checked.check("control, scrolling <pre> only") == [
        f"control, scrolling <pre> only @{w}px axe {rule}" for w in (1280, 390)
        for rule in ("html-has-lang (serious): html", "label (critical): #addresses")]
    page.evaluate("""() => {
        const wide = document.createElement('p');
        wide.id = 'too-wide';
        wide.style.width = '2000px';
        wide.textContent = 'x';
        document.querySelector('main').append(wide);
    }""")
    overflow = [p for p in checked.check("control") if " overflow " in p]
    assert any("page: scrollWidth" in p for p in overflow), overflow
    assert any("p#too-wide" in p for p in overflow), overflow
    assert not any("wide-but-scrolls" in p for p in overflow), overflow


def test_the_mailbox_result(dns_server: FixtureDNSServer, dovecot: PrivateDovecot,
                            checked: CheckedBrowser) -> None:  # noqa: F811
    sent = datetime.now(UTC) - timedelta(minutes=1)
    dovecot.deliver(ANA.name, "Junk", junk_verdict_iess_mail(ANA.name, sent_at=sent),
                    internaldate=sent)
    served = start_serve("--nameserver", dns_server.nameserver, "--dns-timeout", str(ANSWERS),
                         "--ca-file", str(dovecot.ca_file))
    try:
        page = checked.page
        page.goto(served.url)
        problems = checked.check("mailbox form")
        page.fill("#addresses", ANA.name)
        page.fill("#password", ANA.password)
        page.fill("#imap_server", f"{dovecot.host}:{dovecot.imaps_port}")
        with page.expect_navigation():
            page.click("form.case button[type=submit]")
        assert page.locator("td > code", has_text="mail.found_spam").count() == 1
        problems += checked.check("mailbox result")
        assert problems == [], "\n".join(problems)
        assert checked.console == [] and checked.outside == []
    finally:
        served.stop()

