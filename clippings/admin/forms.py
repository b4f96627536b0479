"""The source page's form in the admin: a page image replaced here passes the same check as an ingested
one (``services.images.check_image``), and its link opens the app's image view, never the raw media file."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clippings import models
from clippings.services.images import check_upload, stored_suffix_name

IMAGE_ERRORS = {
    "image_broken": _("Not a readable page image: JPEG, PNG or TIFF only."),
    "image_too_large": _("The page image is too large (at most %(bytes)s bytes and %(pixels)s pixels)."),
}


class _LinkedFile:
    """The current image as the file widget shows it, linked to the app's image view."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PageImageInput(forms.ClearableFileInput):
    image_url = ""

    def format_value(self, value):
        value = super().format_value(value)
        if value and self.image_url:
            return _LinkedFile(str(value), self.image_url)
        return value


class SourceForm(forms.ModelForm):
    class Meta:
        model = models.Source
        fields = "__all__"
        widgets = {"image": PageImageInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "image" in self.fields and self.instance.pk:
            self.fields["image"].widget.image_url = reverse("clippings:source_image", args=[self.instance.pk])

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload is False:  # "clear" ticked: the image is removed, so are its measures
            self.instance.image_width = self.instance.image_height = None
            return upload
        if not upload or not hasattr(upload, "content_type"):  # unchanged
            return upload
        check = check_upload(upload)
        if check.error:
            raise forms.ValidationError(
                IMAGE_ERRORS[check.error] % {"bytes": settings.DEVNEWS_MAX_IMAGE_BYTES,
                                             "pixels": settings.DEVNEWS_MAX_IMAGE_PIXELS},
                code=check.error)
        upload.name = stored_suffix_name(upload.name, check)  # stored under the suffix of what it really is
        self.instance.image_width, self.instance.image_height = check.width, check.height
        self.instance.image_error = ""
        return upload
