"""Zones, enterprises, their aliases and their links in the admin: filters, autocomplete, inlines,
merging records with a confirmation page, confirming discovered zones."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from clippings import models
from clippings.admin.base import ArchiveAdmin, LiveLinksInline, archive_action
from clippings.messages import correction_error
from clippings.services.merge import MergeError, merge, plan_merge, unmerge


class ZoneAliasInline(LiveLinksInline):
    model = models.ZoneAlias
    fields = ("name", "origin")
    readonly_fields = ("origin",)


class EnterpriseAliasInline(LiveLinksInline):
    model = models.EnterpriseAlias
    fields = ("name", "origin")
    readonly_fields = ("origin",)


class ChildZoneInline(admin.TabularInline):
    model = models.Zone
    fk_name = "parent"
    fields = ("name", "kind", "level", "verified")
    readonly_fields = ("name", "kind", "level", "verified")
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("zone within")
    verbose_name_plural = _("zones within (set a zone's parent on its own page)")

    def has_add_permission(self, request, obj=None):
        return False


class MergeMixin:
    """The merge action: the first selected record, or the one chosen on the confirmation page, survives."""

    @archive_action(permission="change", description=_("Merge the selected records into one"))
    def merge(self, request, queryset):
        records = list(queryset.order_by("pk"))
        chosen = request.POST.get("survivor")
        survivor = next((r for r in records if str(r.pk) == chosen), None) or next(
            (r for r in records if not r.merged_into_id), records[0])
        try:
            plan = plan_merge(survivor, [r for r in records if r.pk != survivor.pk])
            if request.POST.get("confirm"):
                merge(survivor, plan.others, request.user)
                self.message_user(request, _("Merged %(n)d records into “%(name)s”: %(links)d links moved, "
                                             "their names kept as its aliases.")
                                  % {"n": len(plan.others), "name": survivor.name, "links": plan.mentions},
                                  messages.SUCCESS)
                return None
        except MergeError as error:
            self.message_user(request, correction_error(str(error)), messages.ERROR)
            return None
        return TemplateResponse(request, "admin/clippings/merge.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "plan": plan, "records": records,
            "title": _("Merge records"), "selected": [r.pk for r in records],
        })

    @admin.action(description=_("Undo the merge of the selected merged records"), permissions=["change"])
    def unmerge(self, request, queryset):
        undone = 0
        for record in queryset.order_by("pk"):
            try:
                unmerge(record, request.user)
                undone += 1
            except MergeError as error:
                self.message_user(request, f"{record.name}：{correction_error(str(error))}", messages.ERROR)
        if undone:
            self.message_user(request, _("%(n)d merges undone: the records, their links and aliases are back.")
                              % {"n": undone}, messages.SUCCESS)


def linked_article_count(mention_model):
    field = "zone" if mention_model is models.ZoneMention else "enterprise"
    return Subquery(
        mention_model.objects.filter(**{field: OuterRef("pk")}, rejected=False).order_by()
        .values(field).annotate(n=Count("article_id", distinct=True)).values("n")[:1]
    )


class EntityAdminMixin(MergeMixin):
    """Zones and enterprises: the merge action, an article count column, a link to the public page."""

    def get_queryset(self, request):
        # a correlated count: worked out for the rows of the page shown, not for every record first
        return super().get_queryset(request).annotate(article_count=linked_article_count(self.mention_model))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class MergedFilter(admin.SimpleListFilter):
    title = _("merged")
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", _("current records")), ("yes", _("merged into another"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into=None)
        if self.value() == "yes":
            return queryset.exclude(merged_into=None)
        return queryset


@admin.register(models.Zone)
class ZoneAdmin(EntityAdminMixin, ArchiveAdmin):
    mention_model = models.ZoneMention
    list_display = ("name", "kind", "level", "province", "city", "article_count", "verified", "origin", "merged_into")
    list_filter = ("verified", "kind", "level", "province", MergedFilter, "origin")
    search_fields = ("name", "aliases__name", "city", "province")
    autocomplete_fields = ("parent", "merged_into")
    readonly_fields = ("gazetteer_key", "edited_fields", "created_at", "updated_at")
    fields = ("name", "slug", "kind", "level", "province", "city", "parent", "approval_year", "verified", "origin",
              "merged_into", "gazetteer_key", "edited_fields", "created_at", "updated_at")
    inlines = [ZoneAliasInline, ChildZoneInline]
    ordering = ("province", "name")
    list_select_related = ("merged_into",)
    actions = ["export_csv", "merge", "unmerge", "confirm"]
    csv_fields = [("id", "pk"), (_("official name"), "name"), (_("kind"), "get_kind_display"),
                  (_("level"), "get_level_display"), (_("province"), "province"), (_("city"), "city"),
                  (_("approval year"), "approval_year"), (_("verified"), "verified"),
                  (_("articles"), lambda z: z.article_count)]

    @archive_action(permission="change", description=_("Confirm the selected discovered zones"))
    def confirm(self, request, queryset):
        count = 0
        for zone in queryset.filter(verified=False):
            zone.verified = True
            zone.mark_edited(["verified"])
            zone.save()
            count += 1
        self.message_user(request, _("%(n)d zones confirmed.") % {"n": count}, messages.SUCCESS)


@admin.register(models.Enterprise)
class EnterpriseAdmin(EntityAdminMixin, ArchiveAdmin):
    mention_model = models.EnterpriseMention
    list_display = ("name", "article_count", "verified", "origin", "merged_into")
    list_filter = ("verified", MergedFilter, "origin")
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("zones", "merged_into")
    readonly_fields = ("edited_fields", "created_at", "updated_at")
    inlines = [EnterpriseAliasInline]
    ordering = ("name",)
    list_select_related = ("merged_into",)
    actions = ["export_csv", "merge", "unmerge"]
    csv_fields = [("id", "pk"), (_("name"), "name"), (_("verified"), "verified"),
                  (_("articles"), lambda e: e.article_count)]


class MentionAdmin(ArchiveAdmin):
    list_display = ("article", "surface", "count", "origin", "rejected")
    list_filter = ("origin", "rejected")
    search_fields = ("surface", "article__title")
    list_select_related = ("article",)
    raw_id_fields = ("article",)


@admin.register(models.ZoneMention)
class ZoneMentionAdmin(MentionAdmin):
    list_display = ("zone", *MentionAdmin.list_display)
    search_fields = ("zone__name", *MentionAdmin.search_fields)
    list_select_related = ("article", "zone")
    autocomplete_fields = ("zone",)


@admin.register(models.EnterpriseMention)
class EnterpriseMentionAdmin(MentionAdmin):
    list_display = ("enterprise", *MentionAdmin.list_display)
    search_fields = ("enterprise__name", *MentionAdmin.search_fields)
    list_select_related = ("article", "enterprise")
    autocomplete_fields = ("enterprise",)


class AliasAdmin(ArchiveAdmin):
    list_display = ("name", "origin", "rejected")
    list_filter = ("origin", "rejected")


@admin.register(models.ZoneAlias)
class ZoneAliasAdmin(AliasAdmin):
    list_display = ("name", "zone", "origin", "rejected")
    search_fields = ("name", "zone__name")
    autocomplete_fields = ("zone",)
    list_select_related = ("zone",)


@admin.register(models.EnterpriseAlias)
class EnterpriseAliasAdmin(AliasAdmin):
    list_display = ("name", "enterprise", "origin", "rejected")
    search_fields = ("name", "enterprise__name")
    autocomplete_fields = ("enterprise",)
    list_select_related = ("enterprise",)
