"""The live room's screens in Playwright: a phone's context, the console's steps, errors, screenshots.

Screenshots go to ``docs/images/live-*.png`` when ``STRATEGY_KIT_SCREENSHOTS=1``
(the documentation's pictures, taken once and committed), else to the tests'
artifacts folder, so an ordinary run never rewrites the docs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.browser import artifacts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"

#: A phone held in one hand (an iPhone 12-sized screen), touch only.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "de-DE",
}


def phone_context(browser: Browser) -> BrowserContext:
    """A phone of its own: its own cookies, so its own voter."""
    return browser.new_context(**PHONE)


def errors_of(page: Page, name: str, into: list[str]) -> None:
    """Collect the page's console errors (Content-Security-Policy violations are among them) and uncaught exceptions."""
    page.on("console", lambda message: into.append(f"{name}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: into.append(f"{name}: {error}"))


def console_step(console: Page, action: str, fields: dict[str, str] | None = None, *, round_id: str | None = None) -> None:
    """Press the console's button for ``action`` (filling ``fields`` of its form first) and wait for the answer.

    Fails with the console's message when the server refuses the step (409).
    """
    scope = console.locator(f"#round-{round_id}") if round_id else console
    form = scope.locator(f"form[action='/console/{action}']").first
    for name, value in (fields or {}).items():
        control = form.locator(f"[name='{name}']")
        kind = control.first.get_attribute("type")
        if control.first.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        elif kind == "radio":
            form.locator(f"[name='{name}'][value='{value}']").check()
        else:
            control.fill(value)
    with console.expect_navigation() as navigation:
        form.locator("button[type=submit]").last.click()
    response = navigation.value
    assert response is not None and response.status == 200 and console.url.endswith("/console"), (
        console.locator(".message").all_inner_texts() if console.locator(".message").count() else console.content()
    )


def screenshot(page: Page, name: str) -> Path:
    """Save what ``page`` shows as ``name``.png: in docs/images when asked for, else among the artifacts."""
    folder = DOCS_IMAGES if os.environ.get("STRATEGY_KIT_SCREENSHOTS") == "1" else artifacts()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=False, animations="disabled")
    return target
