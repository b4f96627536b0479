from __future__ import annotations

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
