"""The HTML agenda and report in a real browser (Debian's chromium driven by Playwright).

At A4 width (794 CSS px) and on a projector (1920x1080) nothing may stick out
to the right, the charts must be visible, and the page must load without a
console error. Full-page screenshots are kept in ``$STRATEGY_KIT_ARTIFACTS``
(default ``test-artifacts/``) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.browser import artifacts, driven

from strategy_kit.check.validate import load_document
from strategy_kit.compute.timing import plan
from strategy_kit.present.agenda import Options, moment, render_html
from strategy_kit.present.report import render_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
VIEWPORTS = {"a4": (794, 1123), "projector": (1920, 1080)}

#: Everything wider than the viewport: the document itself and every visible element.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.right > width + 0.5) {
      wide.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${box.right}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, client: width, wide: wide};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with driven() as launched:
        yield launched


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Telgte agenda and report in German, as files the browser opens."""
    loaded = load_document(EXAMPLES / "telgte.yaml")
    document = loaded.document
    assert document is not None
    folder = tmp_path_factory.mktemp("html")
    timetable = plan(document, data=loaded.data, name=loaded.name)
    files = {
        "agenda": render_html(timetable, Options(lang="de")),
        "handout": render_html(timetable, Options(lang="de", handout=True)),
        "projector": render_html(
            timetable, Options(lang="de", projector=True, now=moment(timetable, "10:45"))
        ),
        "report": render_report(document, format="html", lang="de"),
    }
    out = {}
    for name, html in files.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")
    return out


def _open(browser: Browser, page_file: Path, viewport: str) -> tuple[Any, list[str]]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    return page, errors


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", ["agenda", "report"])
def test_fits_the_width_and_keeps_a_screenshot(
    browser: Browser, pages: dict[str, Path], name: str, viewport: str
) -> None:
    page, errors = _open(browser, pages[name], viewport)
    try:
        found = page.evaluate(OVERFLOW)
        assert found["client"] == VIEWPORTS[viewport][0]
        assert found["scroll"] <= found["client"], found
        assert found["wide"] == [], found["wide"][:5]
        assert errors == []
        shot = artifacts() / f"{name}-{viewport}.png"
        shot.unlink(missing_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        assert width == VIEWPORTS[viewport][0]
        assert height > VIEWPORTS[viewport][1]  # the whole page, not just the first screen
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_report_charts_are_visible(browser: Browser, pages: dict[str, Path], viewport: str) -> None:
    page, _ = _open(browser, pages["report"], viewport)
    try:
        charts = page.locator("figure svg")
        assert charts.count() == 3  # maturity per field, impact-effort matrix, roadmap
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None
            assert box["width"] > 200 and box["height"] > 200, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport][0]
        labels = page.locator("figure svg text").all_text_contents()
        assert "Schnelle Erfolge" in labels and "Digitales Rathaus" in labels
    finally:
        page.context.close()


#: Every table cell whose content is wider than the cell (cut off or spilling over).
CUT_OFF = """() => {
  const cut = [];
  for (const table of document.querySelectorAll('table')) {
    if (table.scrollWidth > table.clientWidth + 0.5) cut.push(`table ${table.scrollWidth}`);
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.scrollWidth > cell.clientWidth + 0.5) cut.push(`${cell.className}: ${cell.textContent}`);
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("name", ["agenda", "handout"])
def test_no_agenda_column_is_cut_off_at_a4_width(
    browser: Browser, pages: dict[str, Path], name: str
) -> None:
    page, errors = _open(browser, pages[name], "a4")
    try:
        assert page.evaluate(CUT_OFF) == []
        assert page.evaluate(OVERFLOW)["wide"] == []
        assert errors == []
        # One grid per day: the same columns from the first block to the last.
        assert page.locator("section.day").count() == page.locator("section.day table").count() == 2
    finally:
        page.context.close()


def test_the_projector_shows_each_day_on_one_screen(browser: Browser, pages: dict[str, Path]) -> None:
    """The rule: every day's section is at most one 1920x1080 screen high and as wide."""
    page, errors = _open(browser, pages["projector"], "projector")
    try:
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= found["client"] == 1920, found
        assert page.evaluate(CUT_OFF) == []
        days = page.locator("section.day")
        assert days.count() == 2
        for index in range(days.count()):
            day = days.nth(index)
            day.scroll_into_view_if_needed()
            box = day.bounding_box()
            assert box is not None and box["height"] <= 1080, box
            shot = artifacts() / f"agenda-projector-day-{index + 1}.png"
            shot.unlink(missing_ok=True)
            day.screenshot(path=str(shot))
        # Day 1 at 10:45: one row is current, high enough to read from the back.
        current = page.locator('tr[aria-current="true"]')
        assert current.count() == 1
        assert "Praxisbeispiele aus Kommunalverwaltungen" in current.inner_text()
        time_size = float(current.locator("td.time").evaluate("e => getComputedStyle(e).fontSize")[:-2])
        assert time_size >= 30, time_size
        background = current.locator("td.session").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        assert errors == []
    finally:
        page.context.close()


#: Every violation of the page's Content-Security-Policy, recorded before the page's own content runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def _written(folder: Path, name: str) -> Path:
    """The status page, or the report as the command writes it (with the logo and photos)."""
    from typer.testing import CliRunner

    from strategy_kit.cli import app

    page = folder / f"{name}.html"
    if name == "status":
        argv = ["status", str(EXAMPLES / "strategy-repo"), "--today", "2027-01-15"]
    else:
        argv = ["report", str(EXAMPLES / "telgte.yaml")]
    result = CliRunner().invoke(app, [*argv, "-f", "html", "-o", str(page)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return page


def _violations(browser: Browser, page_file: Path) -> tuple[list[str], list[str]]:
    page, errors = _open_recording(browser, page_file)
    try:
        found: list[str] = page.evaluate("window.__violations")
        return found, errors
    finally:
        page.context.close()


def _open_recording(browser: Browser, page_file: Path) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page, errors


@pytest.mark.parametrize("name", ["agenda", "handout", "projector", "report", "status"])
def test_no_document_breaks_its_content_security_policy(
    browser: Browser, pages: dict[str, Path], name: str, tmp_path: Path
) -> None:
    """The policy holds every document's own styles, charts and pictures: nothing is refused."""
    page_file = _written(tmp_path, name) if name in ("status", "report") else pages[name]
    text = page_file.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in text
    if name == "report":
        assert '<img src="data:image/png;base64,' in text and "<svg" in text  # photo and charts
    violations, errors = _violations(browser, page_file)
    assert violations == [] and errors == [], (violations, errors)


def test_the_policy_refuses_a_script_and_a_picture_from_elsewhere(
    browser: Browser, pages: dict[str, Path], tmp_path: Path
) -> None:
    """The check above can fail: what the policy forbids is refused and reported."""
    page = pages["report"].read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        page.replace(
            "</body>",
            '<img src="https://example.org/pixel.png" alt=""><script>document.title = "ran"</script></body>',
        ),
        encoding="utf-8",
    )
    violations, errors = _violations(browser, hostile)
    assert any(v.startswith("img-src https://example.org/pixel.png") for v in violations), violations
    assert any(v.startswith("script-src") for v in violations), violations
    assert any("Content Security Policy" in e for e in errors), errors
