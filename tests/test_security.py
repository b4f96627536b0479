"""Issue 17's attacks, replayed: page images that are not images, thumbnails of replaced or huge images,
the Content-Security-Policy, CSV formula injection, markup in the Atom feed, the demo accounts and secret
files, login throttling, and `check --deploy` with the documented production settings."""
from __future__ import annotations

import csv
import io
import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from clippings.models import Article, Source, Zone, ZoneMention
from clippings.roles import EDITORS, READERS
from clippings.services.ingest import ingest_path

from .conftest import ROOT, SAMPLES
from .test_admin import action, change_url, form_data

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned\'"><rect width="9" height="9"/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>document.title='pwned'</script></body></html>"


def image_bytes(size, fmt="PNG", color="black") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def page_source(media, tmp_path) -> Source:
    """A sample page ingested with its page image."""
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "page.txt")
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.png", tmp_path / "page.png")
    return ingest_path(tmp_path / "page.txt").source


def post_image(client, source, upload):
    data = form_data(client, change_url(source))
    data["image"] = upload
    return client.post(change_url(source), data)


# --- page images ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content", [("evil.svg", SVG), ("evil.html", HTML), ("evil.png", SVG),
                                          ("noext", HTML)])
def test_admin_source_form_refuses_a_page_image_that_is_not_an_image(editor, page_source, name, content):
    before = page_source.image.name
    response = post_image(editor, page_source, SimpleUploadedFile(name, content))
    assert response.status_code == 200  # the form again, with the reason
    assert "JPEG、PNG 或 TIFF" in response.content.decode()
    page_source.refresh_from_db()
    assert page_source.image.name == before
    assert not any(p.suffix in (".svg", ".html") or p.name == "noext" for p in media_files())


def media_files():
    from django.conf import settings

    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_admin_source_form_takes_a_real_image_with_its_measures(editor, page_source):
    # a PNG under a misleading name is stored under the suffix of what it is
    response = post_image(editor, page_source, SimpleUploadedFile("scan.jpg", image_bytes((300, 600))))
    assert response.status_code == 302, response.content.decode()[:2000]
    page_source.refresh_from_db()
    assert page_source.image.name.endswith(".png")
    assert (page_source.image_width, page_source.image_height) == (300, 600)
    # the form links the image through the app's checked view, not the media folder (which is never served)
    image_url = reverse("clippings:source_image", args=[page_source.pk])
    assert f'href="{image_url}"' in editor.get(change_url(page_source)).content.decode()


def test_thumbnail_is_remade_when_the_image_changes(editor, page_source):
    thumbnail = reverse("clippings:source_thumbnail", args=[page_source.pk])
    first = Image.open(io.BytesIO(b"".join(editor.get(thumbnail).streaming_content)))
    assert first.size[0] == 360  # the sample image, 360 wide: not enlarged
    assert post_image(editor, page_source, SimpleUploadedFile("new.png", image_bytes((200, 100)))).status_code == 302
    second = Image.open(io.BytesIO(b"".join(editor.get(thumbnail).streaming_content)))
    assert second.size == (200, 100)
    assert second.getpixel((50, 50))[0] < 30  # the new, black image


@pytest.mark.parametrize("name,content", [("pages/evil.svg", SVG), ("pages/evil.html", HTML),
                                          ("pages/evil.png", HTML)])
def test_a_stored_file_that_is_not_an_image_is_never_served(reader, page_source, name, content):
    """Written straight to the model, past every check: the image URL still serves no markup."""
    page_source.image = default_storage.save(name, ContentFile(content))
    page_source.save()
    response = reader.get(reverse("clippings:source_image", args=[page_source.pk]))
    assert response.status_code == 404
    assert b"<script" not in response.content and b"onload" not in response.content


def test_a_page_image_is_served_with_its_verified_type_and_a_locked_policy(reader, page_source):
    # a real PNG stored under an .svg name is still a PNG, not image/svg+xml
    page_source.image = default_storage.save("pages/renamed.svg", ContentFile(image_bytes((20, 20))))
    page_source.save()
    response = reader.get(reverse("clippings:source_image", args=[page_source.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy


def test_an_image_too_large_to_decode_gets_a_message_and_a_jpeg_is_decoded_reduced(reader, page_source, settings):
    settings.DEVNEWS_MAX_DECODE_PIXELS = 1_000_000
    article = page_source.articles.first()
    page_source.image = default_storage.save("pages/big.png", ContentFile(image_bytes((2000, 1000))))
    page_source.save()
    assert "版面图片过大，无法生成缩略图" in reader.get(article.get_absolute_url()).content.decode()
    assert reader.get(reverse("clippings:source_thumbnail", args=[page_source.pk])).status_code == 404
    # 8 Mpx of JPEG is decoded at 1/8 scale (125 kpx): within the limit
    page_source.image = default_storage.save("pages/big.jpg", ContentFile(image_bytes((4000, 2000), "JPEG")))
    page_source.save()
    response = reader.get(reverse("clippings:source_thumbnail", args=[page_source.pk]))
    assert response.status_code == 200
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (480, 240)


def test_every_page_has_a_content_security_policy(editor, page_source):
    for url in ("/", reverse("clippings:source_detail", args=[page_source.pk]), "/admin/",
                change_url(page_source), reverse("login")):
        policy = editor.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "object-src 'none'" in policy


# --- CSV exports ------------------------------------------------------------------------------------

def test_csv_exports_neutralise_formulas(editor, media, tmp_path):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "page.txt")
    (tmp_path / "page.json").write_text(json.dumps({"newspaper": "@SUM(1+1)*cmd|' /C calc'!A0"}), encoding="utf-8")
    source = ingest_path(tmp_path / "page.txt").source
    article = source.articles.order_by("position").first()
    Article.objects.filter(pk=article.pk).update(title='=HYPERLINK("http://evil.example","click")', kicker="-2+3")
    zone = Zone.objects.create(name="测试高新区", slug="ce-shi", city="=cmd|' /C calc'!A0", province="\t+1")

    def cells(response):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    articles = cells(action(editor, Article, "export_csv", [article.pk]))
    row = dict(zip(articles[0], articles[1]))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["kicker"] == "'-2+3"
    assert row["newspaper"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    zones = cells(action(editor, Zone, "export_csv", [zone.pk]))[1]
    assert "'=cmd|' /C calc'!A0" in zones and "'\t+1" in zones and "测试高新区" in zones
    sources = cells(action(editor, Source, "export_csv", [source.pk]))[1]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in sources
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in articles[1] + zones + sources)


# --- the Atom feed ----------------------------------------------------------------------------------

def test_feed_summaries_are_text_not_markup(reader, page_source):
    article = page_source.articles.first()
    Article.objects.filter(pk=article.pk).update(body="开头<script>alert(document.cookie)</script><b>粗体</b>")
    zone = Zone.objects.create(name="测试高新区", slug="ce-shi")
    ZoneMention.objects.create(zone=zone, article=article, surface="测试高新区")
    response = reader.get(reverse("clippings:zone_feed", args=[zone.slug]))
    assert b'type="html"' not in response.content
    atom = "{http://www.w3.org/2005/Atom}"
    summary = ET.fromstring(response.content).find(f"{atom}entry/{atom}summary")
    assert summary.get("type") == "text"
    assert summary.text == "开头<script>alert(document.cookie)</script><b>粗体</b>"  # shown as the text it is


# --- demo accounts and secret files -----------------------------------------------------------------

def test_setup_demo_makes_an_editor_and_a_reader_with_their_own_kept_passwords(settings, tmp_path, media):
    from django.contrib.auth import get_user_model

    settings.DATA_DIR = tmp_path
    call_command("setup_demo", stdout=(first := io.StringIO()), stderr=io.StringIO())
    User = get_user_model()
    demo, reader = User.objects.get(username="demo"), User.objects.get(username="reader")
    assert demo.is_staff and not demo.is_superuser
    assert list(demo.groups.values_list("name", flat=True)) == [EDITORS]
    assert not reader.is_staff and not reader.is_superuser
    assert list(reader.groups.values_list("name", flat=True)) == [READERS]
    demo_password = (tmp_path / "demo_password").read_text()
    reader_password = (tmp_path / "reader_password").read_text()
    assert demo_password != reader_password
    assert demo.check_password(demo_password) and not demo.check_password(reader_password)
    assert reader.check_password(reader_password) and not reader.check_password(demo_password)
    for name in ("demo_password", "reader_password"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert demo_password in first.getvalue() and reader_password in first.getvalue()
    hashes = (demo.password, reader.password)
    call_command("setup_demo", stdout=(second := io.StringIO()), stderr=io.StringIO())
    assert tuple(User.objects.get(username=u).password for u in ("demo", "reader")) == hashes  # not reset
    assert demo_password in second.getvalue() and reader_password in second.getvalue()


def run_manage(*args, env_extra, data_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update({"DEVNEWS_DATA_DIR": str(data_dir), **env_extra})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_generated_secret_key_is_readable_by_its_owner_only(tmp_path):
    result = run_manage("check", env_extra={}, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert len((tmp_path / "secret_key").read_text()) >= 50


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", data_dir=tmp_path, env_extra={
        "DEVNEWS_HTTPS": "true", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "archive.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
        "DEVNEWS_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


# --- login throttling -------------------------------------------------------------------------------

def test_thirty_wrong_passwords_lock_the_login_until_the_cool_off(client, django_user_model):
    user = django_user_model.objects.create_user("lin", password="right-pw-2024")
    user.groups.add(Group.objects.get(name=READERS))
    login = reverse("login")
    answers = [client.post(login, {"username": "lin", "password": f"wrong-{i}"}) for i in range(30)]
    assert answers[-1].status_code == 429
    locked = client.post(login, {"username": "lin", "password": "right-pw-2024"})
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    assert client.get("/").status_code == 302  # not logged in
    # another account from the same address is not locked
    django_user_model.objects.create_user("wang", password="other-pw-2024")
    assert client.post(login, {"username": "wang", "password": "other-pw-2024"}).status_code == 302
    client.logout()
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=2))  # the cool-off has passed
    assert client.post(login, {"username": "lin", "password": "right-pw-2024"}).status_code == 302
    assert client.get("/").status_code == 200
