"""The live room's screens checked by axe-core, and its phone page held in one hand.

Every screen a person uses in the room: the phone's join form, its dot-vote
and scoring forms, the projector during a vote and after the reveal, and the
console. Every violation fails, moderate and minor too (BITV 2.0 follows
WCAG 2.1 AA). Targets a thumb must hit (the dot stepper, a score) are at least
44 by 44 CSS pixels (WCAG 2.5.5). A result of many rows stays whole on the
projector, read from the back of the room.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.browser import driven
from tests.serve.screens import PHONE, console_step
from tests.serve.server import Served, running
from tests.test_accessibility_browser import axe_source, described

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml"
#: WCAG 2.5.5 (target size, enhanced): 44 by 44 CSS pixels.
TARGET = 44


def audit(page: Page, axe: str) -> list[dict[str, Any]]:
    """axe's violations of what ``page`` shows now (WCAG 2.0/2.1 A and AA and best practices)."""
    page.add_script_tag(content=axe)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })).violations"""
    )
    return found


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[Served, Browser]]:
    workshop = Path(shutil.copyfile(EXAMPLE, tmp_path / "telgte.yaml"))
    with running(workshop) as served, driven() as browser:
        yield served, browser


def test_every_screen_of_the_room(room: tuple[Served, Browser], axe: str) -> None:
    served, browser = room
    # axe is the test's own script: the pages' Content-Security-Policy would refuse it.
    console = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}, bypass_csp=True).new_page()
    phone = browser.new_context(**PHONE, bypass_csp=True).new_page()
    found: dict[str, list[dict[str, Any]]] = {}

    console.goto(served.console)
    console_step(console, "start")
    phone.goto(served.join)
    found["phone: join"] = audit(phone, axe)
    assert served.room_code is not None
    phone.locator("#code").fill(served.room_code)
    with phone.expect_navigation():
        phone.locator("form.join button").tap()
    found["phone: waiting"] = audit(phone, axe)

    console_step(console, "open", {"kind": "dots", "budget": "3", "cap": "2"})
    phone.reload()
    phone.locator("form.ballot[data-kind=dots]").wait_for()
    found["phone: dot vote"] = audit(phone, axe)
    english = browser.new_context(**PHONE, bypass_csp=True).new_page()
    english.goto(f"{served.base}/j/{served.room_code}?lang=en")
    english.goto(f"{served.base}/?lang=en")
    english.locator("form.ballot[data-kind=dots]").wait_for()
    assert english.locator("html").get_attribute("lang") == "en"
    found["phone in English: dot vote"] = audit(english, axe)
    projector.goto(served.projector)
    found["projector: vote open"] = audit(projector, axe)
    found["console: vote open"] = audit(console, axe)

    console_step(console, "close", round_id="stimmen-1")
    console_step(console, "reveal", round_id="stimmen-1")
    projector.reload()
    found["projector: revealed"] = audit(projector, axe)
    phone.reload()
    found["phone: result"] = audit(phone, axe)

    console_step(console, "open", {"kind": "scores", "criterion": "wirkung"})
    phone.reload()
    phone.locator("form.ballot[data-kind=scores]").wait_for()
    found["phone: scoring"] = audit(phone, axe)
    found["console: scoring open"] = audit(console, axe)

    # Clean of every finding, moderate and minor too, as the report is.
    assert not any(found.values()), "\n".join(
        f"{screen}:\n{described(violations)}" for screen, violations in found.items() if violations
    )


def boxes(page: Page, selector: str) -> list[tuple[float, float]]:
    located = page.locator(selector)
    assert located.count() > 0, selector
    sizes = []
    for n in range(located.count()):
        box = located.nth(n).bounding_box()
        assert box is not None, selector
        sizes.append((box["width"], box["height"]))
    return sizes


def test_a_thumb_hits_every_target(room: tuple[Served, Browser]) -> None:
    served, browser = room
    console = browser.new_page()
    console.goto(served.console)
    console_step(console, "open", {"kind": "dots", "budget": "3", "cap": "0"})
    phone = browser.new_context(**PHONE).new_page()
    assert served.room_code is not None
    phone.goto(f"{served.base}/j/{served.room_code}")
    phone.locator("form.ballot[data-kind=dots]").wait_for()
    targets = {
        "stepper": boxes(phone, ".stepper button"),
        "number": boxes(phone, ".stepper input"),
        "send": boxes(phone, "button.send"),
    }
    console_step(console, "close", round_id="stimmen-1")
    console_step(console, "open", {"kind": "scores", "criterion": "wirkung"})
    phone.reload()
    phone.locator("form.ballot[data-kind=scores]").wait_for()
    # The radio itself is hidden; its label is what the thumb taps.
    targets["score"] = boxes(phone, ".scale label")
    small = {name: sizes for name, sizes in targets.items() if any(min(w, h) < TARGET for w, h in sizes)}
    assert not small, small
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], "the phone page scrolls sideways"


@pytest.mark.parametrize("answers", [4, 5, 12, 13, 16])
def test_a_result_fits_the_projector(room: tuple[Served, Browser], answers: int) -> None:
    """However many rows a result has (a poll of 16 answers), every one is on the 1920x1080 screen
    beside the countdown, and no row is cut."""
    served, browser = room
    console = browser.new_page()
    console.goto(served.console)
    console_step(console, "start")
    options = "\n".join(f"Antwort {n}: eine Maßnahme mit einem langen Namen, wie ihn Verwaltungen geben" for n in range(1, answers + 1))
    console_step(console, "open", {"kind": "poll", "title": "Welche Maßnahme soll zuerst beginnen, und warum?", "options": options})
    console_step(console, "close", round_id="umfrage-1")
    console_step(console, "reveal", round_id="umfrage-1")
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(served.projector)
    rows = projector.locator("ol.bars li")
    assert rows.count() == answers
    for n in range(answers):
        box = rows.nth(n).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 1080, (n, box)
        assert box["x"] + box["width"] <= 1920, (n, box)
    countdown = projector.locator(".countdown").bounding_box()
    assert countdown is not None and countdown["height"] >= 100, "the countdown stays large"
