"""What every browser journey needs: an accessibility audit and a screenshot of each page,
a width check for small screens, e-mails read from the outbox, and TOTP codes.

`Browsing` wraps one Playwright page. It counts every document the page loads and every
document it audited, so a journey that forgets to audit a page fails at the end.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.mail import EmailMessage
from playwright.sync_api import Locator, Page, Response

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}
# axe reports an impact per violation; these two fail a page, the others are written to the report.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TOTP_PERIOD = 30


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@dataclass
class Browsing:
    """One page in the browser, with the audit bookkeeping of a journey."""

    page: Page
    base_url: str
    test_name: str
    loads: int = 0
    audited_loads: set[int] = field(default_factory=set)
    shots: int = 0
    server_errors: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    report: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # "load" fires for each new document in the main frame, not for #fragment jumps,
        # which is exactly the set of pages that must be audited.
        self.page.on("load", self._on_load)
        self.page.on("response", self._on_response)
        self.page.on("pageerror", lambda error: self.script_errors.append(f"{self.page.url}: {error}"))

    def _on_load(self, _page: Page) -> None:
        self.loads += 1

    def _on_response(self, response: Response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    # Navigation -------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def goto(self, path: str) -> None:
        response = self.page.goto(self.url(path))
        assert response is not None, f"no response for {path}"
        assert response.status < 400, f"GET {path} answered {response.status}"

    @contextmanager
    def expect_new_page(self) -> Iterator[None]:
        """Wait, around a click or a reload, for the next document to finish loading."""
        with self.page.expect_event("load"):
            yield

    def click_and_load(self, target: Locator) -> None:
        with self.expect_new_page():
            target.click()

    def submit(self, form_with: str) -> None:
        """Click the first submit button of the form that holds the input named `form_with`
        (the one Enter would press), and wait for the answer."""
        form = self.page.locator("form", has=self.page.locator(f"[name='{form_with}']"))
        # A button with a form="…" attribute belongs to another form (allauth's "Cancel").
        buttons = form.locator(":is(button[type='submit'], button:not([type]), input[type='submit']):not([form])")
        self.click_and_load(buttons.first)

    def reload(self) -> None:
        with self.expect_new_page():
            self.page.reload()

    # Checks -----------------------------------------------------------------------------

    def audit(self, label: str) -> None:
        """Run axe on the current page, save a 1280px screenshot, fail on serious or critical issues."""
        self.page.set_viewport_size(DESKTOP)
        self.page.wait_for_load_state("load")
        results = self._run_axe()
        self.audited_loads.add(self.loads)
        path = self.screenshot(label)
        self._record(label, path, results)

    def _run_axe(self) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = self.page.evaluate(
            """async () => {
                const results = await window.axe.run(document, {resultTypes: ["violations"]});
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
                }));
            }"""
        )
        return results

    def _record(self, label: str, path: Path, results: list[dict[str, Any]]) -> None:
        self.report.append({"page": self.page.url, "label": label, "screenshot": path.name, "violations": results})
        self._write_report()
        blocking = [v for v in results if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe found serious or critical accessibility problems on {label} ({self.page.url}):\n"
            + describe_violations(blocking)
        )

    def check_narrow(self, label: str) -> None:
        """At 320px wide the page must not scroll sideways (WCAG 1.4.10 reflow), and axe runs
        again: the small-screen layout can hide problems of its own (e.g. a table that now scrolls)."""
        self.page.set_viewport_size(NARROW)
        try:
            widths = self.page.evaluate(
                "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
            )
            path = self.screenshot(f"{label}-320", full_page=True)
            self._record(f"{label} at 320px", path, self._run_axe())
            if widths["scroll"] > NARROW["width"] + 1:
                culprits = self.page.evaluate(
                    """() => [...document.querySelectorAll("body *")]
                        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                        .slice(0, 8)
                        .map(e => {
                            const classes = typeof e.className === "string" ? e.className.trim() : "";
                            return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                                + (classes ? "." + classes.split(/\\s+/).join(".") : "")
                                + " right=" + Math.round(e.getBoundingClientRect().right);
                        })"""
                )
                raise AssertionError(
                    f"{label} ({self.page.url}) scrolls sideways at 320px: scrollWidth={widths['scroll']}; "
                    f"wider elements: {culprits}"
                )
        finally:
            self.page.set_viewport_size(DESKTOP)

    def screenshot(self, label: str, *, full_page: bool = True) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        path = SCREENSHOT_DIR / f"{_slug(self.test_name)}-{self.shots:02d}-{_slug(label)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def _write_report(self) -> None:
        path = SCREENSHOT_DIR / f"{_slug(self.test_name)}-axe.json"
        path.write_text(json.dumps(self.report, indent=2), encoding="utf-8")

    def problems_left(self) -> list[str]:
        """What went wrong outside the journey's own assertions; checked when the test ends."""
        problems = [f"server error: {e}" for e in self.server_errors]
        problems += [f"script error: {e}" for e in self.script_errors]
        unaudited = sorted(set(range(1, self.loads + 1)) - self.audited_loads)
        if unaudited:
            problems.append(f"page loads {unaudited} of {self.loads} were never audited (call audit() after each)")
        return problems

    # Reading the page ---------------------------------------------------------------------

    def html_lang(self) -> str:
        return str(self.page.evaluate("() => document.documentElement.lang"))

    def h1(self) -> str:
        headings = self.page.locator("h1")
        assert headings.count() == 1, f"{self.page.url} has {headings.count()} h1 elements, expected one"
        return headings.inner_text().strip()


def wait_for_mail(outbox: list[EmailMessage], to: str, *, timeout: float = 10.0) -> EmailMessage:
    """The newest message to `to`. Mail is sent by the live server thread, so poll briefly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(outbox):
            if to in message.to:
                return message
        time.sleep(0.05)
    raise AssertionError(f"no e-mail to {to} within {timeout}s; outbox has {[(m.to, m.subject) for m in outbox]}")


def mail_text(message: EmailMessage) -> str:
    """The plain text body and, when there is one, the HTML alternative."""
    parts = [str(message.body)]
    for content, _mimetype in getattr(message, "alternatives", []):
        parts.append(str(content))
    return "\n".join(parts)


def current_totp(secret: str, *, margin: float = 3.0, clock: Callable[[], float] = time.time) -> str:
    """The code an authenticator app shows now. Near the end of a 30-second window the code
    could expire between typing and checking, so wait for the next window instead."""
    now = clock()
    left = TOTP_PERIOD - (now % TOTP_PERIOD)
    if left < margin:
        time.sleep(left + 0.1)
        now = clock()
    return format_hotp_value(hotp_value(secret, int(now) // TOTP_PERIOD))
