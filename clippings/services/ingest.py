"""Ingest page files into the archive (writes).

One transaction per file: a page is stored with all its articles and captions, or not at
all. The same content (by SHA-256 of the decoded text) is recognised and skipped, so an
ingest can be repeated safely. Bad files are reported with a reason code and never stop
the other files.
"""
from __future__ import annotations

import csv
import json
import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import CharField, prefetch_related_objects

from clippings.history import machine_writes
from clippings.messages import reason
from clippings.models import Article, Caption, Source
from clippings.services.extract import Extractor, extract_articles
from clippings.services.images import ImageCheck, check_image
from clippings.services.splitahead import SplitPage
from clippings.text.decoding import PageFileError, decode_page
from clippings.text.pagefiles import is_page_name, read_regular_file
from clippings.text.pipeline import PIPELINE_VERSION, PageResult, process_page

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
MANIFEST_NAME = "manifest.csv"
MAX_SIDECAR_BYTES = 64 * 1024


class IngestError(PageFileError):
    """A page that cannot be ingested for a reason beyond its text (bad metadata)."""


@dataclass
class PageMeta:
    newspaper: str = ""
    issue_date: date | None = None
    page_label: str = ""

    def merged(self, other: PageMeta | None) -> PageMeta:
        """``other``'s values where it has them, ours otherwise."""
        if other is None:
            return self
        return PageMeta(
            newspaper=other.newspaper or self.newspaper,
            issue_date=other.issue_date or self.issue_date,
            page_label=other.page_label or self.page_label,
        )


@dataclass
class IngestResult:
    path: str
    status: str  # created | duplicate | failed
    source: Source | None = None
    articles: int = 0
    code: str = ""  # failure reason code
    detail: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, detail)
    page: PageResult | None = None

    def summary(self) -> IngestResult:
        """This result without the page's text and records, for keeping over a long batch (measured:
        an ingest of 100,000 articles held 2.5 GB of finished pages in its result list)."""
        return replace(self, page=None, source=None)


# ----------------------------------------------------------------- finding files
def find_page_files(paths: list[str | os.PathLike]) -> tuple[list[Path], list[Path]]:
    """Page files named or inside the given folders (recursively); and paths that do not exist."""
    found: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if is_page_name(name):
                        found.append(Path(root) / name)
        elif path.exists():  # named on its own: whatever it is, reading it says what is wrong with it
            found.append(path)
        else:
            missing.append(path)
    return found, missing


# ----------------------------------------------------------------- metadata
def _parse_date(value: str, code: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise IngestError(code, value) from exc


def read_sidecar(page: Path) -> PageMeta | None:
    """``page.json`` beside ``page.txt``: {"newspaper": …, "date": "YYYY-MM-DD", "page": …}."""
    sidecar = page.with_suffix(".json")
    if not sidecar.exists():
        return None
    try:
        data = json.loads(read_regular_file(sidecar, MAX_SIDECAR_BYTES).decode("utf-8-sig"))
    except PageFileError as exc:
        raise IngestError("bad_metadata", f"{sidecar.name}: {reason(exc.code, exc.detail)}") from exc
    except json.JSONDecodeError as exc:
        raise IngestError("sidecar_not_json", str(exc.lineno)) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise IngestError("sidecar_not_json") from exc
    if not isinstance(data, dict):
        raise IngestError("sidecar_not_object")
    return PageMeta(
        newspaper=str(data.get("newspaper", "")).strip(),
        issue_date=_parse_date(str(data.get("date", "") or ""), "sidecar_bad_date"),
        page_label=str(data.get("page", "")).strip(),
    )


def read_manifest(page: Path) -> PageMeta | None:
    """A row for the page in ``manifest.csv`` in its folder (columns file,newspaper,date,page)."""
    manifest = page.parent / MANIFEST_NAME
    try:
        stat = manifest.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    rows, error = _manifest_rows(str(manifest), stat.st_mtime_ns, stat.st_size)
    found = [rows[key] for key in (page.name, page.stem) if key in rows]
    if not found:
        if error:
            raise IngestError(error)
        return None
    _, row = min(found, key=lambda pair: pair[0])  # the first row naming the page
    return PageMeta(
        newspaper=(row.get("newspaper") or "").strip(),
        issue_date=_parse_date(row.get("date") or "", "manifest_bad_date"),
        page_label=(row.get("page") or "").strip(),
    )


@lru_cache(maxsize=8)
def _manifest_rows(path: str, mtime_ns: int, size: int) -> tuple[dict[str, tuple[int, dict]], str]:
    """A manifest's rows by file name, read once per version of the file (not once per page: a folder
    of 30,000 pages has a manifest of 30,000 rows); and the code of the error that stopped the reading."""
    rows: dict[str, tuple[int, dict]] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                rows.setdefault((row.get("file") or "").strip(), (number, row))
    except (csv.Error, UnicodeDecodeError):
        return rows, "manifest_unreadable"
    return rows, ""


def page_meta(page: Path, defaults: PageMeta | None = None) -> PageMeta:
    """Command-line defaults, overridden by the folder manifest, overridden by a sidecar."""
    meta = defaults or PageMeta()
    return meta.merged(read_manifest(page)).merged(read_sidecar(page))


# ----------------------------------------------------------------- page images
def find_image(page: Path) -> Path | None:
    """The page's image: a file of the same name with an image suffix (any case) beside it."""
    try:
        mtime = page.parent.stat().st_mtime_ns
    except OSError:
        return None
    for candidate in _images_by_stem(str(page.parent), mtime).get(page.stem, ()):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=8)
def _images_by_stem(folder: str, mtime_ns: int) -> dict[str, list[Path]]:
    """A folder's image files by name without suffix, listed once per change of the folder (a glob per
    page read the whole folder for each page: 22 ms a page in a folder of 30,000)."""
    images: dict[str, list[Path]] = defaultdict(list)
    with os.scandir(folder) as entries:
        for entry in entries:
            stem, dot, suffix = entry.name.rpartition(".")
            if dot and stem and f".{suffix.lower()}" in IMAGE_SUFFIXES:
                images[stem].append(Path(entry.path))
    for candidates in images.values():
        candidates.sort()
    return dict(images)


# ----------------------------------------------------------------- ingest
def ingest_path(
    path: Path,
    *,
    defaults: PageMeta | None = None,
    user=None,
    max_bytes: int | None = None,
    dry_run: bool = False,
    extractor: Extractor | None = None,
    split: SplitPage | None = None,
) -> IngestResult:
    """Ingest one page file from disk (with its sidecar metadata and page image); ``split``: the
    file's split made ahead by ``SplitAhead``, used if it matches the decoded text."""
    name = str(path)
    try:
        data = read_regular_file(path, max_bytes or settings.DEVNEWS_MAX_PAGE_BYTES)
        meta = page_meta(path, defaults)
    except PageFileError as exc:  # and IngestError
        return IngestResult(name, "failed", code=exc.code, detail=exc.detail)
    except OSError as exc:
        return IngestResult(name, "failed", code="unreadable", detail=exc.strerror or str(exc))
    image = None
    image_path = find_image(path)
    if image_path is not None:
        try:
            image = check_image(read_regular_file(image_path, settings.DEVNEWS_MAX_IMAGE_BYTES), image_path.suffix)
        except PageFileError as exc:
            image = ImageCheck(error="image_too_large" if exc.code == "too_large" else "image_broken",
                               suffix=image_path.suffix)
    return ingest_bytes(
        data,
        name=path.name,
        original_path=name,
        meta=meta,
        image=image,
        user=user,
        max_bytes=max_bytes,
        dry_run=dry_run,
        extractor=extractor,
        split=split,
    )


@machine_writes()
def ingest_bytes(
    data: bytes,
    *,
    name: str,
    original_path: str = "",
    meta: PageMeta | None = None,
    image: ImageCheck | None = None,
    user=None,
    max_bytes: int | None = None,
    dry_run: bool = False,
    extractor: Extractor | None = None,
    split: SplitPage | None = None,
) -> IngestResult:
    """Ingest one page given as bytes (the command line and uploads both end here).

    The new articles are linked to zones and enterprises in the same transaction; pass an
    ``Extractor`` to reuse one gazetteer for a batch."""
    label = original_path or name
    meta = meta or PageMeta()
    try:
        decoded = decode_page(data, max_bytes=max_bytes or settings.DEVNEWS_MAX_PAGE_BYTES)
    except PageFileError as exc:
        return IngestResult(label, "failed", code=exc.code, detail=exc.detail)
    notes = []
    if image is not None and image.error:
        notes.append((image.error, ""))
    existing = Source.objects.filter(sha256=decoded.sha256).first()
    complete = existing is not None and has_its_text(existing)
    if complete and not dry_run:
        return IngestResult(label, "duplicate", source=existing, warnings=notes)
    try:
        if split is not None and (split.sha256, split.issue_date) == (decoded.sha256, meta.issue_date):
            page = split.page
        else:
            page = process_page(decoded.text, issue_date=meta.issue_date)
    except Exception as exc:  # a bug in the pipeline must not stop a batch
        log.exception("splitting %s failed", label)
        return IngestResult(label, "failed", code="pipeline_error", detail=repr(exc))
    if not page.articles:
        return IngestResult(label, "failed", code="no_text", detail="")
    text = {"size_bytes": decoded.size, "encoding": decoded.encoding, "raw_text": decoded.text}
    if existing is not None:
        # the page's record is there without its text or articles (restored from a history that did not
        # keep the text, or its articles deleted): the file puts them back into that record
        source = existing
        for key, value in text.items():
            setattr(source, key, value)
    else:
        source = Source(
            original_name=name,
            original_path=original_path,
            sha256=decoded.sha256,
            newspaper=meta.newspaper,
            issue_date=meta.issue_date,
            page_label=meta.page_label,
            ingested_by=user if getattr(user, "pk", None) else None,
            **text,
        )
    too_long = overlong_values(source)
    if too_long:
        return IngestResult(label, "failed", code="bad_metadata", detail=too_long, warnings=notes)
    if dry_run:
        status = "duplicate" if complete else "created"
        return IngestResult(label, status, source=existing, articles=len(page.articles), page=page, warnings=notes)
    stored_image = None
    try:
        with transaction.atomic():
            if image is not None and not source.image:
                if image.data is not None:
                    stored_image = default_storage.save(
                        f"pages/{decoded.sha256[:2]}/{decoded.sha256}{image.suffix}", ContentFile(image.data)
                    )
                    source.image = stored_image
                    source.image_width, source.image_height = image.width, image.height
                else:
                    source.image_error = image.error
            store_split(source, page, extractor)
    except IntegrityError:
        _discard(stored_image)
        existing = Source.objects.filter(sha256=decoded.sha256).first()
        if existing is not None:  # another process stored the same page a moment ago
            return IngestResult(label, "duplicate", source=existing, warnings=notes)
        raise
    except BaseException:
        _discard(stored_image)
        raise
    return IngestResult(label, "created", source=source, articles=len(page.articles), page=page, warnings=notes)


def has_its_text(source: Source) -> bool:
    """Whether a stored page has its text and its articles (else a new ingest of it fills them in)."""
    return bool(source.raw_text) and source.articles.exists()


def store_split(source: Source, page: PageResult, extractor: Extractor | None = None) -> list[Article]:
    """Save the page with what its split made of it, and the articles (linked); in one transaction."""
    source.cleaned_text, source.furniture, source.cleaning_report = page.cleaned_text, page.furniture, page.report
    source.pipeline_version = PIPELINE_VERSION
    with transaction.atomic():
        source.save()
        articles = save_articles(source, page)
        extract_articles(articles, extractor or Extractor(), new=True)
    return articles


@machine_writes()
def restore_articles(source: Source) -> list[Article]:
    """Cut a page restored from its history into articles again, from its raw text (the history keeps
    the raw text, not what was made of it)."""
    if not source.raw_text or source.articles.exists():
        return []
    return store_split(source, process_page(source.raw_text, issue_date=source.issue_date))


def overlong_values(record) -> str:
    """The text values longer than their column's ``max_length`` (names, paths, metadata from a
    sidecar or manifest), as one message; '' if every value fits. SQLite would store them and
    PostgreSQL refuse the whole page, so they are refused everywhere, by the model's own limits."""
    text_fields = [f.name for f in record._meta.concrete_fields if isinstance(f, CharField) and f.max_length]
    try:
        record.clean_fields(exclude=[f.name for f in record._meta.concrete_fields if f.name not in text_fields])
    except ValidationError as error:
        return "；".join(
            f"{record._meta.get_field(name).verbose_name}：{' '.join(map(str, messages))}"
            for name, messages in error.message_dict.items()
        )
    return ""


def _discard(stored: str | None) -> None:
    if stored:
        try:
            default_storage.delete(stored)
        except OSError:
            log.warning("could not remove %s", stored)


def save_articles(source: Source, page: PageResult) -> list[Article]:
    """The page's articles and their captions, in a few queries (``bulk_create`` sends no signals:
    the caller links and indexes them)."""
    articles = []
    captions = []
    for record in page.articles:
        article = Article(
            source=source,
            position=record.position,
            kind=record.kind,
            title=record.title[:300],
            kicker=record.kicker[:300],
            subtitle=record.subtitle[:300],
            byline=record.byline[:300],
            authors=record.authors,
            body=record.body,
            subheads=record.subheads,
            year=record.year,
            year_source=record.year_source,
        )
        articles.append(article)
    Article.objects.bulk_create(articles)
    for article, record in zip(articles, page.articles):
        for n, caption in enumerate(record.captions, start=1):
            captions.append(
                Caption(
                    source=source,
                    article=article,
                    position=n,
                    text=caption.text,
                    credit=caption.credit[:200],
                    credit_raw=caption.credit_raw[:200],
                )
            )
    Caption.objects.bulk_create(captions)
    prefetch_related_objects(articles, "captions")  # linking reads them: one query, not one per article
    return articles
