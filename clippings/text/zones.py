"""Linking an article's text to development zones (no Django).

* Every name and alias of the gazetteer goes into one Aho-Corasick automaton (pyahocorasick);
  the text is scanned leftmost-longest, so "西部科学城重庆高新区" wins over "重庆高新区" inside it.
* A name the article introduces as a short form ("…（以下简称“湖心高新区”）") is an alias
  for the rest of that article.
* A bare generic word (高新区, 经开区, 新区, 科学城, 生态城, 综保区, 自贸区, 片区) means the zone of
  that kind the article named last — never some zone elsewhere. Written right after a city
  ("宜昌市高新区") it means the zone of that kind in that city, when there is exactly one.
* A mention inside a document title (《…》) is no evidence on its own: a zone named only that way
  is not linked. An office's name ("宜昌高新区党工委书记", "…管委会") does name the zone: readers
  see the zone there, and the office speaks for it.
* Named places that look like zones but are not in the gazetteer (…科学城, …生态城, …产业园,
  …软件园, …科创园, …综合保税区, …片区) are returned as discoveries for staff to confirm.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property

import ahocorasick

from .chars import HAN
from .patterns import SHORT_NAME_INTRO_RE
from .places import FOREIGN_COUNTRIES, division_names, short_city
from .propernames import GENERIC_WORDS, _tag, name_before

# generic words and the zone kinds they can stand for
GENERIC_KINDS = {
    "高新区": ("hitech",),
    "经开区": ("etdz",),
    "开发区": ("etdz", "hitech"),
    "新区": ("new_area",),
    "科学城": ("science_city",),
    "生态城": ("eco_city",),
    "综保区": ("bonded",),
    "综合保税区": ("bonded",),
    "自贸区": ("ftz", "ftz_area"),
    "自贸试验区": ("ftz", "ftz_area"),
    "自贸港": ("ftz",),
    "片区": ("ftz_area",),
}
# suffixes of named places found by pattern, and the kind a discovery gets
DISCOVERY_SUFFIXES = {
    "综合保税区": "bonded",
    "保税港区": "bonded",
    "经济特区": "other",
    "港口城": "other",
    "科学城": "science_city",
    "生态城": "eco_city",
    "产业园区": "park",
    "产业园": "park",
    "软件园": "park",
    "科创园": "park",
    "科学园": "park",
    "片区": "ftz_area",
    # zones of the provinces and cities, which no national list has ("某某经济开发区", "某某高新区")
    "经济技术开发区": "etdz",
    "经济开发区": "etdz",
    "经开区": "etdz",
    "高新技术产业开发区": "hitech",
    "高新区": "hitech",
    "开发区": "other",
    "新区": "new_area",
    "工业园区": "park",
    "工业园": "park",
    "工业区": "park",
    "科技园": "park",
    "科技城": "science_city",
    "航天城": "science_city",
    "示范园": "park",
    "合作区": "park",
}
_DISCOVERY_RE = re.compile("(?:" + "|".join(sorted(DISCOVERY_SUFFIXES, key=len, reverse=True)) + ")")
_SUFFIX_AT_END_RE = re.compile("(?:" + "|".join(sorted(DISCOVERY_SUFFIXES, key=len, reverse=True)) + ")$")
_CITY_SUFFIX = "(?:市|区|县)?"


@dataclass(frozen=True)
class ZoneEntry:
    key: object  # whatever the caller uses to identify the zone (a database id)
    name: str
    kind: str
    city: str = ""
    province: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class ZoneLink:
    key: object  # ZoneEntry.key, or None for a discovery
    name: str
    kind: str
    surfaces: Counter = field(default_factory=Counter)
    first_position: int = 0
    snippet: str = ""
    evidence: int = 0  # mentions that report on the zone (not only document titles)

    @property
    def count(self) -> int:
        return sum(self.surfaces.values())


@dataclass
class Mention:
    start: int
    end: int
    surface: str  # for a discovery: the place's name (variants merged)
    entry: ZoneEntry | None
    discovered_kind: str = ""
    surface_printed: str = ""  # for a discovery: the words as printed

    @property
    def name(self) -> str:
        return self.entry.name if self.entry else self.surface


class ZoneIndex:
    """The gazetteer as an automaton, built once and used for many articles."""

    def __init__(self, entries: list[ZoneEntry], organisations: frozenset[str] = frozenset()):
        """``organisations``: names of companies and bodies ("中国移动"), which are not places, so
        "中国移动科学城数据中心" names no science city."""
        self.organisations = organisations
        self.entries = list(entries)
        self.by_key = {e.key: e for e in self.entries}
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, list[ZoneEntry]] = {}
        for entry in self.entries:
            for surface in {entry.name, *entry.aliases}:
                if len(surface) >= 2:
                    owners.setdefault(surface, []).append(entry)
                    city = entry.city
                    short = short_city(city) if city else ""
                    if short and surface.startswith(short) and city != short and not surface.startswith(city):
                        owners.setdefault(city + surface[len(short):], []).append(entry)  # 宜昌市高新区
        for generic in GENERIC_KINDS:
            owners.setdefault(generic, [])
        for surface, entries_ in owners.items():
            self.automaton.add_word(surface, (surface, tuple(entries_)))
        self.automaton.make_automaton()
        self.by_city_kind: dict[tuple[str, str], list[ZoneEntry]] = {}
        for entry in self.entries:
            if entry.city:
                for place in {short_city(entry.city), entry.city}:
                    self.by_city_kind.setdefault((place, entry.kind), []).append(entry)

    @cached_property
    def city_names(self) -> re.Pattern:
        places = sorted({p for p, _ in self.by_city_kind if len(p) >= 2}, key=len, reverse=True)
        return re.compile("(?:" + "|".join(map(re.escape, places)) + f"){_CITY_SUFFIX}$") if places else re.compile("$^")

    # ------------------------------------------------------------ matching
    def scan(self, text: str, local: dict[str, ZoneEntry] | None = None) -> list[tuple[int, int, str, tuple]]:
        """Leftmost-longest matches of gazetteer names (and the article's own short forms)."""
        found = []
        for end, (surface, entries) in self.automaton.iter_long(text):
            found.append((end - len(surface) + 1, end + 1, surface, entries))
        if local:
            extra = ahocorasick.Automaton()
            for surface, entry in local.items():
                extra.add_word(surface, (surface, (entry,)))
            extra.make_automaton()
            for end, (surface, entries) in extra.iter_long(text):
                found.append((end - len(surface) + 1, end + 1, surface, entries))
            found = _leftmost_longest(found)
        return found

    def link(self, text: str) -> list[ZoneLink]:
        mentions = self.mentions(text)
        links: dict[object, ZoneLink] = {}
        for m in mentions:
            key = m.entry.key if m.entry else ("discovered", m.surface)
            link = links.get(key)
            if link is None:
                link = links[key] = ZoneLink(
                    key=m.entry.key if m.entry else None,
                    name=m.name,
                    kind=m.entry.kind if m.entry else m.discovered_kind,
                    first_position=m.start,
                    snippet=snippet(text, m.start, m.end),
                )
            link.surfaces[m.surface_printed or m.surface] += 1
            if not _is_in_title(text, m.start, m.end):
                link.evidence += 1
        return [link for link in links.values() if link.evidence > 0]

    def mentions(self, text: str) -> list[Mention]:
        local = self._introduced_aliases(text)
        out: list[Mention] = []
        matches = self.scan(text, local)
        covered = [(s, e) for s, e, _, entries in matches if entries]
        generic = []
        for start, end, surface, entries in matches:
            if not entries:
                generic.append((start, end, surface))
                continue
            entry = self._disambiguate(text, start, entries)
            if entry is not None:
                out.append(Mention(start, end, surface, entry))
        named = list(out)
        for found in self._discover(text, covered):
            # a short form of a zone the article names in full ("智慧生态城" after "云溪智慧生态城")
            full = next((m for m in named if m.surface.endswith(found.surface)), None)
            printed = found.surface_printed or found.surface
            out.append(Mention(found.start, found.end, printed, full.entry) if full else found)
        out += self._coordinated(text, out)
        out.sort(key=lambda m: m.start)
        # a generic word means a zone named before it — a place discovered in the text too, as it
        # will be once that place is a record of the archive
        for start, end, word in generic:
            if any(m.start <= start and end <= m.end for m in out):
                continue  # the end of a discovered place's own name
            earlier = [m for m in out if m.start < start]
            target = self._resolve_generic(text, start, word, earlier)
            if isinstance(target, Mention):
                out.append(Mention(start, end, target.surface, None, target.discovered_kind, word))
            elif target is not None:
                out.append(Mention(start, end, word, target))
            out.sort(key=lambda m: m.start)
        return out

    def _coordinated(self, text: str, found: list[Mention]) -> list[Mention]:
        """"喀什、霍尔果斯经济开发区": the type word written once names a zone of each place listed."""
        out = []
        for mention in found:
            suffix = _SUFFIX_AT_END_RE.search(text, mention.start, mention.end)
            position = mention.start
            while suffix and text[position - 1 : position] == "、":
                words = _tag(text[max(0, position - 7) : position - 1])
                place = words[-1][0] if words and words[-1][1] == "ns" and len(words[-1][0]) >= 2 else ""
                if place.endswith(("区", "县", "市", "省", "州", "镇")):
                    break  # a district listed beside a zone ("金水区、郑州经开区"), not a short name
                start = position - 1 - len(place)
                if not place or start > 0 and re.match(HAN, text[start - 1]) and text[start - 1] != "、":
                    break
                name = place + suffix.group()
                entries = self.automaton.get(name, (name, ()))[1]
                printed = text[start : mention.end]
                if len(entries) == 1:
                    out.append(Mention(start, position - 1, name, entries[0], surface_printed=printed))
                else:
                    out.append(Mention(start, position - 1, name, None, DISCOVERY_SUFFIXES[suffix.group()], printed))
                position = start
        return out

    def _disambiguate(self, text: str, start: int, entries: tuple) -> ZoneEntry | None:
        if len(entries) == 1:
            return entries[0]
        before = text[max(0, start - 8) : start]
        for entry in entries:  # a staff alias two zones share: the one whose city is named just before
            if entry.city and (short_city(entry.city) in before or entry.city in before):
                return entry
        return None

    def _resolve_generic(
        self, text: str, start: int, word: str, earlier: list[Mention]
    ) -> ZoneEntry | Mention | None:
        """The zone a generic word stands for: a gazetteer entry, or the discovered place's mention."""
        kinds = GENERIC_KINDS[word]
        m = self.city_names.search(text[max(0, start - 10) : start])
        if m:
            place = re.sub(f"{_CITY_SUFFIX}$", "", m.group())
            for candidate in (place, place + "市"):
                options = [e for kind in kinds for e in self.by_city_kind.get((candidate, kind), [])]
                if len(options) == 1:
                    return options[0]
        if _common_noun_use(text, start):
            return None
        for mention in reversed(earlier):
            entry = mention.entry
            if entry is not None and (entry.kind in kinds or word in mention.surface):
                return entry
            if entry is None and (mention.discovered_kind in kinds or mention.surface.endswith(word)):
                return mention
        return None

    def _introduced_aliases(self, text: str) -> dict[str, ZoneEntry]:
        """"X（以下简称“Y”）" where X is a zone: Y names X in the rest of the article."""
        local: dict[str, ZoneEntry] = {}
        for intro in SHORT_NAME_INTRO_RE.finditer(text):
            before = self.scan(text[max(0, intro.start() - 40) : intro.start()])
            if before and before[-1][1] == min(40, intro.start()) and before[-1][3]:
                entries = before[-1][3]
                if len(entries) == 1:
                    local[intro.group("alias").strip()] = entries[0]
        return local

    def _discover(self, text: str, covered: list[tuple[int, int]]) -> list[Mention]:
        out = []
        for m in _DISCOVERY_RE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in covered) or text[m.end() : m.end() + 1] == "市":
                continue  # "港口城市": a city, not a 港口城
            name = name_before(text, m.start(), m.end())
            inside = DISCOVERY_SUFFIXES[m.group()] == "park"  # a park named inside a zone: "X科学城Y产业园"
            if name is None and inside:  # "X自贸片区跨境电商产业园": the zone's name, then words of a trade
                ends = [e for _, e in covered if e <= m.start() and _describes(text[e : m.start()])]
                zone_end = max(ends, default=None)
                zone_start = next((s for s, e in covered if e == zone_end), None)
                name = text[zone_start : m.end()] if zone_start is not None else None
            if name is None or _NUMERAL_START_RE.match(name) and _tag(name)[0][1].startswith(("m", "q")):
                continue
            if any(name.startswith(org) for org in self.organisations):
                continue
            place = name[: -len(m.group())]
            if place in FOREIGN_COUNTRIES or m.group() == "经济特区" and _tag(place)[-1][0] in division_names():
                continue  # a country's zones of that kind ("老挝经济特区"); a Chinese 经济特区 is its city
            if m.group() == "新区" and any(name.endswith(d) for d in _new_area_districts()):
                continue  # a district called 新区 ("清远市清新区"); the state-level 新区 are in the gazetteer
            if m.group() == "片区" and not _names_a_zone_area(text, name):
                continue
            start = m.end() - len(name)
            if any(s < m.end() and start < e and not (inside and s >= start) for s, e in covered):
                continue
            out.append(Mention(start, m.end(), name, None, DISCOVERY_SUFFIXES[m.group()]))
        return _merge_variants(out)


# words before a generic word that make it a common noun: "全国高新区", "各类开发区"
_CLASS_WORDS = frozenset("全国 全省 全市 各 各类 各地 各级 所有 全部 一批 多个 国家级 省级 市级 传统 新型 一般 其他 其它 这类 此类 同类".split())


def _common_noun_use(text: str, start: int) -> bool:
    """Is the generic word at ``start`` a common noun — the kind, not the zone the article named?
    It is after a modifier: a quantity, an adjective, a class word, or words that describe a kind
    ("从传统开发区向低碳智能开发区转型", "全国高新区", "各类开发区"); a demonstrative (该, 这个)
    keeps it an anaphor."""
    words = _tag(text[max(0, start - 6) : start])
    if not words:
        return False
    word, flag = words[-1]
    return (
        word in _CLASS_WORDS
        or word in GENERIC_WORDS
        or flag.startswith(("a", "b", "m", "q", "k"))
        or word.endswith(("型", "式", "化", "级", "类"))
    )


def _describes(words: str) -> bool:
    """A few words that only say what a park is for ("跨境电商", "数字经济")."""
    return 0 < len(words) <= 8 and all(w in GENERIC_WORDS for w, _ in _tag(words))


_FREE_TRADE_RE = re.compile("自贸|自由贸易")
_ZONE_WORDS_RE = re.compile("|".join(k for k in GENERIC_KINDS if k != "片区"))


def _names_a_zone_area(text: str, name: str) -> bool:
    """A 片区 is part of a zone: of a free-trade zone the article writes about, or of the zone its
    own name gives ("X科学城Y片区"); otherwise it is a quarter of a town or a scenic spot."""
    return bool(_FREE_TRADE_RE.search(text) or _ZONE_WORDS_RE.search(name[: -len("片区")]))


@cache
def _new_area_districts() -> tuple[str, ...]:
    """Districts whose name ends in 新区 (清新区, 浦东新区): a 新区 written so is the district."""
    return tuple(d for d in division_names() if d.endswith("新区"))


_NUMERAL_START_RE = re.compile(r"^[一二三四五六七八九十百千万两几多各数首\d]")


def _merge_variants(found: list[Mention]) -> list[Mention]:
    """One discovered place under two spellings in an article is one place: where one name ends
    another ("成为云溪智慧生态城" / "云溪智慧生态城" / "智慧生态城"), the name written more
    often wins (the shorter on a tie), since a stray word before a name and a short form after
    it both end the same way."""
    counts = Counter(m.surface for m in found)
    names = sorted(counts, key=len)
    target = {}
    for name in names:
        related = [other for other in names if other != name and (other.endswith(name) or name.endswith(other))]
        if related:
            best = max([name, *related], key=lambda n: (counts[n], -len(n)))
            target[name] = best
    def resolve(name: str) -> str:
        seen = set()
        while name in target and target[name] != name and name not in seen:
            seen.add(name)
            name = target[name]
        return name

    for mention in found:
        mention.surface_printed = mention.surface
        mention.surface = resolve(mention.surface)
    return found


def _leftmost_longest(found: list[tuple[int, int, str, tuple]]) -> list[tuple[int, int, str, tuple]]:
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out, last_end = [], -1
    for item in found:
        if item[0] >= last_end:
            out.append(item)
            last_end = item[1]
    return out


def _is_in_title(text: str, start: int, end: int) -> bool:
    """A mention inside 《…》."""
    opened = text.rfind("《", 0, start)
    return opened != -1 and text.rfind("》", 0, start) < opened and text.find("》", end) != -1


def snippet(text: str, start: int, end: int, width: int = 24) -> str:
    """A few words either side of a mention, for lists of mentions."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].replace("\n", " ") + ("…" if right < len(text) else "")
