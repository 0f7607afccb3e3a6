"""Fixtures for the browser journeys: Debian's Chromium driven by Playwright (sync API)
against pytest-django's live server, with axe-core injected into every page.

Without /usr/bin/chromium or node_modules/axe-core/axe.min.js the journeys are skipped,
unless MENTORWEB_REQUIRE_BROWSER=1 (CI sets it): then they fail, so a broken install
cannot pass as green.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Route, sync_playwright

from tests.browser.helpers import DESKTOP, Browsing

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def _missing() -> list[str]:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.is_file():
        missing.append(f"{AXE_JS} (npm ci)")
    return missing


def _browser_required() -> bool:
    return os.environ.get("MENTORWEB_REQUIRE_BROWSER") == "1"


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist registers this marker; declare it too so `-p no:xdist` runs still pass
    # --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run every test of the group in one xdist worker")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = _missing()
    if not missing or _browser_required():
        return
    skip = pytest.mark.skip(reason="browser tests need " + " and ".join(missing))
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Keep the outcome of the test body, so the `ui` fixture reports leftover problems
    # (unaudited pages, server errors) only when the journey itself passed.
    report = yield
    if report.when == "call":
        item.stash[_CALL_PASSED] = report.passed
    return report


_CALL_PASSED = pytest.StashKey[bool]()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One browser per test module, closed when the module ends."""
    missing = _missing()
    if missing:
        pytest.fail("MENTORWEB_REQUIRE_BROWSER=1 but these are missing: " + ", ".join(missing))
    # While Playwright's sync API is alive, its asyncio loop counts as running in this
    # thread, and Django would refuse ORM calls from the test ("SynchronousOnlyOperation").
    # The test is not async code, so allow it, and only for as long as the browser lives:
    # the loop stops with Playwright, and the other tests in this worker keep the check.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()


def _no_favicon(route: Route) -> None:
    # Chromium asks for /favicon.ico on its own, possibly while the next page loads; with
    # SQLite in memory the live server's threads share one connection, so keep that
    # stray request away from Django.
    route.fulfill(status=204, body="")


@pytest.fixture
def browser_context(chromium: Browser, live_server: Any) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport=DESKTOP, locale="en-CA", timezone_id="America/Toronto")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(path=str(AXE_JS))
    context.route("**/favicon.ico", _no_favicon)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def ui(browser_context: BrowserContext, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Browsing]:
    """A fresh page at 1280px, with its own cookies. Fails the test afterwards when a page
    was loaded but never audited, a request got a 5xx, or a script threw."""
    browsing = Browsing(page=browser_context.new_page(), base_url=live_server.url, test_name=request.node.name)
    yield browsing
    if request.node.stash.get(_CALL_PASSED, False):
        problems = browsing.problems_left()
        if problems:
            pytest.fail("\n".join(problems))


@pytest.fixture
def sign_in(browser_context: BrowserContext, live_server: Any) -> Callable[[Any], None]:
    """Log a user in without the login form, for journeys about something else: a session
    made by the test client is handed to the browser as its cookie."""

    def _sign_in(user: Any) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return _sign_in
