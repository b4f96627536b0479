from django.urls import path

from clippings.feeds import ZoneFeed
from clippings.views import articles, entities, feeds, search

app_name = "clippings"

urlpatterns = [
    path("", articles.home, name="home"),
    path("articles/", articles.article_list, name="article_list"),
    path("articles/<int:pk>/", articles.article_detail, name="article_detail"),
    path("zones/", entities.zones, name="zone_index"),
    path("zones/<str:slug>/", entities.zone_detail, name="zone_detail"),
    path("zones/<str:slug>/feed/", ZoneFeed(), name="zone_feed"),
    path("feeds/", feeds.feed_tokens, name="feed_tokens"),
    path("feeds/<str:token>/zones/<str:slug>/", feeds.zone_feed_with_token, name="zone_feed_token"),
    path("enterprises/", entities.enterprises, name="enterprise_index"),
    path("enterprises/<str:slug>/", entities.enterprise_detail, name="enterprise_detail"),
    path("sources/<int:pk>/", articles.source_detail, name="source_detail"),
    path("sources/<int:pk>/raw/", articles.source_raw, name="source_raw"),
    path("sources/<int:pk>/image/", articles.source_image, name="source_image"),
    path("sources/<int:pk>/thumbnail/", articles.source_thumbnail, name="source_thumbnail"),
    path("search/", search.search, name="search"),
    path("api/search/", search.api_search, name="api_search"),
]
