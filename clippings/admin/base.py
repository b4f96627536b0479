"""What every archive admin shares: history (who changed what, when), edits marked as staff's,
removed links kept as rejected rows, and CSV export of a selection."""
from __future__ import annotations

import csv
import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clippings.admin.forms import TEXT_AREAS
from clippings.models import Alias, Mention, Origin, StaffEditable
from clippings.views.forms import MAX_ID, BoundedIdField

# fields that are bookkeeping, not content: editing them does not make a record "edited by staff"
NOT_CONTENT = {"edited_fields", "origin", "merged_into"}


def archive_action(*, permission: str, description):
    """An admin action that declares the permission it needs (``has_<permission>_permission`` on the
    model admin): Django offers it only to those who have it, and it checks again when it runs,
    because its confirmation page posts back to the change list with whatever a client sends."""

    def decorate(func):
        @functools.wraps(func)
        def run(model_admin, request, queryset):
            if not getattr(model_admin, f"has_{permission}_permission")(request):
                raise PermissionDenied
            return func(model_admin, request, queryset)

        return admin.action(permissions=[permission], description=description)(run)

    return decorate


INTEGER_RANGE = (-MAX_ID - 1, MAX_ID)  # what SQLite and PostgreSQL store in an integer column


class CheckedChangeList(ChangeList):
    """Django's change list, with query-string lookups on integer columns (``?source=…``, ``?id__in=…``)
    checked against the database's range: a number Python reads but the database cannot hold failed
    only when the list was read (an OverflowError, a 500) instead of as a bad filter."""

    def get_filters(self, request):
        found = super().get_filters(request)
        for key, values in found[2].items():
            if _is_integer_lookup(self.model, key):
                for value in _flatten(values):
                    try:
                        number = int(value)
                    except (TypeError, ValueError):
                        continue  # not a number: Django's own check refuses it
                    if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
                        raise IncorrectLookupParameters(f"{key}: out of range")
        return found


def _is_integer_lookup(model, key: str) -> bool:
    parts = key.split(LOOKUP_SEP)
    for path in (parts, parts[:-1]):  # the lookup may end with a lookup name (exact, in, gte…)
        if not path:
            continue
        try:
            field = get_fields_from_path(model, LOOKUP_SEP.join(path))[-1]
        except (FieldDoesNotExist, NotRelationField):
            continue
        field = getattr(field, "target_field", field)
        return isinstance(field, models.IntegerField)
    return False


def _flatten(values):
    for value in values if isinstance(values, (list, tuple)) else [values]:
        yield from _flatten(value) if isinstance(value, (list, tuple)) else [value]


class ArchiveAdmin(SimpleHistoryAdmin):
    """Marks the fields a person changed in ``edited_fields`` (re-extraction and re-loading never
    overwrite them) and records made in the admin as made by staff."""

    csv_fields: list[tuple[str, object]] = []  # (column, attribute name or callable)
    actions = ["export_csv"]
    formfield_overrides = TEXT_AREAS

    def save_model(self, request, obj, form, change):
        if isinstance(obj, StaffEditable):
            obj.mark_edited(set(form.changed_data) - NOT_CONTENT)
        if not change and hasattr(obj, "origin"):
            obj.origin = Origin.STAFF
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Links and aliases added or changed here are staff's; removed ones stay as rejected rows so
        that re-extraction does not bring them back."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if isinstance(obj, (Mention, Alias)):
                obj.rejected = True
                obj.origin = Origin.STAFF
                obj.save()
            else:
                obj.delete()
        for obj in instances:
            if isinstance(obj, (Mention, Alias)):
                obj.origin = Origin.STAFF
                obj.rejected = False
            obj.save()
        formset.save_m2m()

    def has_export_permission(self, request):
        """Exporting takes records out of the archive in bulk: an editor's right, not a viewer's."""
        return self.has_change_permission(request)

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def changelist_view(self, request, extra_context=None):
        # an action posted by someone it is not offered to is refused, not answered with the list again
        name = request.POST.get("action") if request.method == "POST" else None
        if name and name not in self.get_actions(request):
            raise PermissionDenied
        if name:
            try:  # the selection reaches the database as ids: checked here, not failed there
                for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                    BoundedIdField().clean(value)
            except ValidationError as error:
                self.message_user(request, _("The selection is not valid: %(reason)s") % {"reason": error.messages[0]},
                                  messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view a record post its revert form
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @archive_action(permission="export", description=_("Export the selected records as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-{stamp}.csv"'
        response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
        writer = csv.writer(response)
        header, rows = self.csv_rows(request, queryset)
        writer.writerow(header)
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
        return response

    def csv_rows(self, request, queryset):
        """(header, rows) of the export: ``csv_fields``, or every column of the model."""
        fields = self.csv_fields or [(f.name, f.attname) for f in self.model._meta.concrete_fields]
        header = [str(column) for column, _ in fields]
        return header, ([csv_value(obj, a) for _, a in fields] for obj in queryset.iterator(chunk_size=500))


# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell) -> str:
    """A CSV cell that a spreadsheet shows as the text it is: one that would start a formula
    (``=HYPERLINK(…)``, ``=cmd|…``, ``@SUM(…)``) gets a leading ``'``, as OWASP recommends."""
    text = "" if cell is None else str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_value(obj, accessor):
    value = accessor(obj) if callable(accessor) else getattr(obj, accessor)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


class LiveLinksInline(admin.TabularInline):
    """An article's or entity's links as an inline: only live ones (removed links are kept, hidden)."""

    extra = 0
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(rejected=False)
