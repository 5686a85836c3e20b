"""A workshop day in real browsers: a projector, a facilitator and five phones run the room.

The server is the real command (:func:`tests.serve.server.running`); every
screen is its own Chromium context, so each phone has its own cookies as a
phone in the room has. The facilitator starts the agenda, runs a dot vote
(with paper dots and a changed vote) and a scoring round, reveals each and
writes it back; the test then reads the workshop file: the expected votes,
mean scores and actual times, and every other line as it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from tests.browser import driven
from tests.serve.screens import console_step, errors_of, phone_context, screenshot
from tests.serve.server import Served, running

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

BERLIN = ZoneInfo("Europe/Berlin")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "telgte.yaml"

A, B, C, D = "stadtportal", "smarte-mobilitaet", "infrastruktur-zukunft", "datenaustausch"
TITLES = {
    A: "Stadtportal mit Online-Services",
    B: "Smarte Mobilität",
    C: "Zukunftsfähige Infrastruktur",
    D: "Datenaustausch",
}

#: Each phone's dots (budget 3, at most 2 on one project).
DOTS = [{A: 2, B: 1}, {A: 1, C: 2}, {B: 2, D: 1}, {C: 1, D: 1}, {A: 2, C: 1}]
#: The fifth phone thinks again before the round closes.
CHANGED = {A: 1, C: 1, D: 1}
PAPER = {A: 3, D: 2}
#: phones' latest ballots plus paper
VOTES = {A: 2 + 1 + 1 + 3, B: 1 + 2, C: 2 + 1 + 1, D: 1 + 1 + 1 + 2}

#: Each phone's scores on "Dringlichkeit" (0 to 5); a project left out is "keine Angabe".
SCORES = [{A: 5, B: 2, C: 1}, {A: 4, B: 3, C: 2}, {A: 4, C: 2}, {A: 3}, {A: 5, B: 5}]
#: means, rounded half up to two decimals; nobody scored D, so it keeps its 3
MEANS = {A: 4.2, B: 3.33, C: 1.67}


@dataclass
class Day:
    """The screens of one workshop day and what the test saw on them."""

    served: Served
    projector: Page
    console: Page
    phones: list[Page] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def today_in(source: Path) -> Path:
    """The example with its first day moved to today: the room records times of today, and the
    file takes a session's actual times only on the session's own day."""
    text = source.read_text(encoding="utf-8")
    today = dt.datetime.now(BERLIN).date().isoformat()
    moved = text.replace("  - date: 2019-03-05\n", f"  - date: {today}\n", 1)
    assert moved != text
    source.write_text(moved, encoding="utf-8")
    return source


@pytest.fixture
def day(tmp_path: Path) -> Iterator[Day]:
    workshop = today_in(Path(shutil.copyfile(EXAMPLE, tmp_path / "telgte.yaml")))
    with running(workshop) as served, driven() as browser:
        yield open_screens(browser, served)


def open_screens(browser: Browser, served: Served) -> Day:
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    console = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    found = Day(served, projector, console)
    for page, name in ((projector, "projector"), (console, "console")):
        errors_of(page, name, found.errors)
    projector.goto(served.projector)
    console.goto(served.console)
    assert console.url.endswith("/console"), "the token is taken out of the address"
    for n in range(len(DOTS)):
        phone = phone_context(browser).new_page()
        errors_of(phone, f"phone {n + 1}", found.errors)
        found.phones.append(phone)
    return found


def join(phone: Page, served: Served) -> None:
    """Open the join address and type the room number, as printed on the projector."""
    assert served.room_code is not None
    phone.goto(served.join)
    phone.locator("#code").fill(served.room_code)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Mitmachen").tap()
    assert phone.url == served.base + "/"
    assert phone.locator("form.join").count() == 0, phone.content()


def give_dots(phone: Page, dots: dict[str, int]) -> None:
    """Tap − and + until each project has its dots, then send."""
    ballot = phone.locator("form.ballot[data-kind=dots]")
    ballot.wait_for()
    for project, title in TITLES.items():
        row = ballot.locator("li.dots", has_text=title)
        value = row.locator("input[type=number]")
        while int(value.input_value()) > dots.get(project, 0):
            row.locator("button.less").tap()
        while int(value.input_value()) < dots.get(project, 0):
            row.locator("button.more").tap()
    left = 3 - sum(dots.values())
    assert phone.locator("#left").inner_text() == str(left)
    send(phone)


def give_scores(phone: Page, scores: dict[str, int]) -> None:
    ballot = phone.locator("form.ballot[data-kind=scores]")
    ballot.wait_for()
    for project, title in TITLES.items():
        fieldset = ballot.locator("fieldset.score", has=phone.locator("legend", has_text=title))
        value = str(scores[project]) if project in scores else ""
        fieldset.locator(f"label:has(input[value='{value}'])").tap()
        assert fieldset.locator(f"input[value='{value}']").is_checked()
    send(phone)


def send(phone: Page) -> None:
    with phone.expect_navigation():
        phone.locator("button.send").tap()
    assert phone.url.endswith("/?saved=1"), phone.url
    assert phone.locator(".message.ok").is_visible(), phone.content()


def projector_count(projector: Page, voters: int) -> None:
    projector.locator(".round .count strong", has_text=re.compile(f"^{voters}$")).wait_for()


def revealed(projector: Page, rows: int) -> None:
    """The bars appear by the server's event: the page is not loaded again."""
    projector.locator("ol.bars li").nth(rows - 1).wait_for()
    assert projector.evaluate("window.stillThere") is True, "the projector was reloaded"


def test_a_workshop_day(day: Day) -> None:
    served, projector, console, phones = day.served, day.projector, day.console, day.phones
    original = served_file(served).read_text(encoding="utf-8")
    since = dt.datetime.now(BERLIN)
    projector.evaluate("window.stillThere = true")

    console_step(console, "start")
    projector.locator("h1.session", has_text="Begrüßung und Einführung").wait_for()
    assert projector.locator("aside.join img").is_visible(), "join QR before any round"

    # The first three join before the vote, the last two join late.
    for phone in phones[:3]:
        join(phone, served)
        assert "Gerade läuft keine Abstimmung" in phone.locator("main").inner_text()
    console_step(console, "open", {"kind": "dots", "budget": "3", "cap": "2"})
    projector.locator("#round-title").wait_for()
    assert projector.locator("aside.join img").is_visible(), "join QR during the vote"
    assert projector.locator(".code").inner_text() == served.room_code
    phones[3].goto(served.join)
    screenshot(phones[3], "live-phone-join")
    for phone in phones[3:]:
        join(phone, served)

    first = phones[0].locator("form.ballot li.dots", has_text=TITLES[A])
    first.wait_for()
    for _ in range(2):
        first.locator("button.more").tap()
    assert first.locator("button.more").is_disabled(), "the cap of 2 stops the + button"
    first.locator("button.less").tap()
    first.locator("button.less").tap()
    for phone, dots in zip(phones, DOTS, strict=True):
        give_dots(phone, dots)
    projector_count(projector, 5)
    screenshot(projector, "live-projector-vote")
    screenshot(phones[4], "live-phone-dots")
    give_dots(phones[4], CHANGED)
    assert phones[4].locator("button.send").inner_text().strip() == "Änderungen speichern"
    assert [int(v) for v in phones[4].locator("input[type=number]").evaluate_all("l => l.map(e => e.value)")] == [
        CHANGED.get(p, 0) for p in TITLES
    ], "the phone shows the ballot that counts"

    console_step(console, "paper", {f"paper:{p}": str(n) for p, n in PAPER.items()}, round_id="stimmen-1")
    projector_count(projector, 5)
    assert projector.locator("ol.bars").count() == 0, "no result before the reveal"
    paper = sum(PAPER.values())
    assert [line for line in projector.locator(".round").inner_text().splitlines()[1:] if line] == [
        "5 Personen haben abgestimmt · offen",
        f"3 Stimmen je Person, höchstens 2 je Maßnahme. Dazu {paper} auf Papier gezählte Stimmen.",
        *TITLES.values(),
        "Das Ergebnis erscheint, wenn die Moderation es aufdeckt.",
    ]

    console_step(console, "next")
    projector.locator("h1.session", has_text="Erwartungen").wait_for()
    console_step(console, "close", round_id="stimmen-1")
    console_step(console, "reveal", round_id="stimmen-1")
    revealed(projector, 4)
    bars = bar_values(projector)
    assert bars == {TITLES[p]: str(n) for p, n in VOTES.items()}
    for phone in phones:
        phone.locator("ol.results li").nth(3).wait_for()
    screenshot(projector, "live-projector-results")

    console_step(console, "preview", round_id="stimmen-1")
    diff = console.locator("pre.diff").inner_text()
    assert "+    votes: 7" in diff, diff
    console_step(console, "write", round_id="stimmen-1")
    assert console.locator("#round-stimmen-1 .pill.ok").is_visible()

    # A scoring round on one criterion.
    console_step(console, "open", {"kind": "scores", "criterion": "dringlichkeit"})
    for phone, scores in zip(phones, SCORES, strict=True):
        give_scores(phone, scores)
    projector_count(projector, 5)
    assert projector.locator("ol.bars").count() == 0
    screenshot(phones[2], "live-phone-scores")
    console_step(console, "next")
    console_step(console, "close", round_id="bewertung-dringlichkeit-1")
    console_step(console, "reveal", round_id="bewertung-dringlichkeit-1")
    revealed(projector, 3)
    # A project nobody scored has no bar: it keeps the score it had.
    assert bar_values(projector) == {TITLES[A]: "4,2", TITLES[B]: "3,33", TITLES[C]: "1,67"}
    screenshot(console, "live-console")
    console_step(console, "preview", round_id="bewertung-dringlichkeit-1")
    console_step(console, "write", round_id="bewertung-dringlichkeit-1")

    assert not day.errors, "\n".join(day.errors)
    check_file(original, served_file(served).read_text(encoding="utf-8"), since, dt.datetime.now(BERLIN))


def served_file(served: Served) -> Path:
    return Path(served.process.args[4])  # type: ignore[index]


def bar_values(projector: Page) -> dict[str, str]:
    rows = projector.locator("ol.bars li")
    return {
        rows.nth(i).locator(".label").inner_text(): rows.nth(i).locator(".value").inner_text()
        for i in range(rows.count())
    }


def check_file(original: str, written: str, since: dt.datetime, until: dt.datetime) -> None:
    """Only the votes, the scores on the criterion and the sessions' actual times changed; every
    other byte (comments, order, quoting, blank lines) is as it was."""
    expected = original
    for project, votes in VOTES.items():
        expected = in_project(expected, project, re.compile(r"    votes: \d+\n"), f"    votes: {votes}\n")
    for project, mean in MEANS.items():
        expected = in_project(expected, project, re.compile(r"dringlichkeit: [\d.]+"), f"dringlichkeit: {mean}")

    lines = written.splitlines(keepends=True)
    actual = [n for n, line in enumerate(lines) if line.lstrip().startswith("actual:")]
    assert len(actual) == 2, "".join(lines[n] for n in actual)
    kept = "".join(line for n, line in enumerate(lines) if n not in actual)
    assert kept == expected, "".join(difflib.unified_diff(expected.splitlines(True), kept.splitlines(True)))

    earliest = since.replace(second=0, microsecond=0).strftime("%H:%M")
    latest = (until + dt.timedelta(minutes=1)).replace(second=0, microsecond=0).strftime("%H:%M")
    for n, session in zip(actual, ("begruessung", "erwartungen"), strict=True):
        owner = next(line for line in reversed(lines[:n]) if line.lstrip().startswith("- "))
        assert owner.strip() == f"- id: {session}", (owner, lines[n])
        times = re.fullmatch(r'            actual: \{start: "(\d\d:\d\d)", end: "(\d\d:\d\d)"\}\n', lines[n])
        assert times is not None, lines[n]
        assert earliest <= times[1] <= times[2] <= latest, (earliest, lines[n], latest)


def in_project(text: str, project: str, pattern: re.Pattern[str], new: str) -> str:
    """``text`` with the first match of ``pattern`` after the project's ``- id:`` line replaced by ``new``."""
    at = text.index(f"  - id: {project}\n")
    found = pattern.search(text, at)
    assert found is not None, (project, pattern)
    return text[: found.start()] + new + text[found.end() :]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_room_after_a_crash(tmp_path: Path) -> None:
    """Killed in the middle of a vote and started again on the same port: the screens that stayed
    open find the room by themselves, and so does the phone, still joined, with its ballot; the
    console's address and the room number are those of the first start."""
    workshop = today_in(Path(shutil.copyfile(EXAMPLE, tmp_path / "telgte.yaml")))
    port = free_port()
    with driven() as browser:
        projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        phone = phone_context(browser).new_page()
        with running(workshop, "--port", str(port)) as first:
            console = browser.new_context().new_page()
            console.goto(first.console)
            console_step(console, "start")
            console_step(console, "open", {"kind": "dots", "budget": "3", "cap": "2"})
            projector.goto(first.projector)
            projector.evaluate("window.stillThere = true")
            join(phone, first)
            give_dots(phone, {A: 2, B: 1})
            projector_count(projector, 1)
            first.kill()
        with running(workshop, "--port", str(port)) as second:
            assert second.base == first.base
            assert (second.token, second.room_code) == (first.token, first.room_code)
            # The open phone page is still joined: it reloads its part and shows the ballot that counts.
            phone.reload()
            assert phone.locator("form.join").count() == 0
            row = phone.locator("form.ballot li.dots", has_text=TITLES[A])
            assert row.locator("input").input_value() == "2", "the confirmed ballot survived"
            give_dots(phone, {A: 1, C: 2})
            console = browser.new_context().new_page()
            console.goto(second.console)
            assert console.locator("#round-stimmen-1 .count strong").inner_text() == "1"
            console_step(console, "close", round_id="stimmen-1")
            console_step(console, "reveal", round_id="stimmen-1")
            revealed(projector, 4)
            assert bar_values(projector) == {TITLES[A]: "1", TITLES[C]: "2", TITLES[B]: "0", TITLES[D]: "0"}
