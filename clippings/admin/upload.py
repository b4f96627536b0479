"""Uploading OCR page files (and page images) in the admin: the same ingest as the command line.

Files pair up by name (``page.txt`` with ``page.png``); every file gets a line in the result table
with what happened to it and why. Size limits are checked before a file is read.
"""
from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from clippings.messages import reason
from clippings.search.indexing import deferred
from clippings.services.gazetteer import ensure_gazetteer
from clippings.services.images import check_upload
from clippings.services.ingest import IMAGE_SUFFIXES, PageMeta, ingest_bytes, is_page_name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)  # an empty page is reported per file by the ingest
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("OCR page files and page images"),
        help_text=_("Text files, one page each (UTF-8, UTF-16 or GB18030); an image with the same name "
                    "(.png, .jpg, .tif) is stored as that page's image."),
    )
    newspaper = forms.CharField(label=_("newspaper"), max_length=100, required=False)
    issue_date = forms.DateField(label=_("issue date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page_label = forms.CharField(label=_("page"), max_length=50, required=False)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.DEVNEWS_MAX_UPLOAD_FILES:
            raise forms.ValidationError(_("At most %(n)d files at once.") % {"n": settings.DEVNEWS_MAX_UPLOAD_FILES})
        return files


def ingest_uploads(files, meta: PageMeta, user) -> list[dict]:
    """Ingest uploaded files; one result row per file."""
    images = {PurePath(f.name).stem: f for f in files if PurePath(f.name).suffix.lower() in IMAGE_SUFFIXES}
    texts = [f for f in files if is_page_name(f.name)]
    rows = [{"name": f.name, "status": "failed", "reason": reason("not_page_file")}
            for f in files if not is_page_name(f.name) and PurePath(f.name).suffix.lower() not in IMAGE_SUFFIXES]
    ensure_gazetteer()
    with deferred():  # one index write for the whole upload
        for upload in texts:
            image_file = images.pop(PurePath(upload.name).stem, None)
            if upload.size > settings.DEVNEWS_MAX_PAGE_BYTES:
                rows.append({"name": upload.name, "status": "failed",
                             "reason": reason("too_large", f"{upload.size} > {settings.DEVNEWS_MAX_PAGE_BYTES}")})
                continue
            result = ingest_bytes(upload.read(), name=upload.name, original_path=f"upload:{upload.name}", meta=meta,
                                  image=check_upload(image_file) if image_file else None, user=user)
            rows.append({
                "name": upload.name + (f" + {image_file.name}" if image_file else ""),
                "status": result.status, "articles": result.articles, "source": result.source,
                "reason": reason(result.code, result.detail) if result.code else "",
                "warnings": [reason(code, detail) for code, detail in result.warnings],
            })
    for image_file in images.values():
        rows.append({"name": image_file.name, "status": "failed",
                     "reason": _("no page text file with the same name was uploaded")})
    return rows


def upload_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    rows = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            meta = PageMeta(newspaper=data["newspaper"], issue_date=data["issue_date"], page_label=data["page_label"])
            rows = ingest_uploads(data["files"], meta, request.user)
            form = UploadForm()
    else:
        form = UploadForm()
    return TemplateResponse(request, "admin/clippings/source/upload.html", {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Upload OCR pages"),
        "form": form,
        "rows": rows,
        "counts": _counts(rows or []),
        "max_page_bytes": settings.DEVNEWS_MAX_PAGE_BYTES,
        "max_image_bytes": settings.DEVNEWS_MAX_IMAGE_BYTES,
        "max_files": settings.DEVNEWS_MAX_UPLOAD_FILES,
    })


def _counts(rows: list[dict]) -> dict[str, int]:
    counts = {"created": 0, "duplicate": 0, "failed": 0}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts
