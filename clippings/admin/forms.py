"""The admin's own forms.

* The article change form as an editor reads it: authors as names, subheads ticked on the paragraphs.
  Both fields are stored as JSON lists (``authors``: names; ``subheads``: indexes into the body's
  lines); editors never see the JSON.
* The source page's form: a page image replaced here passes the same check as an ingested one
  (``services.images.check_image``), and its link opens the app's image view, never the raw media file.
"""
from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.db.models import TextField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clippings import models
from clippings.services.images import check_upload, stored_suffix_name

# what people type between names: commas (both widths), the enumeration comma, semicolons, line breaks
NAME_SEPARATORS = re.compile(r"[,，、;；\n\r]+")
OPENING_CHARS = 40  # characters of a paragraph shown beside its checkbox


def split_names(text: str) -> list[str]:
    """Names as typed → the list stored: trimmed, no empties, each once, in the order typed."""
    names: list[str] = []
    for name in NAME_SEPARATORS.split(text or ""):
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return names


class NamesField(forms.CharField):
    """A list of names edited as one line of text separated by 、 or commas."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "、".join(str(name) for name in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return split_names("\n".join(str(name) for name in value))
        return split_names(super().to_python(value))

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class LinesField(forms.CharField):
    """Text edited in a textarea, stored with LF line breaks: browsers send a textarea's line breaks as
    CR LF, and the body's paragraphs are its LF-separated lines (subhead indexes count them)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


# for the admins' formfield_overrides: every text area of the archive
TEXT_AREAS = {TextField: {"form_class": LinesField}}


def paragraph_choices(body: str) -> list[tuple[int, str]]:
    """(index into the body's lines, "3. opening words…") for every non-empty paragraph."""
    choices = []
    for number, (index, text) in enumerate(((i, t) for i, t in enumerate((body or "").split("\n")) if t.strip()), 1):
        opening = text.strip()
        if len(opening) > OPENING_CHARS:
            opening = opening[:OPENING_CHARS] + "…"
        choices.append((index, f"{number}. {opening}"))
    return choices


def carried_indexes(chosen: list[int], old_body: str, new_body: str) -> list[int]:
    """Subhead indexes chosen on the old body, moved to where the same paragraphs stand in the new one
    (an edited body shifts the lines); a chosen paragraph that is gone from the new body is dropped."""
    old_lines = (old_body or "").split("\n")
    new_lines = (new_body or "").split("\n")
    taken: set[int] = set()
    moved = []
    for index in sorted(chosen):
        text = old_lines[index] if index < len(old_lines) else None
        if index < len(new_lines) and new_lines[index] == text and index not in taken:
            place = index
        else:
            place = next((i for i, line in enumerate(new_lines) if line == text and i not in taken), None)
        if place is not None:
            taken.add(place)
            moved.append(place)
    return sorted(moved)


class ArticleForm(forms.ModelForm):
    authors = NamesField(
        label=_("authors"), required=False,
        help_text=_("One or more names, separated by 、 or commas; spaces around names are removed and "
                    "repeated names kept once."),
        widget=forms.TextInput(attrs={"class": "vTextField", "placeholder": _("e.g. 张三、李四")}),
    )
    subheads = forms.TypedMultipleChoiceField(
        label=_("subhead paragraphs"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}),
        help_text=_("Tick the paragraphs that are subheads inside the article. After changing the body, "
                    "save before ticking new paragraphs."),
    )

    class Meta:
        model = models.Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the checkboxes are the paragraphs of the body as saved: those the editor has seen
        self.fields["subheads"].choices = paragraph_choices(self.instance.body if self.instance.pk else "")

    def clean(self):
        cleaned = super().clean()
        if "subheads" in cleaned and "body" in cleaned and "body" in self.changed_data and self.instance.pk:
            cleaned["subheads"] = carried_indexes(cleaned["subheads"], self.instance.body, cleaned["body"])
        return cleaned


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
