"""Cleaned page (typed blocks) -> articles (no Django).

Every block of the cleaned page is assigned to exactly one place: a field of one article
(kicker, title, subtitle, byline, body paragraph or subhead, caption) or the page furniture.
``SegmentedPage.assignments`` records where each block went, so tests can prove that nothing
was lost or used twice.

How a page is read:

* A headline (or a stack of kicker / title / subtitle lines) starts a new article when the
  page has no article yet, when it is a level-1 markdown heading, or when the article so far
  has no text. On a page without marks, a stack met after text is weighed by the story model
  (``storymodel``: the line model's reading, the stack's shape, what follows it, the words it
  shares with the text before and after); without the model file, by the hand-set rules (a
  byline after it, a dash on a kicker or subtitle, a column tag, a change of story).
  Otherwise it is a subhead of the current article. The story model's third call is a new
  story whose first paragraph OCR read before its headline (two columns out of order): the
  paragraph right above the stack then goes with it. Which lines of an unmarked stack are
  kicker, title and subtitle is the stack model's call (``stackmodel``), made once the article's
  text is in (a title broken inside a phrase its text repeats is one title).
* A dateline (``本报讯（记者 X）``) or a leading byline (``▶ X``) after finished text starts a
  new article even without a headline; a byline just before a headline, or a line of names
  after the text, closes the current article (trailing byline).
* A subhead that follows a trailing byline is kept in that article, unless a second byline
  turns up later: then the article really ended at that byline and the subhead was the
  headline of the next one.
* A page that opens with untitled, unsigned text followed by a headline that the text is
  about (OCR read the first column before the headline) gets that headline; so does such text
  after an article its byline closed.
* A photo with a long story caption (``……图为……。 X摄``) is a photo-news item of its own.
* Captions go with the article they are printed in; captions and stray lines at the end of
  the page go to the article whose words they share most.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import chars, stackmodel, storymodel
from .cohesion import content_words, word_cohesion, words_of_paragraphs
from .layout import PEEL_HEADLINE, Block, CleanPage, clean_page
from .linemodel import bucket
from .normalize import join_lines
from .patterns import (
    BRACKETED_TAG_RE, BULLET, COLUMN_TAG_RE, COMPANION_LABEL_RE, COMPILATION_TITLE_RE, DATED_NOTE_RE,
    CONTINUED_RE, EDITOR_SIGNOFF_RE, FOLLOW_ON_RE, LEAD_RE, SECTION_LABEL_RE, signs_the_text,
)
from .wordflow import left_open, runs_on

# share of a headline's character pairs that must occur in untitled text for the headline
# to be taken as that text's misplaced title
TITLE_SUPPORT = 0.6
# …or shorter than this (characters), whatever its words: a page or a story closed by its byline
# does not go on with a few untitled lines of a story of their own (on simulated pages, 71 of 75
# such texts were the first lines of the story under the headline that follows)
SHORT_LEAD = 300
# Below this lexical cohesion (cohesion.py) between an article so far and the text after an
# unmarked headline, the headline starts another story; measured with ``evaluate_split``.
NEW_STORY_COHESION = 0.08
# the same for a line the line model calls a headline: its vote lowers the bar
HEADLINE_COHESION = 0.15
# and for one it is sure of ("H!"): only text that plainly goes on with the story keeps it a subhead
SURE_HEADLINE_COHESION = 0.35
# and for a line it calls a subhead: only a clear change of story overrules it
SUBHEAD_COHESION = 0.04
# share of a headline's content words the article so far already used, above which it is that
# article's subhead or a caption (2 new stories to 71 subheads on simulated training pages)
ECHOED = 0.9
# the longest text (characters) under a brief's headline in a box of briefs: a longer one is the
# next story's, after the box
BRIEF_LEN = 800
# how much text on either side of a headline the cohesion compares: whole paragraphs, nearest first,
# until they hold this many characters
COHESION_BEFORE, COHESION_AFTER = 1500, 400
# the story model's buckets for the length of the text after a stack (the last: "that much or more")
AFTER_LEN_EDGES = (60, 200, 600, 1500)
# too little text on either side says nothing about a change of story: the headline stays a subhead
MIN_COHESION_TEXT = 120
# a heading line the line model gives less than this P(headline) is not the top of a stack it is
# sure of below (measured with evaluate_split: 0.1 and 0.3 alike)
STRAY_HEAD = 0.1
_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十\d]{1,3}[部章节篇])")
# a paragraph opening with a bullet: a point of a summary box
_BULLET_POINT_RE = re.compile(rf"^[ \u3000]*{BULLET}")
_NUMBERING_RE = re.compile(r"^[（(][一二三四五六七八九十上中下\d]+[)）]$")


@dataclass
class Caption:
    text: str
    credit: str = ""
    credit_raw: str = ""
    block: int = -1


@dataclass
class ArticleDraft:
    kind: str = "article"  # article | photo
    parts: list[tuple[str, Block]] = field(default_factory=list)  # (role, block) in page order
    closed: bool = False  # a trailing byline ended it
    boxed: bool = False  # a box of its own (记者手记, 相关链接) went on after its closing line
    ended: bool = False  # an end mark ("（完）") ended it: whatever follows is another article
    split_at: int | None = None  # index in parts of a subhead that followed the trailing byline
    position: int = 0
    stack: list[Block] = field(default_factory=list)  # its headline stack, read by the stack model once the text is in

    # -- what it holds so far
    def roles(self, *names: str) -> list[Block]:
        return [block for role, block in self.parts if role in names]

    @property
    def has_text(self) -> bool:
        return any(role in ("para", "photo", "label") for role, _ in self.parts)

    @property
    def has_title(self) -> bool:
        return bool(self.roles("title"))

    @property
    def has_byline(self) -> bool:
        return bool(self.roles("byline"))

    def add(self, role: str, block: Block) -> None:
        self.parts.append((role, block))

    # -- fields
    @property
    def title(self) -> str:
        text = ""
        for block in self.roles("title"):  # a headline broken over lines is one title
            text = join_lines(text, block.text) if text else block.text
        return text

    @property
    def kicker(self) -> str:
        return " ".join(b.text for b in self.roles("kicker"))

    @property
    def subtitle(self) -> str:
        return " ".join(b.text for b in self.roles("subtitle"))

    @property
    def byline(self) -> str:
        return " ".join(b.text for b in self.roles("byline") if not signs_the_text(b.byline))

    @property
    def authors(self) -> list[str]:
        names: list[str] = []
        for block in self.roles("byline"):
            names.extend(n for n in block.byline.authors if n not in names)
        return names

    @property
    def labels(self) -> list[str]:
        """Section labels printed in the article (核心阅读, 编者按 …), not part of its text."""
        return [block.text for block in self.roles("label")]

    def _text_parts(self) -> list[tuple[str, str]]:
        """(role, text) of each paragraph of the text in order: paragraphs, subheads, pictures'
        words, a signature. A paragraph a column broke off before the headline (``Block.broken``)
        is one with the paragraph that goes on after it."""
        out: list[tuple[str, str]] = []
        joins = False
        for role, block in self.parts:
            if role in ("para", "subhead") or role == "byline" and signs_the_text(block.byline):
                if joins and role == "para":
                    out[-1] = ("para", join_lines(out[-1][1], block.text))
                else:
                    out.append((role, block.text))
                joins = role == "para" and block.broken
            elif role == "photo":
                out.append((role, block.caption_text))
                joins = False
        return out

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, text in self._text_parts()]

    @property
    def subheads(self) -> list[int]:
        """Indexes (into ``paragraphs``) of the paragraphs that are subheads."""
        return [n for n, (role, _) in enumerate(self._text_parts()) if role == "subhead"]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def captions(self) -> list[Caption]:
        out = []
        for role, block in self.parts:
            if role == "caption":
                credit = block.credit
                words = block.caption_text if credit else block.text
                out.append(Caption(words, credit.name if credit else "", credit.raw if credit else "", block.id))
            elif role == "photo":
                out.append(Caption("", block.credit.name, block.credit.raw, block.id))
        return out

    @property
    def display_title(self) -> str:
        """The title, or for an untitled item the opening words of its text."""
        if self.title:
            return self.title
        text = self.body or " ".join(c.text for c in self.captions)
        first = re.split(r"(?<=[。！？])", text, maxsplit=1)[0]
        return first[:30] + ("…" if len(first) > 30 else "")


@dataclass
class SegmentedPage:
    page: CleanPage
    articles: list[ArticleDraft]
    furniture: list[Block]

    @property
    def assignments(self) -> dict[int, str]:
        """block id -> where it went ("article 2 title", "furniture", …)."""
        where: dict[int, str] = {}
        for block in self.furniture:
            where[block.id] = "furniture"
        for article in self.articles:
            for role, block in article.parts:
                where[block.id] = f"article {article.position} {role}"
        return where


def _bigrams(text: str) -> Counter:
    han = "".join(chars.HAN_RE.findall(text))
    return Counter(han[i : i + 2] for i in range(len(han) - 1))


# training: (evidence, stack, article so far) -> the answer's call, a ``storymodel`` label (None: no answer known)
Oracle = Callable[[dict[str, float], list[Block], "ArticleDraft"], str | None]


class _Segmenter:
    def __init__(self, page: CleanPage, oracle: Oracle | None = None):
        self.page = page
        self.oracle = oracle
        # the story model weighs unmarked headlines (marked pages are read by their marks)
        self.learned = not page.uses_markdown and (oracle is not None or storymodel.available())
        self.blocks = page.blocks
        self.articles: list[ArticleDraft] = []
        self.furniture: list[Block] = []
        self.pending: list[Block] = []  # captions waiting for the next article
        self.orphans: list[Block] = []  # blocks placed at the end by shared words
        self.cur: ArticleDraft | None = None
        self.after_furniture = False  # furniture (本版编辑…) came after the last text
        self.part_heading = False  # the last headline stack was judged a subhead of the article so far
        self.dated_notes = _dated_note_blocks(self.blocks)

    # ------------------------------------------------------------ helpers
    def next_kind(self, index: int, skip: tuple[str, ...] = ("caption",)) -> str | None:
        for block in self.blocks[index + 1 :]:
            if block.kind not in skip:
                return block.kind
        return None

    def start(self, kind: str = "article") -> ArticleDraft:
        article = ArticleDraft(kind=kind)
        self.articles.append(article)
        self.cur = article
        for block in self.pending:
            article.add("caption", block)
        self.pending = []
        return article

    # ------------------------------------------------------------ main loop
    def run(self) -> SegmentedPage:
        i = 0
        while i < len(self.blocks):
            block = self.blocks[i]
            if block.kind == "furniture":
                self.furniture.append(block)
                self.after_furniture = self.cur is not None
                i += 1
                continue
            self.after_furniture = self.after_furniture and block.kind == "caption"
            if block.kind == "heading":
                j = i
                # one stack: headings in a row (the line model's headline and subhead lines apart)
                while (
                    j + 1 < len(self.blocks)
                    and self.blocks[j + 1].kind == "heading"
                    and (
                        (self.blocks[j + 1].hint == "S") == (block.hint == "S")
                        or self.blocks[j].text.endswith(("——", "—"))  # a kicker set off by a dash tops the line below
                        or self.blocks[j + 1].id in self.dated_notes  # the date under a document's title
                        or _rest_of_title(self.blocks[j], self.blocks[j + 1])
                    )
                    and not _stray_above_headline(self.blocks[j], self.blocks[j + 1])
                ):
                    j += 1
                self.headings(self.blocks[i : j + 1], j)
                i = j
            elif block.kind == "byline":
                self.byline(block, i)
                self.part_heading = False
            elif block.kind in ("para", "label"):
                self.text(block, i)
                self.part_heading = False
            elif block.kind == "caption":
                self.caption(block)
            i += 1
        self.place_orphans()
        self.settle_stacks()
        for n, article in enumerate(self.articles, start=1):
            article.position = n
        return SegmentedPage(self.page, self.articles, self.furniture)

    # ------------------------------------------------------------ headlines
    def headings(self, stack: list[Block], last_index: int) -> None:
        cur = self.cur
        after = self.next_kind(last_index)
        if self.next_kind(last_index, ("caption", "furniture", "heading")) is None:
            if self.next_kind(last_index, ()) == "caption":
                self.title_stack(self.start(), stack)  # a headline over pictures alone (图片报道)
                return
            # headlines with no text after them at the end of the page (only more such lines,
            # pictures or furniture): stray lines
            self.orphans.extend(stack)
            return
        markdown = self.page.uses_markdown
        marked_title = any(b.level == 1 for b in stack)
        dashed = any(b.text.endswith(("——", "—")) or b.text.startswith(("——", "—")) for b in stack[:3])
        leading_byline = after == "byline" and self._byline_leads(last_index)
        if markdown and not marked_title and cur is not None:
            self.subheads(stack)  # "##" marks a subhead
            self.part_heading = True
            return
        if COMPILATION_TITLE_RE.match(stack[0].text.replace(" ", "")) and not marked_title:
            self.box_of_briefs(stack)
            return
        if cur is not None and cur.kind == "article" and not cur.has_title and not cur.closed and (
            not cur.has_text or marked_title and all(role == "label" for role, _ in cur.parts)
        ):
            # the article so far is only captions or a byline (or, over a marked title, a label)
            self.title_stack(cur, stack)
            return
        if cur is None or cur.ended or marked_title:
            self.title_stack(self.start(), stack)
            return
        untitled = cur.kind == "article" and not cur.has_title and not cur.has_byline
        opening = untitled and len(self.articles) == 1
        if untitled and (opening or self.articles[-2].closed) and not _signed_note(cur) and (
            len(cur.body) < SHORT_LEAD and not _continued(cur) or self._supports(cur, stack)
        ):
            # the page opened, or the article before closed, with a few lines, or with text about this
            # headline: OCR read a column before it
            self.title_stack(cur, stack, front=True)
            return
        if not cur.has_text and cur.has_title and all(b.hint == "S" for b in stack):
            self.subheads(stack)  # a label under the headline (开栏的话, 核心提示) before any text
            return
        if opening or cur.kind == "photo" or (not cur.has_text and cur.has_title):
            self.title_stack(self.start(), stack)
            return
        if _compilation(cur) and cur.roles("subhead") and self._brief_in_box(stack, last_index, dashed, leading_byline):
            # the next brief of a box whose briefs are set under headlines of their own (…快讯): a
            # section of the box, though the brief before it closed with its writer's name
            cur.closed = False
            for block in stack:
                cur.add("subhead", block)
            self.part_heading = True
            return
        # a headline with a byline of its own after an article its byline closed, under a kicker set
        # off by a dash, or with a column tag, starts a story whatever else the page says; but under
        # an editor's note (……——编者) such stacks are as often the sections of the feature it opens
        # (nor does a report its dateline opened have sections with reporters' lines of their own:
        # the corpus has none in 2,398 such reports, though many features set one under each section;
        # nor a box that goes with a story after its closing line; nor has a box of briefs set as
        # paragraphs (● …) a headed one after them)
        forced = (
            cur.closed or cur.boxed or _dated(cur) or (dashed or _has_column_tag(stack)) and not _has_note(cur)
            or self._report_under(last_index) or _compilation(cur) and cur.has_text and not cur.roles("subhead")
        )
        new = True if leading_byline and forced else None
        tagged = new is None and self._tagged_headline(stack)
        if new is None and dashed and _signed_note(cur):
            # a kicker set off by a dash right under an editor's note: the first section of the
            # feature the note opens ("滨江高新区——" over the section's title)
            new = False
        if new is None and cur.has_text and _NUMBERED_RE.match(stack[0].text):
            # "二、…", "（三）…": a numbered section of the article so far (on simulated training
            # pages 97 such stacks in 97)
            new = False
        lead = None  # the paragraph above the stack, when it went to the story under it
        leads: list[Block] = []  # (the paragraphs taken from the article so far for the story under it)
        broken = self._broken_lead(cur, last_index - len(stack) + 1, last_index) if new is not False else None
        if broken is not None:
            # a headline inside an unfinished sentence: OCR read the story's first column before
            # its headline, and no subhead stands where a sentence breaks off
            new, leads = True, [cur.parts.pop()[1]]
            leads[:0] = self._lead_of_broken(cur, stack, last_index, after, dashed, leading_byline)
        if self.learned and new is None:
            above = self._lead_above(cur, last_index - len(stack) + 1)
            evidence = self._story_evidence(cur, stack, last_index, after, dashed, leading_byline, above)
            if evidence.get("words_before", 0.0) >= ECHOED and after != "byline" and evidence.get("lead_heading", 0) <= 0:
                # all its words already used by the article so far (not just by a paragraph above
                # that may be its own story's): its subhead or a caption
                new = False
            elif self.oracle:
                call = self.oracle(evidence, stack, cur)
                new = call if call is None else call != storymodel.SAME
                lead = above if call == storymodel.JUMP else None
            if new is None:
                p = storymodel.call_probabilities(evidence)
                if p is not None:
                    # (a tagged headline starts a story whatever the model says; the model still says
                    # whether the paragraph above it is the story's, read before its headline)
                    new = tagged or storymodel.starts_story(p)
                    lead = above if new and p[storymodel.JUMP] > p[storymodel.NEW] else None
        if new is None and tagged:
            new = True
        if new is None:
            new = dashed or leading_byline or self._ruled_new_story(cur, stack, last_index)
        if new:
            if lead is not None:
                leads = [cur.parts.pop()[1]]  # (``_lead_above``: the article's last part)
            article = self.start()
            self.title_stack(article, stack)
            for block in leads:
                article.add("para", block)
        else:
            self.subheads(stack)
            self.part_heading = True

    def box_of_briefs(self, stack: list[Block]) -> None:
        """A box of briefs opens under its short name (…快讯, …简讯): the name is its title, and a
        brief's headline set right under it is the box's first section."""
        cur = self.cur
        if cur is not None and cur.kind == "article" and not cur.has_text and not cur.has_title and not cur.closed:
            box = cur  # (only captions or a byline so far)
        else:
            box = self.start()
        self.title_stack(box, stack[:1])
        for block in stack[1:]:
            box.add("subhead", block)
        self.part_heading = len(stack) > 1

    def _brief_in_box(self, stack: list[Block], last_index: int, dashed: bool, leading_byline: bool) -> bool:
        """A stack shaped as a brief's headline: one or two plain lines, no reporter's line of its
        own under it, and a short text. A kicker with a dash, a column tag or a long text under it
        is the next story's, after the box."""
        if dashed or len(stack) > 2 or _has_column_tag(stack):
            return False
        following = self.blocks[last_index + 1] if last_index + 1 < len(self.blocks) else None
        if leading_byline and following is not None and following.kind == "byline" and following.byline.kind != "dateline":
            return False
        return len("".join(self._paragraphs_after(last_index, BRIEF_LEN, past_byline=True))) < BRIEF_LEN

    def _ruled_new_story(self, cur: ArticleDraft, stack: list[Block], last_index: int) -> bool:
        """The hand-set rules, where no story model is installed."""
        if stack[0].hint:
            # the line model read the page: a headline line starts an article, a subhead does not
            hint = stack[0].hint
            threshold = {"S": SUBHEAD_COHESION, "H": HEADLINE_COHESION}.get(hint, SURE_HEADLINE_COHESION)
            return (hint == "H" and len(stack) > 1) or self._new_story(cur, stack, last_index, threshold, hint != "H!")
        return not self.page.uses_markdown and self._new_story(cur, stack, last_index)

    def _lead_above(self, cur: ArticleDraft, start: int) -> Block | None:
        """The paragraph right above a headline stack that may be its story's first paragraph, read
        before its headline: the article so far ends with it, a whole paragraph, after other text."""
        if start < 1 or not cur.parts or cur.parts[-1][0] != "para":
            return None
        block = cur.parts[-1][1]
        if block is not self.blocks[start - 1] or not chars.ends_sentence(block.text):
            return None
        return block if sum(1 for role, _ in cur.parts if role == "para") >= 2 else None

    def _broken_lead(self, cur: ArticleDraft, start: int, last_index: int) -> Block | None:
        """The paragraph right above a headline stack when it breaks off inside a sentence that the
        text under the stack (and its byline) goes on with: the first lines of the story under the
        stack, read before its headline."""
        if start < 1 or not cur.parts or cur.parts[-1][0] != "para" or cur.parts[-1][1] is not self.blocks[start - 1]:
            return None
        block = cur.parts[-1][1]
        if not block.broken or len(cur.roles("para")) < 2:
            return None
        following = next((b for b in self.blocks[last_index + 1 :] if b.kind != "byline"), None)
        if following is None or following.kind != "para":
            return None
        return block

    def _lead_of_broken(
        self, cur: ArticleDraft, stack: list[Block], last_index: int, after: str | None, dashed: bool,
        leading_byline: bool,
    ) -> list[Block]:
        """The whole paragraph above a broken one (taken off the article so far) when it too is the
        story's, read before its headline: the story model's call, as for a paragraph right above a
        headline, the broken paragraph set aside."""
        start = last_index - len(stack)  # (the broken paragraph's place)
        above = self._lead_above(cur, start)
        if above is None or not self.learned:
            return []
        evidence = self._story_evidence(cur, stack, last_index, after, dashed, leading_byline, above)
        evidence["broken"] = 1.0
        if self.oracle:
            call = self.oracle(evidence, stack, cur)
            take = call is not None and call != storymodel.NEW
        else:
            p = storymodel.call_probabilities(evidence)
            take = p is not None and p[storymodel.JUMP] > p[storymodel.NEW]
        if not take:
            return []
        cur.parts.pop()
        return [above]

    def _lead_evidence(
        self, cur: ArticleDraft, lead: Block, stack: list[Block], after: list[str]
    ) -> dict[str, float]:
        """Does the paragraph above the stack go with the text before it or with the story under it?"""
        prior = [b.text for role, b in cur.parts[:-1] if role == "para"]
        words, earlier = content_words(lead.text), words_of_paragraphs(prior[::-1], COHESION_BEFORE)
        later = words_of_paragraphs(after, COHESION_AFTER)
        heading = content_words("".join(b.text for b in stack).replace(" ", ""))
        f = {"lead": 1.0}
        diffs = {
            # its words come back in the text after the stack rather than in the text before it
            "lead_coh": word_cohesion(later, words) - word_cohesion(earlier, words),
            # the headline's words are in it rather than in the text before it
            "lead_heading": (word_cohesion(words, heading) - word_cohesion(earlier, heading)) if heading else 0.0,
        }
        for name, value in diffs.items():
            f[name] = value
            f[f"{name}:{bucket(value, (-0.2, -0.05, 0.05, 0.2, 0.4))}"] = 1.0
        if LEAD_RE.match(lead.text):
            f["lead_opens"] = 1.0  # it opens as a report does (a date, 近日, 记者从…)
        after_text = after[0] if after else ""
        if LEAD_RE.match(after_text):
            f["after_opens"] = 1.0  # …or the text under the stack does
        if FOLLOW_ON_RE.match(after_text):
            f["after_follows_on"] = 1.0  # the text under the stack goes on from something (此外, 这…)
        return f

    def _story_evidence(
        self, cur: ArticleDraft, stack: list[Block], last_index: int, after: str | None, dashed: bool,
        leading_byline: bool, lead: Block | None = None,
    ) -> dict[str, float]:
        """What ``storymodel`` weighs for a headline stack met after the article so far."""
        first = stack[0]
        text = " ".join(b.text for b in stack)
        hint = first.hint or "none"
        f: dict[str, float] = {
            "bias": 1.0, f"hint:{hint}": 1.0, "p_head": first.p_head, "p_sub": first.p_sub,
            "p_head_max": max(b.p_head for b in stack), f"lines:{min(len(stack), 3)}": 1.0,
            f"han:{bucket(first.han, (4, 7, 10, 14, 20, 30))}": 1.0,
        }
        if dashed:
            f["dashed"] = 1.0
        if any(b.text.endswith(("——", "—")) for b in stack):
            f["dash_end"] = 1.0
        if _has_column_tag(stack):
            f["column_tag"] = 1.0
        if chars.has_sentence_punct(text):
            f["inner_punct"] = 1.0
        if chars.ends_sentence(stack[-1].text):
            f["ends_sentence"] = 1.0
        if any(len(b.text.split()) == 2 for b in stack):
            f["two_part"] = 1.0
        f[f"next:{after}"] = 1.0
        f[f"next:{after}|{hint}"] = 1.0
        following = self.blocks[last_index + 1] if last_index + 1 < len(self.blocks) else None
        if following is not None and following.kind == "byline":
            f[f"next_byline:{following.byline.kind}"] = 1.0
        if leading_byline:
            f["leads_byline"] = 1.0
            f[f"leads_byline|{hint}"] = 1.0
        # the lexical cohesion of the text so far and the text after the stack
        # (whole paragraphs either side, each cut into words once a page however many stacks ask)
        after = self._paragraphs_after(last_index, AFTER_LEN_EDGES[-1], past_byline=True)
        after_text = "".join(after)
        paragraphs = cur.paragraphs
        before = "\n".join(paragraphs)
        earlier = words_of_paragraphs(paragraphs[::-1], COHESION_BEFORE)
        later = words_of_paragraphs(after, COHESION_AFTER)
        # a headline's words come back in its own story, a subhead's or caption's in the story so far
        words = content_words(text.replace(" ", ""))
        if words:
            shares = {
                "words_before": word_cohesion(earlier, words) if before else 0.0,
                "words_after": word_cohesion(later, words) if after_text else 0.0,
            }
            for name, share in shares.items():
                f[name] = share
                f[f"{name}:{bucket(share, (0.3, 0.6, 0.9))}|{hint}"] = 1.0
        f[f"after_len:{bucket(len(after_text), AFTER_LEN_EDGES)}"] = 1.0
        if min(len(before), len(after_text)) >= MIN_COHESION_TEXT:
            value = word_cohesion(earlier, later)
            f["coh"] = value
            f[f"coh:{bucket(value, (0.04, 0.08, 0.15, 0.25, 0.35, 0.5))}|{hint}"] = 1.0
        else:
            f["coh:none"] = 1.0
        if _has_note(cur):
            # an editor's note signed "——编者" opens a feature: what follows it are the feature's
            # sections more often than the next story
            f["note_last" if _signed_note(cur) else "note_before"] = 1.0
        earlier = cur.roles("subhead")
        f[f"subheads:{min(len(earlier), 3)}"] = 1.0
        if any(abs(b.han - first.han) <= 1 for b in earlier):
            f["series"] = 1.0
        f[f"body:{bucket(len(cur.body), (100, 300, 800, 2000, 4000))}"] = 1.0
        if cur.has_byline:
            f["has_byline"] = 1.0
        if cur.closed:
            f["closed"] = 1.0
        if cur.has_title:
            f["has_title"] = 1.0
        start = last_index - len(stack) + 1
        if start > 0:
            prev = self.blocks[start - 1]
            f[f"prev:{prev.kind}"] = 1.0
            if prev.kind == "para" and not chars.ends_sentence(prev.text) and not EDITOR_SIGNOFF_RE.match(prev.text):
                f["prev_open"] = 1.0
            gap = first.lines[0] - prev.lines[-1] - 1 if prev.lines and first.lines else 0
            f[f"gap_before:{min(gap, 2)}"] = 1.0
        if following is not None and following.lines and stack[-1].lines:
            f[f"gap_after:{min(following.lines[0] - stack[-1].lines[-1] - 1, 2)}"] = 1.0
        if lead is not None:
            f.update(self._lead_evidence(cur, lead, stack, after))
        return f

    def _new_story(
        self, cur: ArticleDraft, stack: list[Block], last_index: int, threshold: float = NEW_STORY_COHESION,
        series: bool = True,
    ) -> bool:
        """An unmarked headline after text: the next article's, or a subhead of this one?

        ``series=False`` for a line the line model is sure is a headline: subheads set alike do not
        outvote it, and where there is too little text to compare its call stands."""
        if _has_column_tag(stack):
            return True
        earlier = cur.roles("subhead")
        if series and earlier and any(abs(b.han - stack[0].han) <= 1 for b in earlier):
            return False  # one of a series of subheads set alike
        after = self._paragraphs_after(last_index, COHESION_AFTER)
        paragraphs = cur.paragraphs
        if min(len("\n".join(paragraphs)), len("".join(after))) < MIN_COHESION_TEXT:
            return not series  # too little to judge: the line model's sure call stands
        earlier = words_of_paragraphs(paragraphs[::-1], COHESION_BEFORE)
        return word_cohesion(earlier, words_of_paragraphs(after, COHESION_AFTER)) < threshold

    def _paragraphs_after(self, last_index: int, limit: int, past_byline: bool = False) -> list[str]:
        """The paragraphs after a headline stack up to the next headline, byline or furniture, once
        ``limit`` characters are in hand; ``past_byline`` passes over a byline right under the stack."""
        parts: list[str] = []
        size = 0
        for block in self.blocks[last_index + 1 :]:
            if block.kind in ("heading", "furniture") or block.kind == "byline" and (parts or not past_byline):
                break
            if block.kind in ("para", "label"):
                parts.append(block.text)
                size += len(block.text)
                if size >= limit:
                    break
        return parts

    def _under_headline(self, article: ArticleDraft | None, index: int) -> bool:
        """A byline (or dateline) at ``index`` heads the article so far: it has none yet, and the
        byline comes right under its headline — before any text, under the summary box set there,
        or right below the headline in page order when the headline went in front of text OCR read
        before it (a box, a column read out of order)."""
        if article is None or article.has_byline:
            return False
        if article.has_title and (not article.has_text or _summary_box(article)):
            return True
        return index > 0 and any(
            part is self.blocks[index - 1] for role, part in article.parts if role in ("kicker", "title", "subtitle")
        )

    def _bylines_under(self, heading_index: int) -> tuple[list[Block], int]:
        """The bylines under a headline stack (captions before them passed over), and where the
        blocks after them start."""
        k = heading_index + 1
        while k < len(self.blocks) and self.blocks[k].kind == "caption":
            k += 1
        start = k
        while k < len(self.blocks) and self.blocks[k].kind == "byline":
            k += 1
        return self.blocks[start:k], k

    def _byline_leads(self, heading_index: int) -> bool:
        """Is the byline after this headline followed by text (so it belongs to the headline)?"""
        k = self._bylines_under(heading_index)[1]
        while k < len(self.blocks) and self.blocks[k].kind == "caption":
            k += 1
        return k < len(self.blocks) and self.blocks[k].kind in ("para", "label")

    @staticmethod
    def _tagged_headline(stack: list[Block]) -> bool:
        """A headline closed by a column's tag (……（开发区快评）) after text starts a story, under an
        editor's note too: no section of an article is headed so (the corpus' 8,022 articles set a
        short line closed by a bracket inside the text only for a companion box, （记者手记）, and for
        lists: 二等奖（5项）)."""
        last = stack[-1].text.replace(" ", "")
        tag = COLUMN_TAG_RE.search(last)
        return (
            tag is not None and any(b.hint in ("H", "H!") or b.p_head >= PEEL_HEADLINE for b in stack)
            and chars.han_count(last[: tag.start()]) >= 4
            and not _NUMBERING_RE.match(tag.group(0)) and not COMPANION_LABEL_RE.match(tag.group(0)[1:-1])
            and not any(ch.isdigit() for ch in tag.group(0))
        )

    def _report_under(self, heading_index: int) -> bool:
        """A reporter's line and then a dateline under the stack (本报记者 X / 本报某地某日电): a
        report of its own. No section of an article is set so: of the corpus' 246 reporters' lines
        inside an article, none has a dateline under it."""
        kinds = [block.byline.kind for block in self._bylines_under(heading_index)[0]]
        return "dateline" in kinds[1:] and kinds[0] != "dateline"

    def _supports(self, article: ArticleDraft, stack: list[Block]) -> bool:
        heading = _bigrams(" ".join(b.text for b in stack))
        if not heading:
            return False
        text = set(_bigrams(article.body))
        covered = sum(n for gram, n in heading.items() if gram in text)
        return covered / sum(heading.values()) >= TITLE_SUPPORT

    def _signed_section(self, cur: ArticleDraft) -> bool:
        """On a marked page, the "##" section after a closing line has no reporter's line of its own:
        the next section of a feature each signed by its writer (（作者为…）), not a story."""
        tail = cur.parts[cur.split_at :]
        return self.page.uses_markdown and not any(
            role == "byline" and block.byline.kind in ("role", "arrow", "dateline") for role, block in tail
        )

    def subheads(self, stack: list[Block]) -> None:
        cur = self.cur
        if cur.closed:
            # after a trailing byline: kept here unless a second byline shows it was a headline
            cur.closed = False
            cur.split_at = len(cur.parts)
        for block in stack:
            self.cur.add("subhead", block)

    def title_stack(self, article: ArticleDraft, stack: list[Block], front: bool = False) -> None:
        # the stack model reads the article's text too: until the article is complete the rules
        # give the roles (every stack has a title either way), then ``settle_stacks`` does
        roles = _stack_roles(stack, self.page.uses_markdown, learned=False)
        article.stack = list(stack)
        parts = [(role, block) for role, block in zip(roles, stack)]
        if front:
            article.parts[0:0] = parts
        else:
            article.parts.extend(parts)

    def settle_stacks(self) -> None:
        """Kicker, title and subtitle of each article's headline stack, read with the article's text."""
        if self.page.uses_markdown:
            for article in self.articles:
                _marked_sections(article)
            return
        for article in self.articles:
            if len(article.stack) < 2:
                continue
            roles = _stack_roles(article.stack, False, body=article.body)
            role_of = {id(block): role for block, role in zip(article.stack, roles)}
            article.parts = [
                (role_of.get(id(block), role) if role in _HEAD_ROLES else role, block) for role, block in article.parts
            ]

    # ------------------------------------------------------------ bylines
    def byline(self, block: Block, index: int) -> None:
        cur = self.cur
        after = self.next_kind(index)
        kind = block.byline.kind
        if kind == "dateline" and _repeats_closing_dateline(cur, block):
            # a document closed by its dateline (…（新华社北京9月2日电）) and the report on it that the
            # same dateline opens: one article, as the paper prints them together
            cur.closed = False
            cur.add("byline", block)
            return
        if kind == "dateline":
            if cur is not None and cur.has_title and not cur.has_byline and _headline_left_as_text(cur):
                # a long headline line read as a paragraph ("审议通过《…》和《…》" under the title): a
                # dateline opens the text, so whatever stood between it and the title was headline;
                # under a box's name, the headline of its first brief
                heading = "subhead" if _compilation(cur) else "subtitle"
                for n, (role, part) in enumerate(cur.parts):
                    if role == "para":
                        cur.parts[n] = (heading, part)
                if heading == "subhead":
                    self.part_heading = True
            if self._under_headline(cur, index) or _no_text_after_byline(cur, ("role", "arrow")):
                cur.add("byline", block)
            elif _compilation(cur) and cur.parts[-1][0] == "subhead":
                cur.add("byline", block)  # a brief's dateline in a box of briefs
            elif self.part_heading and cur.parts[-1][0] == "subhead":
                # a dateline opens a report: the stack right above it, judged a subhead, was its headline
                heads = []
                while cur.parts and cur.parts[-1][0] == "subhead":
                    heads.insert(0, cur.parts.pop()[1])
                if cur.split_at is not None and cur.split_at >= len(cur.parts):
                    cur.split_at, cur.closed = None, True  # the stack after its closing byline left it
                new = self.start()
                self.title_stack(new, heads)
                new.add("byline", block)
            else:
                self.start().add("byline", block)
            return
        if self._under_headline(cur, index) or kind == "signature" and _no_text_after_byline(cur, ("dateline",)):
            cur.add("byline", block)
            return
        if self.part_heading and kind in ("role", "arrow") and after in ("para", "label"):
            cur.add("byline", block)  # a part's own reporter under the part's subhead (a report in parts)
            return
        if self.part_heading and kind == "names" and after in ("para", "label") and cur.parts[-1][0] == "subhead":
            # bare "names" under a subhead, text after: the subhead's last words (…注入正 / 能量) or a
            # part's writer, neither of which closes the article
            cur.add("subhead", block)
            return
        if (
            kind in ("role", "arrow") and cur is not None and not cur.has_text and cur.parts
            and cur.parts[-1][0] == "byline" and cur.parts[-1][1].byline.kind in ("role", "arrow")
        ):
            cur.add("byline", block)  # the reporters' line over two lines (记者 X / 通讯员 Y)
            return
        if after in ("para", "label") and kind not in ("names", "signature"):
            self.start().add("byline", block)  # ▶ 潘立军 / 本报记者 X opening the next item
            return
        if cur is None or cur.kind == "photo":
            self.start().add("byline", block)
            return
        if not cur.has_byline:
            cur.add("byline", block)  # trailing byline
            cur.closed = True
            cur.ended = cur.ended or _source_line(block)
            return
        if cur.split_at is not None and not self._signed_section(cur):
            # a second byline: the subhead after the first one was really a new headline
            tail = cur.parts[cur.split_at :]
            del cur.parts[cur.split_at :]
            new = self.start()
            heads = []
            while tail and tail[0][0] == "subhead":
                heads.append(tail.pop(0)[1])
            self.title_stack(new, heads)
            new.parts.extend(tail)
            new.add("byline", block)
            # right under the headline it leads the text that follows; after text it closes it
            new.closed = any(role == "para" for role, _ in tail) or after not in ("para", "label")
            return
        cur.add("byline", block)
        cur.closed = True
        cur.ended = cur.ended or _source_line(block)

    # ------------------------------------------------------------ text and captions
    def text(self, block: Block, index: int) -> None:
        cur = self.cur
        if block.kind == "label" and cur is not None and cur.kind == "article" and cur.closed and not cur.ended and (
            cur.has_text and COMPANION_LABEL_RE.match(block.text) and not self._marked_title_at(index + 1)
        ):
            cur.closed = False  # the reporter's notes or a link after the story's closing line
            cur.boxed = True
        if cur is None or cur.kind == "photo" or cur.closed:
            cur = self.start()
        # a box's label (核心提示, 编者按 …) is kept with the article but is not its text
        cur.add("label" if block.kind == "label" else "para", block)
        if chars.END_MARK_RE.search(block.text) or chars.TURN_NOTE_RE.search(block.text) or _source_line(block):
            # "（完）", "（下转第2版）", "（来源：某某日报）": what follows is another article
            cur.closed = cur.ended = True

    def _marked_title_at(self, index: int) -> bool:
        return index < len(self.blocks) and self.blocks[index].kind == "heading" and self.blocks[index].level == 1

    def caption(self, block: Block) -> None:
        if block.photo_story:
            article = self.start(kind="photo")
            article.add("photo", block)
            article.closed = True
            return
        cur = self.cur
        if self.after_furniture:
            self.orphans.append(block)  # captions printed below the editor line
        elif cur is None or cur.closed or cur.kind == "photo":
            self.pending.append(block)
        else:
            cur.add("caption", block)

    def place_orphans(self) -> None:
        """Captions and stray lines left at the end go where their words are."""
        leftovers = self.pending + self.orphans
        self.pending = []
        if not leftovers:
            return
        if not self.articles:
            article = self.start()
            for block in leftovers:
                if block not in [b for _, b in article.parts]:
                    article.add("caption", block)
            return
        texts = [_bigrams(a.title + a.body + " ".join(c.text for c in a.captions)) for a in self.articles]
        df = Counter(gram for t in texts for gram in set(t))
        for block in sorted(leftovers, key=lambda b: b.id):
            words = block.caption_text or block.text
            grams = _bigrams(words)
            best, best_score = None, 0.0
            for article, text in zip(self.articles, texts):
                if article.kind == "photo":
                    continue
                score = sum(
                    math.log(1 + len(self.articles) / df[g]) for g in grams if g in text
                )
                if score > best_score:
                    best, best_score = article, score
            target = best or next((a for a in reversed(self.articles) if a.kind == "article"), self.articles[-1])
            target.add("caption", block)
            target.parts.sort(key=lambda part: _part_order(part))


def _continued(article: ArticleDraft) -> bool:
    """The article's text goes on from another page or column (（上接第一版）…, ……, ，…)."""
    first = next((b.text for role, b in article.parts if role == "para"), "")
    return bool(CONTINUED_RE.match(first)) or chars.continues_above(first)


def _signed_note(article: ArticleDraft) -> bool:
    """The article so far is an editor's note, signed "——编者": a headline under it heads the
    next story, not the note."""
    last = next((b.text for role, b in reversed(article.parts) if role == "para"), "")
    return bool(EDITOR_SIGNOFF_RE.match(last))


def _no_text_after_byline(article: ArticleDraft | None, kinds: tuple[str, ...]) -> bool:
    """The article so far has no text and ends with a byline of one of ``kinds``: a dateline under
    the reporters' line (本报记者 X / 本报兰州5月8日电) opens its text, and reporters in brackets the
    column put under a dateline (…5月8日电 / （记者 X、Y）) are the dateline's own."""
    return (
        article is not None and not article.has_text and bool(article.parts) and article.parts[-1][0] == "byline"
        and article.parts[-1][1].byline.kind in kinds
    )


def _source_line(block: Block) -> bool:
    """A reprint's source on a line of its own (（来源：某某日报）, （据新华社电）): the story ends there,
    whatever the line model reads in the headline under it."""
    return bool(chars.SOURCE_LINE_RE.fullmatch(block.text.strip()))


def _compilation(article: ArticleDraft | None) -> bool:
    """The article is a box of briefs: its headline is the box's short name (…快讯, …简讯)."""
    return article is not None and any(
        COMPILATION_TITLE_RE.match(b.text.replace(" ", "")) for b in article.roles("kicker", "title")
    )


def _has_note(article: ArticleDraft) -> bool:
    """The article so far has an editor's note signed "——编者" (the feature it opens goes on)."""
    return any(EDITOR_SIGNOFF_RE.match(b.text) for role, b in article.parts if role == "para")


def _headline_left_as_text(article: ArticleDraft) -> bool:
    """The article so far is a headline stack and one or two lines of text that end no sentence."""
    paras = [block for role, block in article.parts if role == "para"]
    return (
        0 < len(paras) <= 2
        and article.parts[0][0] in ("kicker", "title")
        and all(role in ("kicker", "title", "subtitle", "para") for role, _ in article.parts)
        and not any(chars.ends_sentence(block.text) for block in paras)  # (an end mark ends one too)
        and sum(len(block.lines) for block in paras) <= 3
    )


def _summary_box(article: ArticleDraft) -> bool:
    """The text under the headline is set as points (■ …, ● …), from its start or after a few lines
    leading into them, or opens under a box's label (核心提示, 核心阅读): a summary box set between
    a lead story's headline and its report, which a byline or dateline then opens."""
    if not all(role in ("kicker", "title", "subtitle", "para", "label", "caption") for role, _ in article.parts):
        return False
    body = [role for role, _ in article.parts if role not in _HEAD_ROLES and role != "caption"]
    return body[:1] == ["label"] or any(_BULLET_POINT_RE.match(b.text) for role, b in article.parts if role == "para")


def _repeats_closing_dateline(article: ArticleDraft | None, block: Block) -> bool:
    """The article so far ends with a dateline in brackets that this dateline repeats."""
    if article is None or not article.parts or article.parts[-1][0] != "byline":
        return False
    closing = article.parts[-1][1].text
    if not closing.startswith(("（", "(")):
        return False
    return _dateline_key(closing) == _dateline_key(block.text)


def _dateline_key(text: str) -> str:
    return re.sub(r"[\s（）()]", "", text)


def _rest_of_title(block: Block, below: Block) -> bool:
    """A line the line model reads as a subhead, set right under a line it is sure is a headline
    (no blank line between), short and without sentence punctuation: the headline's second part
    (讲好开发区故事 / 擦亮园区发展名片), which the stack model reads with it."""
    return (
        block.hint == "H!" and below.hint == "S" and bool(block.lines) and bool(below.lines)
        and below.lines[0] == block.lines[-1] + 1 and below.han <= max(block.han + 4, 12)
        and not chars.has_sentence_punct(below.text)
    )


def _stray_above_headline(block: Block, below: Block) -> bool:
    """A line the line model reads as no headline at all, right above one it is sure of: the last
    line of the article before (a signature, a note), not the top of the next headline's stack."""
    return not block.hint and not block.level and block.p_head < STRAY_HEAD and below.hint in ("H", "H!")


def _dated(article: ArticleDraft) -> bool:
    """The article so far opened with a dateline (本报讯（记者 X）, 新华社…电)."""
    return any(block.byline.kind == "dateline" for block in article.roles("byline") if block.byline is not None)


def _has_column_tag(stack: list[Block]) -> bool:
    return any(COLUMN_TAG_RE.search(b.text) and not _NUMBERING_RE.match(b.text) for b in stack)


def _part_order(part: tuple[str, Block]) -> tuple[int, int]:
    role, block = part
    head = {"kicker": 0, "title": 1, "subtitle": 2}.get(role, 3)
    return head, block.id


_HEAD_ROLES = ("kicker", "title", "subtitle")


def _stack_roles(stack: list[Block], markdown: bool, body: str = "", learned: bool = True) -> list[str]:
    """Which lines of a headline stack are kicker, title and subtitle (``learned``: by the stack
    model where one is installed, reading ``body``, the text of the article)."""
    if len(stack) == 1:
        return ["title"]
    if BRACKETED_TAG_RE.match(stack[0].text.replace(" ", "")):
        # a column's tag on a line of its own over the headline (【园区动态】): no part of the
        # title, whatever the lines under it are
        return ["kicker", *_stack_roles(stack[1:], markdown, body, learned)]
    note = _dated_note_start(stack)
    if note:
        # the date of a document or speech in brackets under its title (（2024年3月）, over one line
        # or several): a subtitle, whatever the lines above it are
        return [*_stack_roles(stack[:note], markdown, body, learned), *["subtitle"] * (len(stack) - note)]
    if markdown:
        return _ruled_stack_roles(stack)  # the marks say which line is the title
    texts = [b.text for b in stack]
    roles = stackmodel.stack_roles(texts, body) if learned else None
    return _one_title_across_breaks(texts, roles or _ruled_stack_roles(stack))


def _dated_note_blocks(blocks: list[Block]) -> set[int]:
    """The ids of the heading blocks that make a dated note in brackets (over up to eight lines)."""
    found: set[int] = set()
    for i, block in enumerate(blocks):
        if block.kind != "heading" or not block.text.lstrip().startswith(("（", "(")):
            continue
        text = ""
        for j in range(i, min(i + 8, len(blocks))):
            if blocks[j].kind != "heading":
                break
            text += blocks[j].text.replace(" ", "")
            if chars.CLOSING_BRACKET_RE.search(blocks[j].text):
                if DATED_NOTE_RE.match(text):
                    found.update(b.id for b in blocks[i : j + 1])
                break
    return found


def _dated_note_start(stack: list[Block]) -> int | None:
    """Where a dated note that ends the stack begins (None when the stack ends otherwise)."""
    notes = _dated_note_blocks(stack)
    start = next((i for i, block in enumerate(stack) if block.id in notes), None)
    return start if start is not None and all(block.id in notes for block in stack[start:]) else None


# what a headline line may open and leave for the next line to close
_PAIRS = (("（", "）"), ("(", ")"), ("“", "”"), ("《", "》"), ("「", "」"))
def _one_title_across_breaks(texts: list[str], roles: list[str]) -> list[str]:
    """A line that opens a bracket, a quote or a book title it does not close, or breaks a number,
    goes on in the line under it; and a column tag on a line of its own ends the title above it
    (…（园区观察）, not a dated note): whatever else read them as kicker and title, or as title and
    subtitle, they are one title."""
    roles = list(roles)
    for i in range(len(texts) - 1):
        upper, lower = texts[i].strip(), texts[i + 1].strip()
        goes_on = (
            any(upper.count(a) > upper.count(b) for a, b in _PAIRS)
            or left_open(upper, lower)  # (…内陆开放型经济的 / 重要平台: no kicker or title ends there)
            or bool(COLUMN_TAG_RE.fullmatch(lower)) and not DATED_NOTE_RE.match(lower.replace(" ", ""))  # (a dated note is no tag)
        )
        if goes_on and (roles[i], roles[i + 1]) in (("kicker", "title"), ("title", "subtitle")):
            roles[i] = roles[i + 1] = "title"
    return roles


def _ruled_stack_roles(stack: list[Block]) -> list[str]:
    """The hand-set rules, where no stack model is installed (and on marked pages)."""
    n = len(stack)
    texts = [b.text for b in stack]
    for i, block in enumerate(stack):
        if block.level == 1:
            # markdown: "##" lines after the title are subheads, unmarked ones subtitles, and so is a
            # marked line that opens with a dash (## ——…纪实): a subtitle's form whatever its mark.
            # So is the one "##" line between the title and the text when it has a subtitle's form
            # (``_subtitle_form``)
            after = [
                "subtitle" if not b.level or b.text.lstrip().startswith("—") else "subhead" for b in stack[i + 1 :]
            ]
            if len(after) == 1 and _subtitle_form(stack[i + 1].text) and not COMPILATION_TITLE_RE.match(block.text.replace(" ", "")):
                after = ["subtitle"]
            return ["kicker"] * i + ["title"] + after
    for i, text in enumerate(texts[:-1]):
        if text.endswith(("——", "—")):
            return ["kicker"] * (i + 1) + ["title"] + ["subtitle"] * (n - i - 2)
    for i, text in enumerate(texts):
        if i > 0 and text.startswith(("——", "—")):
            return ["kicker"] * (i - 1) + ["title"] + ["subtitle"] * (n - i)
    if n == 2:
        if _wrapped(texts[0], texts[1]):
            return ["title", "title"]
        return ["kicker", "title"]
    return ["kicker"] + ["title"] + ["subtitle"] * (n - 2)


def _marked_sections(article: ArticleDraft) -> None:
    """On a marked page, the "##" phrase under the title read as its subtitle heads the article's
    first section when "##" sections set alike follow it (## 产业集群加速壮大 … ## 服务企业“零距离”)."""
    marked = [b for b in article.roles("subtitle") if b.level == 2 and not b.text.lstrip().startswith("—")]
    if len(marked) == 1 and any(b.level and abs(b.han - marked[0].han) <= 2 for b in article.roles("subhead")):
        article.parts = [("subhead" if block is marked[0] else role, block) for role, block in article.parts]


def _subtitle_form(text: str) -> bool:
    """A marked line under the title that is its subtitle rather than the first section's heading
    or a label: a subtitle says a phrase (6 to 30 characters), a label is a word or two (核心阅读,
    引子, 开栏的话), a section numbered (一、…) or named by a bracketed word or a colon (【关键词】…,
    提案人：…)."""
    text = text.strip()
    return (
        6 <= chars.han_count(text) <= 30 and not SECTION_LABEL_RE.match(text) and not _NUMBERED_RE.match(text)
        and not text.startswith(("【", "[")) and not text.endswith(("：", ":"))
    )


def _wrapped(first: str, second: str) -> bool:
    """One headline broken over two lines (as opposed to a kicker above a title): a word runs
    across the break, or a full first line is followed by a shorter one, neither in parts."""
    if runs_on(first, second):
        return True
    if " " in first or " " in second:
        return False
    w1, w2 = chars.display_width(first), chars.display_width(second)
    return w2 <= w1 <= 20


def segment_page(page: CleanPage, oracle: Oracle | None = None) -> SegmentedPage:
    return _Segmenter(page, oracle).run()


def split_page(raw: str) -> SegmentedPage:
    """Raw OCR text of one page -> its articles (clean, then segment)."""
    return segment_page(clean_page(raw))
