"""Where does a name end on the left? (no Django)

Zone and company names are found by their right end — a suffix such as 产业园 or 有限公司 —
and run leftwards into the sentence: "走进重庆某某科技有限公司", "在青禾湾生态城建设…".
The name is the run of name characters before the suffix, cut at the last word that cannot be
part of a name, using jieba's part-of-speech tags — the one rule for zones and enterprises:
* a preposition, conjunction, particle, pronoun, adverb or one of a list of verbs (走进, 位于, 落户);
* a verb that governs what follows: written right before the suffix ("运往公司", "纳入科学城",
  "围绕片区"; a verb ending in 于/往/入/到/向/至, or any plain verb that is not a business word),
  or right before a proper noun ("感受X科学城", "创建X生态城");
* a count or measure ("三大片区", "8家X公司", "千亿级片区");
* a noun naming a kind of organisation ("外资企业X集团", "绿色工厂X公司");
* a foreign country before the name ("新加坡X集团": where the firm comes from);
* an adjective made with 型 ("发展型…").
A name must contain a proper noun or at least a word that is not one of the words describing a
kind of park or business, so that "数字产业园" or "该公司" are not taken as names; a name that
ends in 公司 or 集团 (not a registered …有限公司) needs a proper noun (by its tag, jieba's guess
for an unknown word included), so that "物流公司", "外资集团" or "资管公司" are not names.
"""
from __future__ import annotations

import itertools
import logging
import re
from functools import cache, lru_cache

import jieba

from .chars import HAN_RANGES
from .places import FOREIGN_COUNTRIES, division_names

jieba.setLogLevel(logging.WARNING)

# a middle dot joins a developer's name to a park's ("瑞丰泰·东湖医谷…产业园")
_NAME_CHARS_RE = re.compile(rf"[{HAN_RANGES}A-Za-z0-9（）()&＆\-·]")
# words that end a name on the left whatever jieba tags them
STOP_WORDS = frozenset(
    """走进 走入 来到 位于 地处 坐落 落户 落地 入驻 进驻 引进 引入 签约 携手 联手 旗下 下属 所属 包括 包含 比如 例如 如 像
    等 以及 还有 其中 此外 同时 目前 近日 日前 今年 去年 近年来 作为 通过 依托 支持 帮助 推动 带动 吸引 助力 服务 对接 成立 设立 注册
    组建 新建 建立 创建 兴建 筹建 建设 建成 打造 投用 开园 揭牌 聚焦 聚力 布局 加快 推进 加速 正式 首批 首家 一批 一家 多家 该 这家 那家 这个 该园 本
    全国 全市 全省 全区 整个 所有 全部 国家级 省级 市级 区级 重点 龙头 知名 领军 头部 优质 是 为 在 于 与 和 及 的 了 着 由 向 从 对 把 被 让 将 已 已经
    正在 也 都 还 又 再 就 即 便 并 而 或 暨 后 前 里 内 外 中 上 下 全资 控股 子公司 母公司 企业 项目 平台 基地 园区 地区 片区 当地 该区
    记者 表示 介绍 说 称 看到 发现 获悉 了解 采访 参观 考察 调研 实施 发布 公布 举办 召开 启动 搬到 搬迁 迁入 进入 即可 可以 可
    不仅 不但 而且 因此 所以 随后 然后 已有 拥有 只有 还将 共有 均 仍 更 最 很 非常 积极 大力 持续 不断 主要 分别
    成为 就是 即是 都是 纷纷 陆续 齐聚 汇聚 聚集 集聚 扎堆 来自 属于 获评 荣获 入选 评为 十大 百强 各类 一系列 多个 一批批
    航拍 俯瞰 鸟瞰 远眺 拍摄 图为 夜景 全景 一角 掠影 风光
    高科技 高新技术 科技型 创新型 专精特新 民营 国有 外资 合资 独资 上市 本土 当地 国内 全球 世界 中外 共建 合建 共同""".split()
)
STOP_FLAGS = ("p", "c", "u", "r", "y", "e", "o", "w")


def _stops(flag: str) -> bool:
    """A tag of a word that is never part of a name (a Latin word, "eng", is one)."""
    return flag.startswith(STOP_FLAGS) and flag != "eng"

PROPER_FLAGS = ("ns", "nr", "nz", "nt", "eng", "nrt", "nrfg", "j")
# words that describe a kind of park or company rather than name one: "数字产业园", "物流公司"
GENERIC_WORDS = frozenset(
    """数字 数智 智能 智慧 创新 创意 绿色 低碳 生态 特色 专业 现代 新兴 高新 高端 先进 产业 科技 信息 软件 电子 汽车 新能源 能源
    生物 医药 健康 物流 贸易 商贸 电商 文化 旅游 农业 工业 制造 智造 装备 材料 新材料 化工 金融 服务 投资 发展 建设 经济 国际
    合作 示范 重点 综合 大型 小型 中小 科创 研发 技术 互联网 工业互联网 数据 大数据 人工智能 网络 通信 半导体 集成电路 芯片
    光电 环保 节能 机械 设备 零部件 车辆 企业 项目 总部 孵化 加速 众创 双创 创业 科学 城市 生命 医疗 器械 食品 纺织 服装 家居
    建材 钢铁 有色 冶金 石化 船舶 航空 航天 海洋 港口 临港 空港 保税 跨境 外贸 商务 会展 总部经济 人才 青年 大学生 留学人员
    股份""".split()
)


@cache
def _tagger():
    """jieba.posseg's tags, its hidden-Markov step on arrays; loaded on first use, not on import:
    its model is ~40 MB of Python objects, and every process that imports the app (web servers,
    the index writer) would carry it."""
    from .postagging import FastPOSTokenizer

    jieba.dt.check_initialized()  # the word frequencies the rules read (jieba.dt.FREQ)
    return FastPOSTokenizer()


@lru_cache(maxsize=20000)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    places = _place_words()
    return tuple((p.word, "ns" if p.word in places else p.flag) for p in _tagger().cut(text))


# a division's name that is also a common word (和平, 友好, 前进, 南部) keeps jieba's tag
_COMMON_WORD_FREQ = 300


@cache
def _place_words() -> frozenset[str]:
    """Names of divisions jieba does not know as places ("馆陶" n, "封开" v, "铜梁" n), so that
    "馆陶高新区" has its proper noun and "位于封开临江开发区" starts at 封开."""
    _tagger()
    return frozenset(n for n in division_names() if jieba.dt.FREQ.get(n, 0) < _COMMON_WORD_FREQ)


# suffixes that also make common nouns ("物流公司", "拉面产业园"): the name needs a proper noun
COMMON_SUFFIXES = frozenset({"公司", "集团", "产业园", "产业园区", "经济技术开发区", "经济开发区", "经开区", "高新技术产业开发区",
                             "高新区", "开发区", "新区", "工业园区", "工业园", "工业区", "经济特区", "科技园", "科技城", "示范园", "合作区"})
# nouns naming a kind of organisation: what precedes them describes, what follows names
KIND_HEADS = ("企业", "工厂", "厂家", "厂商", "车企", "药企", "房企", "央企", "国企", "民企", "外企", "外商", "单位", "机构",
              "供应商", "制造商", "服务商", "运营商", "开发商", "投资者", "投资方", "合作方", "股东", "客户", "集团", "公司")
_MEASURE_RE = re.compile(r"^(?:[\d.]+|[一二三四五六七八九十百千万亿两几多数首各]+[家个类批座项级大条所户处名只])")
_GOVERNING_END = tuple("于往入到向至")
_FUNCTION_CHARS = frozenset("有由是在从被把将了的")


def reads_as_person(word: str) -> bool:
    """Does the tagger read ``word`` whole as a person's name (沈筱雯 nr; not 温州 ns, 代前言, 有删节)?
    Stricter than the surname list, for a bracketed word that may as well be a place or a note."""
    tags = _tag(word)
    return len(tags) == 1 and tags[0][1] == "nr"


def common_compound(word: str) -> bool:
    """A dictionary word made of common words ("国际贸易", "网络安全", "全自动"), unless it starts with
    a place ("中国电信"): no firm's own name."""
    for i in range(1 if len(word) >= 3 else 2, len(word) - (0 if len(word) >= 3 else 1)):
        head, tail = word[:i], word[i:]
        if min(jieba.dt.FREQ.get(head, 0), jieba.dt.FREQ.get(tail, 0)) >= 1000 and _tag(head)[0][1] != "ns":
            return True
    return False


def without_function_char(name: str, shortest: int = 3) -> str:
    """A verb, preposition or particle jieba joined to a name ("有X公司", "由X公司", "引进了X光电") left out."""
    if len(name) > shortest and name[0] in _FUNCTION_CHARS and name_words(name[1:]):
        return name[1:]
    return name


def name_words(phrase: str) -> bool:
    """Does ``phrase`` hold a word that names (a proper noun, or a word that describes no kind of
    business)? "投资集团" does not; "恒泽能源" does."""
    words = _tag(phrase)
    return not all(w in GENERIC_WORDS for w, _ in words) and any(
        _is_proper(w, f) or w not in GENERIC_WORDS and len(w) >= 2 and not _stops(f) for w, f in words
    )


def _ends_name(word: str, flag: str, kept: list[tuple[str, str]], before: tuple[str, str], registered: bool) -> bool:
    """Does ``word`` (tagged ``flag``) stand before the name rather than in it? ``kept``: the words
    already taken into the name, to its right; ``before``: the word to its left. A single character
    inside an unknown name gets a stray tag ("湾" v), so the verb and measure tests need two.
    ``registered``: the suffix is a registered company's (…有限公司), whose name may start with a country."""
    if flag.startswith(("m", "j")) and _MEASURE_RE.match(word) or flag == "q" and (len(word) >= 2 or before[1] == "m"):
        return True
    if flag.startswith("n") and word.endswith(KIND_HEADS) and (kept or word in KIND_HEADS):
        return True
    if word in FOREIGN_COUNTRIES and kept and not registered:
        return True
    if flag.startswith("n") and word.endswith("局") and kept and kept[0][1] == "ns":
        return True  # a bureau before a place: "X十五局汉中产业园" (but "X成都局集团有限公司" is one name)
    if flag == "k":  # "发展型…": an adjective made with a suffix
        return True
    if flag.startswith("v") and len(word) >= 2 and word not in GENERIC_WORDS:
        if not kept and word.endswith(_GOVERNING_END):
            return True  # "运往公司", "纳入科学城"
        if not kept and flag == "v" and not registered:
            # "围绕片区"; but after a place the verb says what the firm does ("X征信公司"), as a
            # registered name may ("X农业开发有限公司")
            return before[1] != "ns" or len(before[0]) < 2  # "云" (ns) of "云计算公司" is no place
        # a verb before a name that has a proper noun of its own: "感受X科学城", "抓住X新区"
        # (a place in brackets, "X科技（苏州）有限公司", says where the firm is, not what it is called)
        unbracketed = list(itertools.takewhile(lambda item: item[0] not in ("（", "("), kept))
        return bool(unbracketed) and (
            kept[0][1].startswith(PROPER_FLAGS)
            or flag == "v" and any(_is_proper(w, f, strict=True) for w, f in unbracketed)
        )
    return False


def _is_proper(word: str, flag: str, strict: bool = False) -> bool:
    """A proper noun by its tag, a Latin word, or (unless ``strict``) a word jieba does not know;
    ``strict``: jieba's guess for an unknown word must be a proper noun too ("资管" n, "公募" a are not)."""
    if flag.startswith(PROPER_FLAGS):
        return True
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9&\-]*", word):
        return True
    return not strict and len(word) >= 2 and word not in jieba.dt.FREQ


def name_before(text: str, start: int, end: int, *, max_chars: int = 16, min_chars: int = 2) -> str | None:
    """The name that ends with the suffix ``text[start:end]``, or ``None`` if there is none."""
    i = start
    while i > 0 and start - i < max_chars and _NAME_CHARS_RE.match(text[i - 1]):
        i -= 1
    left = text[i:start]
    if not left:
        return None
    kept: list[tuple[str, str]] = []
    registered = text[start:end] not in COMMON_SUFFIXES and text[start:end].endswith("公司")
    tags = _tag(left)
    if i > 0 and _NAME_CHARS_RE.match(text[i - 1]) and len(tags) > 1:
        tags = tags[1:]  # the window cut a word in two ("山|东聊城市"): its first word is no word
    for i in range(len(tags) - 1, -1, -1):
        word, flag = tags[i]
        common_adverb = (
            flag in ("d", "t", "m") and len(word) >= 2 and jieba.dt.FREQ.get(word, 0) >= 1000
            and word not in GENERIC_WORDS
        )
        if word in STOP_WORDS or common_adverb or _stops(flag) or (flag == "m" and not kept):
            break
        if _ends_name(word, flag, kept, tags[i - 1] if i else ("", ""), registered):
            break
        if len(word) >= 3 and word[0] in _FUNCTION_CHARS and word not in jieba.dt.FREQ:
            kept.insert(0, (word[1:], flag))  # jieba's guess for an unknown word swallowed "由" ("由长飞" nr)
            break
        kept.insert(0, (word, flag))
    prefix = "".join(word for word, _ in kept)
    # a bracket whose partner is outside the name: "）某某" or "（某某" without its ")"
    prefix = prefix.lstrip("）)·")
    head, dot, tail = prefix.rpartition("·")
    if dot and (re.search("[城园区港]$", head) or not any(_is_proper(w, f, strict=True) for w, f in _tag(head))):
        prefix = tail  # "X生态城·Y产业园": two places; "中医药产业·Y工业园区": a description, then the name
    if prefix.startswith(("（", "(")) and not re.search(r"[）)]", prefix):
        prefix = prefix[1:]
    elif prefix.startswith(("（", "(")):  # "X（Y）Z园": the bracket is an aside on what came before
        prefix = re.sub(r"^[（(][^）)]*[）)]", "", prefix)
    prefix = without_function_char(prefix)
    if len(prefix) < min_chars:
        return None
    words = [(w, f) for w, f in kept if w in prefix]
    if all(w in GENERIC_WORDS for w, _ in words) or not any(
        _is_proper(w, f) or w not in GENERIC_WORDS and len(w) >= 2 for w, f in words
    ):
        return None
    if text[start:end] in COMMON_SUFFIXES and not any(_is_proper(w, f, strict=True) for w, f in words):
        if text[start:end] != "集团" or _tag(prefix + text[start:end]) != ((prefix + text[start:end], "nt"),):
            return None  # a common noun with 公司: "物流公司", "外资集团"; jieba knows some groups ("海尔集团" nt),
            # though its organisations with 公司 are common nouns too ("公交公司" nt)
    coined = any(len(a) == len(b) == 1 for (a, _), (b, _) in itertools.pairwise(words))  # "新天": single characters
    rare = any(_is_proper(w, f) or jieba.dt.FREQ.get(w, 0) < _COMMON_WORD_FREQ for w, f in words)
    if registered and not coined and not rare:
        return None  # only common words: the firm's own name was cut off ("坦中铁路有限公司" read as "铁路…")
    return prefix + text[start:end]
