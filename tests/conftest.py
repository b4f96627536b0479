from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "fixtures" / "sample_pages"


def seed_path(name: str) -> Path:
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    if not matches:
        raise FileNotFoundError(f"seed page {name} not found in {SEEDS} (tests read ../shared/seeds)")
    return matches[0]


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


def seed_words(name: str, line: int, start: int, length: int) -> str:
    """``length`` characters of seed page ``name``, from character ``start`` of line ``line`` (from 1),
    spaces left out and the lines below run on. Tests name what a seed page prints this way (and by
    ``seed_reading``): the names, headlines and sentences of the seeds stay in ../shared, not in the
    project."""
    lines = seed_text(name).splitlines()[line - 1 :]
    return re.sub(r"\s+", "", "".join(lines))[start : start + length]


@lru_cache(maxsize=None)
def seed_reading(name: str) -> tuple[dict, ...]:
    """The careful reading of seed page ``name``'s articles (tests/data/seed_split_reading.json): each
    one's kind, kicker, title, authors and the words its body starts and ends with."""
    reading = json.loads((ROOT / "tests" / "data" / "seed_split_reading.json").read_text(encoding="utf-8"))
    return tuple(next(p for p in reading["pages"] if p["file"].startswith(f"{name}_"))["articles"])


def all_seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no seed pages in {SEEDS}")
    return paths


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # the manifest storage needs collectstatic; pages under test do not
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def _search_index_folder(tmp_path_factory):
    """Tests write their own search index, never the data folder's."""
    from haystack import connections

    connections.connections_info["default"]["PATH"] = str(tmp_path_factory.mktemp("whoosh"))
    connections.reload("default")
    yield


@pytest.fixture
def search_index():
    """An empty index for the test; returns the backend."""
    from clippings.search.indexing import backend

    engine = backend()
    engine.clear()
    yield engine
    engine.clear()


@contextmanager
def loaded_archive(django_db_blocker):
    """The gazetteer, the enterprise dictionary, every seed page and every sample page, ingested
    into the test database and the test index for a whole module; emptied afterwards."""
    import json

    from django.core.management import call_command

    from clippings.search.indexing import backend
    from clippings.services.gazetteer import load_enterprises, load_zones
    from clippings.services.ingest import ingest_path

    with django_db_blocker.unblock():
        backend().clear()
        load_zones(json.loads((ROOT / "fixtures" / "zones.json").read_text(encoding="utf-8")))
        load_enterprises(json.loads((ROOT / "fixtures" / "enterprises.json").read_text(encoding="utf-8")))
        for path in [*all_seed_paths(), *sorted(SAMPLES.glob("*.txt"))]:
            result = ingest_path(path)
            assert result.status == "created", result
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            backend().clear()


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """``loaded_archive`` for a module, with page images in a temporary media folder."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), loaded_archive(django_db_blocker):
        yield


@pytest.fixture
def quick_passwords(settings):
    """For modules that log hundreds of users in: the production hasher's cost is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _login_with_role(client, django_user_model, username: str, role: str, **flags):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="pw-123456", **flags)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(client, django_user_model):
    """The test client logged in as a staff member of the editors' group."""
    from clippings.roles import EDITORS

    return _login_with_role(client, django_user_model, "bianji", EDITORS, is_staff=True)


@pytest.fixture
def reader(client, django_user_model):
    """The test client logged in as a reader (not staff)."""
    from clippings.roles import READERS

    return _login_with_role(client, django_user_model, "duzhe", READERS)


# --- real browser tests (Playwright driving Debian's Chromium) -----------------------------------

SCREENSHOTS = ROOT / "var" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def chromium_path() -> str:
    path = os.environ.get("DEVNEWS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: apt-get install chromium (see .ci/run), or set DEVNEWS_CHROMIUM")
    return path


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread: Django's ORM calls in browser tests are
    # plain sync code that Django would otherwise refuse while it runs
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            yield instance
            instance.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def shoot(page, name: str) -> None:
    """Screenshots of the current page at desktop and phone widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


