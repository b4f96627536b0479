"""A synthetic archive for benchmarks: OCR-like newspaper pages written from a seeded generator.

Plain Python. Words are drawn from jieba's dictionary by their corpus frequency (so character
and word statistics look like Chinese prose: a few very common words, a long tail), with zone
and enterprise names from the project's gazetteer, figures such as 7.6% and 2000亿元, and the
page layout our sample pages use (headline, byline, hard-wrapped body lines). The same seed
always gives the same pages.
"""
from __future__ import annotations

import itertools
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁鑫晨阳文博岚悦琳"
NEWSPAPERS = ["开发区导报", "园区经济报", "产业观察报", "高新时报", "新区日报", "湾区商报", "西部开发报", "东北振兴报"]
UNITS = ["亿元", "万元", "万平方米", "个", "家", "项", "%", "万吨", "万人"]


@dataclass
class Page:
    name: str
    text: str
    newspaper: str
    date: str
    page: str
    articles: int


class Vocabulary:
    def __init__(self, rng: random.Random, size: int = 60000):
        path = Path(jieba.__file__).with_name("dict.txt")
        rows = []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word, freq, tag = line.split()
                if tag not in ("x", "eng") and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                    rows.append((int(freq), word))
        rows.sort(reverse=True)
        rows = rows[:size]
        self.words = [w for _, w in rows]
        self.cumulative = list(itertools.accumulate(f for f, _ in rows))
        self.rng = rng

    def sample(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)


def _names(fixtures: Path) -> tuple[list[str], list[str]]:
    zones = json.loads((fixtures / "zones.json").read_text(encoding="utf-8"))
    enterprises = json.loads((fixtures / "enterprises.json").read_text(encoding="utf-8"))
    zone_names = [z["name"] for z in zones] + [a for z in zones for a in z.get("aliases", [])[:2]]
    return zone_names, [e["name"] for e in enterprises]


class CorpusGenerator:
    def __init__(self, fixtures: Path, seed: int = 2024, article_chars: int = 900):
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(self.rng)
        self.zones, self.enterprises = _names(fixtures)
        self.article_chars = article_chars

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))

    def figure(self) -> str:
        rng = self.rng
        unit = rng.choice(UNITS)
        if unit == "%":
            return f"{rng.randint(1, 30)}.{rng.randint(0, 9)}%"
        return f"{rng.choice((rng.randint(2, 99), rng.randint(100, 5000)))}{unit}"

    def sentence(self, zone: str, enterprise: str) -> str:
        rng = self.rng
        words = self.vocab.sample(rng.randint(6, 18))
        roll = rng.random()
        if roll < 0.25:
            words.insert(rng.randrange(len(words)), zone)
        elif roll < 0.40:
            words.insert(rng.randrange(len(words)), enterprise)
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), self.figure())
        if len(words) > 8 and rng.random() < 0.6:
            words.insert(rng.randrange(3, len(words) - 2), "，")
        return "".join(words) + "。"

    def article(self) -> tuple[str, str, str]:
        rng = self.rng
        zone = rng.choice(self.zones)
        enterprise = rng.choice(self.enterprises)
        title = zone[:8] + "".join(self.vocab.sample(rng.randint(2, 4)))[:14]
        body: list[str] = []
        size = 0
        target = int(self.article_chars * rng.uniform(0.5, 1.5))
        while size < target:
            paragraph = "".join(self.sentence(zone, enterprise) for _ in range(rng.randint(2, 5)))
            body.append(paragraph)
            size += len(paragraph)
        return title, self.person(), "\n".join(body)

    def page(self, number: int) -> Page:
        rng = self.rng
        newspaper = rng.choice(NEWSPAPERS)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines: list[str] = []
        count = rng.randint(2, 4)
        for _ in range(count):
            title, reporter, body = self.article()
            lines += [title, "", f"□ 本报记者 {reporter}", ""]
            width = rng.choice((13, 14, 15, 16))
            for paragraph in body.split("\n"):
                paragraph = "　　" + paragraph
                lines += [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
                lines.append("")
            lines.append("")
        return Page(f"bench_{number:06d}.txt", "\n".join(lines), newspaper, date, f"{rng.randint(1, 12):02d}", count)

    def pages(self) -> Iterator[Page]:
        for number in itertools.count(1):
            yield self.page(number)


def write_corpus(folder: Path, fixtures: Path, articles: int, seed: int = 2024) -> tuple[int, int]:
    """Write pages holding about ``articles`` articles and their manifest; returns (pages, articles)."""
    folder.mkdir(parents=True, exist_ok=True)
    generator = CorpusGenerator(fixtures, seed)
    written_pages = written_articles = 0
    rows = ["file,newspaper,date,page"]
    for page in generator.pages():
        if written_articles >= articles:
            break
        (folder / page.name).write_text(page.text, encoding="utf-8")
        rows.append(f"{page.name},{page.newspaper},{page.date},{page.page}")
        written_pages += 1
        written_articles += page.articles
    (folder / "manifest.csv").write_text("\n".join(rows) + os.linesep, encoding="utf-8")
    return written_pages, written_articles
