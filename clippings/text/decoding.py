"""Bytes of an OCR page file -> text, with the encoding found (no Django).

Newsroom OCR output comes as UTF-8 (with or without BOM), UTF-16 (Windows tools) or
GB18030/GBK (older Chinese software). Those are tried in a fixed order, strictly, and the
result must read as text; anything else is handed to charset-normalizer (Big5 pages from
Hong Kong or Taiwan papers, for instance). Bad input raises ``PageFileError`` with a reason
code that the caller turns into a message; no partial text is ever returned.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .chars import CJK_PUNCT, HAN_RANGES, han_count

# control characters (not whitespace) and replacement marks; private-use characters; characters
# that are neither ASCII, Chinese (ideographs, punctuation) nor full-width forms
_BAD_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")
_UNUSUAL_RE = re.compile(f"[^\x00-\x7f{HAN_RANGES}{CJK_PUNCT}\uff00-\uffef]")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# markup documents saved under a page's name: declarations and root elements they start with
_MARKUP_STARTS = ("<!doctype", "<html", "<svg", "<?xml", "<head", "<body")
_SCRIPT_RE = re.compile(r"<\s*(script|iframe|object|embed)\b|<[a-zA-Z][^<>]*\son[a-zA-Z]+\s*=", re.IGNORECASE)
_TAG_LINE_RE = re.compile(r"^\s*</?[a-zA-Z][a-zA-Z0-9:-]*(\s[^<>]*)?/?>|</[a-zA-Z][a-zA-Z0-9:-]*>\s*$")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"PK\x03\x04": "ZIP/Office",
    b"\xd0\xcf\x11\xe0": "Office",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"\x7fELF": "ELF",
}


class PageFileError(Exception):
    """A page file that cannot be read as text. ``code`` is one of
    ``empty``, ``too_large``, ``binary``, ``undecodable``, ``markup`` (a web page or other markup
    document: stored as an article it would show its tags), ``not_regular``, ``unreadable``; ``detail`` is
    a value for the message (sizes, a file format's name, an encoding's name), never wording: the caller
    words the message."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class DecodedPage:
    text: str  # verbatim, without BOM
    encoding: str
    size: int
    sha256: str  # of the text (UTF-8, LF line endings): the same page in two encodings is one page


def content_hash(text: str) -> str:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _readable(text: str) -> bool:
    """Plausible page text: almost no control characters or replacement marks."""
    if not text.strip():
        return True
    bad = len(_BAD_RE.findall(text))
    private = len(_PRIVATE_RE.findall(text))
    usual = len(text) - len(_UNUSUAL_RE.findall(text))
    return (
        bad <= max(2, len(text) // 1000)
        and private <= max(2, len(text) // 200)
        and usual >= 0.9 * len(text)
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII line breaks leave NULs at every other byte."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    for encoding, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nuls and not other:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _readable(text):
                return encoding
    return None


def decode_page(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedPage:
    size = len(data)
    if size > max_bytes:
        raise PageFileError("too_large", f"{size} > {max_bytes}")
    if not data.strip():
        raise PageFileError("empty")
    text, encoding = _decode(data)
    if not text.strip():
        raise PageFileError("empty")
    markup = markup_kind(text)
    if markup:
        raise PageFileError("markup", markup)
    return DecodedPage(text=text, encoding=encoding, size=size, sha256=content_hash(text))


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise PageFileError("undecodable", encoding.replace("-sig", "")) from exc
            if not _readable(text):
                raise PageFileError("undecodable", encoding.replace("-sig", ""))
            return text.lstrip("\ufeff"), "utf-16" if encoding == "utf-16" else encoding.replace("-sig", "-bom")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise PageFileError("binary", kind)
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding:
            return data.decode(encoding), encoding
        raise PageFileError("binary")
    try:
        text = data.decode("utf-8")
        if _readable(text):
            return text, "utf-8"
        raise PageFileError("binary")
    except UnicodeDecodeError:
        pass
    for encoding in ("gbk", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _readable(text) and han_count(text) > 0:
            return text, encoding
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("ascii",):
        text = str(best)
        if _readable(text) and han_count(text) >= len(text.strip()) // 10:
            return text, best.encoding
    if sum(1 for b in data if b < 9 or 13 < b < 32) > len(data) // 100:
        raise PageFileError("binary")
    raise PageFileError("undecodable")


def markup_kind(text: str) -> str:
    """What marks the text as a markup document (HTML, SVG, XML) rather than OCR text; '' if nothing.

    A document that starts with a declaration or root element, has a script-like construct, or
    whose lines are mostly tags. OCR'd Chinese pages have no ``<tag>`` lines (titles are in 《》)."""
    if "<" not in text:
        return ""
    head = text.lstrip("\ufeff \t\r\n")[:64].lower()
    for start in _MARKUP_STARTS:
        if head.startswith(start):
            return start.upper() if start.startswith("<!") else start
    found = _SCRIPT_RE.search(text)
    if found:
        return found.group(0).strip()[:20]
    lines = [line for line in text.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _TAG_LINE_RE.search(line))
    if tagged >= 3 and tagged * 2 >= len(lines):
        return "tags"
    return ""
