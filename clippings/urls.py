from django.urls import path

from clippings import views

app_name = "clippings"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("search/", views.search, name="search"),
    path("api/search/", views.api_search, name="api_search"),
    path("sources/<int:pk>/image/", views.source_image, name="source_image"),
]
