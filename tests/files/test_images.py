"""Local images: confined to the workshop's folder, judged by content, sized from the header."""

from __future__ import annotations

import os
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy_kit.files.images import (
    HEAD_BYTES,
    JPEG,
    LOGO_MAX_BYTES,
    MAX_PIXELS,
    PHOTO_MAX_BYTES,
    PNG,
    SVG,
    ImageError,
    Kind,
    LocalImage,
    check_image,
    inspect,
    read_image,
)


def png(width: int = 2, height: int = 1) -> bytes:
    """A PNG whose header says ``width`` x ``height``; the pixels are one grey row per line."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"".join(b"\x00" + b"\x80" * min(width, 16) for _ in range(min(height, 16))))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def jpeg(width: int = 32, height: int = 16, exif: int = 0) -> bytes:
    """The segments a JPEG's header has: SOI, APP0 (JFIF), an optional large APP1, SOF0."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app1 = b"\xff\xe1" + struct.pack(">H", exif + 2) + b"\x00" * exif if exif else b""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + app1 + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" * 8 + b"\xff\xd9"


SVG_LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="10" height="10" fill="url(#g)"/></svg>'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "fotos").mkdir()
    (tmp_path / "fotos" / "pinnwand.jpg").write_bytes(jpeg())
    (tmp_path / "wappen.png").write_bytes(png(3, 4))
    (tmp_path / "wappen.svg").write_bytes(SVG_LOGO)
    return tmp_path


def test_a_photo_is_read_with_its_type_and_size_from_the_header(folder: Path) -> None:
    image = read_image("fotos/pinnwand.jpg", folder, "photo")
    assert (image.mime, image.width, image.height) == (JPEG, 32, 16)
    assert image.path == (folder / "fotos" / "pinnwand.jpg").resolve()
    assert image.data == jpeg() and image.size == len(jpeg())
    assert image.data_url().startswith("data:image/jpeg;base64,/9j/")


def test_a_logo_may_be_png_or_svg(folder: Path) -> None:
    assert (read_image("wappen.png", folder, "logo").mime, read_image("wappen.png", folder, "logo").width) == (PNG, 3)
    svg = read_image("./wappen.svg", folder, "logo")
    assert (svg.mime, svg.width, svg.height) == (SVG, 120, 80)


def test_the_segments_before_a_jpeg_frame_are_skipped() -> None:
    assert inspect(jpeg(640, 480, exif=60_000), "photo") == (JPEG, 640, 480)


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("https://www.telgte.de/wappen.png", "is a URL; images are never fetched"),
        ("data:image/png;base64,iVBORw0KGgo=", "is a URL"),
        ("file:///etc/passwd", "is a URL"),
        ("/etc/passwd", "is an absolute path"),
        ("C:\\Bilder\\wappen.png", "is an absolute path"),
        ("../nebenan.png", "lies outside this file's folder"),
        ("fotos/../../nebenan.png", "lies outside this file's folder"),
        ("fehlt.png", r"no such file \(the path is relative to this file\)"),
        ("fotos", "is not a regular file"),
        ("  ", "the path is empty"),
        ("fotos/a\x00.png", "no path a file can have"),
        ("fotos/\ud800.png", "no path a file can have"),
        ("a/" * 3000 + "b.png", "cannot read"),
    ],
)
def test_references_that_leave_the_folder_or_lead_nowhere_are_refused(folder: Path, reference: str, message: str) -> None:
    (folder.parent / "nebenan.png").write_bytes(png())
    with pytest.raises(ImageError, match=message):
        read_image(reference, folder, "photo")


def test_a_symbolic_link_out_of_the_folder_is_refused(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "geheim.png"
    outside.write_bytes(png())
    (folder / "fotos" / "link.png").symlink_to(outside)
    (folder / "fotos" / "ordner").symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(ImageError, match="outside this file's folder"):
        read_image("fotos/link.png", folder, "photo")
    with pytest.raises(ImageError, match="outside this file's folder"):
        read_image("fotos/ordner/geheim.png", folder, "photo")


def test_a_symbolic_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "fotos" / "auch.jpg").symlink_to(folder / "fotos" / "pinnwand.jpg")
    assert read_image("fotos/auch.jpg", folder, "photo").path == (folder / "fotos" / "pinnwand.jpg").resolve()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(folder: Path) -> None:
    os.mkfifo(folder / "pipe.png")
    with pytest.raises(ImageError, match="not a regular file"):
        read_image("pipe.png", folder, "photo")


def test_files_over_the_size_limit_are_refused_before_they_are_read(folder: Path) -> None:
    (folder / "gross.png").write_bytes(png() + b"\x00" * LOGO_MAX_BYTES)
    with pytest.raises(ImageError, match=r"has 1\.0 MB; a logo may have at most 1 MB"):
        read_image("gross.png", folder, "logo")
    assert read_image("gross.png", folder, "photo").mime == PNG
    with (folder / "riesig.jpg").open("wb") as handle:
        handle.write(jpeg())
        handle.truncate(PHOTO_MAX_BYTES + 1)
    with pytest.raises(ImageError, match="a photo may have at most 10 MB"):
        read_image("riesig.jpg", folder, "photo")


def test_content_decides_not_the_suffix(folder: Path) -> None:
    (folder / "foto.jpg").write_bytes(png())
    assert read_image("foto.jpg", folder, "photo").mime == PNG
    (folder / "bild.png").write_bytes(b"GIF89a\x01\x00\x01\x00")
    with pytest.raises(ImageError, match="no PNG or JPEG image"):
        read_image("bild.png", folder, "photo")
    with pytest.raises(ImageError, match="no PNG or JPEG image"):
        read_image("wappen.svg", folder, "photo")


def test_a_png_claiming_ten_billion_pixels_is_refused_from_its_header_alone() -> None:
    bomb = png(100_000, 100_000)
    assert len(bomb) < 200
    started = time.process_time()
    with pytest.raises(ImageError, match="declares 100000 x 100000 pixels; at most 40 megapixels"):
        inspect(bomb, "photo")
    assert time.process_time() - started < 0.05


def test_the_pixel_limit_is_inclusive() -> None:
    assert inspect(png(8000, MAX_PIXELS // 8000), "photo")[1:] == (8000, 5000)
    with pytest.raises(ImageError, match="megapixels"):
        inspect(png(8000, MAX_PIXELS // 8000 + 1), "photo")
    with pytest.raises(ImageError, match="megapixels"):
        inspect(jpeg(65535, 65535), "photo")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "no header chunk"),
        (png(0, 5), "no pixel size"),
        (b"\xff\xd8\xff", "declares no frame"),
        (b"\xff\xd8\xff\xe0\x00\x01", "impossible length"),
        (b"\xff\xd8\xff\xe0\x00\x04\x00\x00\x12", "does not start with a marker"),
        (jpeg()[:24], "declares no frame"),
    ],
)
def test_broken_headers_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        inspect(data, "photo")


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (b'<!DOCTYPE svg [<!ENTITY x "x">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "document type or entities"),
        (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>', "DOCTYPE"),
        (b"<html><body/></html>", "no <svg> root"),
        (b'<svg xmlns="urn:other"/>', "no <svg> root"),
        (b"<svg><g>", "no well-formed SVG"),
        (b"<svg><script>alert(1)</script></svg>", "holds a <script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg"/></svg>', "<script>"),
        (b'<svg onload="alert(1)"/>', r"event handler \(onload=...\) on <svg>"),
        (b'<svg><rect ONCLICK="x"/></svg>', "event handler"),
        (b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://x.example/a.png"/></svg>', "refers to 'https://x.example/a.png' outside itself"),
        (b'<svg><image href="wappen.png"/></svg>', "refers to 'wappen.png'"),
        (b'<svg><use href="other.svg#a"/></svg>', "outside itself"),
        (b'<svg><rect fill="url(https://x.example/p)"/></svg>', "outside itself in <rect>"),
        (b'<svg><rect style="fill: url( \'//x.example/p\' )"/></svg>', "outside itself"),
        (b"<svg><style>@import 'x.css';</style></svg>", "@import"),
        (b"<svg><style>rect { background: url(x.png) }</style></svg>", "outside itself in <style>"),
        (b'<?xml-stylesheet href="https://x.example/s.css"?><svg/>', "xml-stylesheet"),
        (b'<?xml version="1.0" encoding="nonsense"?><svg/>', "no well-formed SVG"),
    ],
)
def test_svg_logos_that_could_reach_out_or_run_are_refused(svg: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        inspect(svg, "logo")


def test_svg_references_inside_the_file_pass() -> None:
    svg = (
        b'\xef\xbb\xbf<?xml version="1.0" encoding="UTF-8"?>\n<!-- Wappen -->\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100px">'
        b'<defs><linearGradient id="g"/></defs><use xlink:href="#g"/>'
        b'<image href="data:image/png;base64,iVBORw0KGgo="/><style>rect { fill: url(#g) }</style></svg>'
    )
    assert inspect(svg, "logo") == (SVG, 200, 100)
    assert inspect(b"<svg/>", "logo") == (SVG, None, None)


def judged(data: bytes, kind: Kind) -> str:
    """What :func:`inspect` says of ``data``: a sound result or its own error, nothing else."""
    try:
        mime, width, height = inspect(data, kind)
    except ImageError as exc:
        assert str(exc)
        return "refused"
    assert mime in ((PNG, JPEG, SVG) if kind == "logo" else (PNG, JPEG))
    if mime != SVG:
        assert width is not None and height is not None and 0 < width * height <= MAX_PIXELS
    return mime


@settings(max_examples=300)
@given(st.binary(max_size=300), st.sampled_from(["logo", "photo"]))
def test_arbitrary_bytes_are_an_image_or_an_image_error(data: bytes, kind: Kind) -> None:
    judged(data, kind)


PREFIXES = [b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", b"\xff\xd8\xff", b"<svg ", b'<?xml version="1.0"?><svg>']


@settings(max_examples=300)
@given(st.sampled_from(PREFIXES), st.binary(max_size=300))
def test_arbitrary_bytes_after_a_signature_are_an_image_or_an_image_error(prefix: bytes, rest: bytes) -> None:
    judged(prefix + rest, "logo")


def test_the_property_helper_tells_images_from_refusals() -> None:
    assert [judged(png(), "photo"), judged(SVG_LOGO, "photo"), judged(SVG_LOGO, "logo")] == [PNG, "refused", SVG]


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_text_as_a_path_is_read_inside_the_folder_or_refused(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.getbasetemp() / "paths"
    folder.mkdir(exist_ok=True)
    try:
        image = read_image(text, folder, "photo")
    except ImageError as exc:
        assert str(exc)
    else:  # pragma: no cover - the folder holds no image
        raise AssertionError(f"{text!r} read as {image.path}")


def verdict(reference: str, folder: Path, kind: Kind, read: Callable[[str, Path, Kind], object]) -> object:
    try:
        found = read(reference, folder, kind)
    except ImageError as exc:
        return str(exc)
    return (found.mime, found.width, found.height) if isinstance(found, LocalImage) else found


def test_check_image_reads_a_jpeg_with_a_long_preamble_to_its_frame(folder: Path) -> None:
    short = jpeg(800, 600, exif=65_000)
    start, end = 20, 20 + 4 + 65_000  # SOI and APP0, then the Exif segment (marker, length, body)
    assert short[start : start + 2] == b"\xff\xe1"
    long = short[:start] + short[start:end] * 5 + short[end:]  # five Exif segments: past the first read
    assert long.index(b"\xff\xc0") > HEAD_BYTES
    (folder / "lang.jpg").write_bytes(long)
    assert check_image("lang.jpg", folder, "photo") == (JPEG, 800, 600)
    assert verdict("lang.jpg", folder, "photo", read_image) == (JPEG, 800, 600)


@settings(max_examples=200)
@given(st.sampled_from([*PREFIXES, b""]), st.binary(max_size=200), st.integers(0, 2), st.sampled_from(["logo", "photo"]))
def test_check_image_and_read_image_always_agree(
    tmp_path_factory: pytest.TempPathFactory, prefix: bytes, rest: bytes, padding: int, kind: Kind
) -> None:
    folder = tmp_path_factory.getbasetemp() / "agree"
    folder.mkdir(exist_ok=True)
    (folder / "bild").write_bytes(prefix + rest + b"\x00" * (padding * HEAD_BYTES // 2))
    assert verdict("bild", folder, kind, check_image) == verdict("bild", folder, kind, read_image)


def test_check_image_reads_a_photos_header_not_its_megabytes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "gross.jpg").write_bytes(jpeg(4000, 3000) + b"\x00" * (5 * 1024 * 1024))
    read: list[int] = []
    original = os.read

    def counting(descriptor: int, size: int) -> bytes:
        chunk = original(descriptor, size)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting)
    assert check_image("fotos/../gross.jpg", folder, "photo") == (JPEG, 4000, 3000)
    assert sum(read) == HEAD_BYTES
    read.clear()
    assert read_image("gross.jpg", folder, "photo").size == sum(read) > 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("size", "why"),
    [('width="100000000" height="100000000"', "at most 40 megapixels"), ('width="10" height="1000"', "times as long")],
)
def test_an_svg_logo_declaring_a_huge_or_sliver_size_is_refused(tmp_path: Path, size: str, why: str) -> None:
    """A renderer draws an SVG at the size it declares: Word's picture of it would need gigabytes."""
    (tmp_path / "logo.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {size}><rect/></svg>', encoding="utf-8")
    with pytest.raises(ImageError, match=why):
        read_image("logo.svg", tmp_path, "logo")
