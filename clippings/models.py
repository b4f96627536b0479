"""What the archive holds: ingested page files, the articles cut from them, their captions,
and the development zones and enterprises the articles are about.

Machine output and staff corrections are kept apart: every extracted record says where it
came from (``origin``), articles list the fields a person edited (``edited_fields``), and a
link staff removed stays as a rejected row so that re-extraction cannot bring it back.
"""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clippings.history import StaffHistory
from clippings.text.labels import byline_parts, opening_words


class Origin(models.TextChoices):
    MACHINE = "machine", _("machine")
    GAZETTEER = "gazetteer", _("gazetteer")
    STAFF = "staff", _("staff")


class StaffEditable(models.Model):
    """A record whose fields staff may correct: the corrected fields are listed, and no machine pass
    (re-extraction, re-loading the gazetteer) overwrites them."""

    edited_fields = models.JSONField(
        _("fields edited by staff"), default=list, blank=True, help_text=_("re-extraction never overwrites these fields")
    )

    class Meta:
        abstract = True

    def mark_edited(self, fields) -> None:
        self.edited_fields = sorted(set(self.edited_fields or []) | set(fields))


# a page's own text and what cleaning found in it: the size of a whole page, read where the page is shown
PAGE_TEXT_FIELDS = ("raw_text", "cleaned_text", "furniture", "cleaning_report")


def with_source(articles: models.QuerySet) -> models.QuerySet:
    """Articles with their page's details in the same query, without the page's text (an article
    row would otherwise carry its whole page, twice)."""
    return articles.select_related("source").defer(*(f"source__{name}" for name in PAGE_TEXT_FIELDS))


class Source(models.Model):
    """One ingested page file, kept verbatim."""

    original_name = models.CharField(_("file name"), max_length=255)
    original_path = models.CharField(_("imported from"), max_length=1024, blank=True)
    sha256 = models.CharField(_("content hash"), max_length=64, unique=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    encoding = models.CharField(_("encoding"), max_length=32)
    raw_text = models.TextField(_("raw OCR text"))
    cleaned_text = models.TextField(_("cleaned text"), blank=True)
    furniture = models.JSONField(_("page furniture"), default=list, blank=True, help_text=_("page headers, editor lines and the like"))
    cleaning_report = models.JSONField(_("cleaning report"), default=dict, blank=True)
    newspaper = models.CharField(_("newspaper"), max_length=100, blank=True, db_index=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, db_index=True)
    page_label = models.CharField(_("page"), max_length=50, blank=True)
    image = models.FileField(_("page image"), upload_to="pages/", blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_error = models.CharField(_("image problem"), max_length=255, blank=True)
    pipeline_version = models.CharField(max_length=20, blank=True)
    ingested_at = models.DateTimeField(_("ingested at"), auto_now_add=True, db_index=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ingested by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # the raw text is kept, so that a deleted page restored from its history can be split again
    # (``services.ingest.restore_articles``); what the split made of it is made again, not kept
    history = StaffHistory(excluded_fields=[name for name in PAGE_TEXT_FIELDS if name != "raw_text"])

    class Meta:
        verbose_name = _("source page")
        verbose_name_plural = _("source pages")
        ordering = ["-ingested_at", "original_name"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def display_name(self) -> str:
        """How the page is named everywhere: newspaper · date · page as far as known, otherwise its
        number and the day it was ingested (the file name is shown beside it, never instead)."""
        parts = [self.newspaper, self.issue_date.isoformat() if self.issue_date else "",
                 gettext("page %(p)s") % {"p": self.page_label} if self.page_label else ""]
        if any(parts):
            return " · ".join(p for p in parts if p)
        ingested = date_format(timezone.localtime(self.ingested_at), "Y-m-d") if self.ingested_at else ""
        return gettext("Page #%(id)s, ingested %(date)s") % {"id": self.pk, "date": ingested}


class Article(StaffEditable):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        PHOTO = "photo", _("photo news")

    source = models.ForeignKey(Source, verbose_name=_("source page"), on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField(_("position on page"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(_("title"), max_length=300, blank=True)
    kicker = models.CharField(_("kicker"), max_length=300, blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("paragraphs separated by line breaks"))
    subheads = models.JSONField(_("subhead paragraphs"), default=list, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    year_source = models.CharField(max_length=10, blank=True, help_text="issue_date | text")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = StaffHistory(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-source__ingested_at", "source_id", "position"]
        constraints = [models.UniqueConstraint(fields=["source", "position"], name="article_position_unique")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def untitled_label(self) -> str:
        """What stands for a missing title: 图片新闻 for a photo-news item, 〔无标题〕 for an article."""
        if self.title:
            return ""
        return gettext("photo news") if self.kind == self.Kind.PHOTO else gettext("[untitled]")

    @property
    def opening_words(self) -> str:
        return opening_words(self.body or "")

    @property
    def display_title(self) -> str:
        """The title, or the label of a missing one with the opening words (plain text: feeds, links)."""
        if self.title:
            return self.title
        return " ".join(p for p in (self.untitled_label, self.opening_words) if p)

    @property
    def byline_shown(self) -> str:
        """The byline as printed without its layout mark (□, ▶) and without the photo note."""
        return byline_parts(self.byline)[0]

    @property
    def photo_note(self) -> str:
        """A photo note printed on the byline line (图片由…提供), shown apart from the authors."""
        return byline_parts(self.byline)[1]

    @property
    def paragraphs(self) -> list[tuple[str, bool]]:
        heads = set(self.subheads or [])
        return [(text, i in heads) for i, text in enumerate(self.body.split("\n")) if text]

    def get_absolute_url(self) -> str:
        return reverse("clippings:article_detail", args=[self.pk])


class Caption(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="captions")
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE, related_name="captions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    credit_raw = models.CharField(_("credit as printed"), max_length=200, blank=True)
    history = StaffHistory()

    class Meta:
        verbose_name = _("caption")
        verbose_name_plural = _("captions")
        ordering = ["article_id", "position"]

    def __str__(self) -> str:
        return self.text or self.credit_raw


class ZoneKind(models.TextChoices):
    ETDZ = "etdz", _("economic and technological development zone")
    HIGH_TECH = "hitech", _("high-tech industrial development zone")
    NEW_AREA = "new_area", _("state-level new area")
    BONDED = "bonded", _("comprehensive bonded zone")
    FTZ = "ftz", _("pilot free trade zone")
    FTZ_AREA = "ftz_area", _("free trade zone area")
    SCIENCE_CITY = "science_city", _("science city")
    ECO_CITY = "eco_city", _("eco-city")
    PARK = "park", _("industrial park")
    OTHER = "other", _("other")


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCIAL = "provincial", _("provincial")
    LOCAL = "local", _("municipal or county")
    UNKNOWN = "", _("unknown")


class Entity(StaffEditable):
    """What zones and enterprises share: a name, a stable slug, who made the record, whether
    staff checked it, and where it went when staff merged it into another record."""

    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    verified = models.BooleanField(_("verified"), default=False)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def survivor(self):
        """The record this one was merged into (following merges), or itself."""
        entity, seen = self, set()
        while entity.merged_into_id and entity.pk not in seen:
            seen.add(entity.pk)
            entity = entity.merged_into
        return entity


class Zone(Entity):
    name = models.CharField(_("official name"), max_length=120, db_index=True)
    gazetteer_key = models.CharField(
        _("gazetteer name"), max_length=120, unique=True, null=True, blank=True,
        help_text=_("the official name in the curated gazetteer this record was loaded from"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ZoneKind.choices, default=ZoneKind.OTHER)
    level = models.CharField(_("level"), max_length=20, choices=ZoneLevel.choices, blank=True)
    province = models.CharField(_("province"), max_length=30, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    approval_year = models.PositiveSmallIntegerField(_("approval year"), null=True, blank=True)
    history = StaffHistory(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("development zone")
        verbose_name_plural = _("development zones")
        ordering = ["province", "name"]

    def get_absolute_url(self) -> str:
        return reverse("clippings:zone_detail", args=[self.slug])


class Enterprise(Entity):
    name = models.CharField(_("name"), max_length=200, db_index=True)
    zones = models.ManyToManyField(Zone, verbose_name=_("zones"), blank=True, related_name="enterprises")
    history = StaffHistory(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("clippings:enterprise_detail", args=[self.slug])


class Alias(models.Model):
    name = models.CharField(_("alias"), max_length=200, db_index=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    rejected = models.BooleanField(_("removed by staff"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class ZoneAlias(Alias):
    owner_field = "zone"
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="aliases")
    history = StaffHistory()

    class Meta:
        verbose_name = _("zone alias")
        verbose_name_plural = _("zone aliases")
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="zone_alias_unique")]


class EnterpriseAlias(Alias):
    owner_field = "enterprise"
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="aliases")
    history = StaffHistory()

    class Meta:
        verbose_name = _("enterprise alias")
        verbose_name_plural = _("enterprise aliases")
        constraints = [models.UniqueConstraint(fields=["enterprise", "name"], name="enterprise_alias_unique")]


class Mention(models.Model):
    """Evidence that an article talks about an entity, and the link staff see and correct.

    ``origin`` says who made the link; ``rejected`` keeps a link staff removed, so that
    re-extraction does not add it again.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="%(class)ss")
    surface = models.CharField(_("surface form"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    first_position = models.PositiveIntegerField(_("first position"), default=0)
    snippet = models.CharField(_("snippet"), max_length=200, blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    rejected = models.BooleanField(_("removed by staff"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # the inline rows of an article's links are labelled with this: which record, how often named
        return _("%(name)s (%(count)d times)") % {"name": self.entity, "count": self.count}


class ZoneMention(Mention):
    zone = models.ForeignKey(Zone, verbose_name=_("development zone"), on_delete=models.CASCADE, related_name="mentions")
    history = StaffHistory()

    class Meta:
        verbose_name = _("zone mention")
        verbose_name_plural = _("zone mentions")
        constraints = [
            models.UniqueConstraint(fields=["article", "zone", "surface"], name="zone_mention_unique")
        ]
        # covers "articles per zone" (zone index, home) without reading the table
        indexes = [models.Index(fields=["zone", "rejected", "article"], name="zonemention_zone_live")]

    @property
    def entity(self) -> Zone:
        return self.zone


class EnterpriseMention(Mention):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="mentions"
    )
    history = StaffHistory()

    class Meta:
        verbose_name = _("enterprise mention")
        verbose_name_plural = _("enterprise mentions")
        constraints = [
            models.UniqueConstraint(fields=["article", "enterprise", "surface"], name="enterprise_mention_unique")
        ]
        indexes = [models.Index(fields=["enterprise", "rejected", "article"], name="entmention_enterprise_live")]

    @property
    def entity(self) -> Enterprise:
        return self.enterprise


class MergeRecord(models.Model):
    """What merging one zone or enterprise into another moved, kept so that the merge can be undone
    (``services.merge.unmerge``); ``changes`` lists the rows the merge changed, created or deleted."""

    kind = models.CharField(max_length=10)  # "zone" | "enterprise"
    survivor_id = models.BigIntegerField()
    merged_id = models.BigIntegerField(db_index=True)
    changes = models.JSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]



def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """A secret in a person's feed URLs, so that a feed reader (which has no session) can subscribe;
    revoking it ends every subscription made with it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="feed_tokens")
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created:%Y-%m-%d}"

    @classmethod
    def current(cls, user) -> FeedToken | None:
        return cls.objects.filter(user=user, revoked=None).first() if user.is_authenticated else None

    @classmethod
    def renew(cls, user) -> FeedToken:
        """Revoke the person's live tokens and make a new one."""
        cls.revoke_all(user)
        return cls.objects.create(user=user)

    @classmethod
    def revoke_all(cls, user) -> None:
        cls.objects.filter(user=user, revoked=None).update(revoked=timezone.now())

    @classmethod
    def user_for(cls, token: str):
        """The active user a live token belongs to, or None."""
        found = cls.objects.filter(token=token, revoked=None).select_related("user").first()
        return found.user if found and found.user.is_active else None
