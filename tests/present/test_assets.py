"""The report's outside facts: the date it stands at, images read safely beside the file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from tests.gitrepo import Repo, needs_git

from strategy_kit.check.validate import load_document
from strategy_kit.document.model import WorkshopDocument
from strategy_kit.present.assets import as_of, load_frame, read_image


def _encoded(kind: str) -> bytes:
    """A real 4x3 image in ``kind`` (PNG, JPEG), as a camera or a scanner writes one."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, kind)
    return out.getvalue()


PNG = _encoded("PNG")
MINIMAL = """\
version: 1
municipality: {name: Gemeinde Musterhausen, state: Bayern}
workshop: {title: Auftakt, organiser: Gemeinde Musterhausen, goal: Eine Richtung finden.}
"""


def _load(path: Path) -> WorkshopDocument:
    document = load_document(path).document
    assert document is not None
    return document


def test_read_image_reads_what_check_accepts(tmp_path: Path) -> None:
    """PNG and JPEG photos, an SVG logo; the rest (an SVG photo, bytes of no image) is left out."""
    (tmp_path / "a.png").write_bytes(PNG)
    (tmp_path / "b.jpg").write_bytes(_encoded("JPEG"))
    (tmp_path / "c.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (tmp_path / "d.png").write_text("not an image", encoding="utf-8")
    kinds = {name: read_image(tmp_path, name) for name in ("a.png", "b.jpg", "c.svg", "d.png")}
    assert {name: image.mime if image else None for name, image in kinds.items()} == {
        "a.png": "image/png",
        "b.jpg": "image/jpeg",
        "c.svg": None,  # a photo is a PNG or a JPEG
        "d.png": None,
    }
    logo = read_image(tmp_path, "c.svg", "logo")
    assert logo is not None and logo.mime == "image/svg+xml"
    image = kinds["a.png"]
    assert image is not None and image.url.startswith("data:image/png;base64,iVBORw0KGgo")


def test_read_image_stays_inside_the_files_folder(tmp_path: Path) -> None:
    inside = tmp_path / "workshop"
    inside.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    (inside / "ok.png").write_bytes(PNG)
    assert read_image(inside, "ok.png") is not None
    assert read_image(inside, "../secret.png") is None
    assert read_image(inside, str(tmp_path / "secret.png")) is None
    assert read_image(inside, "missing.png") is None
    (inside / "link.png").symlink_to(tmp_path / "secret.png")
    assert read_image(inside, "link.png") is None


def test_as_of_prefers_the_written_date(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(MINIMAL + "report: {document: {date: 2019-03-29}}\n", encoding="utf-8")
    assert as_of(_load(path), path) == dt.date(2019, 3, 29)


def test_as_of_is_today_or_source_date_epoch_outside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1551744000")  # 2019-03-05 00:00 UTC
    assert as_of(_load(path), path) == dt.date(2019, 3, 5)


@needs_git
def test_as_of_is_the_files_last_commit_in_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path, monkeypatch)
    path = tmp_path / "w.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    repo.commit("workshop", "2019-06-12")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1551744000")
    assert as_of(_load(path), path) == dt.date(2019, 6, 12)


def test_load_frame_reads_the_logo_and_photos_beside_the_file(
    examples: Path, tmp_path: Path
) -> None:
    shutil.copytree(examples / "fotos", tmp_path / "fotos")
    path = tmp_path / "telgte.yaml"
    text = (examples / "telgte.yaml").read_text(encoding="utf-8")
    text = text.replace("  state: Nordrhein-Westfalen\n", "  state: Nordrhein-Westfalen\n  logo: fotos/flipchart-digitale-verwaltung.png\n", 1)
    path.write_text(text, encoding="utf-8")
    frame = load_frame(_load(path), path)
    assert frame.date == dt.date(2019, 3, 29)
    assert frame.logo is not None and frame.logo.mime == "image/png"
    assert list(frame.photos) == ["fotos/flipchart-digitale-verwaltung.png"]
