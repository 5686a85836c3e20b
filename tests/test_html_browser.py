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
from strategy_kit.present.agenda import Options, render_html
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
        assert charts.count() == 2  # maturity per field, impact-effort matrix
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
