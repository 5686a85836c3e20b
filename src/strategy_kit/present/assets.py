"""What a report shows from outside its document: the date it stands at, the logo, the photos.

The report's context (:mod:`strategy_kit.present.report`) opens no file: the
command reads the images and the file's date here, once, and hands them in as
a :class:`Frame` of bytes. :func:`read_image` is the one place that reads an
image from disk; :func:`as_of` the one answer to "which date is on the cover".
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from strategy_kit.document.model import WorkshopDocument

@dataclass(frozen=True)
class Image:
    """An image's bytes and its media type (``image/png``, ``image/jpeg``, ``image/svg+xml``)."""

    data: bytes
    mime: str
    #: The pixel size the file declares (an SVG may declare none).
    width: int | None = None
    height: int | None = None

    @property
    def url(self) -> str:
        """A ``data:`` URL: HTML and PDF carry the image inside, nothing is fetched."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Frame:
    """The report's outside facts: its date (Stand), the logo, the photos by their ``file`` as written.

    A photo or logo that could not be read is missing from the mapping (or None)
    and left out of the report.
    """

    date: dt.date
    logo: Image | None = None
    photos: Mapping[str, Image] = field(default_factory=dict)


def read_image(base: Path, relative: str, kind: Literal["logo", "photo"] = "photo") -> Image | None:
    """The image ``relative`` to the folder ``base`` as ``check`` judges it; None when it cannot be used.

    The one reading is :func:`strategy_kit.files.images.read_image` (confined to
    the folder, size and pixel limits, content sniffed, SVG without external
    references); what it refuses, ``check`` reports, and the report leaves out.
    """
    from strategy_kit.files.images import ImageError
    from strategy_kit.files.images import read_image as read_local

    try:
        image = read_local(relative, base, kind)
    except ImageError:
        return None
    return Image(image.data, image.mime, image.width, image.height)


def as_of(document: WorkshopDocument, path: Path | None = None) -> dt.date:
    """The report's date (Stand): ``report.document.date``, else the file's last commit, else today.

    Today is ``SOURCE_DATE_EPOCH``'s day when it is set (reproducible files). The
    commit is looked up only for a ``path`` inside a git repository.
    """
    info = document.report.document if document.report else None
    if info is not None and info.date is not None:
        return info.date
    if path is not None:
        from strategy_kit.files.gitio import GitError, last_commit_date

        try:
            committed = last_commit_date(path)
        except GitError:
            committed = None
        if committed is not None:
            return committed
    from strategy_kit.present.agenda import build_time

    return build_time().date()


def load_frame(document: WorkshopDocument, path: Path) -> Frame:
    """Read the date, logo and photos of the workshop file at ``path`` (images relative to it)."""
    base = path.parent
    logo = document.municipality.logo
    photos: dict[str, Image] = {}
    for day in document.days:
        for block in day.blocks:
            for photo in [*block.photos, *(p for s in block.sessions for p in s.photos)]:
                if photo.file not in photos:
                    image = read_image(base, photo.file)
                    if image is not None:
                        photos[photo.file] = image
    return Frame(
        date=as_of(document, path),
        logo=read_image(base, logo, "logo") if logo else None,
        photos=photos,
    )
