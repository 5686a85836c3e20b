"""Local images of a workshop file: the logo on the cover and the photos of flipcharts.

A file names an image by a path relative to itself (``logo: wappen.png``,
``photos: [{file: fotos/pinnwand.jpg, ...}]``). This module is the one
reading of such a path: :func:`read_image` for every renderer that embeds the
image (a ``data:`` URL in HTML and PDF, a picture in Word), :func:`check_image`
for ``check``, which reaches the same verdict from a PNG's or JPEG's header
without reading a photo's megabytes; so what ``check`` passes is exactly what
a document shows. Both refuse

- a URL (``http:``, ``data:``, ``file:``, any ``scheme:``): nothing is fetched;
- an absolute path, and any path whose real location (symbolic links
  followed) lies outside the folder of the file that names it (workshop or
  strategy file) and its subfolders;
- a missing file, a directory or device, and a file over its size limit
  (:data:`LOGO_MAX_BYTES`, :data:`PHOTO_MAX_BYTES`);
- content that is not PNG or JPEG (photos) or PNG, JPEG or SVG (the logo),
  judged by the bytes, never by the suffix;
- a PNG or JPEG whose header declares more than :data:`MAX_PIXELS` pixels, read
  from the header alone (PNG's ``IHDR``, JPEG's start-of-frame), so a
  decompression bomb is refused before any decoder sees it;
- an SVG that does not parse with defusedxml (no ``DOCTYPE``, no entities),
  has no ``<svg>`` root, or holds a script, an event handler (``on*``), or a
  reference outside itself (``href``/``src``/``url(...)`` not starting with
  ``#`` or ``data:``, ``@import``, an ``xml-stylesheet``).

Everything wrong raises :class:`ImageError`, whose message completes
``file:line:col: error: municipality.logo: ...``; nothing else escapes.
"""

from __future__ import annotations

import base64
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.etree.ElementTree import ParseError

#: The largest logo file: a coat of arms is a few kilobytes as SVG, some hundred as PNG.
LOGO_MAX_BYTES = 1024 * 1024
#: The largest photo file: a phone's 12-megapixel JPEG of a pin board is 3 to 6 MB.
PHOTO_MAX_BYTES = 10 * 1024 * 1024
#: The most pixels a PNG or JPEG may declare: a 40-megapixel image decodes to 160 MB
#: of RGBA; more is no photo of a flipchart but a decompression bomb.
MAX_PIXELS = 40_000_000
#: How much longer than wide (or wider than high) an SVG logo may declare itself.
MAX_ASPECT = 20

Kind = Literal["logo", "photo"]
PNG = "image/png"
JPEG = "image/jpeg"
SVG = "image/svg+xml"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
#: JPEG start-of-frame markers (ITU T.81, B.1.1.3): every SOFn but DHT (C4), JPG (C8) and DAC (CC).
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
#: JPEG markers without a length: TEM and the restart markers RST0-7.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
#: ``scheme:`` at the start of a path: a URL (RFC 3986, 3.1); one letter is a Windows drive.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: ``url(...)`` in CSS, in a ``style`` attribute, a ``<style>`` element or a presentation attribute.
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]*)\1\s*\)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]*)?)\s*(?:px)?\s*$")


class ImageError(ValueError):
    """An image reference or file that cannot be used; the message says why and what to do."""


class MissingImage(ImageError):
    """The file is not there (yet): the photos may live on another machine than the YAML."""


@dataclass(frozen=True)
class LocalImage:
    """An image as read and judged: what a renderer embeds.

    ``path`` is the real path (links followed); ``mime`` one of ``image/png``,
    ``image/jpeg``, ``image/svg+xml``; ``width`` and ``height`` in pixels (for
    an SVG its ``viewBox`` or ``width``/``height`` in user units, ``None`` when
    it declares neither); ``data`` the file's bytes, read once.
    """

    path: Path
    mime: str
    width: int | None
    height: int | None
    data: bytes

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return len(self.data)

    def data_url(self) -> str:
        """The image as a ``data:`` URL, for HTML and PDF: the document needs no other file."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def limit(kind: Kind) -> int:
    """The largest file of ``kind`` in bytes."""
    return LOGO_MAX_BYTES if kind == "logo" else PHOTO_MAX_BYTES


def resolve(reference: str, folder: Path) -> Path:
    """The real path of ``reference`` relative to ``folder``; refuse URLs, absolute paths, escapes.

    ``folder`` is the folder of the file that names the image. Raises :class:`ImageError`.
    """
    text = reference.strip()
    if not text:
        raise ImageError("the path is empty; name a file in this file's folder")
    scheme = _SCHEME.match(text)
    if scheme and len(scheme.group(1)) > 1:
        raise ImageError(
            f"{text!r} is a URL; images are never fetched: put the file in this file's folder "
            "and write its path relative to it"
        )
    if scheme or text.startswith(("/", "\\")) or Path(text).is_absolute():
        raise ImageError(f"{text!r} is an absolute path; write the path relative to this file")
    try:  # a NUL or a lone surrogate is no path the system can name
        base = Path(os.path.realpath(folder))
        target = Path(os.path.realpath(base / text))
    except (ValueError, OSError):
        raise ImageError(f"{text!r} is no path a file can have") from None
    if not target.is_relative_to(base):
        raise ImageError(
            f"{text!r} lies outside this file's folder (links followed); "
            "keep images in that folder or below it"
        )
    return target


def read_image(reference: str, folder: Path, kind: Kind) -> LocalImage:
    """Read and judge the image ``reference`` (relative to ``folder``) as a ``kind``: for a renderer.

    Reads at most the size limit plus one byte; raises :class:`ImageError`.
    """
    path, data = _read(reference, folder, kind, whole=True)
    mime, width, height = inspect(data, kind)
    return LocalImage(path, mime, width, height, data)


def check_image(reference: str, folder: Path, kind: Kind) -> tuple[str, int | None, int | None]:
    """Judge the image as :func:`read_image` does, reading a PNG's or JPEG's header only: for ``check``.

    Returns what :func:`inspect` returns; raises :class:`ImageError` exactly
    when :func:`read_image` would. A PNG's or JPEG's size lies in its first
    :data:`HEAD_BYTES`; when it does not (a JPEG with a long preamble), or the
    file is something else, the whole file is read and judged.
    """
    _, head = _read(reference, folder, kind, whole=False)
    if head.startswith((_PNG_SIGNATURE, _JPEG_SIGNATURE)):
        try:
            return inspect(head, kind)
        except ImageError:
            pass  # judged again on every byte: the verdict is read_image's
    _, data = _read(reference, folder, kind, whole=True)
    return inspect(data, kind)


#: What :func:`check_image` reads first: a PNG's header is in its first 33 bytes, a JPEG's
#: frame follows its metadata segments (Exif at most 64 KB each, usually one or two).
HEAD_BYTES = 256 * 1024


def _read(reference: str, folder: Path, kind: Kind, *, whole: bool) -> tuple[Path, bytes]:
    """The real path and the bytes of the file (``whole``) or its first :data:`HEAD_BYTES`."""
    path = resolve(reference, folder)
    most = limit(kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise MissingImage(f"{reference.strip()!r}: no such file (the path is relative to this file)") from None
    except OSError as exc:
        raise ImageError(f"{reference.strip()!r}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # a directory, a named pipe, a device
            raise ImageError(f"{reference.strip()!r} is not a regular file")
        if info.st_size > most:
            raise ImageError(_too_large(reference, info.st_size, kind))
        wanted = most + 1 if whole else HEAD_BYTES
        chunks: list[bytes] = []
        got = 0
        while got < wanted and (chunk := os.read(descriptor, wanted - got)):
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise ImageError(f"{reference.strip()!r}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > most:
        raise ImageError(_too_large(reference, len(data), kind))
    return path, data


def _too_large(reference: str, size: int, kind: Kind) -> str:
    return (
        f"{reference.strip()!r} has {size / 1024 / 1024:.1f} MB; a {kind} may have at most "
        f"{limit(kind) // 1024 // 1024} MB"
    )


def inspect(data: bytes, kind: Kind) -> tuple[str, int | None, int | None]:
    """The MIME type and pixel size of ``data`` as a ``kind``, judged by content alone.

    Raises :class:`ImageError` for anything else: another format, a broken
    header, more than :data:`MAX_PIXELS` pixels, an SVG that could reach out.
    """
    if data.startswith(_PNG_SIGNATURE):
        width, height = _png_size(data)
        return PNG, *_pixels(width, height)
    if data.startswith(_JPEG_SIGNATURE):
        width, height = _jpeg_size(data)
        return JPEG, *_pixels(width, height)
    if kind == "logo" and _looks_like_xml(data):
        width_, height_ = _svg_size(data)
        if width_ and height_:
            # The size an SVG declares is what a renderer draws it at: the same limit as a
            # photo's pixels, and no sliver a thousand times longer than wide.
            _pixels(width_, height_)
            if max(width_, height_) > MAX_ASPECT * min(width_, height_):
                raise ImageError(
                    f"the SVG declares {width_} x {height_}: more than {MAX_ASPECT} times as long as it is wide; "
                    "a logo that shape cannot be shown"
                )
        return SVG, width_, height_
    wanted = "PNG, JPEG or SVG" if kind == "logo" else "PNG or JPEG"
    raise ImageError(f"the file's content is no {wanted} image (judged by its bytes, not its name)")


def _pixels(width: int, height: int) -> tuple[int, int]:
    if width == 0 or height == 0:
        raise ImageError("the image declares no pixel size")
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"the image declares {width} x {height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels "
            "are allowed: scale it down"
        )
    return width, height


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the ``IHDR`` chunk, which must come first (PNG 5.6, 11.2.2)."""
    if len(data) < 33 or data[12:16] != b"IHDR" or int.from_bytes(data[8:12], "big") != 13:
        raise ImageError("the PNG file is broken: it has no header chunk (IHDR) where it must be")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment (ITU T.81, B.2.2)."""
    position = 2
    end = len(data)
    while position < end:
        if data[position] != 0xFF:
            raise ImageError("the JPEG file is broken: a segment does not start with a marker")
        while position < end and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= end:
            break
        marker = data[position]
        position += 1
        if marker in _STANDALONE:
            continue
        if marker in (0xD8, 0xD9, 0xDA):  # another start, the end, or image data before a frame
            break
        if position + 2 > end:
            break
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            raise ImageError("the JPEG file is broken: a segment has an impossible length")
        if marker in _SOF:
            if length < 7 or position + 7 > end:
                break
            height = int.from_bytes(data[position + 3 : position + 5], "big")
            width = int.from_bytes(data[position + 5 : position + 7], "big")
            return width, height
        position += length
    raise ImageError("the JPEG file is broken: it declares no frame with a pixel size")


def _looks_like_xml(data: bytes) -> bool:
    """An SVG is XML text: its first non-blank character is ``<`` (after a UTF-8 byte order mark)."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _svg_size(data: bytes) -> tuple[int | None, int | None]:
    """Parse an SVG safely, refuse what could reach out or run, and read its size."""
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    if re.search(rb"<\?xml-stylesheet", data, re.IGNORECASE):
        raise ImageError("the SVG links a style sheet (xml-stylesheet); an image must be self-contained")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImageError("the SVG declares a document type or entities; save it without a DOCTYPE") from None
    except (ParseError, ValueError, LookupError, RecursionError) as exc:
        raise ImageError(f"the file is neither PNG nor JPEG and no well-formed SVG ({exc})") from None
    if _local(root.tag) != "svg" or _namespace(root.tag) not in ("", _SVG_NAMESPACE):
        raise ImageError("the file is neither PNG nor JPEG and its XML has no <svg> root")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        if name == "script":
            raise ImageError("the SVG holds a <script>; an image on a cover must not run code")
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local.lower().startswith("on"):
                raise ImageError(f"the SVG has an event handler ({local}=...) on <{name}>; remove it")
            if local in ("href", "src") and not _inside(value):
                raise ImageError(f"the SVG refers to {value.strip()[:60]!r} outside itself; embed it or remove it")
            _css(value, name, imports=local == "style")
        if name == "style" and element.text:
            _css(element.text, name, imports=True)
    return _svg_dimensions(root.attrib)


def _css(text: str, element: str, *, imports: bool) -> None:
    """``url(...)`` pointing outside the SVG, or ``@import`` in a style sheet: a reference that reaches out."""
    if imports and "@import" in text.lower():
        raise ImageError(f"the SVG imports a style sheet (@import) in <{element}>; an image must be self-contained")
    for match in _CSS_URL.finditer(text):
        if not _inside(match.group(2)):
            raise ImageError(
                f"the SVG refers to {match.group(2).strip()[:60]!r} outside itself in <{element}>; embed it or remove it"
            )


def _inside(value: str) -> bool:
    """A reference that stays in the file: a fragment (``#id``) or a ``data:`` URL."""
    text = value.strip()
    return text.startswith("#") or text[:5].lower() == "data:"


def _svg_dimensions(attrib: dict[str, str]) -> tuple[int | None, int | None]:
    view_box = attrib.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            pass
        else:
            if 0 < width < 1e9 and 0 < height < 1e9:
                return round(width), round(height)
    sizes = [_NUMBER.match(attrib.get(key, "")) for key in ("width", "height")]
    if sizes[0] and sizes[1]:
        width, height = float(sizes[0].group(1)), float(sizes[1].group(1))
        if 0 < width < 1e9 and 0 < height < 1e9:
            return round(width), round(height)
    return None, None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""
