"""An editor corrects a title in the admin in a real browser; the new words are found by search at
once, and the history shows the new value (Playwright + Debian's Chromium, like test_browser)."""
from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count

from clippings.models import Article
from clippings.roles import EDITORS
from clippings.search.indexing import backend

from .conftest import SAMPLES, SIZES, shoot

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


# --- every admin form at desktop and phone widths --------------------------------------------------

NO_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def gazetteer_site(editor_site):
    """``editor_site`` with the gazetteer's zones and the enterprise dictionary, re-linked."""
    call_command("load_gazetteer", stdout=io.StringIO())
    call_command("extract", stdout=io.StringIO())
    return editor_site


def log_in(page, path: str) -> None:
    page.goto(path)
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")


def fits(page) -> bool:
    return page.evaluate(NO_SCROLL)


def admin_pages() -> list[tuple[str, str]]:
    """(screenshot name, URL) of the change form of every archive record kind, the article's history and
    the add forms; the records with the most inline rows."""
    from django.contrib import admin

    article = Article.objects.annotate(n=Count("captions") + Count("zonementions")).order_by("-n", "pk").first()
    pages = [("admin-article-history", f"/admin/clippings/article/{article.pk}/history/"),
             ("admin-article-add", "/admin/clippings/article/add/"),
             ("admin-source-upload", "/admin/clippings/source/upload/")]
    for model in admin.site._registry:
        if model._meta.app_label != "clippings":
            continue
        name = model._meta.model_name
        record = article if model is Article else model.objects.order_by("pk").first()
        if name == "zone":
            record = model.objects.annotate(n=Count("aliases") + Count("children")).order_by("-n", "pk").first()
        pages.append((f"admin-{name}-change", f"/admin/clippings/{name}/{record.pk}/change/"))
    return pages


def test_every_admin_form_fits_the_window_in_chinese(browser, gazetteer_site):
    context = browser.new_context(viewport=SIZES["desktop"], base_url=gazetteer_site.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, "/admin/")
    article = Article.objects.annotate(n=Count("captions") + Count("zonementions")).order_by("-n", "pk").first()
    for title in ("第一次改的标题", "第二次改的标题"):  # versions for the history page (no user, no reason)
        article.title = title
        article.save()
    too_wide = []
    for name, url in admin_pages():
        page.goto(url)
        assert page.locator("#content").count() == 1, url
        for label, size in SIZES.items():
            page.set_viewport_size(size)
            if not fits(page):
                too_wide.append((url, label, page.evaluate("document.documentElement.scrollWidth")))
        shoot(page, name)
    assert not too_wide, too_wide

    page.goto(f"/admin/clippings/article/{article.pk}/history/")
    headers = page.locator("#change-history th").all_inner_texts()
    assert "修改内容" in headers and not any(re.search(r"[A-Za-z]{3,}", h) for h in headers), headers
    rows = page.locator("#change-history tbody").inner_text()
    assert "None" not in rows and "—" in rows and "第一次改的标题 → 第二次改的标题" in " ".join(rows.split())

    article = Article.objects.annotate(n=Count("zonementions")).order_by("-n", "pk").first()
    page.goto(f"/admin/clippings/article/{article.pk}/change/")
    text = page.locator("#content").inner_text()
    assert "object (" not in text and "Mention" not in text
    for heading in page.locator(".inline-group h2").all_inner_texts():
        assert not re.search(r"[A-Za-z]{3,}", heading), heading
    for label in page.locator("#content label, #content th").all_inner_texts():
        assert not re.search(r"[A-Za-z]{3,}", label), label
    mention = article.zonementions.filter(rejected=False).select_related("zone").first()
    assert f"{mention.zone.name}（{mention.count} 次）" in text

    # the merge page: two zones chosen in the list, the merge action
    page.goto("/admin/clippings/zone/?q=高新区")
    page.locator("input[name=_selected_action]").nth(0).check()
    page.locator("input[name=_selected_action]").nth(1).check()
    page.select_option("select[name=action]", "merge")
    page.click("button[name=index]")
    page.wait_for_selector("input[name=survivor]")
    merge, show = page.locator(".submit-row input.default"), page.locator(".submit-row button[name=confirm]")
    assert merge.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    for prop in ("padding-top", "border-radius", "font-size", "height"):
        style = f"e => getComputedStyle(e).getPropertyValue('{prop}')"
        assert show.evaluate(style) == merge.evaluate(style), prop  # 显示变化 styled like 合并
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        assert fits(page), ("merge", label)
    shoot(page, "admin-zone-merge")
    context.close()


def test_authors_and_subheads_edited_in_the_form_are_kept(browser, editor_site):
    article = next(a for a in Article.objects.order_by("pk") if len([p for p in a.body.split("\n") if p]) >= 3)
    context = browser.new_context(viewport=SIZES["desktop"], base_url=editor_site.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, f"/admin/clippings/article/{article.pk}/change/")
    page.fill("input[name=authors]", " 林晓岚，袁芳、林晓岚、 ")
    boxes = page.locator("input[name=subheads]")
    assert boxes.count() == len([p for p in article.body.split("\n") if p])
    second_paragraph = [p for p in article.body.split("\n") if p][1]
    label = page.locator("#id_subheads label").nth(1)
    assert second_paragraph[:10] in label.inner_text()  # the checkbox shows the paragraph's opening words
    label.click()
    shoot(page, "admin-article-authors-subheads")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    page.reload()
    assert page.input_value("input[name=authors]") == "林晓岚、袁芳"
    lines = article.body.split("\n")
    ticked = sorted({*article.subheads, lines.index(second_paragraph)})
    assert [int(box.get_attribute("value")) for box in boxes.all() if box.is_checked()] == ticked
    context.close()
    body = article.body
    article.refresh_from_db()
    assert article.authors == ["林晓岚", "袁芳"] and article.subheads == ticked
    assert article.body == body and "body" not in article.edited_fields  # the textarea's CR LF are not an edit
