"""The splitter's learned parts (story breaks, headline stacks) and the line types they read.

Pages written for these tests; every case is a form newspapers print, never a page of the seeds
or the corpus.
"""
from __future__ import annotations

import pytest

from clippings.evaluation.corpus import read_pages
from clippings.evaluation.training import stack_examples, story_examples
from clippings.text import stackmodel, storymodel
from clippings.text.patterns import match_closing_report
from clippings.text.segment import split_page

from .conftest import ROOT
from .pagecheck import assert_nothing_lost

CORPUS = ROOT.parent / "shared" / "corpus" / "rmrb2023.jsonl.gz"


def _split(page: str):
    result = split_page(page)
    assert_nothing_lost(result)
    return result.articles


def test_words_that_read_as_names_inside_a_paragraph_stay_text():
    # a letter-spaced line in mid-paragraph splits into "names" (水 is a surname)
    lines = [
        "今年以来，江北新区坚持把生态",
        "环境保护放在突出位置，统筹推进",
        "水 生 态 、 水 环 境 、 水 资 源 、 水 安",
        "全四个方面的治理，全区地表水考",
        "核断面水质优良比例达到百分之百。",
    ]
    page = "江北新区守护一江清水\n\n" + "\n\n".join(lines) + "\n"
    articles = _split(page)
    assert len(articles) == 1
    assert articles[0].title == "江北新区守护一江清水"
    assert articles[0].authors == []
    assert "水生态、水环境" in articles[0].body.replace(" ", "")


def test_a_photographers_line_after_a_caption_is_its_credit_not_a_byline():
    # 王文静摄 reads as a four-character name (王 and 文 are both surnames)
    page = (
        "港区冷链物流中心投运\n\n"
        "本报讯 日前，临港综合保税区冷链物流中心正式投入运营，可存储冷冻食品三万吨。\n"
        "图为冷链物流中心的自动化立体仓库。\n"
        "王文静摄\n\n"
        "据介绍，中心配备自动分拣系统，通关时间缩短一半，服务周边二十多家进出口企业。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert "据介绍" in articles[0].body
    assert [c.credit for c in articles[0].captions] == ["王文静"]
    assert articles[0].authors == []


@pytest.mark.parametrize(
    "note",
    [
        "（本报记者李明远、通讯员赵小川参与采写）", "（周晓岚参与采写）", "（作者分别为某大学教授、研究员）", "（周晓岚）",
        "（作者为某研究院（所）研究员）",
        "（作者为某省文联副主席）",  # 文联 once read as the role 文 and a name
        # a report from many cities, its reporters after them
        "（本报北京、上海、广州、深圳、成都、西安、武汉、南京、杭州、重庆、天津、沈阳、哈尔滨、长春、乌鲁木齐、"
        "呼和浩特、石家庄10月19日电 记者张立新、王海燕、赵明、周晓岚、孙立平、李明远、陈立新、罗一鸣）",
        "（本报记者张立新、王海燕对本文亦有贡献）", "（新华社北京5月8日电 综合新华社记者报道）",
    ],
)
def test_closing_notes_of_helpers_and_authors_close_the_article(note):
    assert match_closing_report(note) is not None
    page = (
        "开发区营商环境再升级\n\n"
        "本报讯 记者从市政务服务中心获悉，开发区推出企业开办一日办结，全年新登记市场主体增长两成。\n\n"
        f"{note}\n\n\n"
        "高新区新材料产业链加速成形\n\n"
        "本报讯 高新区新材料产业园今年新引进项目十二个，总投资超过八十亿元，带动上下游企业集聚。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["开发区营商环境再升级", "高新区新材料产业链加速成形"]
    assert note not in articles[1].title + articles[1].kicker


def test_a_headline_with_its_own_byline_after_a_signed_article_starts_the_next():
    # OCR ran the first article's byline and the next headline into one line
    page = (
        "沿江产业带提速发展\n\n"
        "沿江产业带今年新开工项目三十个，完成投资四百亿元，新能源、新材料两大集群初具规模。\n\n"
        "□ 本报记者 孙立平 创新平台建设是关键\n\n"
        "周海燕\n\n"
        "科技部等部门近日印发方案，支持沿江城市共建创新平台，推动科研成果就地转化。\n"
    )
    articles = _split(page)
    assert [a.title for a in articles] == ["沿江产业带提速发展", "创新平台建设是关键"]
    assert articles[0].authors == ["孙立平"]
    assert articles[1].authors == ["周海燕"]
    assert articles[1].body.startswith("科技部")


def test_the_shipped_models_are_there_and_read_a_stack():
    assert storymodel.available()
    roles = stackmodel.stack_roles(["坚持创新驱动 推动高质量发展——", "高新区产值突破千亿元"])
    assert roles == ["kicker", "title"]
    roles = stackmodel.stack_roles(["高新区产值突破千亿元", "——创新驱动的一个样本"])
    assert roles == ["title", "subtitle"]


@pytest.fixture(scope="module")
def pages():
    if not CORPUS.exists():
        raise FileNotFoundError(f"{CORPUS} not found (tests read ../shared/corpus)")
    return read_pages(CORPUS)


def test_training_examples_come_from_the_answers(pages):
    stories = list(story_examples(CORPUS, 12, seed=5))
    # the pages of columns read out of order among them give the third call its examples
    assert {label for _, label in stories} == {storymodel.NEW, storymodel.SAME, storymodel.JUMP}
    assert all("bias" in evidence for evidence, _ in stories)
    stacks = list(stack_examples(CORPUS, 40, seed=5))
    assert stacks and all(len(x) == len(y) >= 2 for x, y in stacks)
    assert {label for _, labels in stacks for label in labels} <= {"K", "T", "U"}


def test_a_line_read_with_a_space_between_every_character_is_read_as_its_words():
    page = (
        "保税区跨境电商业务量创新高\n\n"
        "本报讯 今年前十个月，综合保税区跨境电商\n"
        "进 出 口 单 量 突 破 三 千 万 单 ， 同 比 增 长\n"
        "四成，带动周边物流企业新增就业岗位两千多个。\n"
        "图为保税区跨境电商监管中心。\n"
        "本 报 记 者   周 海 燕 摄\n\n"
        "保税区管委会表示，将继续完善跨境电商公共服务平台。\n"
    )
    articles = _split(page)
    assert len(articles) == 1
    assert "进出口单量突破三千万单" in articles[0].body
    assert [c.credit.endswith("周海燕") for c in articles[0].captions] == [True]
    assert articles[0].body.endswith("公共服务平台。")


def test_a_model_written_by_training_is_the_one_the_next_step_reads(tmp_path):
    # train_splitter fits the line model, then reads it to gather the story model's examples, and
    # so on: a tagger of the file a step replaced, kept open from before, made the result depend on
    # the models there before the run (found when a second run rebuilt another stack model)
    from clippings.evaluation.training import _fit
    from clippings.text.linemodel import open_model

    path = tmp_path / "model.crfsuite"
    _fit([([{"bias": 1.0}], ["A"])], {}, path, "lines", 1, log=lambda *a: None)
    assert open_model(path).labels() == ["A"]
    _fit([([{"bias": 1.0}], ["B"])], {}, path, "lines", 1, log=lambda *a: None)
    assert open_model(path).labels() == ["B"]
