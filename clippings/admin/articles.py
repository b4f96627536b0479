"""Source pages, articles and captions in the admin: corrections of titles and splits, links,
re-extraction, CSV export, and uploading OCR page files."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from clippings import models
from clippings.admin.base import ArchiveAdmin, LiveLinksInline, archive_action, csv_value
from clippings.admin.forms import TEXT_AREAS, ArticleForm, SourceForm
from clippings.admin.upload import upload_view
from clippings.messages import correction_error
from clippings.selectors.articles import export_queryset, export_record
from clippings.services.corrections import (
    CorrectionError, check_join, join_articles, joined_headings, paragraphs, split_article,
)
from clippings.services.extract import extract_articles
from clippings.services.ingest import restore_articles
from clippings.views.forms import BoundedIdField


class SplitForm(forms.Form):
    """The split confirmation page's fields."""

    at = forms.IntegerField(label=_("cut here"), min_value=1)  # a paragraph index, checked against the article
    title = forms.CharField(label=_("Title of the new article"), required=False,
                            max_length=models.Article._meta.get_field("title").max_length)


class CaptionInline(admin.StackedInline):
    """Stacked, not a table: a caption's text is long and a table of four text columns was wider than
    the window."""

    model = models.Caption
    extra = 0
    formfield_overrides = TEXT_AREAS
    fields = ("position", "text", "credit", "credit_raw")
    exclude = ("source",)


class ZoneMentionInline(LiveLinksInline):
    model = models.ZoneMention
    fields = ("zone", "surface", "count", "origin")
    readonly_fields = ("count", "origin")
    autocomplete_fields = ("zone",)
    verbose_name_plural = _("linked development zones")


class EnterpriseMentionInline(LiveLinksInline):
    model = models.EnterpriseMention
    fields = ("enterprise", "surface", "count", "origin")
    readonly_fields = ("count", "origin")
    autocomplete_fields = ("enterprise",)
    verbose_name_plural = _("linked enterprises")


class ZoneFilter(admin.SimpleListFilter):
    """Articles linked to a zone; offers only zones that have links (read from the links' index)."""

    title = _("development zone")
    parameter_name = "zone"

    def lookups(self, request, model_admin):
        ids = models.ZoneMention.objects.filter(rejected=False).order_by().values("zone_id").distinct()
        return [(z.pk, z.name) for z in models.Zone.objects.filter(pk__in=ids).only("pk", "name").order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            try:
                zone = BoundedIdField().clean(self.value())
            except ValidationError as error:  # the admin's answer to a bad filter value: the list with ?e=1
                raise IncorrectLookupParameters(error) from None
            linked = models.ZoneMention.objects.filter(zone_id=zone, rejected=False).values("article_id")
            return queryset.filter(pk__in=linked)
        return queryset


class EditedFilter(admin.SimpleListFilter):
    title = _("corrected by staff")
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(edited_fields=[])
        if self.value() == "no":
            return queryset.filter(edited_fields=[])
        return queryset


@admin.register(models.Source)
class SourceAdmin(ArchiveAdmin):
    form = SourceForm  # a replaced page image passes the ingest's image check
    list_display = ("original_name", "newspaper", "issue_date", "page_label", "article_count", "encoding",
                    "ingested_at", "ingested_by")
    list_filter = ("newspaper", "encoding", ("issue_date", admin.DateFieldListFilter))
    search_fields = ("original_name", "newspaper", "sha256")
    readonly_fields = ("original_name", "original_path", "sha256", "size_bytes", "encoding", "raw_text",
                       "cleaning_report", "pipeline_version", "ingested_at", "ingested_by", "image_width",
                       "image_height", "image_error")
    exclude = ("cleaned_text", "furniture")
    date_hierarchy = "issue_date"
    change_list_template = "admin/clippings/source/change_list.html"
    csv_fields = [("id", "pk"), (_("file name"), "original_name"), (_("newspaper"), "newspaper"),
                  (_("issue date"), "issue_date"), (_("page"), "page_label"), (_("ingested at"), "ingested_at")]

    def get_queryset(self, request):
        articles = (models.Article.objects.filter(source=OuterRef("pk")).order_by().values("source")
                    .annotate(n=Count("pk")).values("n")[:1])
        return super().get_queryset(request).select_related("ingested_by").annotate(article_count=Subquery(articles))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_from_history = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(request, "reverting_from_history", False):
            restore_articles(obj)  # a deleted page restored from its history: its articles are cut again

    def get_urls(self):
        return [path("upload/", self.admin_site.admin_view(self.upload), name="clippings_source_upload"),
                *super().get_urls()]

    def upload(self, request):
        return upload_view(self, request)


@admin.register(models.Article)
class ArticleAdmin(ArchiveAdmin):
    form = ArticleForm
    list_display = ("__str__", "newspaper", "issue_date", "position", "kind", "year", "edited")
    list_display_links = ("__str__",)
    list_filter = (EditedFilter, "kind", "year", "source__newspaper", ZoneFilter)
    # titles and bylines: the archive's search page finds words in the text (a LIKE over every body is slow)
    search_fields = ("title", "kicker", "subtitle", "byline", "source__original_name")
    ordering = ("-pk",)  # newest ingested first, straight from the primary key (a sort over a join is slow at 100k)
    raw_id_fields = ("source",)
    readonly_fields = ("edited_fields", "year_source", "created_at", "updated_at")
    fieldsets = [
        (None, {"fields": ("source", "position", "kind", "kicker", "title", "subtitle", "byline", "authors", "year")}),
        (_("text"), {"fields": ("body", "subheads")}),
        (_("bookkeeping"), {"fields": ("edited_fields", "year_source", "created_at", "updated_at"),
                            "classes": ("collapse",)}),
    ]
    inlines = [ZoneMentionInline, EnterpriseMentionInline, CaptionInline]
    actions = ["export_csv", "reextract", "split", "join"]

    def get_queryset(self, request):
        return models.with_source(super().get_queryset(request))  # rows show the page's paper and date, not its text

    @admin.display(description=_("newspaper"), ordering="source__newspaper")
    def newspaper(self, obj):
        return obj.source.newspaper or obj.source.original_name

    @admin.display(description=_("issue date"), ordering="source__issue_date")
    def issue_date(self, obj):
        return obj.source.issue_date

    @admin.display(description=_("corrected"), boolean=True)
    def edited(self, obj):
        return bool(obj.edited_fields)

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    # --- actions ----------------------------------------------------------------------

    def csv_rows(self, request, queryset):
        """The export record of ``manage.py export_articles``, one article a row (names joined by 、)."""
        base = request.build_absolute_uri("/")
        columns = ("id", "source", "position", "kind", "title", "kicker", "byline", "authors", "newspaper", "date",
                   "page", "year", "zones", "enterprises", "url")

        def rows():
            for article in export_queryset().filter(pk__in=queryset.values("pk")).iterator(chunk_size=500):
                record = export_record(article, base)
                record["zones"] = [z["name"] for z in record["zones"]]
                record["enterprises"] = [e["name"] for e in record["enterprises"]]
                yield [csv_value(record, lambda r, key=key: r[key]) for key in columns]

        return list(columns), rows()

    def has_split_permission(self, request):
        return self.has_change_permission(request) and self.has_add_permission(request)

    def has_join_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @archive_action(permission="change", description=_("Re-run zone and enterprise extraction"))
    def reextract(self, request, queryset):
        report = extract_articles(list(queryset))
        self.message_user(request, _("Extraction re-run on %(n)d articles: %(zones)d zone links and "
                                     "%(enterprises)d enterprise links; staff corrections kept.")
                          % {"n": report.articles, "zones": report.zone_links,
                             "enterprises": report.enterprise_links}, messages.SUCCESS)

    @archive_action(permission="split", description=_("Split an article in two"))
    def split(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, correction_error("split_one"), messages.ERROR)
            return None
        article = queryset.get()
        form = SplitForm(request.POST)
        if request.POST.get("confirm") and not form.is_valid():
            for name, errors in form.errors.items():
                self.message_user(request, f"{form.fields[name].label}：{errors[0]}", messages.ERROR)
        elif request.POST.get("confirm"):
            try:
                second = split_article(article, form.cleaned_data["at"], form.cleaned_data["title"])
            except CorrectionError as error:
                self.message_user(request, correction_error(error.code), messages.ERROR)
            else:
                self.message_user(request, _("Split: the second part is now “%(title)s”.") % {"title": second},
                                  messages.SUCCESS)
                return None
        return TemplateResponse(request, "admin/clippings/article/split.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "article": article,
            "paragraphs": list(enumerate(paragraphs(article))), "title": _("Split an article in two"),
            "action": "split", "selected": [article.pk],
        })

    @archive_action(permission="join", description=_("Join two adjacent articles"))
    def join(self, request, queryset):
        articles = list(queryset.order_by("position"))
        if len(articles) != 2:
            self.message_user(request, correction_error("join_two"), messages.ERROR)
            return None
        try:
            articles = list(check_join(*articles))
            if request.POST.get("confirm"):
                joined = join_articles(*articles)
                self.message_user(request, _("Joined into “%(title)s”.") % {"title": joined}, messages.SUCCESS)
                return None
        except CorrectionError as error:
            self.message_user(request, correction_error(error.code), messages.ERROR)
            return None
        return TemplateResponse(request, "admin/clippings/article/join.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "articles": articles,
            "title": _("Join two adjacent articles"), "action": "join", "selected": [a.pk for a in articles],
            "kept": joined_headings(*articles),
        })


@admin.register(models.Caption)
class CaptionAdmin(ArchiveAdmin):
    list_display = ("__str__", "credit", "article")
    search_fields = ("text", "credit", "credit_raw")
    raw_id_fields = ("source", "article")
    list_select_related = ("article",)
