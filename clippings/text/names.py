"""Recognising Chinese personal names in bylines and credits (no Django).

Bylines are mostly lines of names ("袁芳 蒋若溪"). A name here is two to four Han characters
starting with a common surname (or a compound surname), or a minority name joined by "·".
The surname list is general knowledge (the Hundred Family Surnames plus the common modern
ones), not taken from any page.
"""
from __future__ import annotations

import re
from functools import lru_cache

import rjieba

from .chars import HAN_RANGES

SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
    "奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康"
    "伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵"
    "席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗"
    "丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄"
    "印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂"
    "濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘"
    "匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相"
    "查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况郈有琴商牟佘佴伯赏墨哈谯笪年爱阳佟仝付"
    "代覃揭但练植谌蹇眭盘鄞郇迟宦衣练过占银粟续敬苟冼区丛靖渠达母粘原钞操邸及门初尧迮甫"
    "肖隋邝"  # common today, missing from the old list (肖 is among the thirty commonest)
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 "
    "西门 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 闻人 万俟 呼延 赫连 拓跋 百里 东郭 左丘 第五".split()
)

_NAME_RE = re.compile(f"[{HAN_RANGES}]{{2,4}}")
_MINORITY_NAME_RE = re.compile(f"[{HAN_RANGES}]{{1,8}}(?:[·•][{HAN_RANGES}]{{1,8}})+")
_SEPARATORS_RE = re.compile(r"[\s、，,/／]+")
# a character no run of names has (a name is Han characters, a minority name joins them with ·)
_NOT_IN_NAMES_RE = re.compile(rf"[^{HAN_RANGES}·•\s、，,/／]")


def is_person_name(token: str, after_role: bool = False) -> bool:
    """True if ``token`` looks like a Chinese personal name; ``after_role``: it follows a reporter's
    role (本报记者, 通讯员), where a name with a surname the list lacks is still a name."""
    if _MINORITY_NAME_RE.fullmatch(token):
        return not _dotted_phrase(token)
    if not _NAME_RE.fullmatch(token):
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) >= 3
    return token[0] in SINGLE_SURNAMES and len(token) <= 3 or (
        len(token) == 4 and token[0] in SINGLE_SURNAMES and token[1] in SINGLE_SURNAMES
    ) or after_role and token[0] not in SINGLE_SURNAMES and _tagged_as_person(token)


# jieba's tags of everyday words (nouns, verbs, adjectives, pronouns, time and place words, idioms…)
_WORD_TAGS = frozenset(("n", "v", "vn", "a", "ad", "an", "r", "t", "f", "s", "l", "i", "c", "p", "m", "q"))


@lru_cache(maxsize=1024)
def _dotted_phrase(token: str) -> bool:
    """Words joined by a middle dot, not a minority name: a kicker or a series' name (走进开发区·之一,
    乡村振兴·进行时). A transliterated name is syllables; jieba finds an everyday word in some of
    them (买买提), but not in three quarters of its characters."""
    letters = token.replace("·", "").replace("•", "")
    covered = sum(
        len(word) for part in re.split("[·•]", token) for word, flag in rjieba.tag(part)
        if len(word) >= 2 and flag in _WORD_TAGS
    )
    return covered >= 0.75 * len(letters)


# jieba's tags of a person's name (a Han name, a transliterated one, a given name first) and of
# words no name holds (particles, prepositions, conjunctions, pronouns, numbers, time words)
_PERSON_TAGS = ("nr", "nrt", "nrfg")
_NEVER_IN_NAMES = tuple("upcryemtwo")


@lru_cache(maxsize=4096)  # (a byline's tokens are asked again for each run of them ``_trim_names`` tries)
def _tagged_as_person(token: str) -> bool:
    """A name of a rare surname (仉) or of none of the Han surnames (a Mongolian or Uyghur
    name written in Han characters without a dot): jieba reads it as a person's name, with at
    most single characters besides ("日前获悉", "来到园区" are no names)."""
    if token.endswith(("文", "图", "摄")):
        return False  # who wrote or took the pictures (X文), said after the name
    tags = rjieba.tag(token)
    # the name, or a name jieba cut short with a character or two left over ("阿拉|坦")
    return any(flag in _PERSON_TAGS for _, flag in tags) and all(
        flag in _PERSON_TAGS or len(word) == 1 and not flag.startswith(_NEVER_IN_NAMES) for word, flag in tags
    )


def split_names(text: str, after_role: bool = False) -> list[str] | None:
    """Split a run of names ("袁芳 蒋若溪", "张三、李四", "许 岚") or return ``None``.

    Letter-spaced names ("许 岚") are closed up first: a lone surname is joined to what follows.
    """
    if _NOT_IN_NAMES_RE.search(text):  # asked of most lines of a page: most fail here
        return None
    tokens = [t for t in _SEPARATORS_RE.split(text.strip()) if t]
    if not tokens:
        return None
    names: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1:
            # letter spacing: "许 岚", "何 静 唐 韬" -> split the run into whole names
            j = i
            while j < len(tokens) and len(tokens[j]) == 1:
                j += 1
            run = _split_spaced_run("".join(tokens[i:j]))
            if run is None:
                return None
            names.extend(run)
            i = j
            continue
        if not is_person_name(tokens[i], after_role):
            return None
        names.append(tokens[i])
        i += 1
    return names


def _split_spaced_run(run: str) -> list[str] | None:
    """Cut a run of letter-spaced characters into names of two or three characters."""
    if not run:
        return []
    for size in (2, 3):
        head = run[:size]
        if len(head) == size and is_person_name(head):
            rest = _split_spaced_run(run[size:])
            if rest is not None:
                return [head, *rest]
    return None
