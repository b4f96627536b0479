"""Lay real newspaper pages out as OCR-like page files, with the answer (no Django).

A page of the corpus (its articles in printed order, its editor line) becomes the plain text an
OCR engine would give for it, in one of several styles: hard-wrapped columns of 10 to 30
characters or one paragraph a line, blank lines between wrapped lines or not, spaces between
Chinese characters, bold lines read twice, markdown ``#`` marks or none, ASCII punctuation, a
headline on one line or broken over two, bylines in the usual forms (本报记者 X, □/▶ marks,
本报讯（记者 X）, a dateline, a trailing line of names), captions with or without credits, page furniture at
the top or the bottom, a column read before its headline, traditional characters.

The answer says, for every article, its kicker, title, subtitle, authors and where its body
starts and ends, and lists every block with its role. Everything is decided by one
``random.Random(seed)``, so a page and its answer are the same on every machine.

The simulator knows the forms it lays out (it is the typesetter), so reading a dateline or a
credit out of a corpus paragraph here is the typesetter's knowledge, not the splitter's.
"""
from __future__ import annotations

import random
import re
import unicodedata
import zlib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache

from .corpus import CorpusArticle, CorpusPage

# ---------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Style:
    name: str
    wrap: tuple[int, int] | None = None  # column width range (characters); None: one paragraph a line
    blank_lines: float = 0.0  # chance that a blank line follows every wrapped line
    para_gap: float = 0.5  # chance of a blank line between paragraphs
    indent: float = 0.5  # chance that paragraphs start with two full-width spaces
    markdown: bool = False
    ascii_punct: float = 0.0  # chance per page of ASCII , ( ) : ; ? ! for the Chinese ones
    cjk_spaces: float = 0.0  # chance per line of spaces between its characters
    doubled: float = 0.0  # chance per headline or caption that bold type was read twice
    headline_break: float = 0.3  # chance a long title is broken over two lines
    captions: float = 0.25  # chance per article of a photo caption with its credit
    jitter: tuple[float, ...] = (0.0, 0.0, 0.15, 0.35)  # how ragged a page's column is (``wrap``), one drawn a page
    bare_captions: float = 0.2  # share of those printed as a short line without 图为 or a credit
    column_jump: float = 0.0  # chance per article that its first column was read before its headline
    furniture_top: float = 0.3  # chance the editor line is at the top instead of the bottom
    traditional: bool = False
    # a regional paper's forms: a running head (版次, section, date), bylines such as 文/图 本报记者 X,
    # 本报记者 X 通讯员 Y or 本报讯 记者X 通讯员Y 报道：, captions pointing up (▲), column tags in 【】
    regional: bool = False


STYLES: dict[str, Style] = {
    "wrapped_blank": Style("wrapped_blank", wrap=(11, 17), blank_lines=0.9, para_gap=0.0, cjk_spaces=0.04),
    "wrapped": Style("wrapped", wrap=(15, 30), blank_lines=0.0, para_gap=0.3),
    "narrow": Style("narrow", wrap=(10, 13), blank_lines=0.4, para_gap=0.3, cjk_spaces=0.03),
    "unwrapped": Style("unwrapped", wrap=None, para_gap=0.6),
    "markdown": Style("markdown", wrap=None, markdown=True, ascii_punct=0.6, para_gap=0.9, indent=0.0),
    "noisy": Style("noisy", wrap=(12, 24), blank_lines=0.3, cjk_spaces=0.2, doubled=0.5, ascii_punct=0.5),
    "columns": Style("columns", wrap=(12, 20), blank_lines=0.3, column_jump=0.35),
    "traditional": Style("traditional", wrap=(12, 22), blank_lines=0.3, para_gap=0.3, traditional=True),
    "regional": Style("regional", wrap=(11, 24), blank_lines=0.3, para_gap=0.4, cjk_spaces=0.03, regional=True),
}
STYLE_NAMES = tuple(STYLES)


def style_for(name: str, rng: random.Random) -> Style:
    """A named style, or for "mixed" every setting drawn at random."""
    if name != "mixed":
        return STYLES[name]
    wrap = None if rng.random() < 0.3 else (lambda w: (w, w + rng.randint(0, 4)))(rng.randint(10, 28))
    return Style(
        "mixed",
        wrap=wrap,
        blank_lines=rng.choice((0.0, 0.0, 0.5, 0.9)),
        para_gap=rng.random(),
        indent=rng.random(),
        markdown=rng.random() < 0.25,
        ascii_punct=rng.choice((0.0, 0.0, 0.7)),
        cjk_spaces=rng.choice((0.0, 0.0, 0.05, 0.2)),
        doubled=rng.choice((0.0, 0.3)),
        headline_break=rng.random() * 0.5,
        captions=rng.random() * 0.4,
        column_jump=rng.choice((0.0, 0.0, 0.2)),
        furniture_top=rng.random(),
        traditional=rng.random() < 0.15,
        regional=rng.random() < 0.2,
    )


# ---------------------------------------------------------------------------- the answer


@dataclass
class TruthArticle:
    id: str
    kind: str
    kicker: str
    title: str
    subtitle: str
    title_alternatives: list[str]
    authors: list[str] | None  # None: the page does not say who wrote it in a form we can score
    blocks: list[tuple[str, str]]  # (role, text) in page order: kicker/title/subtitle/byline/para/subhead/label/caption

    @property
    def body(self) -> list[str]:
        """The text a reader reads; for a photo item, its caption without the credit line."""
        return [text for role, text in self.blocks if role in ("para", "subhead")] or [
            text for role, text in self.blocks if role == "caption" and not _CREDIT_RE.search(text.replace(" ", ""))
        ]


@dataclass
class PageAnswer:
    key: str
    style: dict
    articles: list[TruthArticle]
    furniture: list[str] = field(default_factory=list)
    # the role of every line of the page text, blank lines "": H headline line (kicker, title,
    # subtitle), S subhead or section label, B first line of a paragraph, I a paragraph's next
    # line, Y byline, C caption or credit, F page furniture
    lines: list[str] = field(default_factory=list)
    # the article (index into ``articles``) every line belongs to; -1 for blank lines and furniture
    owners: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "style": self.style,
            "articles": [asdict(a) for a in self.articles],
            "furniture": self.furniture,
            "lines": self.lines,
            "owners": self.owners,
        }

    @classmethod
    def from_json(cls, data: dict) -> PageAnswer:
        articles = [
            TruthArticle(**{**a, "blocks": [tuple(b) for b in a["blocks"]]}) for a in data["articles"]
        ]
        return cls(
            data["key"], data["style"], articles, data.get("furniture", []), data.get("lines", []),
            data.get("owners", []),
        )


# ---------------------------------------------------------------------------- reading corpus paragraphs

_DATELINE_RE = re.compile(
    r"^(据?(?:本报|新华社|人民日报)[^，。；：“”]{0,24}?电)[\s\u3000\xa0]*((?:（[^（）]{1,60}）)?)[\s\u3000\xa0]*"
)
_REPORTERS_RE = re.compile(r"^（(?:本报)?(?:特约)?记者([^（）：:]{2,40})）$")
_TRAILING_BYLINE_RE = re.compile(r"^（[^（）]*(?:记者|通讯员|报道)[^（）]*）$")
# a photo credit, with the agency in brackets after it or not: X摄, X摄（星河视觉）, （资料图片）
_CREDIT_RE = re.compile(r"(?:(?:摄|摄影报道|供图)(?:[（(][^（）()]{1,12}[)）])?|（资料图片）|\(资料图片\))$")
# a last paragraph of one to three short words and nothing else: the reporters' names
# a name or two alone in brackets: （沈筱雯）, （沈筱雯、何晓岚）
_BRACKETED_NAMES_RE = re.compile(r"（[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){0,2}）")
_NAME_LINE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4}){0,2}")
# a reporter's line on its own: 本报记者 X / □ 本报驻X记者 X
_REPORTER_LINE_RE = re.compile(r"^[□■▶]?(?:本报|新华社|人民日报)?(?:驻\S{1,6}?)?(?:特约)?(?:记者|通讯员)")
_CLOSING_NOTE_RE = re.compile(r"^（[^（）]*(?:作者|执笔|电|记者|通讯员|报道|整理|采写)[^（）]*）$")
# where more is printed, in brackets: （相关报道见第二版） is a line of the text, not a byline
_REFERENCE_RE = re.compile(r"^（[^（）]*见第?[^（）]{0,12}版）$")
_SOURCE_NOTE_RE = re.compile(r"^(?:数据|资料|图表|制图|表格)?来源[:：]")
_EDITOR_LINE_RE = re.compile(r"^(?:本版责编|版式设计|本期统筹|图片编辑|本版邮箱)")
_LABELS = ("核心阅读", "核心提示", "阅读提示", "内容提要")
_SENTENCE_END_RE = re.compile(r"[。！？!?…][”’）)」』]*$")
_SPACES_RE = re.compile(r"[\s\u3000\xa0]+")


def _clean(text: str) -> str:
    """Corpus paragraphs keep the paper's non-breaking spaces inside names: OCR gives plain spaces."""
    return _SPACES_RE.sub(" ", text).strip()


def _names(text: str) -> list[str]:
    """Reporter names of a bracketed dateline: 记者周启航、李明远 / 记者 周 启 航 李 明 远."""
    parts = [p for p in re.split(r"[、，,和]|\s{2,}", text.strip()) if p.strip()]
    out = []
    for part in parts:
        name = part.replace(" ", "")
        if not 2 <= len(name) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            return []  # an agency, an office, a long note: not a list of names we can score
        out.append(name)
    return out


def corpus_roles(article: CorpusArticle) -> tuple[list[tuple[str, str]], str, list[str] | None]:
    """The article's paragraphs with roles, its dateline (or ""), its authors (or None)."""
    paragraphs = [_clean(p) for p in article.paragraphs]
    roles: list[tuple[str, str]] = []
    dateline, authors = "", None
    if paragraphs:
        m = _DATELINE_RE.match(paragraphs[0])
        if m and len(paragraphs[0]) > m.end():
            dateline = (m.group(1) + (" " + m.group(2) if m.group(2) else "")).strip()
            inside = _REPORTERS_RE.match(m.group(2) or "")
            authors = _names(inside.group(1)) if inside else []
            if inside and not authors:
                authors = None
            paragraphs[0] = paragraphs[0][m.end():].strip()
    for i, text in enumerate(paragraphs):
        compact = text.replace(" ", "")
        if compact in _LABELS:
            roles.append(("label", text))
        elif len(compact) <= 40 and _CREDIT_RE.search(compact):
            if roles and roles[-1][0] in ("para", "subhead") and _caption_like(roles[-1][1]):
                roles[-1] = ("caption", roles[-1][1])
            roles.append(("caption", text))
        elif i and (m := _DATELINE_RE.match(text)) and m.end() >= len(text):
            roles.append(("byline", text))  # the source named at the end: 本报曼谷7月6日电
        elif i and i >= len(paragraphs) - 2 and _CLOSING_NOTE_RE.match(compact) and not _REFERENCE_RE.match(compact):
            roles.append(("byline", text))  # （作者为…）（新华社北京10月10日电）（执笔：…）
        elif _SOURCE_NOTE_RE.match(compact):
            roles.append(("caption", text))  # 数据来源：… under a chart
        elif _EDITOR_LINE_RE.match(compact):
            roles.append(("furniture", text))  # the page's editor line printed inside the last article
        elif i == len(paragraphs) - 1 and _TRAILING_BYLINE_RE.match(compact) and len(paragraphs) > 1:
            roles.append(("byline", text))
            inside = _REPORTERS_RE.match(compact)
            if authors is None and inside and not dateline:
                authors = _names(inside.group(1)) or None
        elif i == len(paragraphs) - 1 and len(paragraphs) > 1 and _NAME_LINE_RE.fullmatch(text):
            roles.append(("byline", text))  # the reporters' names alone after the text
            if authors is None and not dateline:
                authors = text.split()
        elif len(compact) <= 30 and any(r.match(compact) for r in (_REPORTER_LINE_RE, _CLOSING_NOTE_RE)):
            roles.append(("byline", text))  # a part's own reporter in a report of several parts
        elif len(compact) <= 30 and not _SENTENCE_END_RE.search(compact):
            roles.append(("subhead", text))
        else:
            roles.append(("para", text))
    return roles, dateline, authors


def _caption_like(text: str) -> bool:
    compact = text.replace(" ", "")
    return compact.startswith(("图为", "图①", "图②", "上图", "下图", "左图", "右图")) or len(compact) <= 60


def headline_roles(lines: tuple[str, ...]) -> tuple[str, str, str, list[str]]:
    """kicker, title, subtitle of a printed headline stack, and the lines a reader may call the title."""
    lines = [_clean(x) for x in lines if _clean(x)]
    if not lines:
        return "", "", "", [""]
    kickers = [x for x in lines[:-1] if x.endswith(("——", "—"))]
    subtitles = [x for x in lines[1:] if x.startswith(("——", "—"))]
    plain = [x for x in lines if x not in kickers and x not in subtitles]
    if len(plain) == 1:
        return " ".join(kickers), plain[0], " ".join(subtitles), [plain[0]]
    if not plain:
        return " ".join(kickers[:-1]), kickers[-1], " ".join(subtitles), [kickers[-1]]
    # an undashed stack: a kicker above the main title, or a title above its subtitle; the
    # paper's type size decides, and plain text does not keep it, so either line is the title
    if kickers:
        return " ".join(kickers), plain[0], " ".join(plain[1:] + subtitles), plain[:1]
    if subtitles:
        return " ".join(plain[:-1]), plain[-1], " ".join(subtitles), plain[-1:]
    return plain[0], plain[1], " ".join(plain[2:]), plain[:2]


# ---------------------------------------------------------------------------- names for injected bylines

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力晓宁欣然佳琳雪梅海波鹏飞宇浩凯鑫斌亮晨阳雨婷颖慧思博志远东晶蕾蓉霄"


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))


# ---------------------------------------------------------------------------- OCR effects

_ASCII = str.maketrans({"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"})
_ASCII_STOP = str.maketrans({"。": "."})
_NO_LINE_START = "，。、；：？！）》”’…—,.;:?!)"


def _width(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 and unicodedata.east_asian_width(ch) not in ("W", "F") else 1.0


def wrap(text: str, width: int, indent: bool, jitter: float = 0.0, rng: random.Random | None = None) -> list[str]:
    """Break a paragraph into column lines; punctuation never starts a line (kinsoku).

    With ``jitter`` each line holds up to that share more (or a third of it fewer) characters
    than ``width``: OCR of narrow type, digits and squeezed punctuation gives ragged columns."""
    lines, line, used = [], "\u3000\u3000" if indent else "", 2.0 if indent else 0.0
    limit = width
    for ch in text:
        w = _width(ch)
        if used + w > limit and line.strip():
            if jitter and rng is not None:
                limit = width * (1 + rng.uniform(-jitter / 3, jitter))
            if ch in _NO_LINE_START:
                line += ch
                lines.append(line)
                line, used = "", 0.0
                continue
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line.strip():
        lines.append(line)
    return lines


def double(text: str) -> str:
    """Bold type read twice: every run of words printed twice, every punctuation mark twice."""
    return "".join(run * 2 for run in re.findall(r"[\u4e00-\u9fffA-Za-z0-9.%]+|.", text) if run != " ")


def space_out(text: str) -> str:
    return " ".join(text)


@lru_cache(maxsize=1)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


# ---------------------------------------------------------------------------- laying a page out


class _Page:
    def __init__(self, style: Style, rng: random.Random, key: str = ""):
        self.style, self.rng = style, rng
        self.lines: list[str] = []
        self.roles: list[str] = []
        self.owners: list[int] = []
        self.owner = -1  # the article being laid out
        self.width = rng.randint(*style.wrap) if style.wrap else None
        self.jitter = rng.choice(style.jitter)
        self.ascii = rng.random() < style.ascii_punct
        # …and on half those pages the full stop too (decided by the page, not its random draws)
        self.ascii_stop = self.ascii and _by_article(key, "ascii full stop", 2)
        self.rest_gap = False  # a blank line after every line of the paragraph a column broke off

    def blank(self, n: int = 1) -> None:
        self.lines.extend([""] * n)
        self.roles.extend([""] * n)
        self.owners.extend([-1] * n)

    def line(self, text: str, role: str) -> None:
        if self.ascii:
            text = text.translate(_ASCII)
        if self.ascii_stop:
            text = text.translate(_ASCII_STOP)
        self.lines.append(text)
        self.roles.append(role)
        self.owners.append(-1 if role == "F" else self.owner)

    def headline(self, text: str, mark: str = "") -> None:
        if self.rng.random() < self.style.doubled:
            text = double(text)
        elif self.rng.random() < self.style.cjk_spaces:
            text = space_out(text)
        self.line(mark + text, "H")

    def paragraph(self, text: str, mark: str = "", role: str = "B", stop: int = 0) -> list[str]:
        """Print a paragraph; with ``stop``, only its first ``stop`` lines (when it wraps to more),
        returning the rest for ``rest_of_paragraph``: a column ended inside it."""
        style, rng = self.style, self.rng
        if mark:
            self.line(mark + text, role)
        elif self.width is None:
            self.line(("\u3000\u3000" if rng.random() < style.indent else "") + text, role)
        else:
            gap = rng.random() < style.blank_lines
            pieces = [
                space_out(piece.strip()) if rng.random() < style.cjk_spaces else piece
                for piece in wrap(text, self.width, rng.random() < style.indent, self.jitter, rng)
            ]
            rest = pieces[stop:] if 0 < stop < len(pieces) else []
            for n, piece in enumerate(pieces[: len(pieces) - len(rest)]):
                self.line(piece, role if role != "B" or n == 0 else "I")
                if gap:
                    self.blank()
            if rest:
                self.rest_gap = gap
                return rest
        self._paragraph_gap()
        return []

    def rest_of_paragraph(self, pieces: list[str]) -> None:
        """The lines of a paragraph after the column broke it off (the next column goes on with it)."""
        for piece in pieces:
            self.line(piece, "I")
            if self.rest_gap:
                self.blank()
        self._paragraph_gap()

    def _paragraph_gap(self) -> None:
        if self.rng.random() < self.style.para_gap and (not self.lines or self.lines[-1]):
            self.blank()


def _by_article(article_id: str, what: str, one_in: int) -> bool:
    """A choice made by the article, one in ``one_in``, not by the page's random draws: a form added
    to the simulator leaves the other pages as they were."""
    return zlib.crc32(f"{article_id} {what}".encode()) % one_in == 0


def _caption_for(article_roles: list[tuple[str, str]], rng: random.Random) -> str | None:
    """A caption made of the article's own words: 图为 + a clause of one of its sentences."""
    paras = [t for r, t in article_roles if r == "para" and len(t) > 20]
    if not paras:
        return None
    clause = re.split(r"[，。；！？]", rng.choice(paras))[0].strip(" “”")
    if not 6 <= len(clause) <= 40:
        return None
    return "图为" + clause + "。"


def _credit(rng: random.Random, names: list[str]) -> str:
    name = names[0] if names and rng.random() < 0.5 else _person(rng)
    return rng.choice((f"本报记者 {name}摄", f"{name}/摄", f"摄/{name}", f"{name} 摄", f"{name}摄", "（资料图片）"))


# a regional paper's sections and column tags (forms, not any paper's names)
_SECTIONS = ("要闻", "综合", "经济新闻", "区域经济", "园区经济", "产业", "县域", "民生", "经济周刊", "开发区")
_COLUMN_TAGS = ("园区动态", "开发区巡礼", "产业观察", "区域传真", "企业风采", "园区新貌", "招商快讯", "项目速览")
_WEEKDAYS = "一二三四五六日"


def _running_head(key: str, rng: random.Random) -> str:
    """The line across the top of a regional paper's page: its number, section and date."""
    day = date(int(key[:4]), int(key[4:6]), int(key[6:8]))
    when = f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}"
    number, section = f"第{rng.randint(1, 12)}版", rng.choice(_SECTIONS)
    return rng.choice((
        f"{number} {section} {when}", f"{when} {section} {number}", f"{number}  {section}  {when}",
        f"{when}  责任编辑：{_person(rng)}  版式：{_person(rng)}",
    ))


def _editor_line(rng: random.Random, style: Style) -> str:
    if style.regional and rng.random() < 0.6:
        return rng.choice((f"责任编辑：{_person(rng)}  校对：{_person(rng)}", f"责编 {_person(rng)} 版式 {_person(rng)}"))
    return f"本版编辑 {_person(rng)} 美编 {_person(rng)}"


def _regional_byline(authors: list[str], rng: random.Random) -> tuple[list[str], str, list[str]]:
    """A regional paper's byline for these reporters: (lines before the text, prefix of its first
    paragraph, the names the byline gives)."""
    names = " ".join(authors)
    helper = _person(rng)
    form = rng.choice(("picture", "picture_after", "correspondent", "square", "reporter", "xun_report", "xun_bracket"))
    if form == "picture":
        return [rng.choice(("文/图 本报记者 ", "文·图/", "文/图 "))+ names], "", authors
    if form == "picture_after":
        return [f"本报记者 {names} 文/图"], "", authors
    if form == "correspondent":
        role = rng.choice(("通讯员", "实习生"))
        return [f"本报记者 {names} {role} {helper}"], "", [*authors, helper]
    if form == "square":
        return [f"{rng.choice(('■', '◎', '●'))} 本报记者 {names}"], "", authors
    if form == "reporter":
        return [f"记者 {names}"], "", authors
    if form == "xun_report":
        return [], f"本报讯 记者{'、'.join(authors)} 通讯员{helper} 报道：", [*authors, helper]
    return [], f"本报讯（记者 {' '.join(authors)} 通讯员 {helper}）", [*authors, helper]


def layout_page(page: CorpusPage, style: Style, seed: int) -> tuple[str, PageAnswer]:
    """One corpus page -> (OCR-like page text, its answer)."""
    rng = random.Random(seed)
    if style.name == "mixed":
        style = style_for("mixed", rng)
    out = _Page(style, rng, page.key)
    answer = PageAnswer(page.key, {**asdict(style), "width": out.width, "ascii": out.ascii, "jitter": out.jitter}, [])
    furniture = [
        _clean(x) for item in page.items if item.is_furniture for x in (*item.headline, *item.paragraphs) if _clean(x)
    ]
    if rng.random() < 0.3:
        furniture.append(_editor_line(rng, style))
    top = rng.random() < style.furniture_top
    if rng.random() < (0.7 if style.regional else 0.3):
        header = _running_head(page.key, rng) if style.regional else (
            f"{page.key[:4]}年{int(page.key[4:6])}月{int(page.key[6:8])}日"
        )
        out.line(header, "F")
        answer.furniture.append(header)
        out.blank()
    if top and furniture:
        for text in furniture:
            out.line(text, "F")
        answer.furniture.extend(furniture)
        out.blank()
    for n, article in enumerate(page.articles):
        out.owner = n
        _layout_article(out, article, answer)
        out.owner = -1
        out.blank(rng.choice((1, 1, 2, 3)))
    if not top and furniture:
        for text in furniture:
            out.line(text, "F")
        answer.furniture.extend(furniture)
    while out.lines and not out.lines[-1]:
        out.lines.pop()
        out.roles.pop()
        out.owners.pop()
    text = "\n".join(out.lines) + "\n"
    answer.lines = out.roles
    answer.owners = out.owners
    if style.traditional:
        text = to_traditional(text)
    return text, answer


def _layout_article(out: _Page, article: CorpusArticle, answer: PageAnswer) -> None:
    rng, style = out.rng, out.style
    roles, dateline, authors = corpus_roles(article)
    kicker, title, subtitle, alternatives = headline_roles(article.headline)
    head_lines = [(r, _clean(x)) for r, x in _stack(article.headline, kicker, title, subtitle)]
    blocks: list[tuple[str, str]] = []

    # bylines: the dateline as printed, or one of the other usual forms
    byline_before, byline_after, first_prefix = [], [], ""
    if authors is None and not dateline and rng.random() < (0.6 if style.regional else 0.3):
        authors = [_person(rng) for _ in range(rng.choice((1, 1, 2)))]
    if authors and style.regional and not dateline and rng.random() < 0.7:
        byline_before, first_prefix, authors = _regional_byline(authors, rng)
    elif authors:
        form = rng.choice(("keep", "line", "box", "xun", "trailing")) if dateline else rng.choice(
            ("line", "box", "arrow", "xun", "trailing")
        )
        names = " ".join(authors)
        if form == "keep":
            first_prefix = dateline + " "
        elif form == "line":
            byline_before.append(f"本报记者 {names}")
        elif form == "box":
            byline_before.append(f"□ 本报记者 {names}")
        elif form == "arrow":
            byline_before.append(f"▶ {names}")
        elif form == "xun" and roles and roles[0][0] != "para":
            byline_before.append(f"本报记者 {names}")  # (a dateline opens a paragraph, not a subhead)
        elif form == "xun":
            first_prefix = f"本报讯（记者 {'、'.join(authors)}）"
        else:
            # the names closing the text, alone or in brackets (by the article, as below)
            byline_after.append(
                (names, f"（记者 {names}）", f"（本报记者 {names}）", f"（{'、'.join(authors)}）")[zlib.crc32(article.id.encode()) % 4]
            )
        if dateline and form in ("line", "box") and zlib.crc32(article.id.encode()) % 2:
            # the reporters' line under the headline and the dateline, without them, opening the text
            # (decided by the article, not the page's random draws, so that the other pages stay as they were)
            first_prefix = re.sub(r"\s*（[^（）]*）$", "", dateline) + " "
    elif dateline:
        first_prefix = dateline + " "

    # a caption with its credit somewhere after the first paragraph
    caption = _caption_for(roles, rng) if rng.random() < style.captions else None
    caption_at = rng.randint(1, max(1, len(roles) - 1)) if caption else -1
    credit = _credit(rng, authors or []) if caption else ""

    jump = bool(head_lines) and rng.random() < style.column_jump and len(roles) >= 3 and not byline_before
    body_start = 0
    rest: list[str] = []  # the lines of a paragraph the column broke off, to go on under the headline
    if jump and not first_prefix and roles[0][0] == "para":
        # the first column was read before the headline: a whole paragraph, or (one time in two,
        # decided by the article) the column ends inside the first paragraph or the second
        broken = out.width is not None and _by_article(article.id, "broken column", 2)
        two = broken and roles[1][0] == "para" and _by_article(article.id, "second paragraph", 2)
        if two:
            out.paragraph(roles[0][1])
            blocks.append(roles[0])
        where = roles[1 if two else 0][1]
        stop = zlib.crc32(f"{article.id} column end".encode()) % 4 + 1 if broken else 0
        rest = out.paragraph(where, stop=stop)
        if rest:
            # the column's end: a blank line, two where every line of the paragraph has one
            out.blank(1 + out.rest_gap - (not out.lines[-1]))
        blocks.append(roles[1 if two else 0])
        body_start = 2 if two else 1
    md = style.markdown
    if style.regional and head_lines and rng.random() < 0.15:
        out.headline(f"【{rng.choice(_COLUMN_TAGS)}】")  # a column's tag over the headline
    for role, text in head_lines:
        mark = "# " if md and role == "title" else ""
        if md and role == "subtitle" and _by_article(article.id, "marked subtitle", 2):
            mark = "## "  # half the subtitles marked as subheads are, half unmarked
        if role == "title" and len(text) > 12 and rng.random() < style.headline_break and not md:
            cut = rng.randint(len(text) // 3, 2 * len(text) // 3)
            out.headline(text[:cut])
            out.headline(text[cut:])
        else:
            out.headline(text, mark)
        blocks.append((role, text))
    if head_lines and (md or rng.random() < 0.6):
        out.blank()
        if style.blank_lines >= 0.5 and _by_article(article.id, "wide gap", 3):
            out.blank()  # where a blank line follows every line, a wider gap under the headline
    for text in byline_before:
        out.line(text, "Y")
        blocks.append(("byline", text))
    if byline_before and rng.random() < 0.6:
        out.blank()
    if rest:
        out.rest_of_paragraph(rest)
    for i, (role, text) in enumerate(roles[body_start:], start=body_start):
        if i == caption_at and rng.random() < style.bare_captions:
            # a photo's words set as a short line of their own, no 图为, no credit: a subhead's shape
            short = caption[2:-1][-rng.randint(6, 14):]
            out.line(short, "C")
            out.blank()
            blocks.append(("caption", short))
        elif i == caption_at:
            words = double(caption) if rng.random() < style.doubled else caption
            if style.regional and rng.random() < 0.4:
                words = rng.choice(("▲", "▲ ", "△")) + words  # the picture is above
            out.line(words + (" " + credit if rng.random() < 0.5 else ""), "C")
            if not out.lines[-1].endswith(credit):
                out.line(credit, "C")
            out.blank()
            blocks.append(("caption", caption + " " + credit))
        if i == 0 and first_prefix:
            blocks.append(("byline", first_prefix.strip()))
            out.paragraph(first_prefix + text)
        elif role in ("subhead", "label"):
            out.paragraph(text, "## " if md else "", role="S")
        elif role in ("byline", "caption", "furniture"):
            out.paragraph(text, role={"byline": "Y", "caption": "C", "furniture": "F"}[role])
        else:
            out.paragraph(text)
        blocks.append((role, text))
    for text in byline_after:
        out.line(text, "Y")
        # names alone in brackets sign the text as its last line, as the corpus prints them (……。
        # （沈筱雯）is a paragraph of its article there); a role or a bare line of names is a byline
        blocks.append(("para" if _BRACKETED_NAMES_RE.fullmatch(text) else "byline", text))
    kind = "article"
    answer.articles.append(
        TruthArticle(
            id=article.id,
            kind=kind,
            kicker=kicker,
            title=title,
            subtitle=subtitle,
            title_alternatives=alternatives,
            authors=authors,
            blocks=blocks,
        )
    )


def _stack(lines: tuple[str, ...], kicker: str, title: str, subtitle: str) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        clean = _clean(line)
        if not clean:
            continue
        role = "title" if clean == title else ("kicker" if clean in kicker else "subtitle")
        out.append((role, clean))
    return out


def simulate(pages: list[CorpusPage], count: int, style: str = "all", seed: int = 0):
    """``count`` pages laid out, styles taken in turn (or one style), pages spread over the corpus."""
    names = STYLE_NAMES + ("mixed",) if style == "all" else (style,)
    rng = random.Random(seed)
    order = list(range(len(pages)))
    rng.shuffle(order)
    for n in range(count):
        page = pages[order[n % len(order)]]
        name = names[n % len(names)]
        page_seed = rng.randrange(2**32)
        text, answer = layout_page(page, STYLES.get(name) or Style("mixed"), page_seed)
        yield name, text, answer
