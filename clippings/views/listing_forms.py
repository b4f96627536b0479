"""The request parameters of the listing pages (zone index, enterprise index, article list), checked:
a bad value is answered with 400 and a message in Chinese, never a 500 and never silently ignored."""
from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from clippings.search.backend import NO_YEAR

MAX_FILTER_CHARS = 50
MAX_PAGE = 100_000
YEARS = (1800, 2200)


class BadParameters(Exception):
    def __init__(self, form: forms.Form):
        super().__init__("bad request parameters")
        self.form = form

    @property
    def messages(self) -> list[str]:
        return [f"{self.form.fields[name].label or name}：{message}"
                for name, errors in self.form.errors.items() for message in errors]


def flag(label) -> forms.ChoiceField:
    """A switch: absent, or "1"."""
    return forms.ChoiceField(label=label, required=False, choices=[("", ""), ("1", "1")])


def page_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("page"), required=False, min_value=1, max_value=MAX_PAGE)


def filter_text() -> forms.CharField:
    return forms.CharField(label=_("filter"), required=False, max_length=MAX_FILTER_CHARS)


class ZoneIndexForm(forms.Form):
    q = filter_text()
    all = flag(_("all zones"))
    unverified = flag(_("only unverified"))


class EnterpriseIndexForm(forms.Form):
    SORTS = [("articles", _("most articles first")), ("zone", _("by zone")), ("name", _("by name"))]
    q = filter_text()
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)
    page = page_field()


class ArticleListForm(forms.Form):
    SORTS = [("newest", _("newest first")), ("oldest", _("oldest first"))]
    KINDS = [("", ""), ("article", _("article")), ("photo", _("photo news"))]
    newspaper = forms.CharField(label=_("newspaper"), required=False, max_length=100)
    year = forms.CharField(label=_("year"), required=False, max_length=4)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=KINDS)
    edited = flag(_("corrected by staff"))
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)
    page = page_field()

    def clean_year(self) -> str:
        year = self.cleaned_data["year"]
        if year in ("", NO_YEAR):
            return year
        if not year.isdigit() or not YEARS[0] <= int(year) <= YEARS[1]:
            raise forms.ValidationError(_("a year from %(low)s to %(high)s, or none") % {"low": YEARS[0], "high": YEARS[1]})
        return year


def read_params(form_class: type[forms.Form], params) -> dict:
    """The cleaned parameters; ``BadParameters`` if any is bad."""
    form = form_class(params)
    if not form.is_valid():
        raise BadParameters(form)
    return form.cleaned_data


def bad_request(request, error: BadParameters):
    return render(request, "clippings/bad_request.html", {"messages": error.messages}, status=400)


class FeedTokenForm(forms.Form):
    ACTIONS = [("new", _("make a new feed URL")), ("revoke", _("revoke"))]
    action = forms.ChoiceField(label=_("action"), choices=ACTIONS)
