"""Every encoding a newsroom produces is read; every kind of bad file gets its reason."""
import codecs
import os

import pytest

from clippings.text.decoding import PageFileError, content_hash, decode_page

PAGE = "合肥高新区：量子产业链加速成势\n□ 本报记者 林晓岚\n今年以来，合肥高新区持续强化“科创+产业”双轮驱动。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8-bom"),
        (PAGE.encode("utf-16"), "utf-16"),
        (PAGE.encode("utf-16-le"), "utf-16-le"),
        (PAGE.encode("utf-16-be"), "utf-16-be"),
        (PAGE.encode("gbk"), "gbk"),
        ((PAGE + "𠀀").encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_are_detected_and_text_is_exact(data, encoding):
    page = decode_page(data)
    assert page.encoding == encoding
    assert page.text.rstrip("𠀀") == PAGE


def test_big5_pages_are_read_too():
    text = "重慶高新區推進數字經濟發展，台灣企業投資增長。\n" * 3
    page = decode_page(text.encode("big5"))
    assert page.text == text


def test_same_page_in_two_encodings_has_one_hash():
    assert decode_page(PAGE.encode("gbk")).sha256 == decode_page(PAGE.encode("utf-16")).sha256
    assert content_hash("a\r\nb") == content_hash("a\nb")


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b" \n\r\n  \n", "empty"),
        ("\ufeff  \n".encode("utf-8"), "empty"),
        (os.urandom(4000), "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "binary"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(100), "binary"),
        (b"\xff\xfe" + os.urandom(300).replace(b"\x00", b"\x01"), "undecodable"),
        ("café naïve résumé".encode("latin-1"), "undecodable"),
        (b"\x80\x81\x82\x83" * 20, "undecodable"),
    ],
)
def test_bad_files_raise_with_a_reason(data, code):
    with pytest.raises(PageFileError) as info:
        decode_page(data)
    assert info.value.code == code


def test_size_limit():
    with pytest.raises(PageFileError) as info:
        decode_page(PAGE.encode(), max_bytes=10)
    assert info.value.code == "too_large"
