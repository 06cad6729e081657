"""What the accessibility and layout tests measure on a page in the browser: axe-core's serious
and critical violations, anything that reaches past the right edge, and the bytes it loaded.

axe-core comes from the npm registry, pinned with its integrity in tests/web/axe/package-lock.json
(`npm ci --prefix tests/web/axe`, which .ci/test runs). It reaches the page only in the tests:
the browser's route handler answers one same-origin path, AXE_PATH, from that file; the app
itself has no such route and its Content-Security-Policy stays as it is."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.web.test_browser import FLAGS, Browser, _needed

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_FILE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"  # answered by the test's route handler, never by the app
WIDTHS = (1280, 390)
BAD = ("serious", "critical")


def pinned_axe() -> Path:
    """axe.min.js at the version the lock file pins; missing: a skip, or under CI a failure."""
    lock = json.loads((AXE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/axe-core"]["version"]
    installed = AXE_FILE.parent / "package.json"
    have = (json.loads(installed.read_text(encoding="utf-8"))["version"]
            if installed.exists() else None)
    if have == wanted and AXE_FILE.exists():
        return AXE_FILE
    why = (f"axe-core {wanted} is not installed (found {have}): run "
           "`npm ci --prefix tests/web/axe` (bash .ci/test does)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(why + "; CI must run the accessibility check")
    pytest.skip(why)


class CheckedBrowser(Browser):
    """The tests' browser, which can also hand axe-core to the page from the same origin."""

    def __init__(self, context: Any, axe: Path) -> None:
        self.axe = axe
        super().__init__(context)

    def _route(self, route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.hostname == "127.0.0.1" and parts.path == AXE_PATH:
            route.fulfill(path=str(self.axe), content_type="text/javascript; charset=utf-8")
            return
        super()._route(route)

    def violations(self, *, scriptless: bool = False) -> list[str]:
        """axe-core's serious and critical violations on the page as it is now: id, impact,
        and the elements (CSS selectors) each one is about. `scriptless`: for a document whose
        CSP allows no script at all (the downloaded report), axe is evaluated through the
        browser's debugging protocol, as a console would, instead of loaded by the page."""
        page = self.page
        if not page.evaluate("typeof window.axe === 'object'"):
            if scriptless:
                page.evaluate(self.axe.read_text(encoding="utf-8"))
            else:  # a <script src>: allowed by script-src 'self'
                page.add_script_tag(url=AXE_PATH)
        found = page.evaluate("""async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                targets: v.nodes.map(n => n.target.join(' '))}));
        }""")
        return [f"{v['id']} ({v['impact']}): {', '.join(v['targets'])}"
                for v in found if v["impact"] in BAD]

    def past_the_edge(self) -> list[str]:
        """The page's width beyond the viewport, and every visible element whose box ends past
        the right edge, except inside a container meant to scroll sideways (overflow auto or
        scroll, as a <pre> or a table wrapper)."""
        found: list[str] = self.page.evaluate("""() => {
            const root = document.documentElement, edge = root.clientWidth;
            const out = [];
            if (root.scrollWidth > edge)
                out.push(`page: scrollWidth ${root.scrollWidth} > ${edge}`);
            const scrolls = (e) => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    const x = getComputedStyle(p).overflowX;
                    if (x === 'auto' || x === 'scroll') return true;
                }
                return false;
            };
            const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string'
                   ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            for (const e of document.body.querySelectorAll('*')) {
                const box = e.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) continue;
                if (box.right > edge + 0.5 && !scrolls(e))
                    out.push(`${name(e)}: right edge ${Math.round(box.right)} > ${edge}`);
            }
            return out;
        }""")
        return found

    def check(self, state: str, *, scriptless: bool = False) -> list[str]:
        """Every problem of this page state at every width, each line naming state and width."""
        problems = []
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            problems += [f"{state} @{width}px axe {v}"
                         for v in self.violations(scriptless=scriptless)]
            problems += [f"{state} @{width}px overflow {p}" for p in self.past_the_edge()]
        return problems


@pytest.fixture
def checked(tmp_path: Path) -> Iterator[CheckedBrowser]:
    axe = pinned_axe()
    sync_playwright, chromium = _needed()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, args=FLAGS, headless=True,
            viewport={"width": 1280, "height": 900}, locale="es-EC")
        try:
            yield CheckedBrowser(context, axe)
        finally:
            context.close()
