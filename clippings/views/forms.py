"""The query strings of the reading pages and the search API, one form per view.

Every parameter a view reads is a field here, so a bad value (not a number, out of range, a NUL
byte, too long, an unknown choice) is a 400 with a message, never a database error. Fields that
several views read (a page number, an id, a zone or enterprise reference, the query text) are
defined once and shared; page forms for new views extend ``ParamsForm``.
"""
from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from clippings.models import Source, Zone
from clippings.search.backend import NO_YEAR
from clippings.search.selectors import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ORDERS, SearchRequest
from clippings.text.searchtext import MAX_QUERY_LENGTH

MAX_ID = 2**63 - 1  # the largest primary key (a 64-bit signed integer) SQLite and PostgreSQL store
MAX_PAGE = 100_000
MAX_REPEATED = 50  # values of one repeated filter (zone=…&zone=…)
MAX_FILTER_CHARS = 50
SLUG_LENGTH = Zone._meta.get_field("slug").max_length  # zones' and enterprises' (one base model)
NEWSPAPER_LENGTH = Source._meta.get_field("newspaper").max_length
YEARS = (1800, 2200)


class BoundedIdField(forms.IntegerField):
    """A record id from a query string: a whole number the database can hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class PageField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("page number"))
        super().__init__(required=False, min_value=1, max_value=MAX_PAGE, **kwargs)


class QueryField(forms.CharField):
    """Search text; its syntax is checked by the query parser when it runs."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("search text"))
        super().__init__(required=False, max_length=MAX_QUERY_LENGTH, **kwargs)


class FlagField(forms.TypedChoiceField):
    """A check box: ``1`` on, absent (or ``0``) off."""

    def __init__(self, **kwargs):
        super().__init__(choices=[("0", "0"), ("1", "1")], coerce=lambda v: v == "1", empty_value=False,
                         required=False, **kwargs)


class EntityRefField(forms.CharField):
    """A zone or an enterprise: its slug, or its id (all ASCII digits) — an id is returned as an int."""

    def __init__(self, **kwargs):
        super().__init__(max_length=SLUG_LENGTH, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value.isascii() and value.isdigit():
            return BoundedIdField(label=self.label).clean(value)
        return value


class RepeatedField(forms.Field):
    """A parameter that may be given several times (``zone=a&zone=b``); empty values are dropped and
    each of the others is cleaned by ``item``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, item: forms.Field, **kwargs):
        self.item = item
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        values = [v for v in (value or []) if v not in ("", None)]
        if len(values) > MAX_REPEATED:
            raise forms.ValidationError(_("At most %(n)d values.") % {"n": MAX_REPEATED})
        return [self.item.clean(v) for v in values]


class ParamsForm(forms.Form):
    """A view's query string. ``error_text`` is the first problem, naming its parameter."""

    def error_text(self) -> str:
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            return f"{label}：{errors[0]}" if label else str(errors[0])
        return ""


def bad_request(request, form: ParamsForm):
    """The 400 page of a reading page whose query string did not validate."""
    return render(request, "400.html", {"error": form.error_text()}, status=400)


class YearField(forms.CharField):
    """A year (1800–2200), or ``none`` for the articles whose date is not known (未注明日期)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("year"))
        super().__init__(max_length=4, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in ("", NO_YEAR):
            return value
        if not value.isdigit() or not YEARS[0] <= int(value) <= YEARS[1]:
            raise forms.ValidationError(
                _("a year from %(low)s to %(high)s, or none") % {"low": YEARS[0], "high": YEARS[1]})
        return value


class ArticleListForm(ParamsForm):
    SORTS = [("newest", _("newest first")), ("oldest", _("oldest first"))]
    KINDS = [("", ""), ("article", _("article")), ("photo", _("photo news"))]
    newspaper = forms.CharField(label=_("newspaper"), required=False, max_length=NEWSPAPER_LENGTH)
    year = YearField(required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=KINDS)
    edited = FlagField(label=_("corrected by staff"))
    sort = forms.ChoiceField(label=_("sort order"), required=False, choices=SORTS)
    page = PageField()


class ZoneIndexForm(ParamsForm):
    q = forms.CharField(label=_("filter"), required=False, max_length=MAX_FILTER_CHARS)
    all = FlagField(label=_("all zones"))  # by default only zones with articles
    covered = FlagField(label=_("only zones with articles"))  # the default now; kept so old links still work
    unverified = FlagField(label=_("only unverified zones"))


class EnterpriseIndexForm(ParamsForm):
    SORTS = [("articles", _("most articles first")), ("zone", _("by zone")), ("name", _("by name"))]
    q = forms.CharField(label=_("filter"), required=False, max_length=MAX_FILTER_CHARS)
    sort = forms.ChoiceField(label=_("sort order"), required=False, choices=SORTS)
    page = PageField()


class FeedTokenForm(ParamsForm):
    """The feed page's buttons: a new secret feed URL, or none."""

    ACTIONS = [("new", _("make a new feed URL")), ("revoke", _("revoke"))]
    action = forms.ChoiceField(label=_("action"), choices=ACTIONS)


ORDER_LABELS = {"relevance": _("most relevant"), "newest": _("newest first"), "oldest": _("oldest first")}
ENTITY_SORTS = [(order, ORDER_LABELS[order]) for order in ("newest", "oldest", "relevance")]
SEARCH_ORDERS = [(order, ORDER_LABELS[order]) for order in ORDERS]


class EntityArticlesForm(ParamsForm):
    """A zone's or an enterprise's articles: newest, oldest or most prominent, or searched within."""

    q = QueryField()
    sort = forms.ChoiceField(label=_("sort order"), choices=ENTITY_SORTS, required=False)
    page = PageField()



class SearchForm(ParamsForm):
    """/search/ and /api/search/."""

    q = QueryField()
    within = QueryField(label=_("search within"))
    sort = forms.ChoiceField(label=_("sort order"), choices=SEARCH_ORDERS, required=False)
    page = PageField()
    page_size = forms.IntegerField(label=_("results per page"), required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    zone = RepeatedField(EntityRefField(label=_("development zone")), label=_("development zone"))
    enterprise = RepeatedField(EntityRefField(label=_("enterprise")), label=_("enterprise"))
    newspaper = RepeatedField(forms.CharField(max_length=NEWSPAPER_LENGTH), label=_("newspaper"))
    year = RepeatedField(YearField(), label=_("year"))
    date_from = forms.DateField(label=_("from date"), required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(label=_("to date"), required=False, input_formats=["%Y-%m-%d"])

    def search_request(self) -> SearchRequest:
        data = self.cleaned_data
        return SearchRequest(
            q=f"{data['q']} {data['within']}".strip(),
            page=data["page"] or 1,
            page_size=data["page_size"] or DEFAULT_PAGE_SIZE,
            zones=data["zone"],
            enterprises=data["enterprise"],
            newspapers=data["newspaper"],
            years=data["year"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            order=data["sort"] or "relevance",
        )
