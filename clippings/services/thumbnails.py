"""Page-image thumbnails, made once with Pillow and kept beside the images in the media folder.

A thumbnail's name carries the image's version (name, size, modification time), so an image replaced
in the admin or on disk gets a new one. An image can break after ingest (a file replaced or truncated
on disk) or need more memory than the decode limit; the article page then shows the reason instead of
failing.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from clippings.services.images import BROKEN, THUMB_WIDTH, TOO_LARGE, TooLargeToDecode, image_version, make_thumbnail

THUMB_FOLDER = "thumbs"


@dataclass
class Thumbnail:
    name: str = ""  # in the media storage
    error: str = ""  # a reason code: image_missing, image_broken, image_too_large


def thumbnail_name(source, version: str) -> str:
    return f"{THUMB_FOLDER}/{source.pk}/{version}-{THUMB_WIDTH}.jpg"


def ensure_thumbnail(source) -> Thumbnail:
    """The page image's thumbnail, made now if the current image has none yet."""
    if not source.image:
        return Thumbnail(error="image_missing")
    try:
        name = thumbnail_name(source, image_version(source.image))
        if default_storage.exists(name):
            return Thumbnail(name=name)
        with source.image.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return Thumbnail(error="image_missing")
    try:
        jpeg = make_thumbnail(data)
    except (TooLargeToDecode, *TOO_LARGE):
        return Thumbnail(error="image_too_large")
    except BROKEN:
        return Thumbnail(error="image_broken")
    _remove_older(source, keep=name)
    # written under a temporary name, then renamed: a half-written thumbnail is never served
    temporary = default_storage.save(f"{THUMB_FOLDER}/{source.pk}/tmp-{os.getpid()}.jpg", ContentFile(jpeg))
    os.replace(default_storage.path(temporary), default_storage.path(name))
    return Thumbnail(name=name)


def _remove_older(source, keep: str) -> None:
    """Thumbnails of the source's earlier images (each source has a folder: listing is cheap)."""
    folder = f"{THUMB_FOLDER}/{source.pk}"
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        if f"{folder}/{file}" != keep and not file.startswith("tmp-"):  # another process's, being renamed
            try:
                default_storage.delete(f"{folder}/{file}")
            except OSError:
                pass
