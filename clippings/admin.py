"""Models in the admin (the full editing interface comes with the admin issue)."""
from django.contrib import admin

from clippings import models


class CaptionInline(admin.TabularInline):
    model = models.Caption
    extra = 0
    fields = ("position", "text", "credit", "credit_raw")


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("original_name", "newspaper", "issue_date", "page_label", "encoding", "ingested_at", "ingested_by")
    list_filter = ("newspaper", "encoding")
    search_fields = ("original_name", "newspaper", "sha256")
    readonly_fields = ("sha256", "size_bytes", "encoding", "raw_text", "cleaning_report", "pipeline_version",
                       "ingested_at", "ingested_by")
    date_hierarchy = "issue_date"


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source", "position", "kind", "byline", "year")
    list_filter = ("kind", "year", "source__newspaper")
    search_fields = ("title", "kicker", "body", "byline")
    list_select_related = ("source",)
    raw_id_fields = ("source",)
    inlines = [CaptionInline]


@admin.register(models.Caption)
class CaptionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "credit", "article")
    search_fields = ("text", "credit")
    raw_id_fields = ("source", "article")


class ZoneAliasInline(admin.TabularInline):
    model = models.ZoneAlias
    extra = 0


@admin.register(models.Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "province", "city", "verified", "origin")
    list_filter = ("kind", "level", "verified", "origin", "province")
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ZoneAliasInline]


class EnterpriseAliasInline(admin.TabularInline):
    model = models.EnterpriseAlias
    extra = 0


@admin.register(models.Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name", "verified", "origin")
    list_filter = ("verified", "origin")
    search_fields = ("name", "aliases__name")
    inlines = [EnterpriseAliasInline]


@admin.register(models.ZoneMention)
class ZoneMentionAdmin(admin.ModelAdmin):
    list_display = ("zone", "article", "surface", "count", "origin", "rejected")
    list_filter = ("origin", "rejected")
    raw_id_fields = ("article", "zone")


@admin.register(models.EnterpriseMention)
class EnterpriseMentionAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "article", "surface", "count", "origin", "rejected")
    list_filter = ("origin", "rejected")
    raw_id_fields = ("article", "enterprise")
