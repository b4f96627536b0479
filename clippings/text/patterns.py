"""Newspaper conventions recognised on a single line (no Django).

Bylines, datelines, photo credits, page furniture and section labels, in the forms Chinese
newspapers print them. Every rule is about the form, never about a particular paper,
reporter or place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chars import HAN_RANGES
from .names import is_person_name, split_names
from .normalize import close_single_letters, collapse_letter_spacing

H = f"[{HAN_RANGES}]"
# a name: 2-4 characters, a minority name with "·", or a letter-spaced name ("胡 涛")
# the words that close a report in brackets: （本报记者 张三整理）
_REPORTED = "采访整理|报道|采写|整理"
# (a letter-spaced name ends where the line's words do, or at the word that closes a credit or report)
# (a two-character name is often spaced out to three characters' width: "庞  岚"; and 文, who wrote
# it, may close the name: 本报记者 韩  鑫文  X摄)
NAME = rf"{H}{{2,4}}|{H}{{1,8}}(?:[·•]{H}{{1,8}})+|{H}(?: {{1,2}}{H}){{1,2}}(?:文(?=\s|$))?(?!(?!摄|采访|{_REPORTED}){H})"
NAMES = rf"(?:{NAME})(?:\s*[、，,\s]\s*(?:{NAME}))*"
BULLET = r"[□■▶►▷●◆◇☆★▲△○◎]"
# whose reporter: this paper, an agency, or another paper, station or a county's media centre by its
# name (某某晚报记者 X, 某某县融媒体中心记者 X, 本报驻某地记者站 X); a centre's name without a role
# word is not enough (某某县融媒体中心 揭牌 is a headline)
_NAMED_MEDIUM = rf"{H}{{1,8}}?(?:日报|晚报|早报|晨报|都市报|时报|商报|电视台|融媒体中心|新闻中心)"
_MEDIUM = rf"本报|本刊|新华社|中新社|本台|{_NAMED_MEDIUM}|央视"
_ROLE_FRONT = (
    rf"(?:{_MEDIUM})?"
    # a bureau is named by its place, with 驻 or without (本报云溪记者站 X)
    rf"(?:特约|首席|见习|实习|驻[^\s]{{1,6}}?|{H}{{1,4}}?(?=记者站))?"
    r"(?:全媒体|融媒体|融媒|新媒体)?"  # the reporter's desk: 全媒体记者 X, 融媒记者 X
)
_ROLE_WORDS = "记者站|记者|通讯员|实习生|评论员|撰稿人|摄影记者|作者|撰文"
ROLE = rf"(?:{_ROLE_FRONT}(?:{_ROLE_WORDS}|文))"

# ---------------------------------------------------------------- datelines
# 本报讯（记者 张三）  本报北京3月5日讯  新华社北京3月5日电（记者 李四）  某某网讯  本报综合 (a round-up)
# Another medium's name (某某日报, 某某网) opens a dateline only with 讯 right after it or with a date
# before 电: "城乡供水管网和输配电…" and "城市道路网充电…", lines a column broke inside a sentence, are
# none.
DATELINE_RE = re.compile(
    rf"^(?P<head>据?(?:(?:本报|本刊)综合(?:报道|消息)?(?!{H}|\s*[，、,。；;：:])|(?:本报|本刊|本台|新华社|中新社){H}{{0,6}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯(?!员)|电)"
    rf"|{H}{{2,6}}(?:日报|晚报|时报|商报|新闻网|网|通讯社|电视台)(?:讯|{H}{{0,6}}?\d{{1,2}}月\d{{1,2}}日(?:讯|电))))"
    r"\s*(?P<paren>[（(][^（）()]{1,60}[)）])?"
)


@dataclass
class Byline:
    text: str  # as printed (spaces tidied)
    authors: list[str] = field(default_factory=list)
    kind: str = "names"  # dateline | role | arrow | names | signature (（记者 X） after the text)
    rest: str = ""  # text that followed the byline on the same line


# who took the pictures, after who wrote it on the byline's line (文/X 图/Y, 文 | X  图 | Y): a 图
# that no character runs into
_PICTURES_BY = r"(?<![\u3400-\u9fff])图(?![\u3400-\u9fff])"
# the roles between names, and a medium's name standing for one; a bare 文 ("text by") only where no character runs into it: in 邓文海 it
# is part of the name
_ROLE_BETWEEN_NAMES_RE = re.compile(
    rf"(?:{_ROLE_FRONT}(?:{_ROLE_WORDS})|{_NAMED_MEDIUM}|(?<![\u3400-\u9fff])文|{_PICTURES_BY})"
)


def _byline_names(text: str, after_role: bool = False) -> list[str] | None:
    """The names of a byline's run of names, where the last may carry 文 ("text by": 本报记者
    张筱晴文, a name 文 does not end); ``after_role``: the run follows a reporter's role."""
    names = split_names(text, after_role)
    if names is None and text.endswith("文"):
        names = split_names(text[:-1], after_role)
    return names


def _authors_in(text: str, after_role: bool = True) -> list[str]:
    """Names in a byline fragment such as "特约通讯员 罗立川" or "记者 张三 李四 通讯员 王五"
    (``after_role``: the fragment opens with a role, which says its names are names)."""
    authors: list[str] = []
    for part in _ROLE_BETWEEN_NAMES_RE.split(text):
        part = part.strip(" （）()" + _ROLE_SEPARATORS)
        if not part:
            continue
        names = _byline_names(part, after_role)
        if names:
            authors.extend(n for n in names if n not in authors)
    return authors


# the reporters after a dateline without brackets, closed by a colon: 本报讯 记者张三 通讯员李四 报道：
_DATELINE_REPORTERS_RE = re.compile(
    rf"^\s*(?P<body>{ROLE}\s*(?:{NAMES})(?:\s*{ROLE}\s*(?:{NAMES}))*)\s*(?:{_REPORTED})?\s*[:：]\s*"
)


# words a column may break after their first characters (…通 / 讯员 X 报道：…)
_BROKEN_OFF_WORDS = (*_ROLE_WORDS.split("|"), *_REPORTED.split("|"))


def match_dateline(line: str) -> Byline | None:
    """``本报讯（特约通讯员 罗立川）`` at the start of a line; the rest is body text."""
    m = DATELINE_RE.match(line)
    if not m:
        return None
    head, end = m.group(0), m.end()
    paren = m.group("paren") or ""
    authors = _authors_in(paren) if paren else []
    if not paren:
        reporters = _DATELINE_REPORTERS_RE.match(line[end:])
        found = _authors_in(re.sub(f"\\s*(?:{_REPORTED})$", "", reporters.group("body"))) if reporters else []
        if found:
            authors = found
            head, end = line[: end + reporters.end()].rstrip(), end + reporters.end()
        elif _ROLE_WORD_RE.match(line[end:].lstrip()):
            # …nor a colon: the reporters' roles and names, then the text (本报讯 记者 X 通讯员 Y 近日，…);
            # names that end the line, or a role the line breaks in, go on in the next line up to a
            # colon (_broken_dateline)
            byline = match_byline(line[end:], allow_bare_names=False)
            rest = byline.rest if byline is not None and byline.kind == "role" else ""
            if rest and not _ROLE_WORD_RE.match(rest) and not any(word.startswith(rest) for word in _BROKEN_OFF_WORDS):
                head = f"{head.rstrip()} {byline.text}"
                return Byline(text=close_single_letters(head), authors=byline.authors, kind="dateline", rest=rest)
    return Byline(text=close_single_letters(head), authors=authors, kind="dateline", rest=line[end:].strip())


# who wrote and who took the pictures: 文/图, 图/文, 文·图, 图文
_TEXT_AND_PICTURES = r"(?:文\s*[/／·・、]\s*图|图\s*[/／·・、]\s*文|文图|图文)"
# …before the byline, a mark or none before them (文/图 本报记者 X, 文·图/X, ■文/图 本报记者 X)
_TEXT_AND_PICTURES_FIRST_RE = re.compile(rf"^(?:{BULLET}\s*)?{_TEXT_AND_PICTURES}\s*[/／:：]?\s*")
# …or after each name (X 文/图, X/文 Y/图)
_CREDIT_AFTER_NAME_RE = re.compile(rf"\s*[/／]\s*[文图](?=\s|$)|\s+{_TEXT_AND_PICTURES}(?=\s|$)")

# what closes a byline on its line: who took the pictures (文/图, 摄, 摄影报道), or 报道 and a colon before the text
# …or who took them after the writer's 文 (本报记者 X文 Y摄（某某视觉）)
_BYLINE_TAIL_RE = re.compile(
    rf"^(?:(?:{_TEXT_AND_PICTURES}|[文图]|摄影?(?:报道)?|{_REPORTED})$|(?:{_REPORTED})\s*[:：]\s*"
    rf"|文?\s*(?:{NAMES})\s*摄影?(?:\s*[（(][^（）()]{{1,16}}[)）])?$)"
)

# what may stand between a role and its names: 本报记者：X, 文/X, 文｜X
_ROLE_SEPARATORS = ":：/／｜|"
# who wrote it before a reporter's role (文/本报通讯员 X)
_WRITER_FIRST_RE = re.compile(
    rf"^(?:{BULLET}\s*)?文\s*[{_ROLE_SEPARATORS}]\s*(?={_ROLE_FRONT}(?:{_ROLE_WORDS})|{_NAMED_MEDIUM}\s)"
)
# a media centre's or paper's name with no role word heads a byline only when a role follows its
# names on the line (某某县融媒体中心 X 通讯员 Y): alone, 某某县融媒体中心 揭牌 is a headline
_MEDIUM_AS_ROLE = rf"{_NAMED_MEDIUM}(?=\s+(?:{NAMES})\s+(?:{ROLE}|{_PICTURES_BY}\s*[{_ROLE_SEPARATORS}]))"
_ROLE_BYLINE_RE = re.compile(
    rf"^(?P<bullet>{BULLET})?\s*(?P<body>(?:{ROLE}|{_MEDIUM_AS_ROLE})\s*[{_ROLE_SEPARATORS}]?\s*(?:{NAMES})"
    rf"(?:\s+(?:{ROLE}|{_PICTURES_BY}(?=\s*[{_ROLE_SEPARATORS}]))\s*[{_ROLE_SEPARATORS}]?\s*(?:{NAMES}))*)(?=\s|$)"
)
_ARROW_BYLINE_RE = re.compile(rf"^(?P<bullet>{BULLET})\s*(?P<body>{NAMES})(?=\s|$)")
# roles and their names in brackets, and who took the pictures before the bracket closes: （记者 X
# 通讯员 Y 文/图）
_ROLES_AND_NAMES = rf"{ROLE}\s*(?:{NAMES})(?:\s+{ROLE}\s*(?:{NAMES}))*"
_PAREN_BYLINE_RE = re.compile(
    rf"^[（(]\s*(?P<body>{_ROLES_AND_NAMES})(?:\s*{_TEXT_AND_PICTURES})?\s*[)）]$"
)
# a photo note that shares a byline line: 图片由…提供 / 图片除署名外由…提供 / 本版图片由…提供
PHOTO_NOTE_RE = re.compile(
    r"(?:本版|本文)?图片(?:除署名外)?(?:均)?由\S{2,40}?提供|(?:本版|本文)?图片\S{0,6}?[:：]\S{2,20}"
    r"|(?:以上|上述|本版|本文)图片均?为[^（）()，。；]{2,30}?摄(?:影)?"  # 以上图片均为本报记者张三摄
)


_ROLE_OR_MEDIUM_RE = re.compile(rf"{ROLE}|{_NAMED_MEDIUM}|{_PICTURES_BY}")


def _trim_names(body: str, rest: str, after_role: bool) -> tuple[str, str]:
    """Keep the longest run of leading tokens that reads as roles and names; the rest
    (a headline OCR ran into the byline) goes to ``rest``."""
    tokens = body.split()
    for k in range(len(tokens), 0, -1):
        names = " ".join(t for t in (_ROLE_OR_MEDIUM_RE.sub(" ", tok).strip(" " + _ROLE_SEPARATORS) for tok in tokens[:k]) if t)
        if names and _byline_names(names, after_role) is not None:
            tail = tokens[k:] + ([rest] if rest else [])
            return " ".join(tokens[:k]), " ".join(tail)
    return "", " ".join(tokens + ([rest] if rest else []))


# the reporter at work, the first words of a report: 记者从某部门获悉, 记者在现场看到, 记者近日走访 (a
# role with these words run into it heads no byline, though after a role any 2-4 characters may be a
# name; nor is a line that opens so a headline's)
REPORTER_AT_WORK_RE = re.compile(
    rf"^{BULLET}?\s*{ROLE}(?:从|在|于|近日|日前|今天|今年|昨天|获悉|了解到|走访|来到|随|跟随|深入|实地|调查|采访)"
)


def match_byline(line: str, *, allow_bare_names: bool = True) -> Byline | None:
    """A byline line: ``本报记者 X``, ``□ 记者 X Y``, ``▶ X``, ``（记者 X）`` or a line of names,
    with or without who wrote and who took the pictures (文/图 本报记者 X, 文·图/X, X 文/图).

    Text after the names on the same line ("□ 本报记者 周海川 协同发展打基础", where OCR
    ran a byline into the next headline) is returned in ``rest``.
    """
    line = line.strip()
    if not line or REPORTER_AT_WORK_RE.match(line):
        return None
    credit = _TEXT_AND_PICTURES_FIRST_RE.match(line) or _WRITER_FIRST_RE.match(line)
    if credit and line[credit.end():]:
        inner = match_byline(line[credit.end():])
        if inner is None or not inner.authors:
            return None
        return Byline(text=close_single_letters(line[: credit.end()] + inner.text).strip(), authors=inner.authors,
                      kind="role" if inner.kind == "names" else inner.kind, rest=inner.rest)
    for regex, kind in ((_ROLE_BYLINE_RE, "role"), (_ARROW_BYLINE_RE, "arrow")):
        m = regex.match(line)
        if m:
            body, rest = _trim_names(m.group("body"), line[m.end():].strip(), kind == "role")
            authors = _authors_in(body, kind == "role")
            if not authors:
                continue
            tail = _BYLINE_TAIL_RE.match(rest)
            if tail:  # 本报记者 X 文/图, 记者 X 报道：…: the byline's own closing words
                body, rest = f"{body} {tail.group(0).strip()}", rest[tail.end():].strip()
            printed = close_single_letters(((m.group("bullet") or "") + " " + body).strip())
            return Byline(text=printed, authors=authors, kind=kind, rest=rest)
    m = _PAREN_BYLINE_RE.match(line)
    if m:
        authors = _authors_in(m.group("body"))
        if authors:
            return Byline(text=close_single_letters(line), authors=authors, kind="signature")
    if allow_bare_names:
        return match_name_line(line)
    return None


_PLACE_OR_ORG_END_RE = re.compile(r"[区市县省园城局委厅部司院所校站镇村街路港湾岛线业化讯]$")


def match_name_line(line: str) -> Byline | None:
    """A trailing line of names ("袁芳 蒋若溪"), possibly with a photo note after it, or with who
    wrote and who took the pictures after each name (X 文/图, X/文 Y/图)."""
    note = PHOTO_NOTE_RE.search(line)
    names_part = line[: note.start()] if note else line
    if note and line[note.end():].strip():
        return None
    if "文" in names_part or "图" in names_part:  # (asked of many short lines; most have neither)
        names_part = _CREDIT_AFTER_NAME_RE.sub("", names_part)
    names = split_names(names_part)
    if not names or len(names) > 6:
        return None
    if len(names) == 1 and not note and _PLACE_OR_ORG_END_RE.search(names[0]):
        return None  # "高新区", "开发区" are not people
    return Byline(text=close_single_letters(line), authors=names, kind="names")


_TRAILING_PAREN_BYLINE_RE = re.compile(
    rf"(?<=[。！？”])\s*(?P<byline>[（(]\s*{_ROLES_AND_NAMES}(?:\s*{_TEXT_AND_PICTURES})?\s*[)）])\s*$"
)


# A report closed by its sources in brackets on a line of its own: （本报X、Y10月14日电 记者A、B）,
# （综合本报记者A、B报道）, （本报记者 A）. Only the names after the last role are authors; a
# credit after a semicolon (；本期统筹：C, ；制图：D) names no author.
_CLOSING_REPORT_RE = re.compile(
    rf"^[（(]\s*(?:综合)?[^（）()]{{0,80}}?(?P<body>{ROLE}\s*(?:{NAMES}))\s*(?:{_REPORTED})?"
    rf"(?:\s*[；;]\s*[^（）()；;]{{2,30}})?\s*[)）]$"
)


# a note on who wrote or where the report came from, closing an article: （作者为某大学教授）,
# （新华社北京10月10日电）, （执笔：…）
_CLOSING_NOTE_RE = re.compile(
    r"^[（(](?:作者(?:分别)?(?:为|系|是|单位)|执笔|本文作者)(?:[^（）()]|[（(][^（）()]{1,20}[)）]){2,60}[)）]$"
    r"|^[（(][^（）()]{2,30}电(?:\s*(?:本报|新华社)?记者)?\s*[)）]$"  # （新华社北京10月12日电 新华社记者）
    r"|^[（(][^（）()]{2,60}(?:参与|协助)(?:采写|报道|整理)[)）]$"  # （X参与采写）: who helped, not the authors
    r"|^[（(](?:本报|新华社)[^（）()]{2,200}?电\s*(?:记者|通讯员|综合)[^（）()]{2,300}[)）]$"  # a report from many cities
    r"|^[（(][^（）()]{2,80}对本文(?:亦)?有(?:贡献|帮助)[)）]$"  # （X、Y对本文亦有贡献）: who helped
    r"|^[（(](?:稿件|信息|素材)?来源\s*[:：][^（）()]{2,40}[)）]$"  # （来源：某区管委会）: where it came from
    r"|^[（(]据\s*(?:《[^《》]{2,20}》|[^（）()《》]{2,20}?(?:报|社|网|台|电|消息))[^（）()]{0,10}[)）]$"  # （据《某某日报》）

)


# the reporter's name alone in brackets after the text: （陈立新）, （罗一鸣 周晓岚）
_BRACKETED_NAMES_RE = re.compile(r"^[（(]\s*(?P<body>[^（）()]{2,16}?)\s*[)）]$")


_ROLE_RE = re.compile(ROLE)
# a role by its word, not a bare 文 (which ends names: 陈文)
_ROLE_WORD_RE = re.compile(rf"{_ROLE_FRONT}(?:{_ROLE_WORDS})")


def signs_the_text(byline: Byline) -> bool:
    """A name or two in brackets, no role, closing a piece (……。（沈筱雯）): the way a paper signs a
    brief, printed as the last line of its text, so kept there as well as read for the authors."""
    return (
        byline.kind == "signature" and bool(byline.authors) and bool(_BRACKETED_NAMES_RE.match(byline.text))
        and not _ROLE_RE.search(byline.text)
    )


# the writer's name with 文 after the text: 张三文, 张三 李四文 ("text by"; 文 is no part of the name)
_WRITER_RE = re.compile(r"^(?P<body>[^\s（）()]{2,4}(?:\s+[^\s（）()]{2,4}){0,2})\s*文$")


def match_closing_report(line: str) -> Byline | None:
    line = line.strip()
    if not line.startswith(("（", "(")) and not line.endswith("文"):
        return None  # (asked of every line) every form opens with a bracket but the writer's 张三文
    tokens = line.split()
    if len(tokens) > 3 and all(len(t) <= 2 for t in tokens):
        line = "".join(tokens)  # letter-spaced: ( 新 华 社 北 京 1 0 月 2 4 日 电 )
    bare = _BRACKETED_NAMES_RE.match(line)
    if bare and _ROLE_WORD_RE.search(bare.group("body")):
        bare = None  # （通讯员 X）: a role and its names, read below (通讯员 is no name)
    # （李明整理）, （刘 洋采写）: the closing word is no part of a name
    names = split_names(re.sub(f"(?:{_REPORTED})$", "", bare.group("body"))) if bare else None
    writer = None if bare else _WRITER_RE.match(line)
    if writer:
        names = split_names(writer.group("body"))
        if names and len(names) == 1 and len(names[0]) == 2 and is_person_name(names[0] + "文"):
            names = [names[0] + "文"]  # 严思文: a three-character name more likely than 严思 + 文
    if names and len(names) <= 3:
        return Byline(text=close_single_letters(line), authors=names, kind="signature")
    m = _CLOSING_REPORT_RE.match(line)
    # the names run greedily into 报道/采写 (李想报道): the closing word is no part of a name
    authors = _authors_in(re.sub(f"(?:{_REPORTED})$", "", m.group("body"))) if m else []
    if authors:
        return Byline(text=close_single_letters(line), authors=authors, kind="signature")
    if _CLOSING_NOTE_RE.match(line):
        # (checked after the reports: 作者为…文联… reads as a role (文) and a name, and is neither)
        return Byline(text=close_single_letters(line), authors=[], kind="signature")
    return None


def split_trailing_byline(line: str) -> tuple[str, Byline] | None:
    """``……参与试点。（记者 黄海 通讯员 林丽）``: the signature at the end of the last paragraph."""
    m = _TRAILING_PAREN_BYLINE_RE.search(line)
    if not m:
        return None
    byline = match_byline(m.group("byline"), allow_bare_names=False)
    if byline is None:
        return None
    return line[: m.start()].rstrip(), byline


def match_photo_note(line: str) -> bool:
    """A line that only says where the pictures came from (图片除署名外由…提供)."""
    m = PHOTO_NOTE_RE.fullmatch(line.strip())
    return bool(m)


# ---------------------------------------------------------------- photo credits
_AGENCY = r"(?:\s*[（(][^（）()]{1,16}[)）])?"
_CREDIT_FORMS = [
    rf"摄\s*[/／:：]\s*(?:{NAMES})",  # 摄/葛涛
    rf"(?:{NAMES})\s*[/／]\s*摄",  # 韩晓云/摄
    rf"(?:(?:本报|新华社|中新社)?(?:特约|实习)?(?:记者|通讯员)\s*)?(?:{NAMES})\s*摄(?:影报道|影)?{_AGENCY}",  # 孙明哲摄（江城视觉）, 张三摄影报道
    rf"(?:图|摄影|图片)\s*[/／:：]\s*(?:{NAMES})",  # 图/张三
    r"[（(]\s*(?:资料图片|资料照片|资料图|新华社发|视觉中国|[^（）()\s]{2,20}供图|"
    rf"(?:(?:本报|新华社)?(?:记者|通讯员)\s*)?(?:{NAMES})\s*摄)\s*[)）]",  # （资料图片）
    rf"(?:新华社|中新社)发\s*[（(]\s*(?:{NAMES})\s*摄\s*[)）]",  # 新华社发（贾云峰 摄）
    rf"[（(]\s*(?:摄影|摄|图)\s*[:：/／]\s*(?:{NAMES})\s*[)）]",  # （摄影：张三）
    r"图片由[^\s，。（()]{2,20}提供",  # 图片由园区管委会提供
    r"资料图片|资料照片|新华社发",
    r"[^\s，。（()]{2,20}供图",
]
CREDIT_RE = re.compile("(?:" + "|".join(_CREDIT_FORMS) + ")")
_CREDIT_AT_END_RE = re.compile(r"(?:^|(?<=\s)|(?<=[。！？”）)]))(?P<credit>" + CREDIT_RE.pattern + r")\s*$")
# a word every form of credit above contains
_CREDIT_WORD_RE = re.compile(r"[摄图]|资料|新华社发|视觉中国")


@dataclass
class Credit:
    raw: str  # as printed: "韩晓云/摄", "孙明哲摄（江城视觉）", "（资料图片）"
    name: str  # who or where: "韩晓云", "孙明哲（江城视觉）", "资料图片"


def credit_name(raw: str) -> str:
    name = raw.strip()
    if re.fullmatch(r"[（(][^（）()]*[)）]", name):
        name = name[1:-1].strip()
    name = re.sub(r"^(?:摄影|摄|图片|图)\s*[/／:：]\s*", "", name)
    name = re.sub(r"\s*[/／]\s*摄$", "", name)
    name = re.sub(r"(?<=\S)\s*摄(?:影报道|影)?(?=$|\s*[（(])", "", name)
    name = re.sub(r"\s*供图$", "", name)
    name = re.sub(r"^图片由(.+)提供$", r"\1", name)
    return collapse_letter_spacing(name)


def split_credit(line: str) -> tuple[str, Credit] | None:
    """Split a trailing photo credit off a line: returns (text before, credit)."""
    if not _CREDIT_WORD_RE.search(line):  # asked of every line: most have none of these words
        return None
    m = _CREDIT_AT_END_RE.search(line.rstrip())
    if not m:
        return None
    raw = m.group("credit").strip()
    before = line[: m.start("credit")].rstrip()
    if not before and not CREDIT_RE.fullmatch(raw):
        return None
    if "摄" in raw and not _credit_has_person(raw):
        return None  # "正在拍摄": a verb, not a photographer
    return before, Credit(raw=collapse_letter_spacing(raw), name=credit_name(raw))


def _credit_has_person(raw: str) -> bool:
    """The photographer in a 摄 credit is a person's name (agency names aside)."""
    names = re.sub(r"[（(][^（）()摄]*[)）]$", "", raw.strip())  # trailing agency: （江城视觉）
    names = re.sub(r"[（()）]", " ", names)
    # a role opens a name (本报记者 X, 文/X); inside a name "文" is part of it (熊文摄)
    names = re.sub(rf"(?:^|(?<=\s)){ROLE}|摄影报道|摄影|摄|[/／:：]|(?:新华社|中新社)发", " ", names)
    return split_names(names) is not None


# the signature under an editor's note: ——编者 / —— 编 者
EDITOR_SIGNOFF_RE = re.compile(r"^[—－-]{1,2}\s*编\s*者\s*$")
# the source of a chart or table printed under it: 数据来源：…
SOURCE_NOTE_RE = re.compile(r"^(?:数据|资料|图表|表格)?来源\s*[:：]\s*\S")
CAPTION_START_RE = re.compile(r"^(?:图为|上图|下图|左图|右图|中图|图\s*[①-⑩\d一二三四五六七八九十]|图[:：])")

# how a report's first paragraph opens: a date, 近日/日前, 记者从…获悉, 据…
LEAD_RE = re.compile(r"^(?:\d{1,2}月\d{1,2}日|\d{4}年|近日|日前|近年来|今年以来|今年|记者从|据|作为|在)")
# text that says it goes on from elsewhere: （上接第一版）, （接第三版）, or an ellipsis (no headline
# opens so)
CONTINUED_RE = re.compile(r"^[ \u3000]*(?:[（(](?:上接|接上|接第|紧接)[^（）()]{0,12}[)）]|…)")
# how a paragraph that goes on from an earlier one opens: 此外, 同时, 这…, 据介绍
FOLLOW_ON_RE = re.compile(r"^(?:这|此外|同时|据介绍|目前|其中|与此同时|另外|而|但|如今|对此|“)")

# a column tag printed after a headline: （产业观察）, （园区视点）, （开发区快评） (a numbering （一） is told
# apart by the splitter)
COLUMN_TAG_RE = re.compile(r"[（(][^（）()]{2,}[)）]$")
# a column's name in black-lenticular brackets on a line of its own over a headline: 【园区动态】
BRACKETED_TAG_RE = re.compile(r"^[【〖][^【】〖〗]{2,12}[】〗]$")

# ---------------------------------------------------------------- page furniture
FURNITURE_LABELS = (
    "本版编辑|本版责编|本版主编|本版统筹|本版策划|本版校对|本版制图|责任编辑|责任校对|执行编辑|图片编辑|"
    "美术编辑|视觉设计|版式设计|责编|美编|编辑|校对|版式|组版|制图|统筹|策划|终审|一审|二审|三审|值班编辑|"
    "值班主任|值班编委"
)
# whose page or issue the editors are: 本版 / 本期 / 五版 (a line may name two pages' editors)
_EDITORS_OF = r"(?:本版|本期|[一二三四五六七八九十\d]+版)?"
_FURNITURE_RE = re.compile(
    rf"^[（(]?(?:{_EDITORS_OF}(?:{FURNITURE_LABELS})\s*[:：]?\s*(?:{NAMES})\s*)+[)）]?$"
)
_FURNITURE_START_RE = re.compile(rf"[（(]?{_EDITORS_OF}(?:{FURNITURE_LABELS})")
# the marks of a page: its number (第3版), a printed date, a weekday
_PAGE_NUMBER = r"第\s*[\dA-Z一二三四五六七八九十]+\s*版"
_PRINTED_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_WEEKDAY = r"星期[一二三四五六日天]"
_PAGE_MARK_RE = re.compile(
    rf"^(?:{_PAGE_NUMBER}|[A-Z]?\d{{1,2}}\s*版?|{_PRINTED_DATE}(?:\s*{_WEEKDAY})?|{_WEEKDAY}|电子版|[A-Z]\d{{1,2}})$"
)
_MASTHEAD_RE = re.compile(r"^\S{1,8}(?:日报|晚报|早报|晨报|时报|商报|导报|周报|报)$")
_SECTION_MARK_RE = re.compile(r"专题|专版|专刊|特刊|周刊|副刊|要闻|综合|观察|视点|[·｜丨|]")


# an editor line whose names run together or are letter-spaced past telling apart
# (本版责编：钱蓉白景行姚子恒, 版式设计：杜 衡 谢明川): a label at the start, then only names
_FURNITURE_HEAD_RE = re.compile(
    rf"^{_EDITORS_OF}(?:{FURNITURE_LABELS})\s*[:：]\s*[{HAN_RANGES}\s、，,·]{{2,40}}$"
)
_PAGE_MAIL_RE = re.compile(r"^(?:本版|本刊)?(?:邮箱|电子信箱|投稿邮箱)\s*[:：]\s*\S+@\S+$")


MAX_FURNITURE_CHARS = 80


def match_furniture(line: str) -> bool:
    """本版编辑 X 美编 Y, 责任编辑 X, a page number or a printed date line."""
    if len(line) > MAX_FURNITURE_CHARS:
        return False  # running text: asked of every line, most of them long
    compact = re.sub(r"\s+", "", line)
    if not _FURNITURE_START_RE.match(compact):
        # every editor-line form opens with its label, spaces or not: only a page mark or a page's
        # mail address is left to look for (most lines stop here)
        return bool(
            _PAGE_MARK_RE.match(compact) or "@" in compact and _PAGE_MAIL_RE.match(compact) or _page_header(line)
        )
    spaced = collapse_letter_spacing(line)
    return bool(
        _FURNITURE_RE.match(spaced)
        or _FURNITURE_RE.match(compact)
        # 王 博 closed up, other names kept apart (only for a line that opens like an editor line)
        or _FURNITURE_RE.match(close_single_letters(line))
        or _PAGE_MARK_RE.match(compact)
        or _FURNITURE_HEAD_RE.match(line.strip())
        or _PAGE_MAIL_RE.match(compact)
    )


# the parts of a running head: page marks (第3版, A3, a printed date, 星期五) around a section's name
_HEAD_PARTS_RE = re.compile(r"[\s｜丨|·]+")
_SECTION_NAME_RE = re.compile(f"{H}{{2,6}}")
_PRINTED_DATE_RE = re.compile(rf"({_PRINTED_DATE})\s*({_WEEKDAY})")
_MARKS_FIRST_RE = re.compile(rf"^(?:(?:{_PAGE_NUMBER}|{_PRINTED_DATE}|{_WEEKDAY})\s*)+(?P<rest>\S.*)$")


# a regional paper's page code before its section's name, with no 版 (A3 区县新闻); C919 is no page
_PAGE_CODE_FIRST_RE = re.compile(r"^\s*[A-Z]\d{1,2}\s")


def _page_header(line: str) -> bool:
    """A running head of page marks and one section name (第3版 经济新闻 2024年5月10日 星期五,
    经济新闻｜第3版), or page marks before the editors' line. (A page mark alone is caught before; a
    headline has no page mark.)"""
    if "版" not in line and "星期" not in line and not _PAGE_CODE_FIRST_RE.match(line):
        return False
    marked = _MARKS_FIRST_RE.match(line.strip())
    if marked and _FURNITURE_START_RE.match(re.sub(r"\s+", "", marked.group("rest"))):
        return match_furniture(marked.group("rest"))  # 2024年5月11日 星期六 责任编辑：王敏
    # (a date and its weekday as one part, as the page mark reads them)
    parts = [p for p in _HEAD_PARTS_RE.split(_PRINTED_DATE_RE.sub(r"\1\2", line.strip())) if p]
    names = [p for p in parts if not _PAGE_MARK_RE.match(p)]
    return len(names) < len(parts) and len(names) <= 1 and all(_SECTION_NAME_RE.fullmatch(n) for n in names)


def tidy_furniture(line: str) -> str:
    """``本版编辑 陈书宁 美 编 许 岚`` -> ``本版编辑 陈书宁 美编 许岚``."""
    compact = re.sub(r"\s+", "", line)
    if not re.search(FURNITURE_LABELS, compact):
        return collapse_letter_spacing(line)
    spaced = re.sub(
        rf"({FURNITURE_LABELS})([:：]?)", lambda m: f" {m.group(1)}{m.group(2) or ' '}", compact
    )
    spaced = re.sub(r"\s+", " ", spaced).strip()
    return re.sub(r"(?<=[（(])\s+|\s+(?=[)）])", "", spaced)


def looks_like_page_header(line: str) -> bool:
    """A running head at the top of a page: "专题·青禾经开区", "南湖", "A3 要闻"."""
    compact = re.sub(r"\s+", "", line)
    if not compact or len(compact) > 16:
        return False
    if _PAGE_MARK_RE.match(compact):
        return True
    han = len(re.findall(H, compact))
    return han <= 3 or bool(_SECTION_MARK_RE.search(compact) or _MASTHEAD_RE.search(compact))


# ---------------------------------------------------------------- short names introduced in the text
# "…（以下简称“湖心高新区”）", "（下称重庆超岭高科）": the short name the rest of the article uses
SHORT_NAME_INTRO_RE = re.compile(
    r"\s*[（(](?:以下|下文)?(?:简称|下称)[:：]?\s*[“\"「『]?(?P<alias>[^”\"」』）)，,。、]{2,16}?)[”\"」』]?\s*[)）]"
)

# ---------------------------------------------------------------- a dated note under a headline
# a note in brackets with a year in it and no sentence: the date (and place) of a document or a
# speech set under its headline (（2023年9月）, （二〇二三年九月二十六日，北京）, （2023年10月24日…
# 会议通过）), read with the spaces OCR put between characters taken out
DATED_NOTE_RE = re.compile(r"^[（(][^（）()。；]*?[\d〇零一二三四五六七八九]{2,4}年[^（）()。；]*[)）]$")

# ---------------------------------------------------------------- a box of briefs
# the short headline of a box that gathers several briefs, each under its own small headline
# (…快讯, …简讯, …速览): the general words papers use for such a box
COMPILATION_TITLE_RE = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:速递|快讯|简讯|速览|短讯|集锦|短波|资讯|一览|简报|撷英|掠影|提要|之声|扫描)$"
)

# ---------------------------------------------------------------- labels inside articles
# the labels of boxes printed in an article (核心阅读, 编者按 …), one list each written once; of them, the
# boxes printed after a story's end that belong to it: the reporter's notes, an afterword, a link to
# the background (not 短评 or 点评: as often a column over a piece of its own)
_COMPANION_LABELS = "编后|编后语|编后记|记者手记|链接|相关链接|延伸阅读|背景|背景链接|新闻链接|名词解释|记者观察"
_LABEL_FORM = r"^[【\[]?(?:{})[】\]]?[:：]?$"
SECTION_LABEL_RE = re.compile(
    _LABEL_FORM.format(f"核心提示|核心阅读|阅读提示|内容提要|内容摘要|摘要|编者按|编者的话|导读|短评|点评|数说|图说|提示|小贴士|数据|{_COMPANION_LABELS}")
)
COMPANION_LABEL_RE = re.compile(_LABEL_FORM.format(_COMPANION_LABELS))
