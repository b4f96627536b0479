"""OCR page text -> a list of typed blocks (no Django).

This is the clean-up stage. It normalises characters, collapses doubled bold text, reads
markdown heading marks as structure, re-joins hard-wrapped lines into paragraphs, removes
paragraphs the OCR repeated, and types every block (headline, paragraph, byline, caption,
page furniture, section label). The blocks *are* the cleaned page: every character of the
cleaned page lives in exactly one block, and segmentation only assigns blocks to articles.

What was removed (the second copy of doubled text, repeated paragraphs) is reported in
``CleanPage.removed`` so that nothing disappears silently.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from . import chars, linemodel
from .doubling import undouble_line
from .normalize import collapse_letter_spacing, join_lines, normalize_chars, remove_cjk_spaces
from .patterns import (
    BULLET,
    CAPTION_START_RE,
    COLUMN_TAG_RE,
    CONTINUED_RE,
    DATED_NOTE_RE,
    EDITOR_SIGNOFF_RE,
    REPORTER_AT_WORK_RE,
    SOURCE_NOTE_RE,
    SECTION_LABEL_RE,
    Byline,
    Credit,
    looks_like_page_header,
    match_byline,
    match_closing_report,
    match_dateline,
    match_furniture,
    match_photo_note,
    signs_the_text,
    split_credit,
    split_trailing_byline,
    tidy_furniture,
)
from .propernames import reads_as_person
from .wordflow import broken_off, ends_on_particle, runs_on

_MARKDOWN_HEADING_RE = re.compile(r"^(#{1,6})\s*(.*)$")
_MARKDOWN_EMPHASIS_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")

# A headline line is at most this wide (em); wider lines are running text.
COLUMN_WINDOW = 12  # lines either side that give a line its column measure
MAX_HEADING_WIDTH = 40
# …but a line the line model is sure is a headline, or a kicker ending with a dash it takes for one,
# may be as wide as two headline lines (a kicker that sums the story up: 某市…，…下降逾八成——)
LONG_HEADING_WIDTH = 80
# a headline candidate as wide as the column is still a headline, not a paragraph's first line, when
# the line model gives it at least this probability (measured with evaluate_split)
PEEL_HEADLINE = 0.5
# below this P(headline) + P(subhead) the line model is sure a line is running text: a short line
# it reads so is never kept at the foot of a headline stack (measured on 270 pages: 0.02)
RUNNING_TEXT = 0.02
# an indented line under a flush headline line is a paragraph's first line unless the model gives it
# at least this P(headline) (measured: 0.1 and 0.3 alike)
INDENTED_HEADLINE = 0.3
# A byline or name line is short.
MAX_BYLINE_WIDTH = 40
# the marks that point from a caption to its picture (▲ 工人在生产线上作业。 李明 摄)
_PICTURE_ARROWS = "▲△▼▽↑↓←→"
# A paragraph with a credit is a photo-news item when it describes a picture.
_PHOTO_STORY_RE = re.compile(r"图为|^\d{1,2}月\d{1,2}日|拍摄的|航拍")
# A paragraph at least this long (Han characters) that repeats earlier text is an OCR repeat.
MIN_REPEAT_HAN = 20
# A line at least this long (Han characters) that repeats the line above is a bold line read twice.
MIN_DOUBLED_HAN = 4


@dataclass
class Removal:
    kind: str  # "doubled" | "repeated"
    text: str  # what was taken out
    line: int  # line number (1-based) in the source text


@dataclass
class Block:
    id: int
    kind: str  # heading | para | label | byline | caption | furniture
    text: str
    lines: list[int] = field(default_factory=list)  # 1-based source line numbers
    level: int | None = None  # heading: markdown level when the page had one
    byline: Byline | None = None
    credit: Credit | None = None
    caption_text: str = ""  # caption: the words of the caption (text = words + credit)
    photo_story: bool = False  # caption long enough to be a photo-news item
    hint: str = ""  # heading: the line model's label, "H" headline ("H!" sure of it) or "S" subhead ("" without a model)
    p_head: float = 0.0  # heading: the line model's probability that the line is a headline line
    p_sub: float = 0.0  # and that it is a subhead
    broken: bool = False  # para: cut off inside a sentence by a headline under it (a column read before it)

    @property
    def han(self) -> int:
        return chars.han_count(self.text)


@dataclass
class CleanPage:
    blocks: list[Block]
    removed: list[Removal]
    uses_markdown: bool

    @property
    def text(self) -> str:
        """The cleaned page: one block a line."""
        return "\n".join(block.text for block in self.blocks)


# ------------------------------------------------------------------ line pieces
@dataclass
class _Piece:
    kind: str  # text | byline | credit | caption_start | furniture | label | note
    text: str
    line: int
    level: int | None = None
    blank_before: int = 0
    byline: Byline | None = None
    credit: Credit | None = None
    same_line_as_next: bool = False  # the piece was split off the front of a line
    body_start: bool = False  # text that followed a dateline on its line: never a headline
    indent: bool = False  # the line began with spaces (a paragraph's first line is often indented)
    para_indent: bool = False  # …with a paragraph's indent: a full-width space or two spaces (one ASCII
    # space is where OCR broke a two-part headline: "浙江某区：优化养老服务" / " 让老人住得舒心")
    closes: bool = False  # the paragraph ends with this line although no sentence ends (——编者)
    bold: bool = False  # OCR read the line twice (bold or shadowed type: headlines, captions, leads)

    @property
    def width(self) -> float:
        # asked several times per line: kept with the text it was measured on (pieces get merged)
        measured = self.__dict__.get("_width")
        if measured is None or measured[0] is not self.text:
            measured = self.__dict__["_width"] = (self.text, chars.display_width(self.text))
        return measured[1]


def _read_lines(raw: str, removed: list[Removal]) -> tuple[list[_Piece], bool]:
    text = normalize_chars(raw)
    pieces: list[_Piece] = []
    blanks = 0
    uses_markdown = False
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[:1].isspace()
        para_indent = line.startswith(("\u3000", "  ", "\t"))
        line = line.strip()
        if not line:
            blanks += 1
            continue
        level = None
        m = _MARKDOWN_HEADING_RE.match(line)
        if m and m.group(2):
            level, line = len(m.group(1)), m.group(2).strip()
            uses_markdown = True
        line = _MARKDOWN_EMPHASIS_RE.sub(lambda mm: mm.group(1) or mm.group(2), line)
        single = undouble_line(line)
        bold = single is not None
        if bold:
            removed.append(Removal("doubled", _removed_half(line, single), number))
            line = single
        line = _unspaced(line)
        if _read_again(pieces, line):
            # a bold line OCR gave twice over two lines (a headline, a byline), blank lines between
            # or none: the second copy goes, and the line is bold
            removed.append(Removal("doubled", line, number))
            pieces[-1].bold = True
            blanks = 0
            continue
        joined = _broken_dateline(pieces, line) if level is None else None
        if joined is not None:
            # the column broke a dateline ("新华社合肥9月20" / "日电 2023世界制造业大会…"): the
            # line above becomes the whole dateline, the rest of this line the body's start
            above = pieces[-1]
            pieces[-1] = _Piece("byline", joined.text, above.line, blank_before=above.blank_before, byline=joined)
            pieces[-1].indent = above.indent
            line = joined.rest
            if not line:
                blanks = 0
                continue
            pieces.extend(_after_dateline(line, number, bool(joined.authors)))
            blanks = 0
            continue
        credit = _broken_credit(pieces, line, number) if level is None and not blanks else None
        if credit is not None:
            credit.indent, credit.para_indent, credit.bold = pieces[-1].indent, pieces[-1].para_indent, bold
            pieces[-1] = credit
            continue
        found = _split_line(line, number, level, blanks)
        found[0].indent, found[0].para_indent = indent, para_indent
        for piece in found:
            piece.bold = bold
        if pieces and _rejoin_dateline(pieces[-1], found[0]) and not found[0].text:
            found = found[1:]
        pieces.extend(found)
        blanks = 0
    return _rejoin_closing_reports(pieces), uses_markdown


def _compared(line: str) -> str:
    """A line as two OCR readings of it compare: spaces aside, punctuation in either width."""
    return unicodedata.normalize("NFKC", chars.strip_spaces(line))


def _read_again(pieces: list[_Piece], line: str) -> bool:
    """The line repeats the one above it: a short line (a paragraph OCR gave twice is
    ``_drop_repeats``'), no sentence ended in it."""
    if not pieces or pieces[-1].kind != "text":
        return False
    above = pieces[-1].text
    # (asked of every line: most differ in length or in their first characters, spaces aside, and
    # stop here; a column's lines are often of one length)
    upper, lower = above.replace(" ", ""), line.replace(" ", "")
    if len(above) > MAX_HEADING_WIDTH * 2 or len(upper) != len(lower) or (
        unicodedata.normalize("NFKC", upper[:4]) != unicodedata.normalize("NFKC", lower[:4])
    ):
        return False
    return chars.han_count(line) >= MIN_DOUBLED_HAN and _compared(above) == _compared(line) and not chars.ends_sentence(line)


# the last characters of a photo credit a column broke off: 摄 (or a name's last character and 摄)
_CREDIT_TAIL_RE = re.compile(rf"^{chars.HAN_RE.pattern}?(?:摄|摄影|供图|摄影报道)$")


def _broken_credit(pieces: list[_Piece], line: str, number: int) -> _Piece | None:
    """A photo credit the column broke before its last characters (本报记者 张某 / 摄; 新华社记者 张
    / 某摄): the line above and this one as the one credit they make, or None. Else the lone 摄
    ran into the next story's headline as text."""
    if not pieces or not _CREDIT_TAIL_RE.match(line):
        return None
    above = pieces[-1]
    if above.kind not in ("byline", "text") or above.line != number - 1 or (
        len(pieces) > 1 and pieces[-2].line == above.line
    ):
        return None
    found = _split_line(above.text + line, above.line, None, above.blank_before)
    return found[0] if len(found) == 1 and found[0].kind == "credit" else None


def _unspaced(line: str) -> str:
    """A line OCR read with a space between every character (文 明 是 一 个 国 家) closed up, so
    that the patterns, the column width and the dictionary see its words; a line of letter-spaced
    names (袁 芳 蒋 若 溪) is left for the byline rules, which cut it into names."""
    if line.count(" ") < 4:
        return line  # (asked of every line: most have no spaces at all)
    tokens = line.split()
    if len(tokens) < 5:
        return line
    # digits and punctuation come apart as well (9 月 1 0 日 ,): any one-character token counts
    singles = sum(1 for token in tokens if len(token) == 1)
    han = sum(1 for token in tokens if len(token) == 1 and chars.HAN_RE.match(token))
    if singles < 0.8 * len(tokens) or han < 0.4 * len(tokens) or match_dateline(line):
        return line  # (本报讯（记者 何 静 唐 韬）: letter-spaced names in a dateline are the byline rules' part)
    byline = match_byline(line)
    if byline and not byline.rest:
        return line
    # one space between letters, a wider gap between words ("日 电   9 月")
    return " ".join(part.replace(" ", "") for part in _WORD_GAP_RE.split(line.strip()))


_WORD_GAP_RE = re.compile(r"[ \u3000]{2,}")


def _rejoin_closing_reports(pieces: list[_Piece]) -> list[_Piece]:
    """A closing report in brackets that a column broke over lines ("（新华社重庆5月12日电 记者" /
    "程毅、赵金华）") is one byline."""
    out: list[_Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        dateline = _broken_dateline_from(pieces, i)
        if dateline is not None:
            head, rest, i = dateline
            out.append(head)
            if rest is not None:
                out.append(rest)
            continue
        found = _closing_report_from(pieces, i)
        if found is None:
            out.append(piece)
            i += 1
            continue
        report, i = found
        out.append(_Piece("byline", report.text, piece.line, blank_before=piece.blank_before, byline=report,
                          indent=piece.indent))
    return out


def _broken_dateline_from(pieces: list[_Piece], i: int) -> tuple[_Piece, _Piece | None, int] | None:
    """A dateline whose reporters a column broke: inside their bracket ("本报北京3月16日电（记者" /
    "唐峻）16日，…") or, without one, before their colon ("本报讯 记者X 通讯员周" / "思远 报道：一季度…").
    The dateline with its reporters, the body text after them, and where the pieces after it start."""
    piece = pieces[i]
    if piece.kind != "byline" or piece.byline.kind != "dateline" or piece.byline.authors:
        return None
    found = _reporters_in_bracket(pieces, i) or _reporters_before_colon(pieces, i)
    if found is None:
        return None
    dateline, j = found
    last = pieces[j - 1]
    head = _Piece("byline", dateline.text, piece.line, blank_before=piece.blank_before, byline=dateline,
                  indent=piece.indent, same_line_as_next=bool(dateline.rest))
    rest = None
    if dateline.rest:
        rest = _Piece("text", dateline.rest, last.line, body_start=True,
                      same_line_as_next=last.same_line_as_next, closes=last.closes)
    return head, rest, j


def _reporters_in_bracket(pieces: list[_Piece], i: int) -> tuple[Byline, int] | None:
    """The dateline at ``pieces[i]`` read with the bracket of reporters the lines after it close,
    and where the pieces after the bracket start."""
    closed = _bracket_closed(pieces, i + 1, pieces[i].text) if i + 1 < len(pieces) else None
    if closed is None:
        return None
    found = match_dateline(closed[0])
    return (found, closed[1]) if found is not None and found.authors else None


def _reporters_before_colon(pieces: list[_Piece], i: int) -> tuple[Byline, int] | None:
    """The dateline at ``pieces[i]`` read with reporters named without a bracket and closed by a
    colon (本报讯 记者X 通讯员Y 报道：) on one of the next two lines, and where the pieces after the
    one holding the colon start."""
    joined, lines = pieces[i].text, 0
    for j in range(i + 1, min(i + 6, len(pieces))):
        nxt = pieces[j]
        if nxt.kind not in ("text", "byline") or nxt.level is not None:
            return None
        new_line = nxt.line != pieces[j - 1].line
        lines += new_line
        if lines > 2:
            return None
        joined = join_lines(joined, nxt.text) if new_line else f"{joined} {nxt.text}"
        if not lines or "：" not in nxt.text and ":" not in nxt.text:
            continue
        found = match_dateline(joined)
        if found is None or not found.authors or len(found.rest) >= len(nxt.text):
            return None
        return found, j + 1
    return None


def _closing_report_from(pieces: list[_Piece], i: int) -> tuple[Byline, int] | None:
    """The report that opens at ``pieces[i]`` and closes within three more lines, and where it ends."""
    closed = _bracket_closed(pieces, i)
    if closed is None:
        return None
    # a line of the report may be letter-spaced ("烁 、 江 琳 ）"): read it closed up
    report = match_closing_report(closed[0]) or match_closing_report(remove_cjk_spaces(closed[0]))
    return (report, closed[1]) if report else None


def _bracket_closed(pieces: list[_Piece], i: int, before: str = "") -> tuple[str, int] | None:
    """Text lines from ``pieces[i]``, which opens a bracket, up to the one (at most twenty more: a
    report from many cities lists many cities and reporters, over many lines of a narrow column)
    that closes it, joined after ``before``; and where the pieces after them start. A line of the
    list may read as a line of names or a reporter's line."""
    opened = pieces[i]
    if opened.kind != "text" or not opened.text.startswith(("（", "(")) or chars.CLOSING_BRACKET_RE.search(opened.text):
        return None
    joined = before + opened.text
    for j in range(i + 1, min(i + 21, len(pieces))):
        if pieces[j].kind != "text" and not (pieces[j].kind == "byline" and pieces[j].byline.kind in ("names", "role")):
            return None
        joined = join_lines(joined, pieces[j].text)
        if chars.CLOSING_BRACKET_RE.search(pieces[j].text):
            return joined, j + 1
    return None


_LEADING_PAREN_RE = re.compile(r"^[（(][^（）()]{1,60}[)）]")


def _after_dateline(rest: str, number: int, named: bool) -> list[_Piece]:
    """What follows a dateline on its line starts the body, however short the column left it: "9"
    of "9月20日" is no page number, "国家副主" or "云南" no line of names, and after a dateline that
    named its reporters, "记者从交…" (记者从交通运输部获悉) no reporter's line."""
    pieces = _split_line(rest, number, None, 0)
    first = pieces[0]
    if first.kind == "furniture" or first.kind == "byline" and (first.byline.kind == "names" or named):
        first.kind, first.byline = "text", None
    first.body_start = True
    return pieces


def _broken_dateline(pieces: list[_Piece], line: str) -> Byline | None:
    """The dateline whose first part is the last line read and which ends on ``line``, if any."""
    if not pieces or pieces[-1].kind != "text" or pieces[-1].level is not None:
        return None
    above = pieces[-1]
    if len(above.text) > 24 or len(pieces) > 1 and pieces[-2].line == above.line:
        return None
    if "电" not in line[:24] and "讯" not in line[:24]:
        return None  # (asked of most lines of a narrow column) the dateline ends with 电 or 讯
    joined = match_dateline(above.text + line)
    if joined is None or not line.endswith(joined.rest) or len(joined.rest) >= len(line):
        return None
    return joined


def _rejoin_dateline(dateline: _Piece, nxt: _Piece) -> bool:
    """A column broke a dateline before its bracket ("本报北京10月29日电" / "（记者 X）29日，…"):
    the bracket goes back to the dateline, the rest of the line is the body's start."""
    if dateline.kind != "byline" or dateline.byline.kind != "dateline" or dateline.byline.authors:
        return False
    if nxt.kind != "text" or dateline.text.endswith(("）", ")")):
        return False
    m = _LEADING_PAREN_RE.match(nxt.text)
    joined = match_dateline(dateline.text + m.group()) if m else None
    if joined is None or not joined.authors or joined.rest:
        return False
    dateline.byline, dateline.text = joined, joined.text
    nxt.text = nxt.text[m.end():].strip()
    nxt.body_start = True
    return True


def lines_of(pieces: list[_Piece]) -> list[linemodel.Line]:
    """The source lines (with what the first pass found on each) for the line model."""
    out: list[linemodel.Line] = []
    for piece in pieces:
        if out and out[-1].number == piece.line:
            last = out[-1]
            last.text = f"{last.text} {piece.text}"
            last.kinds = (*last.kinds, piece.kind)
            last.dateline = last.dateline or bool(piece.byline and piece.byline.kind == "dateline")
            continue
        out.append(
            linemodel.Line(
                number=piece.line,
                text=piece.text,
                kinds=(piece.kind,),
                indent=piece.indent,
                blank_before=piece.blank_before,
                level=piece.level,
                dateline=bool(piece.byline and piece.byline.kind == "dateline"),
                bold=piece.bold,
            )
        )
    return out


def _removed_half(line: str, single: str) -> str:
    """The characters undoubling took out (for the record and the no-loss check)."""
    out = list(line.replace(" ", ""))
    for ch in single.replace(" ", ""):
        out.remove(ch)
    return "".join(out)


def _split_line(line: str, number: int, level: int | None, blanks: int) -> list[_Piece]:
    """Type one line; a line that holds two things (byline + headline, text + credit) splits."""
    if EDITOR_SIGNOFF_RE.match(line):
        # "——编 者" closes an editor's note: the note's last words, never a headline or a name
        # (marked "##" or not)
        return [_Piece("text", line, number, blank_before=blanks, body_start=True, closes=True)]
    if level is not None:
        if SECTION_LABEL_RE.match(line):
            return [_Piece("label", line, number, blank_before=blanks)]  # "## 核心阅读" is a label, not a subhead
        closing = match_closing_report(line)
        if closing and (not signs_the_text(closing) or all(reads_as_person(name) for name in closing.authors)):
            # "## （沈筱雯）": the names or the dateline in brackets that close a story, set in bold
            # (not a place or a note that the surname list reads as a name: ## （温州）, ## （代前言）)
            return [_Piece("byline", closing.text, number, blank_before=blanks, byline=closing)]
        return [_Piece("text", line, number, level, blanks)]
    width = chars.display_width(line)
    if match_furniture(line):
        return [_Piece("furniture", line, number, blank_before=blanks)]
    if SOURCE_NOTE_RE.match(line) and width <= MAX_BYLINE_WIDTH:
        return [_Piece("source", line, number, blank_before=blanks)]
    dateline = match_dateline(line)
    if dateline:
        head = _Piece("byline", dateline.text, number, blank_before=blanks, byline=dateline)
        if dateline.rest:
            head.same_line_as_next = True
            return [head, *_after_dateline(dateline.rest, number, bool(dateline.authors))]
        return [head]
    closing = match_closing_report(line)
    if closing:
        return [_Piece("byline", closing.text, number, blank_before=blanks, byline=closing)]
    credit = split_credit(line)
    if credit and not credit[0]:
        # a line that is only a photo credit (罗一鸣摄, 本报记者 陈立新摄): names before 摄 are the
        # photographer's, not the article's authors
        return [_Piece("credit", credit[1].raw, number, credit=credit[1], blank_before=blanks)]
    if SECTION_LABEL_RE.match(line):
        return [_Piece("label", line, number, blank_before=blanks)]  # (相关链接 reads as a name too)
    if width <= MAX_BYLINE_WIDTH:
        byline = match_byline(line)
        if byline:
            head = _Piece("byline", byline.text, number, blank_before=blanks, byline=byline)
            if byline.rest:
                head.same_line_as_next = True
                return [head, *_split_line(byline.rest, number, None, 0)]
            return [head]
        if match_photo_note(line):
            return [_Piece("note", line, number, blank_before=blanks)]
    signed = split_trailing_byline(line)
    if signed:
        before, byline = signed
        first = _split_line(before, number, None, blanks)
        first[-1].same_line_as_next = True
        return [*first, _Piece("byline", byline.text, number, byline=byline)]
    if credit:
        before, found = credit
        credit_piece = _Piece("credit", found.raw, number, credit=found)
        first = _split_line(before, number, None, blanks)
        first[-1].same_line_as_next = True
        return [*first, credit_piece]
    if CAPTION_START_RE.match(line):
        return [_Piece("caption_start", line, number, blank_before=blanks)]
    return [_Piece("text", line, number, blank_before=blanks)]


# ------------------------------------------------------------------ column width
def _column_widths(pieces: list[_Piece]) -> dict[int, float]:
    """Typical line width around each text line (the column measure), by position.

    In hard-wrapped columns, lines that carry punctuation but do not end a sentence are
    full lines of running text, so their median is the measure. Where nearly every line ends a sentence (one paragraph a
    line, unwrapped) all lines count, which gives a measure far wider than any headline.

    The lines within ``COLUMN_WINDOW`` positions of every text line are sorted at once, as rows of
    one array (a sort per line was a fifth of the time spent splitting a page).
    """
    text_pieces = [i for i, p in enumerate(pieces) if p.kind in ("text", "caption_start")]
    lines = [
        (i, p.width, chars.ends_sentence(p.text) or not chars.BODY_PUNCT_RE.search(p.text))
        for i in text_pieces
        if (p := pieces[i]).width >= 6
    ]
    if not text_pieces:
        return {}
    if not lines:
        return dict.fromkeys(text_pieces, 100.0)
    positions, widths, ends = (np.array(column) for column in zip(*lines))
    wanted = np.array(text_pieces)
    first = np.searchsorted(positions, wanted - COLUMN_WINDOW, "left")
    stop = np.searchsorted(positions, wanted + COLUMN_WINDOW, "right")
    taken = first[:, None] + np.arange(2 * COLUMN_WINDOW + 1)  # at most one line per position
    inside = taken < stop[:, None]
    taken = np.minimum(taken, len(positions) - 1)
    running = inside & ~ends[taken]
    near_all = np.sort(np.where(inside, widths[taken], np.inf), axis=1)
    near_running = np.sort(np.where(running, widths[taken], np.inf), axis=1)
    rows = np.arange(len(wanted))
    n_all, n_running = inside.sum(axis=1), running.sum(axis=1)
    measure = np.where(
        n_running >= 4,
        near_running[rows, n_running // 2],  # the median of the running lines
        np.where(n_all > 0, near_all[rows, np.minimum((3 * n_all) // 4, n_all - 1)], 100.0),
    )
    return dict(zip(text_pieces, measure.tolist()))


def _heading_width(piece: _Piece) -> float:
    """A line's width as a headline: a column tag after it (（深入学习贯彻…）) may run it past any
    headline's measure."""
    tag = COLUMN_TAG_RE.search(piece.text) if piece.text.endswith(("）", ")")) else None
    return piece.width if tag is None else chars.display_width(piece.text[: tag.start()])


def _two_part(text: str) -> bool:
    """A headline printed in two parts: two multi-character Chinese runs with a space between."""
    parts = collapse_letter_spacing(text).split(" ")
    return len(parts) >= 2 and all(chars.han_count(p) >= 2 for p in parts)


def _sure_headline(piece: _Piece, widest: float = MAX_HEADING_WIDTH) -> bool:
    """A line the line model is sure is a headline: commas allowed, not a sentence."""
    return (
        piece.kind == "text"
        and _heading_width(piece) <= widest
        and chars.han_count(piece.text) >= 4
        and not chars.ends_sentence(piece.text)
        and not piece.same_line_as_next
        and not piece.body_start
    )


# a full stop or semicolon inside a line: a sentence ended there, which no headline line does
_FULL_STOP_RE = re.compile(r"[。；;]")
_SENTENCE_STOPS = (*chars.SENTENCE_END, "；", ";", ".")
_ASKS = ("？", "！", "?", "!")


# the most lines a headline found by what is under it (a byline leading its text, an indented
# paragraph) is read to hold: a kicker and a title over two lines
_UNMARKED_STACK = 3


def _stack_line(piece: _Piece) -> bool:
    """A line that may be part of a headline stack, commas and all: no sentence ends in it."""
    return (
        piece.kind == "text" and piece.level is None and _heading_width(piece) <= LONG_HEADING_WIDTH
        and chars.han_count(piece.text) >= 2 and not _FULL_STOP_RE.search(piece.text)
        and not chars.ends_sentence(piece.text) and not piece.same_line_as_next and not piece.body_start
    )


def _heading_candidate(piece: _Piece) -> bool:
    if piece.kind != "text":
        return False
    if piece.level is not None:
        return True
    text = piece.text
    if chars.REFERENCE_LINE_RE.match(text) or chars.continues_above(text):
        return False  # a line opening with a closing quote or a comma goes on from the line above
    return (
        _heading_width(piece) <= MAX_HEADING_WIDTH
        and chars.han_count(text) >= 2
        and not chars.has_sentence_punct(text)
        and not chars.ends_sentence(text)
        and not piece.same_line_as_next
        and not piece.body_start
    )


# ------------------------------------------------------------------ building blocks
class _Builder:
    def __init__(
        self, pieces: list[_Piece], uses_markdown: bool, labels: linemodel.Labels | None = None,
        split_lines: set[int] | None = None,
    ):
        self.pieces = pieces
        self.uses_markdown = uses_markdown
        self.labels = labels or linemodel.Labels()
        self.widths = _column_widths(pieces)
        self.split_lines = _split_lines(pieces) if split_lines is None else split_lines
        # the page opens its paragraphs with an indent (a tenth of its lines or more, as the line model
        # reads a page): a line without one opens none
        text = [piece for piece in pieces if piece.kind == "text"]
        self.indented = bool(text) and sum(piece.para_indent for piece in text) >= 0.1 * len(text)
        # the page puts a blank line after every line: there, two blank lines or more part what one
        # blank does not
        self.spaced = linemodel.blank_every_line(text)
        self.blocks: list[Block] = []
        self.open_para: Block | None = None  # a paragraph that did not end its sentence
        # lines set apart by blank lines inside an unfinished paragraph (``_column_broken_at``):
        # a headline, whatever the line model, bred on whole paragraphs, reads there
        self.apart: set[int] = set()

    def add(self, kind: str, text: str, lines: list[int], **kw) -> Block:
        block = Block(id=len(self.blocks), kind=kind, text=text, lines=lines, **kw)
        self.blocks.append(block)
        return block

    def build(self) -> list[Block]:
        pieces = self.pieces
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            if piece.kind == "text":
                i = self.text_run(i)
                continue
            if piece.kind == "caption_start":
                i = self.caption(i)
                continue
            if piece.kind == "credit":
                self.credit_only(piece)
            elif piece.kind == "furniture":
                self.add("furniture", tidy_furniture(piece.text), [piece.line])
            elif piece.kind == "label":
                self.open_para = None
                self.add("label", collapse_letter_spacing(piece.text), [piece.line])
            elif piece.kind == "byline":
                self.byline(piece)
            elif piece.kind == "note":
                self.note(piece)
            elif piece.kind == "source":
                self.open_para = None
                self.add("caption", piece.text, [piece.line], caption_text=piece.text)  # under a chart
            i += 1
        return self.blocks

    # -- bylines and credits
    def byline(self, piece: _Piece) -> None:
        self.open_para = None
        self.add("byline", piece.byline.text, [piece.line], byline=piece.byline)

    def note(self, piece: _Piece) -> None:
        """图片除署名外由…提供: part of the byline right before it, else a picture credit."""
        prev = self.blocks[-1] if self.blocks else None
        if prev is not None and prev.kind == "byline" and prev.byline.kind == "names":
            prev.text = f"{prev.text} {piece.text}"
            prev.byline.text = prev.text
            prev.lines.append(piece.line)
            return
        credit = Credit(raw=piece.text, name=piece.text)
        self.add("caption", piece.text, [piece.line], credit=credit)

    def credit_only(self, piece: _Piece) -> None:
        prev = self.blocks[-1] if self.blocks else None
        if prev is not None and prev.kind == "caption" and prev.credit is None:
            prev.credit = piece.credit
            prev.text = f"{prev.text} {piece.credit.raw}"
            prev.lines.append(piece.line)
            return
        self.add("caption", piece.credit.raw, [piece.line], credit=piece.credit)

    # -- captions that start with 图为…
    def caption(self, i: int) -> int:
        pieces = self.pieces
        words = pieces[i].text
        lines = [pieces[i].line]
        i += 1
        while not chars.ends_sentence(words) and i < len(pieces) and pieces[i].kind == "text":
            words = join_lines(words, pieces[i].text)
            lines.append(pieces[i].line)
            i += 1
        words = remove_cjk_spaces(words)
        credit = None
        if i < len(pieces) and pieces[i].kind == "credit" and pieces[i].blank_before <= 2:
            credit = pieces[i].credit
            lines.append(pieces[i].line)
            i += 1
        self.finish_caption(words, credit, lines)
        return i

    def finish_caption(self, words: str, credit: Credit | None, lines: list[int]) -> None:
        text = f"{words} {credit.raw}" if credit else words
        self.add("caption", text, lines, credit=credit, caption_text=words)

    # -- running text: headlines and paragraphs
    def text_run(self, start: int) -> int:
        pieces = self.pieces
        end = start
        while end < len(pieces) and pieces[end].kind == "text":
            end += 1
        credit_next = end < len(pieces) and pieces[end].kind == "credit" and pieces[end - 1].same_line_as_next
        run = list(range(start, end))
        k = 0
        continuing = self.open_para is not None and pieces[start].level is None
        # the first line that may begin a headline over the byline after the run: the stack begins at
        # the first paragraph boundary from there on
        top = self._headline_over_byline(run, end)
        while k < len(run):
            if top is not None and k >= top and not continuing:
                for j in run[k:]:
                    self.add_heading(pieces[j])
                break
            if not continuing:
                heads = self._headline_over_indent(run, k) or self.heading_lines(run, k)
                for j in heads:
                    self.add_heading(pieces[j])
                k += len(heads)
                if k >= len(run):
                    break
            k = self.paragraph(run, k, continuing)
            continuing = False
        if credit_next:
            return self.credit_after_text(end)
        return end

    def _headline_over_byline(self, run: list[int], end: int) -> int | None:
        """Where the lines over a byline that leads its text (▶ X, 本报记者 X) may begin, when they may
        be a headline: up to three lines, none with a full stop nor ending a sentence (the last, the
        title, may have commas: 创新引领，打造产业高地).
        ``text_run`` takes them from the first paragraph boundary on: no paragraph ends without its
        sentence, so unfinished lines between one and a byline heading a story are its headline, a
        kicker with commas and all."""
        pieces = self.pieces
        if self.uses_markdown or not run or end + 1 >= len(pieces):
            return None
        byline, after = pieces[end], pieces[end + 1]
        if byline.kind != "byline" or byline.byline.kind not in ("role", "arrow") or after.kind != "text":
            return None
        if not _stack_line(pieces[run[-1]]):
            return None
        top = len(run) - 1
        while top > 0 and len(run) - top < _UNMARKED_STACK and _stack_line(pieces[run[top - 1]]):
            top -= 1
        return top

    def _headline_over_indent(self, run: list[int], k: int) -> list[int]:
        """Flush lines at a paragraph boundary over a line with a paragraph's indent, when none of
        them ends a sentence: no paragraph breaks off unfinished, so they are a headline stack,
        a kicker with commas and all (up to three lines: kicker, a title over two)."""
        last = self.blocks[-1] if k == 0 and self.blocks else None
        if self.uses_markdown or last is not None and (
            last.kind == "heading" or last.kind == "byline" and last.byline.kind != "signature"
        ):
            return []  # (under a headline or its byline unfinished lines are the article's lead; not
            # under the names that signed the text before)
        pieces = self.pieces
        m, text = k, ""
        while m < len(run) and m - k < _UNMARKED_STACK and _stack_line(pieces[run[m]]) and not pieces[run[m]].indent:
            text = join_lines(text, pieces[run[m]].text)
            if chars.ends_sentence(text):
                return []  # a note in brackets over two lines
            m += 1
            if COLUMN_TAG_RE.search(pieces[run[m - 1]].text):
                break  # a column tag ends a headline: the lines under it are the article's lead
        if m == k or m >= len(run) or not pieces[run[m]].para_indent:
            return []
        return run[k:m]

    def heading_lines(self, run: list[int], k: int) -> list[int]:
        """The headline lines at a paragraph boundary, in page order."""
        pieces = self.pieces
        cand = []
        notes: set[int] = set()
        j = k
        while j < len(run):
            lines = self._dated_note_lines(run, j) if cand else 0
            if lines:
                cand.extend(run[j : j + lines])
                notes.add(run[j + lines - 1])
                j += lines
                continue
            if not self._heading_line(run, j, cand):
                break
            cand.append(run[j])
            j += 1
        if not cand:
            return []
        if self.uses_markdown:
            return self._markdown_headings(cand)
        cut = self._closed_by_tag(cand)
        if cut is not None:
            j -= len(cand) - cut  # (the candidates are run[k:j])
            cand = cand[:cut]
        next_index = first_after = run[j] if j < len(run) else None
        # Peel off lines that are really the first lines of the paragraph that follows.
        while cand and next_index is not None:
            bottom = pieces[cand[-1]]
            line = bottom.line
            under_kicker = len(cand) > 1 and pieces[cand[-2]].text.endswith(("——", "—"))
            if self._headline_goes_on(bottom) or self._subtitle(bottom) or under_kicker or cand[-1] in notes:
                break  # the rest of the line above (no paragraph starts with a comma), or a kicker's title
            if not self._parted_by_blank(next_index) and (
                broken_off(bottom.text, pieces[next_index].text)
                or ends_on_particle(bottom.text) and not _two_part(bottom.text)
                and self.labels.headline.get(line, 0.0) < PEEL_HEADLINE
                or len(cand) > 1 and self._opens_the_text(cand[-1], next_index, next_index != first_after)
            ):
                # no headline ends inside a list or a number, nor (as the model doubts it) on 的 or
                # 和: the paragraph's first line (企之所盼 园之所向: two parts, cut by the dictionary after 所)
                next_index = cand.pop()
                continue
            if cand[-1] in self.apart:
                break  # set apart by blank lines inside an unfinished paragraph: a headline
            sure_text = self._running_text(line) and not _two_part(bottom.text)  # "X Y": a headline form
            # a paragraph's indent under a headline set flush, on a line the model doubts is headline
            indented = len(cand) > 1 and bottom.para_indent and not pieces[cand[-2]].indent
            if indented and self.labels and self.labels.headline.get(line, 0.0) < INDENTED_HEADLINE:
                sure_text = True
            if not sure_text and (
                self.labels.headline.get(line, 0.0) >= PEEL_HEADLINE or not self._flows_into(cand[-1], next_index)
            ):
                break  # a line the model takes for a headline is not the start of the paragraph
            next_index = cand.pop()
        return cand

    def _dated_note_lines(self, run: list[int], j: int) -> int:
        """How many lines from ``run[j]`` on make a note in brackets with a date, set under a
        headline: the date (and place) of a document or a speech, （2023年9月）, （二〇二三年九月
        二十六日，北京）, or the sessions that passed a law, over up to eight lines of a narrow column.
        0 when they make none."""
        text = ""
        for m in range(j, min(j + 8, len(run))):
            piece = self.pieces[run[m]]
            if piece.kind != "text" or piece.level is not None:
                return 0
            text = join_lines(text, piece.text.replace(" ", ""))
            if not text.startswith(("（", "(")):
                return 0
            if chars.CLOSING_BRACKET_RE.search(piece.text):
                return m - j + 1 if DATED_NOTE_RE.match(text) else 0
        return 0

    def _heading_line(self, run: list[int], j: int, cand: list[int]) -> bool:
        """May ``run[j]`` go on the headline stack ``cand`` (the lines above it so far)?"""
        pieces = self.pieces
        if REPORTER_AT_WORK_RE.match(pieces[run[j]].text) or CONTINUED_RE.match(pieces[run[j]].text):
            return False  # 记者从…获悉, （上接第一版）: the text's first words, the text going on from elsewhere
        return (
            _heading_candidate(pieces[run[j]])
            or self.labels.get(pieces[run[j]].line) == "H!" and _sure_headline(pieces[run[j]], LONG_HEADING_WIDTH)
            and not _FULL_STOP_RE.search(pieces[run[j]].text)
            or self._long_kicker(run, j)
            or self._sure_headline_head(run, j)
            or self._question_headline(run, j, cand)
            # bold type (read twice), or a line closed by a column tag, the model takes for a
            # headline: commas allowed, as for one it is sure of
            or (pieces[run[j]].bold or COLUMN_TAG_RE.search(pieces[run[j]].text))
            and self.labels.headline.get(pieces[run[j]].line, 0.0) >= PEEL_HEADLINE and _sure_headline(pieces[run[j]])
            or self._kicker_above_title(run, j)
            or self._comma_kicker(run, j)
            or cand and self._headline_goes_on(pieces[run[j]]) and not pieces[cand[-1]].para_indent
            or cand and self._subtitle(pieces[run[j]])
            or cand and self._title_under_kicker(run, j, cand)
            or cand and self.labels.headline.get(pieces[run[j]].line, 0.0) >= PEEL_HEADLINE
            and _sure_headline(pieces[run[j]]) and not _FULL_STOP_RE.search(pieces[run[j]].text)
        )

    def _sure_headline_head(self, run: list[int], j: int) -> bool:
        """A headline's first few characters the column broke off (2023年度 / 开发区大会开幕): too short
        for a headline line on their own, but the model takes both lines for a headline, or blank
        lines set them apart from the text above and below (no paragraph ends without its sentence)."""
        if j + 1 >= len(run) or not self.labels:
            return False
        piece, rest = self.pieces[run[j]], self.pieces[run[j + 1]]
        set_apart = bool(piece.blank_before) and j + 2 < len(run) and self._parted_by_blank(run[j + 2])
        return (
            (
                self.labels.headline.get(piece.line, 0.0) >= PEEL_HEADLINE
                and self.labels.get(rest.line) in ("H", "H!")  # (its likeliest label; as sure or not)
                or set_apart and _heading_candidate(rest)
            )
            and piece.kind == "text" and piece.level is None and not piece.same_line_as_next and not piece.body_start
            and 1 <= chars.han_count(piece.text) < 4 and not chars.has_sentence_punct(piece.text)
            and not piece.text.lstrip(" \u3000").startswith(("（", "(")) and not chars.continues_above(piece.text)
            and _sure_headline(rest) and not _FULL_STOP_RE.search(rest.text)
        )

    def _question_headline(self, run: list[int], j: int, cand: list[int]) -> bool:
        """A headline that asks or exclaims (园区企业为何扎堆落户？), set apart by a blank line above
        it or under a kicker, and right over the byline or dateline that leads its text (a subtitle
        with a dash between them or not): a sentence's stop, but the one line before a reporter's line."""
        piece = self.pieces[run[j]]
        if run[-1] + 1 >= len(self.pieces) or self.uses_markdown:
            return False
        if not all(self._subtitle(self.pieces[k]) for k in run[j + 1 :]):
            return False  # (a subtitle opening with a dash may stand between it and the byline)
        if not piece.blank_before and run[j] > 0 and not cand:
            return False  # (a paragraph's last line, a question, over the next brief's dateline)
        under = self.pieces[run[-1] + 1]
        text = piece.text.rstrip("”’」』 ")
        return (
            under.kind == "byline" and under.byline.kind in ("role", "arrow", "dateline")
            and text.endswith(_ASKS) and not _FULL_STOP_RE.search(text) and not chars.continues_above(piece.text)
            and piece.level is None and not piece.same_line_as_next and not piece.body_start
            and chars.han_count(text) >= 4 and _heading_width(piece) <= MAX_HEADING_WIDTH
        )

    def _title_under_kicker(self, run: list[int], j: int, cand: list[int]) -> bool:
        """The line under a kicker set off by a dash is its title, commas and all (某大学—— /
        立足校园，涵养家国情怀), when no sentence ends in it and it does not run on into the line
        under it."""
        piece = self.pieces[run[j]]
        return (
            self.pieces[cand[-1]].text.rstrip().endswith(("——", "—"))
            and _stack_line(piece) and _sure_headline(piece)
            and (j + 1 == len(run) or not self._flows_into(run[j], run[j + 1]))
        )

    def _closed_by_tag(self, cand: list[int]) -> int | None:
        """A column tag ends a headline (…新动能（园区时评）, its tag broken over two lines or not):
        below it only a subtitle opening with a dash goes on, and a plain line is the first line of
        the paragraph. How many candidates stay, or None when all do."""
        text = ""
        for n, index in enumerate(cand[:-1]):
            text += self.pieces[index].text.strip()
            tag = COLUMN_TAG_RE.search(text)
            # (a photo credit's agency in brackets is no column tag: 张三摄（某某视觉）)
            if tag and chars.han_count(text[: tag.start()]) >= 2 and not text[: tag.start()].endswith("摄"):
                keep = n + 1
                while keep < len(cand) and self._subtitle(self.pieces[cand[keep]]):
                    keep += 1
                return keep if keep < len(cand) else None
        return None

    def _long_kicker(self, run: list[int], j: int) -> bool:
        """A kicker ending with a dash, commas and all, as wide as it is (…，基层报表种类
        下降逾八成——): the model takes it for a headline line, or the line under it is one (a
        short line with no punctuation that runs into nothing below it)."""
        piece = self.pieces[run[j]]
        if not (piece.text.rstrip().endswith(("——", "—")) and _sure_headline(piece, LONG_HEADING_WIDTH)):
            return False
        # a kicker of two sentences (…受理企业诉求三千余件。记者走进…——) only when the model is sure
        sure = linemodel.SURE if _FULL_STOP_RE.search(piece.text) else PEEL_HEADLINE
        if self.labels.headline.get(piece.line, 0.0) >= sure:
            return True
        if j + 1 >= len(run):
            return False
        title = run[j + 1]
        return (
            _heading_candidate(self.pieces[title])
            and not runs_on(piece.text, self.pieces[title].text)
            and (j + 2 == len(run) or not self._flows_into(title, run[j + 2]))  # (a byline may follow)
        )

    @staticmethod
    def _headline_goes_on(piece: _Piece) -> bool:
        """A line opening with a comma or colon under a headline line is the rest of that line."""
        return (
            piece.kind == "text" and piece.level is None and chars.continues_above(piece.text)
            and not piece.text.lstrip(" \u3000").startswith(_SENTENCE_STOPS)  # "。…": the line above ended a sentence
            and piece.width <= MAX_HEADING_WIDTH and not chars.ends_sentence(piece.text)
            and not _FULL_STOP_RE.search(piece.text)  # (…前途。”7月4日，习: a sentence ends inside it)
        )

    @staticmethod
    def _subtitle(piece: _Piece) -> bool:
        """A line opening with a dash under a headline line is its subtitle (——记某某的故事), however
        long, with commas or a question mark in it."""
        text = piece.text.lstrip(" \u3000")
        return (
            piece.kind == "text" and piece.level is None and text.startswith(("——", "—"))
            and chars.han_count(text) >= 4 and not text.endswith(("。", "；", "：", "，"))
            and not piece.same_line_as_next
        )

    def _running_text(self, line: int) -> bool:
        """The line model is sure the line is running text, not a headline or a subhead."""
        return bool(self.labels) and line in self.labels.label and (
            self.labels.headline.get(line, 0.0) + self.labels.subhead.get(line, 0.0) < RUNNING_TEXT
        )

    def _kicker_above_title(self, run: list[int], j: int) -> bool:
        """On a marked page, an unmarked line right above a "#" title is its kicker, commas and all,
        when it ends with a dash (新疆某县治沙还绿，培育富民产业——) or, set on the line right above
        the title, ends no sentence (某市深化改革，优化营商环境 / # title)."""
        if not self.uses_markdown or j + 1 >= len(run):
            return False
        piece, title = self.pieces[run[j]], self.pieces[run[j + 1]]
        if title.level != 1 or piece.body_start:
            return False
        if piece.text.endswith(("——", "—")):
            return piece.width <= MAX_HEADING_WIDTH
        return not title.blank_before and _stack_line(piece) and _heading_width(piece) <= MAX_HEADING_WIDTH

    def _comma_kicker(self, run: list[int], j: int) -> bool:
        """A line with commas the model takes for a headline line, over a short line without
        punctuation it also takes for one, neither running into the other: a kicker over its
        title (…之际，各地开展纪念活动 / 致敬英烈 砥砺奋进)."""
        if self.uses_markdown or j + 1 >= len(run):
            return False
        piece, title = self.pieces[run[j]], self.pieces[run[j + 1]]
        headline = self.labels.headline
        return (
            headline.get(piece.line, 0.0) >= PEEL_HEADLINE
            and headline.get(title.line, 0.0) >= PEEL_HEADLINE
            and _sure_headline(piece) and not _FULL_STOP_RE.search(piece.text)
            and _heading_candidate(title)
            and not runs_on(piece.text, title.text)
        )

    def _markdown_headings(self, cand: list[int]) -> list[int]:
        """On a page with markdown marks, unmarked lines are headlines only beside a marked one."""
        pieces = self.pieces
        keep: list[int] = []
        for pos, index in enumerate(cand):
            if pieces[index].level is not None:
                keep.append(index)
                continue
            neighbours = cand[max(0, pos - 1) : pos] + cand[pos + 1 : pos + 2]
            if any(pieces[n].level is not None for n in neighbours):
                keep.append(index)
            else:
                break
        return keep

    def _opens_the_text(self, index: int, next_index: int, peeled: bool) -> bool:
        """Under a headline line, a line that breaks a word or stops on 的 where the text under it
        goes on (a line the model reads as text, or one already peeled off the stack as the text's):
        the text's first line, however sure the model is that it is a headline's (on a page with a
        blank line after every line, and down a narrow column under a headline, it often is)."""
        piece, nxt = self.pieces[index], self.pieces[next_index]
        return (
            nxt.kind == "text" and (peeled or self.labels.get(nxt.line) in ("B", "I")) and not _two_part(piece.text)
            and (runs_on(piece.text, nxt.text) or ends_on_particle(piece.text))
        )

    def _flows_into(self, index: int, next_index: int) -> bool:
        """Does the line at ``index`` run on into the line at ``next_index`` (same paragraph)?"""
        piece, nxt = self.pieces[index], self.pieces[next_index]
        if piece.level is not None or _two_part(piece.text):
            return False
        if runs_on(piece.text, nxt.text):
            return True
        if self._parted_by_blank(next_index) or self.spaced and nxt.blank_before >= 2:
            return False
        # (headlines inside a column are set narrower than a full line of it)
        return self._full_line(index)

    def _full_line(self, index: int) -> bool:
        """Is the line at ``index`` a full line of its column (the first line of a paragraph is
        indented two characters)?"""
        column = self.widths.get(index, 100.0)
        return column - 3 <= self.pieces[index].width <= column + 2

    def _parted_by_blank(self, index: int) -> bool:
        """A blank line before the piece at ``index`` parts paragraphs, not every line of one: the
        piece goes on without ending its sentence and its next line follows with no blank line (and
        on a page that indents its paragraphs, the piece opens with an indent). Where every line has
        a blank line under it, one the OCR left out between two lines parts nothing."""
        pieces = self.pieces
        if pieces[index].blank_before < (2 if self.spaced else 1) or index + 1 >= len(pieces) or chars.ends_sentence(
            pieces[index].text
        ):
            return False
        if self.indented and not pieces[index].para_indent:
            return False
        following = pieces[index + 1]
        return following.kind == "text" and not following.blank_before and not following.para_indent

    def add_heading(self, piece: _Piece) -> None:
        self.open_para = None
        level = piece.level
        # the model labels whole lines: a piece split off a line with a byline or dateline on it
        # is not what the line's label is about
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.kind == "heading" and last.level is None and chars.continues_above(piece.text):
            last.text += collapse_letter_spacing(piece.text).lstrip(" \u3000")  # the rest of the line above
            last.lines.append(piece.line)
            return
        shared = piece.same_line_as_next or piece.line in self.split_lines
        hint = "" if shared else self.labels.get(piece.line)
        self.add("heading", collapse_letter_spacing(piece.text), [piece.line], level=level,
                 hint=hint if hint in ("H", "H!", "S") else "",
                 p_head=0.0 if shared else self.labels.headline.get(piece.line, 0.0),
                 p_sub=0.0 if shared else self.labels.subhead.get(piece.line, 0.0))

    def paragraph(self, run: list[int], k: int, continuing: bool) -> int:
        """Join lines from run[k] until one ends a sentence; returns the next position."""
        pieces = self.pieces
        if continuing:
            block = self.open_para
            text = block.text
        else:
            block, text = None, ""
        lines: list[int] = []
        broken = False
        while k < len(run):
            piece = pieces[run[k]]
            cut = bool(text) and piece.blank_before > 0 and self._column_broken_at(run, k, len(lines) >= 2)
            if text and (piece.level is not None or piece.para_indent or cut):
                # (a paragraph's indent starts a paragraph, the one above finished or not.) Broken
                # off by a column when the column ended on a full line (a short line ends its
                # paragraph, stop or none) and the text under the headline goes on without an indent.
                broken = cut and k > 0 and self._full_line(run[k - 1]) and not self._indented_after(run, k)
                break
            text = join_lines(text, piece.text) if text else piece.text
            lines.append(piece.line)
            k += 1
            if piece.same_line_as_next or piece.closes:
                break
            if chars.ends_sentence(text) and not (k < len(run) and chars.continues_above(pieces[run[k]].text)):
                break  # (a closing quote the column put on the next line still belongs to the sentence)
        text = remove_cjk_spaces(text)
        if block is None:
            block = self.add("para", text, lines)
        else:
            block.text = text
            block.lines.extend(lines)
        block.broken = broken
        self.open_para = None if chars.ends_sentence(text) or pieces[run[k - 1]].closes else block
        return k

    def _column_broken_at(self, run: list[int], k: int, inner: bool) -> bool:
        """Does a headline stand at ``run[k]`` inside an unfinished paragraph? OCR that read a story's
        first column before its headline breaks the paragraph off wherever the column ended, and the
        text under the headline goes on with it. The line is set apart by a blank line (two where
        every line has one) where the paragraph's lines are not, or the model reads it as a headline
        and it may be one; and text follows. ``inner``: the line above is not the paragraph's first."""
        pieces, gap = self.pieces, 2 if self.spaced else 1
        piece = pieces[run[k]]
        if k + 1 >= len(run) or piece.blank_before < gap:
            return False
        under = [pieces[j].blank_before >= gap for j in run[k + 1 : k + 3]]  # (under it, and under the next)
        if pieces[run[k - 1]].blank_before < gap and not all(under) if inner else not under[0]:
            # a blank line above the line, where the paragraph's lines have none between them and
            # the text under it is not set with them either (or under a paragraph's first line,
            # none under this line): a paragraph set with blank lines has them under every line
            # (on simulated pages, of 585 such lines under an unfinished one none went on with
            # it: they are headlines, subheads or a paragraph's first line). With a blank line
            # under it too, a line that may be a headline is one.
            if not self._heading_line(run, k, []):
                return False  # (a paragraph's first line after one that lost its stop runs on, as it did)
            if inner and under[0] and _heading_candidate(piece):
                self.apart.add(run[k])
            return True
        if self.labels.get(piece.line) not in ("H", "H!") and self.labels.headline.get(piece.line, 0.0) < PEEL_HEADLINE:
            return False
        return self._heading_line(run, k, [])

    def _indented_after(self, run: list[int], k: int) -> bool:
        """Does the text under the headline lines from ``run[k]`` open a paragraph with an indent,
        on a page that indents them? Then the paragraph above only lost its full stop."""
        j = k + 1
        while j < len(run) and self.labels.get(self.pieces[run[j]].line) in ("H", "H!", "S"):
            j += 1
        return j < len(run) and self.indented and self.pieces[run[j]].para_indent

    def credit_after_text(self, credit_index: int) -> int:
        """A credit printed at the end of a text line: a caption, a photo-news item or a photo credit."""
        credit_piece = self.pieces[credit_index]
        last = self.blocks[-1]
        self.open_para = None
        if last.kind == "heading" and len(last.lines) == 1:
            # "矗立滨湖大道旁的东岭经济技术开发区 摄/邵建平": a short caption
            self.blocks.pop()
            self.finish_caption(last.text, credit_piece.credit, last.lines + [credit_piece.line])
        elif last.kind == "para" and (
            not chars.has_sentence_punct(last.text) and last.han <= 30
            or last.text.lstrip(" \u3000")[:1] in _PICTURE_ARROWS  # ▲ 工人在生产线上作业。 李明 摄
        ):
            self.blocks.pop()
            self.finish_caption(last.text, credit_piece.credit, last.lines + [credit_piece.line])
        elif last.kind == "para" and _PHOTO_STORY_RE.search(last.text):
            # a photo-news item: the paragraph is the story told by the picture
            self.blocks.pop()
            self.finish_caption(last.text, credit_piece.credit, last.lines + [credit_piece.line])
            self.blocks[-1].photo_story = True
        else:
            # the credit of a picture that went with the text
            self.add("caption", credit_piece.credit.raw, [credit_piece.line], credit=credit_piece.credit)
        return credit_index + 1


# ------------------------------------------------------------------ page header and repeats
def _mark_page_header(blocks: list[Block]) -> None:
    """Running heads at the very top ("南湖", "专题·青禾经开区", a masthead) are page furniture."""
    for block in blocks[:4]:
        if block.kind == "furniture":
            continue
        if block.kind == "heading" and block.level is None and looks_like_page_header(block.text):
            block.kind = "furniture"
        elif block.kind == "byline" and block.byline.kind == "names" and looks_like_page_header(block.text):
            block.kind, block.byline = "furniture", None
        else:
            return


def _drop_repeats(blocks: list[Block], removed: list[Removal]) -> list[Block]:
    """Remove paragraphs the OCR output a second time (and the short lines that came with them).

    OCR repeats a paragraph right after itself, or a run of paragraphs. A single paragraph that
    says again what the page printed further up is a quotation the paper repeated (a lead quote,
    an article quoting another) and stays."""
    seen_text = ""
    echoes: set[int] = set()  # indices of paragraphs printed earlier on the page
    paras: list[int] = []
    for n, block in enumerate(blocks):
        if block.kind != "para":
            continue
        if block.han >= MIN_REPEAT_HAN and block.text in seen_text:
            echoes.add(n)
        seen_text += block.text + "\u0000"
        paras.append(n)
    repeats: set[int] = set()
    for k, n in enumerate(paras):
        if n not in echoes:
            continue
        before = paras[k - 1] if k else None
        after = paras[k + 1] if k + 1 < len(paras) else None
        if before is not None and blocks[before].text == blocks[n].text or before in echoes or after in echoes:
            repeats.add(n)
    seen_short: set[tuple[str, str]] = set()
    kept: list[Block] = []
    previous_dropped = False
    for n, block in enumerate(blocks):
        key = (block.kind, block.text)
        if n in repeats:
            removed.append(Removal("repeated", block.text, block.lines[0]))
            previous_dropped = True
            continue
        if previous_dropped and block.kind not in ("furniture", "heading") and key in seen_short:
            removed.append(Removal("repeated", block.text, block.lines[0]))
            continue
        previous_dropped = False
        seen_short.add(key)
        kept.append(block)
    for new_id, block in enumerate(kept):
        block.id = new_id
    return kept


def _split_lines(pieces: list[_Piece]) -> set[int]:
    """Lines the first pass split into several pieces (a byline and a headline OCR ran together)."""
    return {line for line, n in Counter(piece.line for piece in pieces).items() if n > 1}


BULLET_RE = re.compile(BULLET)


def _names_in_running_text(pieces: list[_Piece], labels: linemodel.Labels, split_lines: set[int]) -> None:
    """A line that reads as bare names is text when the line model reads it as a headline or a
    subhead or as running text (…把水安全、 / 水生态 、水环境), or when a word runs into it from
    the line before (丝 / 路精神): only a marked byline (记者, □, ▶) overrules the page."""
    previous = None
    for piece in pieces:
        # (a headline OCR ran into the byline on its line is followed by its own byline, names and all)
        after_split_line = previous is not None and previous.line in split_lines
        label = labels.get(piece.line)
        if piece.kind == "byline" and piece.byline.kind == "names" and (
            # a short headline or subhead that happens to read as a name, or a line of running text
            label in ("S", "H", "H!", "I", "B") and not after_split_line
            or previous is not None and previous.kind == "text" and runs_on(previous.text, piece.text)
        ):
            piece.kind, piece.byline = "text", None  # (注入正 / 能量: a word runs on into the "name")
        elif (
            piece.kind == "byline" and piece.byline.kind == "role"
            and previous is not None and previous.kind == "text" and not chars.ends_sentence(previous.text)
            # (the model reads the line as running text, or the line above ended one sentence and
            # broke off the next: no headline holds a full stop)
            and (label == "I" or _FULL_STOP_RE.search(previous.text))
            and not BULLET_RE.match(piece.text)
        ):
            # "……阿联酋“晨星新闻”" / "记者巴德尔·哈森说，……": a reporter named inside a sentence
            piece.kind, piece.byline = "text", None
        previous = piece


def clean_page(raw: str) -> CleanPage:
    """Raw OCR text of one page -> the cleaned page as typed blocks."""
    removed: list[Removal] = []
    pieces, uses_markdown = _read_lines(raw, removed)
    labels = linemodel.Labels() if uses_markdown else linemodel.label_lines(lines_of(pieces))
    split_lines = _split_lines(pieces)
    _names_in_running_text(pieces, labels, split_lines)
    blocks = _Builder(pieces, uses_markdown, labels, split_lines).build()
    blocks = [b for b in blocks if b.text.strip()]
    _mark_page_header(blocks)
    blocks = _drop_repeats(blocks, removed)
    return CleanPage(blocks=blocks, removed=removed, uses_markdown=uses_markdown)
