"""Page-image thumbnails, made once with Pillow and kept beside the images in the media folder.

An image can break after ingest (a file replaced or truncated on disk) or be larger than the pixel
limit; the article page then shows the reason instead of failing.
"""
from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

THUMB_WIDTH = 480
THUMB_FOLDER = "thumbs"


@dataclass
class Thumbnail:
    name: str = ""  # in the media storage
    error: str = ""  # a reason code: image_missing, image_broken, image_too_large


def thumbnail_name(source) -> str:
    return f"{THUMB_FOLDER}/{source.pk}-{THUMB_WIDTH}.jpg"


def ensure_thumbnail(source) -> Thumbnail:
    """The page image's thumbnail, made now if it does not exist yet."""
    if not source.image:
        return Thumbnail(error="image_missing")
    name = thumbnail_name(source)
    if default_storage.exists(name):
        return Thumbnail(name=name)
    try:
        with source.image.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return Thumbnail(error="image_missing")
    Image.MAX_IMAGE_PIXELS = settings.DEVNEWS_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (THUMB_WIDTH, THUMB_WIDTH * 4))  # JPEG: decode at a reduced size
                image = image.convert("RGB")
                image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 4))
                out = io.BytesIO()
                image.save(out, "JPEG", quality=82, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Thumbnail(error="image_too_large")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Thumbnail(error="image_broken")
    # written under a temporary name, then renamed: a half-written thumbnail is never served
    temporary = default_storage.save(f"{THUMB_FOLDER}/tmp-{source.pk}-{os.getpid()}.jpg", ContentFile(out.getvalue()))
    os.replace(default_storage.path(temporary), default_storage.path(name))
    return Thumbnail(name=name)
