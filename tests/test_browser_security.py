"""Stored XSS through the page image (issue 17), replayed in Chromium: an SVG with an onload script and an
HTML file uploaded as a page image through the admin are refused, and a non-image written straight to the
model runs no script when its image URL is opened. Every page visited on the way reports no
Content-Security-Policy violation (the site-wide policy has no inline scripts or styles to block)."""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from clippings.models import Source

from .conftest import shoot
from .test_browser_admin import PASSWORD, editor_site  # noqa: F401  (the live site with the sample pages and an editor)

# each payload, if it ran, would ask the server for /xss-ran and open a dialog
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/xss-ran\');alert(1)">'
       '<rect width="50" height="50"/></svg>').encode()
HTML = b"<!DOCTYPE html><html><body><h1>x</h1><script>fetch('/xss-ran');alert(1)</script></body></html>"


@pytest.fixture
def tab(browser, editor_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=editor_site.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.ran = []  # signs that an injected script ran
    page.csp_violations = []
    page.on("dialog", lambda dialog: (page.ran.append("dialog"), dialog.dismiss()))
    page.on("request", lambda request: "/xss-ran" in request.url and page.ran.append(request.url))
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.csp_violations.append((page.url, message.text)))
    yield page
    context.close()


def log_in(page, path):
    page.goto(path)
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("name,mime,content", [("page.svg", "image/svg+xml", SVG), ("page.html", "text/html", HTML),
                                               ("page.png", "image/png", SVG)])
def test_admin_refuses_a_script_as_page_image(tab, name, mime, content):
    source = Source.objects.exclude(image="").order_by("pk").first()
    before = source.image.name
    log_in(tab, f"/admin/clippings/source/{source.pk}/change/")
    tab.set_input_files("input[name=image]", files=[{"name": name, "mimeType": mime, "buffer": content}])
    tab.click("input[name=_save]")
    tab.wait_for_load_state()
    assert "/change/" in tab.url  # the form again, not the list
    assert "只接受 JPEG、PNG 或 TIFF" in tab.locator(".errorlist").inner_text()
    shoot(tab, "admin-image-refused")
    source.refresh_from_db()
    assert source.image.name == before
    tab.goto(f"/sources/{source.pk}/image/")
    tab.wait_for_timeout(300)
    assert tab.ran == [] and tab.csp_violations == []


@pytest.mark.parametrize("name,content", [("pages/evil.svg", SVG), ("pages/evil.html", HTML),
                                          ("pages/evil.png", HTML)])
def test_a_stored_non_image_runs_no_script_when_opened(tab, name, content):
    source = Source.objects.order_by("pk").first()
    source.image = default_storage.save(name, ContentFile(content))
    source.save()
    log_in(tab, f"/sources/{source.pk}/image/")
    tab.goto(f"/sources/{source.pk}/image/")
    tab.wait_for_timeout(500)
    assert tab.ran == []
    assert "xss" not in tab.content()  # the payload is not in the page at all
    article = source.articles.order_by("position").first()
    tab.goto(f"/articles/{article.pk}/")  # the article page shows the problem, and loads no script either
    tab.wait_for_timeout(300)
    assert tab.ran == []


def test_admin_and_reading_pages_break_no_content_security_policy(tab):
    source = Source.objects.exclude(image="").order_by("pk").first()
    article = source.articles.order_by("position").first()
    log_in(tab, "/")
    for path in ("/", "/zones/", "/search/?q=开发区", f"/articles/{article.pk}/", f"/sources/{source.pk}/",
                 f"/sources/{source.pk}/image/", "/admin/", "/admin/clippings/article/",
                 f"/admin/clippings/article/{article.pk}/change/", f"/admin/clippings/source/{source.pk}/change/",
                 f"/admin/clippings/article/{article.pk}/history/", "/admin/clippings/source/upload/"):
        response = tab.goto(path)
        assert response.ok, path
        tab.wait_for_load_state("networkidle")
    # the admin's own scripts ran (the change list's action checkboxes are wired by actions.js)
    tab.goto("/admin/clippings/article/")
    tab.locator("#action-toggle").check()
    assert tab.locator("tr.selected").count() > 0
    assert tab.csp_violations == []
    # and a violation would have been seen: an inline style added to the page is blocked and reported
    tab.evaluate("""document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>')""")
    tab.wait_for_timeout(300)
    assert len(tab.csp_violations) == 1
