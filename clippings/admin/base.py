"""What every archive admin shares: history (who changed what, when), edits marked as staff's,
removed links kept as rejected rows, and CSV export of a selection."""
from __future__ import annotations

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clippings.admin.forms import TEXT_AREAS
from clippings.models import Alias, Mention, Origin, StaffEditable

# fields that are bookkeeping, not content: editing them does not make a record "edited by staff"
NOT_CONTENT = {"edited_fields", "origin", "merged_into"}


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

    @admin.action(description=_("Export the selected records as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-{stamp}.csv"'
        response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
        writer = csv.writer(response)
        header, rows = self.csv_rows(request, queryset)
        writer.writerow(header)
        writer.writerows(rows)
        return response

    def csv_rows(self, request, queryset):
        """(header, rows) of the export: ``csv_fields``, or every column of the model."""
        fields = self.csv_fields or [(f.name, f.attname) for f in self.model._meta.concrete_fields]
        header = [str(column) for column, _ in fields]
        return header, ([csv_value(obj, a) for _, a in fields] for obj in queryset.iterator(chunk_size=500))


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
