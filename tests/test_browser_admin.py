"""An editor corrects a title in the admin in a real browser; the new words are found by search at
once, and the history shows the new value (Playwright + Debian's Chromium, like test_browser)."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from clippings.models import Article
from clippings.roles import EDITORS
from clippings.search.indexing import backend

from .conftest import SAMPLES, shoot

PASSWORD = "editor-pw-2024"


@pytest.fixture
def editor_site(transactional_db, live_server, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    backend().clear()
    call_command("ingest", str(SAMPLES), stdout=io.StringIO(), stderr=io.StringIO())
    user = django_user_model.objects.create_user("bianji", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    yield live_server
    backend().clear()


def test_title_edited_in_admin_is_found_by_search_and_kept_in_history(browser, editor_site):
    article = Article.objects.exclude(title="").order_by("pk").first()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=editor_site.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"/admin/clippings/article/{article.pk}/change/")
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.fill("input[name=title]", "园区员工更正后的标题")
    shoot(page, "admin-article-edit")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/clippings/article/")
    assert page.locator(".messagelist .success").count() == 1

    answer = page.request.get("/api/search/?q=员工更正后").json()
    assert [r["id"] for r in answer["results"]] == [article.pk]
    page.goto("/search/?q=员工更正后")
    assert page.locator(".results mark").first.inner_text() == "员工更正后"
    shoot(page, "search-after-edit")

    page.goto(f"/admin/clippings/article/{article.pk}/history/")
    history = page.locator("#change-history").inner_text()
    assert "bianji" in history and "园区员工更正后的标题" in history  # who, and the change (old → new)
    shoot(page, "admin-history")
    first_entry = page.locator("#change-history a").first
    first_entry.click()
    assert page.locator("input[name=title]").input_value() == "园区员工更正后的标题"
    context.close()
    article.refresh_from_db()
    assert "title" in article.edited_fields
