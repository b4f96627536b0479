"""The minimal pages: login required, article list, article page, page image, 404s."""
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from clippings.models import Article, Source

from .conftest import SAMPLES, SEEDS, seed_reading, seed_words

# articles of the seed pages as the careful reading has them (tests/data/seed_split_reading.json)
SCIENCE = seed_reading("001")[2]  # an article with a kicker, a byline and a captioned photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw-123456", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def seeded(media):
    call_command("ingest", str(SEEDS), str(SAMPLES), stdout=io.StringIO(), stderr=io.StringIO())


def test_anonymous_is_sent_to_login(client, seeded):
    article = Article.objects.first()
    for url in (reverse("clippings:article_list"), article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_login_page_is_in_chinese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_article_list(staff, seeded):
    response = staff.get(reverse("clippings:article_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert SCIENCE["title"] in html and "文章" in html
    assert "共 17 篇" in html


def test_empty_archive(staff):
    html = staff.get(reverse("clippings:article_list")).content.decode()
    assert "还没有文章" in html


def test_article_page(staff, seeded):
    article = Article.objects.get(title=SCIENCE["title"])
    html = staff.get(article.get_absolute_url()).content.decode()
    assert SCIENCE["kicker"] in html
    assert f"本报记者 {SCIENCE['authors'][0]}" in html
    assert f"<p>{seed_words('001', 449, 0, 21)}" in html  # the body's first words, read from the page
    assert seed_words("001", 603, 0, 12) + "。" in html and "（资料图片）" in html  # the caption
    assert seed_reading("001")[1]["title"] in html  # previous article on the same page


def test_subheads_render_as_headings(staff, seeded):
    article = Article.objects.get(title=seed_reading("000")[0]["title"])
    html = staff.get(article.get_absolute_url()).content.decode()
    assert f"<h2>{seed_words('000', 33, 0, 10)}</h2>" in html  # a subhead of the article, read from the page


def test_untitled_article_shows_its_opening_words(staff, seeded):
    untitled = seed_reading("000")[2]  # an article with no title, its byline ▶ and a name
    article = Article.objects.filter(byline=f"▶ {untitled['authors'][0]}").get()
    html = staff.get(article.get_absolute_url()).content.decode()
    assert untitled["body_starts"] in html


def test_missing_article_is_404(staff, seeded):
    assert staff.get(reverse("clippings:article_detail", args=[999999])).status_code == 404


def test_page_image_needs_login_and_is_served(client, staff, seeded):
    source = Source.objects.get(original_name="hefei_2024-05-10_A3.txt")
    url = reverse("clippings:source_image", args=[source.pk])
    response = staff.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    article = source.articles.first()
    assert url in staff.get(article.get_absolute_url()).content.decode()
    no_image = Source.objects.exclude(pk=source.pk).first()
    assert staff.get(reverse("clippings:source_image", args=[no_image.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_admin_lists_articles(client, django_user_model, seeded):
    admin = django_user_model.objects.create_superuser("boss", password="pw-123456")
    client.force_login(admin)
    response = client.get(reverse("admin:clippings_article_changelist"))
    assert response.status_code == 200
    assert SCIENCE["title"] in response.content.decode()


def test_pages_are_chinese_whatever_the_browser_asks(staff, seeded):
    html = staff.get(reverse("clippings:article_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "开发区新闻档案" in html and "Development news archive" not in html


def test_home_and_zone_index_of_an_empty_archive(staff):
    html = staff.get(reverse("clippings:home")).content.decode()
    assert "还没有文章" in html and "<strong>0</strong> 篇文章" in html and "还没有文章关联到开发区" in html
    assert "还没有开发区" in staff.get(reverse("clippings:zone_index")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_roles_are_restored_after_a_flush():
    from django.contrib.auth.models import Group

    from clippings.roles import EDITORS, READERS

    call_command("flush", interactive=False, verbosity=0)
    editors = Group.objects.get(name=EDITORS)
    assert Group.objects.filter(name=READERS).exists() and editors.permissions.filter(codename="change_article").exists()
