"""The checks every journey relies on must be able to fail: a page with known problems,
served by the browser itself, has to trip the axe audit, the 320px check and the
bookkeeping of unaudited pages."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Route

from tests.browser.helpers import Browsing, current_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Broken on purpose</title></head>
<body><main>
  <h1>Broken on purpose</h1>
  <form><input type="text" name="unlabelled"></form>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <p style="color:#bbb;background:#fff">Too pale to read.</p>
</main></body></html>"""

WIDE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Wide</title><meta name="viewport" content="width=device-width"></head>
<body><main><h1>Wide</h1><div style="width:600px">A fixed width that does not reflow.</div></main></body></html>"""


def _serve(ui: Browsing, path: str, html: str) -> None:
    def fulfil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    ui.page.route(ui.url(path), fulfil)


def test_audit_fails_on_serious_violations(ui: Browsing) -> None:
    _serve(ui, "/__broken__", BROKEN_PAGE)
    ui.goto("/__broken__")
    with pytest.raises(AssertionError) as failure:
        ui.audit("broken on purpose")
    message = str(failure.value)
    # Each of these is "serious" or "critical" in axe-core.
    for rule in ("label", "image-alt", "color-contrast"):
        assert f"- {rule} (" in message, f"axe did not report {rule}:\n{message}"


def test_narrow_check_fails_on_sideways_scroll(ui: Browsing) -> None:
    _serve(ui, "/__wide__", WIDE_PAGE)
    ui.goto("/__wide__")
    ui.audit("wide on purpose")
    with pytest.raises(AssertionError, match="scrolls sideways at 320px"):
        ui.check_narrow("wide on purpose")


def test_unaudited_page_is_reported(ui: Browsing) -> None:
    ui.goto("/")
    ui.audit("welcome")
    ui.goto("/accounts/login/")
    assert ui.problems_left() == ["page loads [2] of 2 were never audited (call audit() after each)"]
    ui.audit("log in")
    assert ui.problems_left() == []


def test_totp_code_waits_for_a_fresh_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # The RFC 4226 test secret; its appendix D lists 287082 for counter 1 and 359152 for 2.
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert current_totp(secret, clock=lambda: 45.0) == "287082"
    # Two seconds before the window ends, the helper sleeps into the next window.
    slept: list[float] = []
    monkeypatch.setattr("tests.browser.helpers.time.sleep", slept.append)
    times = iter([58.0, 60.5])
    assert current_totp(secret, clock=lambda: next(times)) == "359152"
    assert slept and slept[0] == pytest.approx(2.1)
