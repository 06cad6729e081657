"""The tools around a report, in the real browser: the language link, the audience and "hide
personal data" on the form, the two downloads, printing (the report only, every address's
report open); and what the page weighs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import Served
from tests.web.test_browser import GOOD, Browser, browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def _download(tab: Browser, value: str) -> str:
    page = tab.page
    page.locator(f"form.tools button[value={value}]").focus()
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")
    return Path(waiting.value.path()).read_text(encoding="utf-8")


def test_english_for_the_person_masked_and_downloaded(served: Served,
                                                      browser: Browser) -> None:  # noqa: F811
    page = browser.page
    page.goto(served.url)
    page.locator("nav.top a[hreflang=en]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#lang-en").is_checked()
    browser.tab_to("addresses")
    page.keyboard.type(GOOD)
    browser.tab_to("audience-agent")
    page.keyboard.press("ArrowRight")  # a radio group: the arrow picks the next choice
    assert page.locator("#audience-person").is_checked()
    browser.tab_to("redact")
    page.keyboard.press("Space")
    assert page.locator("#redact").is_checked()
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    result = page.locator("#result")
    assert "Verdict:" in result.locator("p.verdict").inner_text()
    assert result.locator("section.plan").get_attribute("data-audience") == "person"
    shown = result.inner_text()
    assert "a****@gmail.com" in shown and "ana.perez" not in shown
    report = _download(browser, "html")
    assert report.startswith("<!DOCTYPE html>") and '<html lang="en">' in report
    assert "a****@gmail.com" in report and "ana.perez" not in report
    lines = _download(browser, "json")
    assert json.loads(lines)["address"] == "a****@gmail.com" and "ana.perez" not in lines
    assert browser.console == [] and browser.outside == []


def _visible(tab: Browser, selector: str) -> list[bool]:
    return [bool(e.is_visible()) for e in tab.page.locator(selector).all()]


def test_printed_the_page_is_the_report(served: Served, browser: Browser) -> None:  # noqa: F811
    page = browser.page
    page.goto(served.url)
    page.fill("#addresses", "ana.perez@gmail.com\nana@sinmail.com.ec")
    with page.expect_navigation():
        page.click("form.case button[type=submit]")
    assert _visible(browser, "details p.verdict") == [False, False]  # closed on screen
    page.emulate_media(media="print")
    for hidden in ("form.case", "form.tools", "#markdown", "#file-form", "nav.top", "#copy"):
        assert not any(_visible(browser, hidden)), hidden
    # Without the script too (print styles alone), every address's report prints.
    assert _visible(browser, "details p.verdict") == [True, True]
    assert _visible(browser, "details .plan li")[:1] == [True]
    page.emulate_media(media="screen")
    assert _visible(browser, "form.case") == [True, True]  # the case form and the file form
    # The script opens the closed ones for printing, then closes them again.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details[open]").count() == 2
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details[open]").count() == 0
    assert browser.console == [] and browser.outside == []


def test_the_page_and_its_assets_weigh_under_100_kb(served: Served,
                                                    browser: Browser,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Measured from the real answers in the browser: every request the empty form made (the
    token's redirect, the page, its stylesheets and script), headers and bodies."""
    page = browser.page
    weights: dict[str, int] = {}

    def finished(request: Any) -> None:
        sizes = request.sizes()
        path = urlsplit(request.url).path
        weights[path] = weights.get(path, 0) + sizes["responseHeadersSize"] + sizes[
            "responseBodySize"]

    page.on("requestfinished", finished)
    page.goto(served.url)
    page.wait_for_load_state("networkidle")
    total = sum(weights.values())
    listing = ", ".join(f"{path} {size} B" for path, size in sorted(weights.items()))
    with capsys.disabled():
        print(f"\nthe empty form weighs {total} B ({total / 1024:.1f} KB): {listing}")
    assert set(weights) == {"/", "/static/report.css", "/static/app.css", "/static/app.js"}
    assert all(size > 0 for size in weights.values())
    assert total < 100 * 1024, listing
    assert browser.console == [] and browser.outside == []
