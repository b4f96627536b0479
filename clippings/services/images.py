"""Page images: the one check every image passes before it is stored (the ingest command, the admin
upload, the admin's source form), the content type a stored image is served with, and thumbnails.

Only raster formats a browser shows as an image are accepted (JPEG, PNG, TIFF): anything else — SVG,
HTML, a file with an image's name — would be served from the archive's own origin, where a script in
it runs with the rights of whoever opens it. Decoding is bounded: an image is decoded whole only up to
``DEVNEWS_MAX_DECODE_PIXELS`` (JPEGs at a reduced scale first), because a small compressed file can
hold hundreds of megapixels (a 196-megapixel PNG of 600 KB needs 1.6 GB to be thumbnailed whole).
"""
from __future__ import annotations

import hashlib
import io
import os
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image, UnidentifiedImageError

# Pillow format -> (content type it is served with, the suffixes it is stored under; the first is the default)
FORMATS = {
    "JPEG": ("image/jpeg", (".jpg", ".jpeg")),
    "PNG": ("image/png", (".png",)),
    "TIFF": ("image/tiff", (".tif", ".tiff")),
}
THUMB_WIDTH = 480
THUMB_BOX = (THUMB_WIDTH, THUMB_WIDTH * 4)
# what a damaged file makes Pillow raise
BROKEN = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)
TOO_LARGE = (Image.DecompressionBombError, Image.DecompressionBombWarning)


@dataclass
class ImageCheck:
    data: bytes | None = None
    suffix: str = ""
    width: int | None = None
    height: int | None = None
    error: str = ""  # a reason code: image_broken, image_too_large
    content_type: str = ""


class TooLargeToDecode(Exception):
    """More pixels than ``DEVNEWS_MAX_DECODE_PIXELS`` would have to be decoded at once."""


@contextmanager
def _opened(data):
    """The image opened by Pillow with the archive's pixel limit, only as one of ``FORMATS``
    (so an SVG or HTML file is never even handed to another plugin)."""
    Image.MAX_IMAGE_PIXELS = settings.DEVNEWS_MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        source = io.BytesIO(data) if isinstance(data, bytes) else data
        with Image.open(source, formats=list(FORMATS)) as image:
            yield image


def _decode_bounded(image) -> Image.Image:
    """Decode the image at the smallest scale a thumbnail needs (JPEG's draft mode decodes at 1/2, 1/4
    or 1/8), refusing when more than the decode limit would be held in memory."""
    scale = min(THUMB_BOX[0] / image.width, THUMB_BOX[1] / image.height, 1.0)  # the thumbnail's own size
    image.draft("RGB", (max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    if image.width * image.height > settings.DEVNEWS_MAX_DECODE_PIXELS:
        raise TooLargeToDecode
    image.load()
    return image


def check_image(data: bytes, suffix: str) -> ImageCheck:
    """Verify a page image with Pillow: an allowed format, within the size and pixel limits, not
    damaged. A failing one is reported (``error``) and must never be stored."""
    if len(data) > settings.DEVNEWS_MAX_IMAGE_BYTES:
        return ImageCheck(error="image_too_large", suffix=suffix)
    try:
        with _opened(data) as image:
            image_format = image.format
            image.verify()
        with _opened(data) as image:
            width, height = image.size
            try:
                _decode_bounded(image)  # a truncated file fails here, not on the article page
            except TooLargeToDecode:
                pass  # verified above; decoding it whole is what the limit prevents
    except TOO_LARGE:
        return ImageCheck(error="image_too_large", suffix=suffix)
    except BROKEN:
        return ImageCheck(error="image_broken", suffix=suffix)
    content_type, suffixes = FORMATS[image_format]
    stored_suffix = suffix.lower() if suffix.lower() in suffixes else suffixes[0]
    return ImageCheck(data=data, suffix=stored_suffix, width=width, height=height, content_type=content_type)


def check_upload(upload) -> ImageCheck:
    """``check_image`` for an uploaded file: the size is checked before the file is read."""
    suffix = Path(upload.name).suffix
    if upload.size > settings.DEVNEWS_MAX_IMAGE_BYTES:
        return ImageCheck(error="image_too_large", suffix=suffix)
    return check_image(upload.read(), suffix)


def served_content_type(field_file) -> str | None:
    """The content type of a stored page image as Pillow reads it, or None when the file is not one of
    the allowed formats (then it must not be served inline). Reads the header only."""
    try:
        with field_file.open("rb") as handle, _opened(handle) as image:
            return FORMATS[image.format][0]
    except (*TOO_LARGE, *BROKEN):
        return None


def make_thumbnail(data: bytes) -> bytes:
    """A JPEG at most ``THUMB_WIDTH`` wide. Raises ``TooLargeToDecode``, the bomb errors or a broken-file error."""
    with _opened(data) as image:
        image = _decode_bounded(image)
        if image.mode not in ("RGB", "L"):
            image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
        image.thumbnail(THUMB_BOX, reducing_gap=3.0)  # box-reduces by whole factors first, then resamples
        out = io.BytesIO()
        image.save(out, "JPEG", quality=82, optimize=True)
        return out.getvalue()


def image_version(field_file) -> str:
    """A short key that changes whenever the stored image does (its name, size and modification time):
    a thumbnail is keyed by it, so a replaced image gets a new thumbnail."""
    stat = os.stat(field_file.path)
    return hashlib.sha1(f"{field_file.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:16]


def stored_suffix_name(name: str, check: ImageCheck) -> str:
    """An uploaded file's name with the suffix of the format it really is."""
    path = Path(name)
    return f"{path.stem or 'page'}{check.suffix}"
