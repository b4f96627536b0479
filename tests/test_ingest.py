"""The ingest command on real files: seeds, repeats, every kind of bad input, images, metadata."""
from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from clippings.models import Article, Caption, Source
from clippings.services import ingest as ingest_service

from .conftest import SAMPLES, SEEDS, seed_reading, seed_words

pytestmark = pytest.mark.django_db


def run_ingest(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out, stderr=err, **options)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_seeds_ingest_and_repeat_adds_nothing(media):
    code, out, err = run_ingest(SEEDS)
    assert code == 0, err
    assert Source.objects.count() == 5
    assert Article.objects.count() == 11
    assert "5 页" in out or "5 pages" in out
    counts = (Source.objects.count(), Article.objects.count(), Caption.objects.count())
    code, out, err = run_ingest(SEEDS)
    assert code == 0
    assert (Source.objects.count(), Article.objects.count(), Caption.objects.count()) == counts
    assert "5" in out and ("重复" in out or "duplicates" in out)


def test_seed_source_keeps_raw_text_and_records_the_split(media):
    run_ingest(SEEDS / "004_8b4336264d7242b7.txt")
    source = Source.objects.get()
    assert source.raw_text == (SEEDS / "004_8b4336264d7242b7.txt").read_text(encoding="utf-8")
    assert source.encoding == "utf-8"
    assert source.cleaning_report["repeated_blocks"] == 7
    titles = list(source.articles.order_by("position").values_list("title", flat=True))
    reading = seed_reading("004")  # the page's articles as the careful reading has them
    assert titles == [a["title"] for a in reading]
    first = source.articles.get(position=1)
    assert first.authors == reading[0]["authors"]
    assert first.kicker.startswith(reading[0]["kicker"].split()[0])


def test_same_page_in_another_encoding_is_a_duplicate(media, tmp_path):
    text = (SEEDS / "002_c8ec531a1b9e0a7e.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(text.encode("utf-16"))
    code, out, _ = run_ingest(tmp_path)
    assert code == 0
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "文件为空"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "这是一个 PNG 文件，不是纯文本"),
        (bytes(range(256)) * 8, "文件含有二进制内容，不是纯文本"),
        ("café naïve résumé, a Latin-1 page".encode("latin-1"), "无法识别的编码"),
    ],
)
def test_bad_file_gets_one_clear_line_and_others_still_load(media, tmp_path, content, reason):
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", good)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run_ingest(tmp_path)
    assert code == 1
    lines = [line for line in err.splitlines() if "bad.txt" in line]
    assert len(lines) == 1 and reason in lines[0], err
    assert Source.objects.filter(original_name="good.txt").exists()
    assert not Source.objects.filter(original_name="bad.txt").exists()


@pytest.mark.parametrize("files, said", [
    ({"manifest.csv": "file,newspaper,date,page\nbad.txt,甲报,2024/05/10,A1\n"},
     "manifest.csv 中这一页的日期“2024/05/10”不是“年-月-日”的写法"),
    ({"bad.json": '{"date": "10 May 2024"}'}, ".json 文件中的日期“10 May 2024”不是“年-月-日”的写法"),
    ({"bad.json": '{"newspaper": "甲报",\n "date": }'}, ".json 文件第 2 行不是有效的 JSON"),
    ({"bad.json": '["甲报"]'}, ".json 文件应是一个对象"),
])
def test_bad_metadata_is_explained_in_plain_chinese(media, tmp_path, files, said):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "bad.txt")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, err = run_ingest(tmp_path)
    line = next(line for line in err.splitlines() if "bad.txt" in line)
    assert code == 1 and said in line, line
    assert not any(word in line for word in ("YYYY", " is not ", "Expecting", "JSON object")), line


def test_oversized_file_is_refused(media, tmp_path):
    page = tmp_path / "big.txt"
    page.write_text("重庆高新区发展数字经济。\n" * 200, encoding="utf-8")
    code, _, err = run_ingest(page, max_bytes=1000)
    assert code == 1
    assert "big.txt" in err and "文件过大" in err
    assert Source.objects.count() == 0


def test_missing_path_is_reported(media, tmp_path):
    code, _, err = run_ingest(tmp_path / "nope.txt")
    assert code == 1 and "nope.txt" in err and "不存在" in err


def test_a_failure_inside_the_transaction_leaves_nothing(media, tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "p.txt")
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.png", tmp_path / "p.png")

    def explode(source, page):
        Article.objects.create(source=source, position=1, title="half written")
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_service, "save_articles", explode)
    with pytest.raises(RuntimeError):
        ingest_service.ingest_path(tmp_path / "p.txt")
    assert Source.objects.count() == 0 and Article.objects.count() == 0
    assert not any(Path(media).rglob("*.png")), "the stored image was removed again"
    monkeypatch.undo()
    result = ingest_service.ingest_path(tmp_path / "p.txt")
    assert result.status == "created" and Article.objects.count() == 3


def test_page_image_is_checked_and_stored(media):
    code, out, err = run_ingest(SAMPLES / "hefei_2024-05-10_A3.txt")
    assert code == 0, err
    source = Source.objects.get()
    assert source.image.name.endswith(".png")
    assert (source.image_width, source.image_height) == (360, 480)
    assert Path(source.image.path).is_file()


def test_broken_image_is_reported_and_the_text_kept(media, tmp_path):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "page.txt")
    (tmp_path / "page.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    code, out, err = run_ingest(tmp_path)
    assert code == 0
    assert "page.txt" in err and "图片已损坏" in err
    source = Source.objects.get()
    assert not source.image and source.image_error == "image_broken"
    assert source.articles.count() == 3


def test_truncated_image_is_broken(media, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(buffer, "PNG")
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "page.txt")
    (tmp_path / "page.png").write_bytes(buffer.getvalue()[:-40])
    run_ingest(tmp_path)
    assert Source.objects.get().image_error == "image_broken"


def test_images_and_manifest_rows_added_between_ingests_are_seen(media, tmp_path):
    """The folder is listed and the manifest read once per change, not once per page: a page added
    with its image (suffix in capitals) and its manifest row after a first ingest is still matched."""
    png = io.BytesIO()
    Image.new("RGB", (120, 90), "white").save(png, "PNG")
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "one.txt")
    (tmp_path / "manifest.csv").write_text("file,newspaper,date,page\none.txt,甲报,2024-01-02,A1\n", encoding="utf-8")
    assert run_ingest(tmp_path)[0] == 0
    shutil.copy(SAMPLES / "chengdu_2024-07-15_02.txt", tmp_path / "two.txt")
    (tmp_path / "two.PNG").write_bytes(png.getvalue())
    with (tmp_path / "manifest.csv").open("a", encoding="utf-8") as handle:
        handle.write("two,乙报,2024-03-04,B2\n")
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    one, two = Source.objects.get(original_name="one.txt"), Source.objects.get(original_name="two.txt")
    assert (one.newspaper, one.page_label, bool(one.image)) == ("甲报", "A1", False)
    assert (two.newspaper, two.issue_date, two.page_label) == ("乙报", date(2024, 3, 4), "B2")
    assert (two.image_width, two.image_height) == (120, 90)


def test_a_broken_manifest_row_fails_only_the_pages_it_hides(media, tmp_path):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "one.txt")
    shutil.copy(SAMPLES / "chengdu_2024-07-15_02.txt", tmp_path / "two.txt")
    (tmp_path / "manifest.csv").write_text(
        "file,newspaper,date,page\none.txt,甲报,2024-01-02,A1\ntwo.txt,乙报,2nd March,B2\n", encoding="utf-8")
    code, _, err = run_ingest(tmp_path)
    assert code == 1 and "two.txt" in err and "元数据" in err
    assert list(Source.objects.values_list("original_name", "newspaper")) == [("one.txt", "甲报")]


def test_encodings_and_metadata_from_sidecar_and_manifest(media):
    code, out, err = run_ingest(SAMPLES)
    assert code == 0, err
    sources = {s.original_name: s for s in Source.objects.all()}
    xian = sources["xian_2024-06-02_05.txt"]
    assert (xian.encoding, xian.newspaper, xian.issue_date, xian.page_label) == ("gbk", "西部产业报", date(2024, 6, 2), "05")
    chengdu = sources["chengdu_2024-07-15_02.txt"]
    assert (chengdu.encoding, chengdu.newspaper, chengdu.page_label) == ("utf-16", "开发区导报", "02")
    assert set(chengdu.articles.values_list("year", flat=True)) == {2024}
    assert set(chengdu.articles.values_list("year_source", flat=True)) == {"issue_date"}


def test_bad_sidecar_fails_that_file_only(media, tmp_path):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "one.txt")
    (tmp_path / "one.json").write_text('{"date": "10 May 2024"}', encoding="utf-8")
    shutil.copy(SAMPLES / "chengdu_2024-07-15_02.txt", tmp_path / "two.txt")
    code, out, err = run_ingest(tmp_path)
    assert code == 1 and "one.txt" in err and "元数据" in err
    assert list(Source.objects.values_list("original_name", flat=True)) == ["two.txt"]


def test_command_line_metadata_defaults(media, tmp_path):
    shutil.copy(SAMPLES / "hefei_2024-05-10_A3.txt", tmp_path / "p.txt")
    (tmp_path / "p.json").write_text(json.dumps({"page": "B2"}), encoding="utf-8")
    run_ingest(tmp_path, newspaper="某某日报", date="2023-01-02")
    source = Source.objects.get()
    assert (source.newspaper, source.issue_date, source.page_label) == ("某某日报", date(2023, 1, 2), "B2")


def test_dry_run_prints_the_split_and_stores_nothing(media):
    code, out, err = run_ingest(SEEDS / "001_1e7ae3f02ce5cf70.txt", dry_run=True)
    assert code == 0
    assert Source.objects.count() == 0
    science = seed_reading("001")[2]
    editors = f"本版编辑 {seed_words('001', 601, 4, 3)} 美编 {seed_words('001', 601, 9, 2)}"  # the page's editors
    assert science["title"] in out and science["authors"][0] in out and editors in out


def test_ingest_records_the_user(media, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    run_ingest(SAMPLES / "chengdu_2024-07-15_02.txt", user="editor")
    assert Source.objects.get().ingested_by == user


def test_ingest_into_a_fresh_archive_loads_the_gazetteer_first(media):
    from clippings.models import Origin, Zone, ZoneMention
    from clippings.services.gazetteer import ZONES_FIXTURE, read_records

    assert not Zone.objects.exists()  # `migrate` alone
    code, out, _ = run_ingest(SAMPLES / "hefei_2024-05-10_A3.txt")
    assert code == 0 and "开发区名录" in out
    assert Zone.objects.filter(origin=Origin.GAZETTEER).count() == len(read_records(ZONES_FIXTURE))
    assert ZoneMention.objects.filter(zone__origin=Origin.GAZETTEER).exists()  # the page's zone pages are not empty
    code, out, _ = run_ingest(SAMPLES / "hefei_2024-05-10_A3.txt")
    assert "开发区名录" not in out  # loaded once
