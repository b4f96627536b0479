"""Feeds a feed reader can subscribe to: the zone feed under a person's secret token (a feed reader
has no session), and the page where the person sees, renews or revokes that token."""
from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clippings.feeds import ZoneFeed
from clippings.models import FeedToken
from clippings.selectors.entities import ZONES, most_covered
from clippings.views.forms import FeedTokenForm, bad_request

zone_feed = ZoneFeed()


@login_not_required  # the token stands for the login; anything but a live token is 404
def zone_feed_with_token(request, token: str, slug: str):
    user = FeedToken.user_for(token)
    if user is None:
        raise Http404
    request.user = user
    return zone_feed(request, slug=slug)


def token_feed_url(request, token: FeedToken, slug: str) -> str:
    return request.build_absolute_uri(reverse("clippings:zone_feed_token", args=[token.token, slug]))


@require_http_methods(["GET", "POST"])
def feed_tokens(request):
    if request.method == "POST":
        form = FeedTokenForm(request.POST)
        if not form.is_valid():
            return bad_request(request, form)
        action = form.cleaned_data["action"]
        if action == "new":
            FeedToken.renew(request.user)
        else:
            FeedToken.revoke_all(request.user)
        return redirect("clippings:feed_tokens")
    token = FeedToken.current(request.user)
    examples = [(zone, token_feed_url(request, token, zone.slug)) for zone, _ in most_covered(ZONES, limit=3)] if token else []
    return render(request, "clippings/feed_tokens.html", {"token": token, "examples": examples})
