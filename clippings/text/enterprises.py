"""Finding the enterprises an article talks about (no Django).

* Names with a legal suffix (…股份有限公司, …有限责任公司, …有限公司, …（重庆）有限公司, …集团,
  …公司), their left end found by ``propernames.name_before`` and cut after a park or zone
  name the company sits in ("青禾微电园英拓科技（重庆）有限公司" -> "英拓科技（重庆）有限公司").
* A short name the article introduces — "（以下简称“重庆恒岳汽车”）", "（下称重庆超岭高科）" —
  is an alias: its later mentions count as mentions of the same enterprise.
* Brand-named firms with no suffix in the text ("京东", "比亚迪") come from a dictionary the
  caller passes (staff grow it in the admin).
* The zone an enterprise is in, when the text says so: "位于X的Y", "Y落户X", "Y入驻X".
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import ahocorasick
import jieba

from .chars import HAN, HAN_RANGES
from .patterns import SHORT_NAME_INTRO_RE
from .places import FOREIGN_COUNTRIES
from .propernames import (
    GENERIC_WORDS,
    STOP_WORDS,
    _is_proper,
    _stops,
    _tag,
    common_compound,
    name_before,
    name_words,
    without_function_char,
)
from .zones import snippet

# 公司 that starts a compound ("公司业务部", "公司治理") ends no name
_SUFFIX_RE = re.compile(r"(?:（集团）|\(集团\)|集团)?(?:股份有限公司|有限责任公司|有限公司)|集团|公司(?!业务|治理)")
# a company sits in a park: cut the name after it
_PLACE_END_RE = re.compile(rf"(?:园区|园|开发区|高新区|新区|片区|保税区|港区|街道|镇|村)(?={HAN}{{2}})")
_UNIT_RE = re.compile(rf"[{HAN_RANGES}]{{1,6}}")
_DIVISION_END_RE = re.compile(r"[省市县区州镇乡村]$")
_LOCATED_BEFORE_RE = re.compile(r"(?:位于|地处|坐落于|落户|入驻|进驻|扎根)$")
_LOCATED_AFTER_RE = re.compile(r"^(?:已|已经|正式|成功|于|先后|今年|去年)?(?:落户|入驻|进驻|扎根|落地|布局)(?:于|在|到)?$")
# the words of a trade that end a firm's short name ("某某储能", "某某半导体"): a lexicon of forms
TRADE_WORDS = ("微电子", "半导体", "物联网", "储能", "光电", "电子", "动力", "铝业", "钢业", "帽业", "高科", "药业", "制药", "重工",
               "电气", "电器", "轴承", "生物", "科技", "智能", "通信", "软件", "新材", "智联", "机器人")
_TRADE_RE = re.compile("|".join(sorted(TRADE_WORDS, key=len, reverse=True)))
# what may follow a firm's short name: punctuation, a particle, a conjunction, a common verb's first character
_AFTER_NAME = frozenset("、，。；：！？）“”」’\n 等的在和与及是将已也都正还为有从向把被获于拟旗项产研生车")
# "A、B、C等企业", "A、B等9家企业", "A、B等项目": the members of a list of firms
_MEMBER = rf"[{HAN_RANGES}A-Za-z0-9·]{{2,10}}"
_NUMERAL = "[一二三四五六七八九十]"
_NUMBERED_UNIT_RE = re.compile(
    rf"(?P<group>{HAN}{{2}}){_NUMERAL}{{1,3}}局(?:(?:{_NUMERAL}{{1,2}}|总承包|{HAN}{{2,4}}?)(?:有限公司|公司)|集团)?(?!长)"
)
# a branch or unit of a firm, named by the firm, a place and its kind ("X贵州Y供电局", "X湖北省分行")
_BRANCH = rf"({HAN}{{1,8}}?(?:供电局|供电公司|分公司|分行|支行))"
_FIELDS = ("领域", "行业", "产业", "方面", "方向", "类")
_INSTITUTION_RE = re.compile("(?:大学|学院|学校|医院|协会|商会|联盟|实验室|工会)$")
_FIRM_LIST_RE = re.compile(
    rf"((?:{_MEMBER}[、及和])*{_MEMBER})等(?:[\d一二三四五六七八九十百多余数]+家|一批|多家)?(?:“[^”]{{1,8}}”)?"
    r"(?P<description>高新技术|科技型|重点|龙头|知名|头部|领军|骨干|链主|专精特新|规上|高科技|[^，。；、\s]{0,10}?)"
    r"(?P<kind>企业|公司|项目|单位)(?!家)"
)
_LIST_RE = re.compile(rf"(?<![{HAN_RANGES}])(?:[{HAN_RANGES}]{{3,6}}、)+[{HAN_RANGES}]{{3,6}}(?![{HAN_RANGES}])")
GENERIC_NAMES = frozenset({"有限公司", "集团", "公司", "该公司", "子公司", "母公司", "分公司", "总公司"})


@dataclass(frozen=True)
class KnownEnterprise:
    key: object
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class EnterpriseHit:
    name: str  # the full name as printed, or the dictionary name
    key: object = None  # KnownEnterprise.key when the dictionary knows it
    aliases: set[str] = field(default_factory=set)  # short names the article introduced
    surfaces: Counter = field(default_factory=Counter)
    first_position: int = 0
    snippet: str = ""
    zones: set = field(default_factory=set)  # zone keys the text puts it in

    @property
    def count(self) -> int:
        return sum(self.surfaces.values())


def _clean(name: str) -> str:
    return name.replace("(", "（").replace(")", "）").strip()


def full_names(text: str, zone_spans: list[tuple[int, int, object]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _SUFFIX_RE.finditer(text):
        if text[m.start() - 1 : m.start()] == "子" and m.group() == "公司":
            continue  # 子公司: a kind of company, never a name ("央企及子公司")
        group_unit = out and out[-1][2].endswith("集团") and m.group().endswith("有限公司")
        if group_unit and _unit_of_group(text[out[-1][1] : m.start()]):
            # "X集团Y股份有限公司", "X集团投资有限公司": the group's registered unit, whatever Y is
            start = out.pop()[0]
            out.append((start, m.end(), _clean(text[start : m.end()])))
            continue
        name = name_before(text, m.start(), m.end(), max_chars=24)
        if name is None:
            continue
        start = m.end() - len(name)
        # a zone or park named inside the span: the company starts after it, unless what is left
        # only says what the company does ("X科技城投资集团有限公司" is the zone's own company)
        cuts = [ze for zs, ze, _ in zone_spans if start <= zs < ze < m.start()]
        cuts += [start + p.end() for p in _PLACE_END_RE.finditer(text[start : m.start()])]
        for cut in sorted(cuts, reverse=True):
            if name_words(text[cut : m.start()]):
                start = cut
                break
        name = _clean(text[start : m.end()])
        if name in GENERIC_NAMES or len(name) - len(m.group()) < 2:
            continue
        if out and out[-1][1] > start:  # "…（集团）有限公司" matched twice
            continue
        if out and out[-1][1] == start and (m.group() != "公司" or name.endswith("分公司")):
            # "X集团Y有限公司", "X公司Y分公司": the group's registered unit or branch
            start = out.pop()[0]
            name = _clean(text[start : m.end()])
        out.append((start, m.end(), name))
    return out


def _unit_of_group(between: str) -> bool:
    """What a group's registered unit adds to the group's name ("中免股份", "投资"): a few characters
    with no word that would start a new phrase ("与", "和", "的")."""
    return bool(_UNIT_RE.fullmatch(between)) and not any(
        len(w) >= 2 and w in STOP_WORDS or _stops(f) for w, f in _tag(between)
    )


def numbered_units(text: str) -> list[tuple[int, int, str]]:
    """Units of state groups written by the group's short name and a number ("X八局", "X五局总承包公司",
    "X一局三公司"): the short name a word of its own that is no common word ("公安三局" is an office)."""
    out = []
    jieba.dt.check_initialized()  # its word frequencies
    for m in _NUMBERED_UNIT_RE.finditer(text):
        group = m.group("group")
        if jieba.dt.FREQ.get(group, 0) >= 300 or group[0] in "该本此这其各":
            continue
        if not stands_alone(text, m.start(), m.start() + 2):
            continue
        out.append((m.start(), m.end(), m.group()))
    return out


def trade_names(text: str) -> list[tuple[int, int, str]]:
    """Firms written by a trade name and the words of their trade, with no legal suffix ("某某储能",
    "某某半导体"): the trade name a word jieba does not know or knows as a rare proper noun, and
    the name a word of its own (nothing joined to it on either side)."""
    out = []
    for m in _TRADE_RE.finditer(text):
        if text[m.end() : m.end() + 1] not in _AFTER_NAME and m.end() < len(text):
            continue
        left = max(0, m.start() - 6)
        words = _tag(text[left : m.start()])
        if not words:
            continue
        brand, flag = words[-1]
        brand = without_function_char(brand, shortest=2)
        start = m.start() - len(brand)
        if not (2 <= len(brand) <= 4 and _is_brand(brand, flag)):
            continue
        if len(words) >= 2 and not _ends_before_brand(*words[-2]):
            continue
        out.append((start, m.end(), text[start : m.end()]))
    return out


def listed_firms(text: str, zone_spans=()) -> list[tuple[int, int, str]]:
    """Members of a list the text says are firms ("A、B、C等企业"): each a name of its own (not words
    describing a kind of business, not a zone); in a list of projects, only members written with the
    words of a trade ("某某电子")."""
    out = []
    for m in _LIST_RE.finditer(text):  # "A生物、B生物、C生物": a list of names of one trade
        members = m.group().split("、")
        if all(member.endswith(TRADE_WORDS) and not common_compound(member) for member in members):
            position = m.start()
            for member in members:
                start, position = position, position + len(member) + 1
                if member.startswith(TRADE_WORDS) or not _named_in_list(member, members):
                    continue
                out.append((start, start + len(member), member))
    for m in _FIRM_LIST_RE.finditer(text):
        spans, position = [], m.start(1)
        if _asserts(m.group("description")) or text.startswith(_FIELDS, m.end(1) + 1):
            continue  # "订单处理、分拣等环节都交给物流企业": a sentence; "A、B等领域企业": a list of fields
        written_members = re.split("[、及和]", m.group(1))
        for i, written in enumerate(written_members):
            end, position = position + len(written), position + len(written) + 1
            resolved = name_before(text, end, end, max_chars=10)
            member = resolved or ("" if i == 0 else written)  # the first runs into the sentence
            if i and resolved and len(written) - len(resolved) < 2:
                member = written  # a character jieba split off the name ("它" of "它X科技")
            elif resolved and resolved != written:  # the list starts here: what came before runs into
                spans = []  # the sentence ("培育和引进A、B等企业": 培育, then 引进 before A)
            if len(member) >= 2:
                spans.append((end - len(member), end, member))
        named = [member for _, _, member in spans]
        if len(named) >= 2 and (2 * sum(map(_looks_named, named)) < len(named) or any(map(_common_word, named))):
            continue  # ordinary words: a list of products or trades ("电机、线束、轴承、钢材等配套企业", "X、汽车等企业")
        for start, end, member in spans:
            if len(member) > 10 or not (name_words(member) or _opaque(member)) or member in STOP_WORDS:
                continue
            words = _tag(member)
            if not _named_in_list(member, named) or member in TRADE_WORDS or _is_place(member):
                continue  # ordinary words: a list of products or trades ("喷涂、冲压等企业", "物联网")
            if words[-1][1] in ("v", "vn") or _INSTITUTION_RE.search(member):
                continue  # an activity ("竹笋精深加工"), or a university beside the firms ("X大学等9家高校和企业")
            trade = member.endswith(TRADE_WORDS)
            if (m.group("kind") in ("项目", "单位") or len(written_members) == 1) and not trade:
                continue  # a list of projects or bodies, or "X等企业" alone: only firms written with trade words
            if any(zs < end and start < ze for zs, ze, _ in zone_spans):
                continue
            if member.endswith("公司") and name_before(text, end - 2, end) is None:
                continue  # a kind of company ("安装公司、装饰公司等专业公司"), as everywhere
            out.append((start, end, member))
    return out


def _looks_named(member: str) -> bool:
    """A list member with a proper noun jieba knows, an unknown word of three characters or more, a
    Latin name or the words of a trade: more like a firm's name than a product's; not a place
    ("中国、日本、新加坡等国家和地区的127家企业")."""
    if _is_place(member):
        return False
    return member.endswith((*TRADE_WORDS, "集团", "公司")) or any(
        _is_proper(w, f, strict=True) or len(w) >= 3 and _is_proper(w, f) for w, f in _tag(member)
    )


def _named_in_list(member: str, members: list[str]) -> bool:
    """A member with a proper noun; in a list of three or more firms of trades ("A生物、B生物、C电子"),
    also one whose own name is a word jieba knows ("培元生物"), if that word describes no business."""
    if any(_is_proper(w, f) for w, f in _tag(member)) or _opaque(member):
        return True
    stem = _TRADE_RE.sub("", member)
    return (
        len(members) >= 3 and all(m.endswith(TRADE_WORDS) and m not in TRADE_WORDS for m in members) and len(stem) >= 2
        and not any(w in GENERIC_WORDS for w, _ in _tag(stem))
    )


def _opaque(member: str) -> bool:
    """A coined name jieba can only cut into single characters ("它朗科技", "优锗科技"): no word of the
    dictionary, starting with a single character or holding two ("区块链" is 区块 and 链)."""
    stem = _TRADE_RE.sub("", member) if member.endswith(TRADE_WORDS) else member
    words = _tag(stem)
    return (
        len(stem) >= 2 and stem not in jieba.dt.FREQ and re.fullmatch(rf"{HAN}+", stem) is not None
        and (len(words[0][0]) == 1 or sum(len(w) == 1 for w, _ in words) >= 2)
        and not any(len(w) == 1 and f.startswith(("p", "c", "u")) for w, f in words)
    )


def _names_a_place(unit: str) -> bool:
    """A unit's words name where it is ("云南昭通供电局"), with no word of a sentence ("对传统支行")."""
    words = _tag(unit)
    return any(f == "ns" for _, f in words) and not any(f.startswith(("p", "d", "c", "u", "v")) for _, f in words)


def _asserts(description: str) -> bool:
    """Words between 等 and 企业 that make a clause, with an adverb or a preposition: "环节都交给物流";
    "相关", "知名芯片设计", "孵化器培育的" describe."""
    return any(f.startswith(("d", "p")) for _, f in _tag(description))


def _is_place(member: str) -> bool:
    """A country ("中国、日本、新加坡等国家和地区的企业"); a county's name may be a firm's too (长安)."""
    return member in FOREIGN_COUNTRIES or member == "中国"


def _common_word(member: str) -> bool:
    """One noun of the dictionary in common use ("汽车", "玻璃"); a firm's name may be a common verb or
    adjective (联想, 微软)."""
    words = _tag(member)
    return len(words) == 1 and words[0][1] == "n" and jieba.dt.FREQ.get(member, 0) >= 1000


def _is_brand(word: str, flag: str) -> bool:
    if not re.fullmatch(rf"{HAN}+", word) or word in GENERIC_WORDS or word in STOP_WORDS:
        return False
    frequency = jieba.dt.FREQ.get(word)
    if frequency is None:
        return flag.startswith(("n", "j")) and flag != "ns" or flag == "ns" and not _DIVISION_END_RE.search(word)
    return flag in ("nz", "nt", "nrt") and frequency < 300 and not common_compound(word)


def _ends_before_brand(word: str, flag: str) -> bool:
    """The word before a trade name: punctuation, a function word, a verb — not more of a name."""
    return not re.search(HAN, word) or word in STOP_WORDS or flag.startswith(("p", "c", "u", "v", "r", "d", "m", "q", "f"))


class EnterpriseIndex:
    """The dictionary (staff's and the loaded fixture's firms, with keys) and the lexicon grown from
    the corpus (firms without a record yet), as one automaton built once for many articles."""

    def __init__(self, known=(), lexicon=()):
        self.by_surface: dict[str, KnownEnterprise] = {}
        for entry in (*known, *lexicon):  # the dictionary wins over the lexicon
            for surface in (entry.name, *entry.aliases):
                if len(surface) >= 2:
                    self.by_surface.setdefault(surface, entry)
        self.automaton = ahocorasick.Automaton()
        for surface in self.by_surface:
            self.automaton.add_word(surface, surface)
        if self.by_surface:
            self.automaton.make_automaton()

    def names(self) -> frozenset[str]:
        return frozenset(self.by_surface)

    def found_in(self, text: str) -> dict[str, KnownEnterprise]:
        """Surfaces written in ``text`` as words: "京东" not inside "京东方"."""
        if not self.by_surface:
            return {}
        found = {}
        for end, surface in self.automaton.iter_long(text):
            start = end - len(surface) + 1
            if "·" in (text[start - 1 : start], text[end + 1 : end + 2]):
                continue  # part of a transliterated person's name ("索海尔·汗")
            if surface not in found and stands_alone(text, start, end + 1):
                found[surface] = self.by_surface[surface]
        return found


def stands_alone(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a word of its sentence, not part of a longer one? Long names are;
    a short one is when jieba cuts the words around it at its edges."""
    if end - start >= 4:
        return True
    left = max(0, start - 4)
    window = text[left : end + 4]
    edges, position = set(), left
    for word, _ in _tag(window):
        edges.add(position)
        position += len(word)
    edges.add(position)
    return start in edges and end in edges


def extract_enterprises(
    text: str,
    *,
    known: EnterpriseIndex | list[KnownEnterprise] = (),
    zone_spans: list[tuple[int, int, object]] = (),
) -> list[EnterpriseHit]:
    """Enterprises in ``text``; ``zone_spans`` are (start, end, zone key) of its zone mentions;
    ``known``: the dictionary (an ``EnterpriseIndex``, or a list of entries)."""
    index = known if isinstance(known, EnterpriseIndex) else EnterpriseIndex(known)
    hits: dict[str, EnterpriseHit] = {}
    surfaces: dict[str, EnterpriseHit] = {}
    known_by_surface = index.by_surface

    def hit_for(name: str, key=None) -> EnterpriseHit:
        entry = known_by_surface.get(name)
        short = re.fullmatch(r"(.{2,8}?)(?:集团|公司)", name)
        if entry is None and short:  # "美团公司" when the dictionary knows "美团"
            entry = known_by_surface.get(short.group(1))
        canonical = entry.name if entry else name
        hit = hits.get(canonical)
        if hit is None:
            hit = hits[canonical] = EnterpriseHit(name=canonical, key=entry.key if entry else key)
        return hit

    units = numbered_units(text)
    full_names_found = [  # "X二局西南公司" is one unit, not 西南公司
        (start, end, name) for start, end, name in full_names(text, list(zone_spans))
        if not any(s <= start and end <= e for s, e, _ in units)
    ]
    for _start, end, name in full_names_found:
        hit = hit_for(name)
        surfaces[name] = hit
        intro = SHORT_NAME_INTRO_RE.match(text, end)
        if intro:
            alias = intro.group("alias").strip()
            if alias != name:
                hit.aliases.add(alias)
                surfaces.setdefault(alias, hit)
    for hit in list(hits.values()):
        _short_forms(hit, hits, surfaces)
    written = [(s, e) for s, e, _ in full_names_found]
    for start, end, name in [*trade_names(text), *listed_firms(text, zone_spans), *units]:
        if name not in surfaces and not any(s <= start < e for s, e in written):
            surfaces[name] = hit_for(name)
    for surface, entry in index.found_in(text).items():
        if surface not in surfaces:
            surfaces[surface] = hit_for(entry.name)
            for suffix in re.findall(re.escape(surface) + "(集团|公司)", text):  # "X集团" for the known X
                surfaces.setdefault(surface + suffix, surfaces[surface])
            for unit in re.findall(re.escape(surface) + _BRANCH, text):  # "X贵州Y供电局": a unit of its own
                if _names_a_place(unit):
                    surfaces.setdefault(surface + unit, hit_for(surface + unit))
    if not surfaces:
        return []
    automaton = ahocorasick.Automaton()
    for surface in surfaces:
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    for end, surface in automaton.iter_long(text):
        start = end - len(surface) + 1
        hit = surfaces[surface]
        if not hit.surfaces:
            hit.first_position = start
            hit.snippet = snippet(text, start, end + 1)
        hit.surfaces[surface] += 1
        for zone in _zone_of(text, start, end + 1, zone_spans):
            hit.zones.add(zone)
    return sorted((h for h in hits.values() if h.surfaces), key=lambda h: h.first_position)


def _short_forms(hit: EnterpriseHit, hits: dict[str, EnterpriseHit], surfaces: dict[str, EnterpriseHit]) -> None:
    """"恒岳集团" is also written "恒岳"; "达岚公司" is "达岚（重庆）电子有限公司" written short."""
    m = re.fullmatch(rf"(?P<stem>{HAN}{{2,4}}|[A-Za-z]{{2,10}})(?:集团|公司)", hit.name)
    if not m:
        return
    stem = m.group("stem")
    for other in list(hits.values()):
        if other is not hit and other.name.startswith(stem) and len(other.name) > len(hit.name):
            hits.pop(hit.name, None)  # the short "X公司" is the longer name's short form
            other.aliases.add(hit.name)
            surfaces[hit.name] = other
            return
    if hit.name.endswith("集团"):
        surfaces.setdefault(stem, hit)


def _zone_of(text: str, start: int, end: int, zone_spans) -> list:
    """Zones the text puts the enterprise in: 位于X的Y / 落户X的Y / Y落户X / Y入驻X."""
    found = []
    for zs, ze, key in zone_spans:
        if ze <= start and start - ze <= 2 and _LOCATED_BEFORE_RE.search(text[max(0, zs - 4) : zs]):
            if text[ze:start] in ("", "的"):
                found.append(key)
        elif zs >= end and zs - end <= 8 and _LOCATED_AFTER_RE.match(text[end:zs]):
            found.append(key)
    return found
