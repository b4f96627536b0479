"""Bylines, datelines, credits and page furniture in the forms newspapers print them."""
import pytest

from clippings.text.names import split_names
from clippings.text.patterns import match_byline, match_dateline, match_furniture, split_credit


@pytest.mark.parametrize(
    "line, authors, rest",
    [
        ("本报记者 林思远", ["林思远"], ""),
        ("□ 本报记者 周海川 协同发展打基础", ["周海川"], "协同发展打基础"),
        ("▶ 潘立军", ["潘立军"], ""),
        ("▶ 潘 立 军", ["潘立军"], ""),
        ("记者 张三 实习生 李四", ["张三", "李四"], ""),
        ("本报记者 袁 芳", ["袁芳"], ""),
        ("（记者 欧阳明）", ["欧阳明"], ""),
        ("（记者 王 军 实习生 刘 畅）", ["王军", "刘畅"], ""),
        ("袁芳 蒋若溪", ["袁芳", "蒋若溪"], ""),
        ("方雨晴 董欣 图片由青禾湾生态城提供", ["方雨晴", "董欣"], ""),
        ("新华社记者 阿依古丽·买买提", ["阿依古丽·买买提"], ""),
        # 文 ("text by") after a name it does not end: a writer's byline over a photo report
        ("本报记者 沈筱雯文", ["沈筱雯"], ""),
        ("□本报记者 何晓岚文", ["何晓岚"], ""),
        ("本报记者 王海文", ["王海文"], ""),  # …and a name that ends with 文 keeps it
        # who wrote and who took the pictures, before the byline or after each name
        ("文/图 本报记者 沈筱雯", ["沈筱雯"], ""),
        ("文·图/沈筱雯", ["沈筱雯"], ""),
        ("沈筱雯 文/图", ["沈筱雯"], ""),
        ("沈筱雯/文 何晓岚/图", ["沈筱雯", "何晓岚"], ""),
        # …and what closes the byline on its line is no part of the text after it
        ("本报记者 沈筱雯 文/图", ["沈筱雯"], ""),
        ("记者 沈筱雯 报道：截至4月底，园区在孵企业", ["沈筱雯"], "截至4月底，园区在孵企业"),
        # after a reporter's role, a name of a surname the list lacks or of none of the Han surnames
        ("本报记者 仉志远", ["仉志远"], ""),
        ("记者 阿拉坦 通讯员 乜海涛", ["阿拉坦", "乜海涛"], ""),
        ("（本报记者 仉志远）", ["仉志远"], ""),
        # the reporter's desk before the role, and a bar between the credit and the name
        ("本报全媒体记者 沈筱雯", ["沈筱雯"], ""),
        ("融媒记者 沈筱雯 通讯员 何晓岚", ["沈筱雯", "何晓岚"], ""),
        ("文｜沈筱雯", ["沈筱雯"], ""),
        # regional papers: a correspondent of this paper (not a dateline 本报通讯…), another paper's or a
        # county media centre's reporter, a bureau, 报道 closing the line, who wrote it before the role
        ("本报通讯员 沈筱雯", ["沈筱雯"], ""),
        ("本报特约通讯员 沈筱雯", ["沈筱雯"], ""),
        ("滨江晚报记者 沈筱雯", ["沈筱雯"], ""),
        ("云溪县融媒体中心记者 沈筱雯", ["沈筱雯"], ""),
        ("本报驻云溪记者站 沈筱雯", ["沈筱雯"], ""),
        ("本报记者 沈筱雯 报道", ["沈筱雯"], ""),
        ("文/本报通讯员 沈筱雯", ["沈筱雯"], ""),
        # …a mark before who wrote it; a bureau named by its place without 驻; a media centre's
        # reporter without a role word, known by the role that follows on the line
        ("□文/本报通讯员 沈筱雯", ["沈筱雯"], ""),
        ("■文/图 本报记者 沈筱雯", ["沈筱雯"], ""),
        ("本报云溪记者站 沈筱雯 通讯员 何晓岚", ["沈筱雯", "何晓岚"], ""),
        ("云溪县融媒体中心 沈筱雯 通讯员 何晓岚", ["沈筱雯", "何晓岚"], ""),
        # who wrote it and who took the pictures, each with a name, on one line; a photo report's credit
        ("文/沈筱雯 图/何晓岚", ["沈筱雯", "何晓岚"], ""),
        ("文 | 沈筱雯  图 | 何晓岚", ["沈筱雯", "何晓岚"], ""),
        ("本报记者 沈筱雯 通讯员 何晓岚 摄影报道", ["沈筱雯", "何晓岚"], ""),
    ],
)
def test_bylines(line, authors, rest):
    byline = match_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.rest == rest


@pytest.mark.parametrize(
    "line",
    [
        "高新区", "核心提示", "青禾软件园", "改造传统工厂", "南湖", "软件产业加速成势",
        # words after a role that are no name, and names outside a byline that the surname list lacks
        "本报记者 日前获悉", "本报记者 调研发现", "仉志远", "阿拉坦",
        # a media centre's name with no role word is a headline's subject (review)
        "云溪县融媒体中心 揭牌",
        # the reporter at work: a report's first words, though any 2-4 characters after a role may
        # be a name
        "记者从国家移", "记者在滨江新城", "记者近日走访",
    ],
)
def test_not_bylines(line):
    assert match_byline(line) is None


@pytest.mark.parametrize("line", ["文图并茂", "图文", "文化"])
def test_a_credit_mark_alone_is_no_byline(line):
    assert match_byline(line) is None


@pytest.mark.parametrize(
    "line, head, authors, rest",
    [
        ("本报讯（特约通讯员 罗立川）", "本报讯（特约通讯员 罗立川）", ["罗立川"], ""),
        ("本报讯（通讯员 孟凡清）日前，苏州工业园区发布", "本报讯（通讯员 孟凡清）", ["孟凡清"], "日前，苏州工业园区发布"),
        ("新华社北京3月5日电（记者 王五 赵六）", "新华社北京3月5日电（记者 王五 赵六）", ["王五", "赵六"], ""),
        ("本报讯（记者 何 静 唐 韬）", "本报讯（记者 何静唐韬）", ["何静", "唐韬"], ""),
        # the reporters after the dateline without brackets, closed by a colon
        ("本报讯 记者沈筱雯 通讯员何晓岚 报道：高新区日前", "本报讯 记者沈筱雯 通讯员何晓岚 报道：", ["沈筱雯", "何晓岚"],
         "高新区日前"),
        ("本报讯 记者 沈筱雯：高新区日前", "本报讯 记者 沈筱雯：", ["沈筱雯"], "高新区日前"),
        ("本报讯 高新区日前出台新政", "本报讯", [], "高新区日前出台新政"),
        ("本报讯（全媒体记者 沈筱雯）园区日前", "本报讯（全媒体记者 沈筱雯）", ["沈筱雯"], "园区日前"),
        # …without brackets or a colon, the text after the names (regional papers)
        ("本报讯 记者 沈筱雯 近日，园区开展抽查", "本报讯 记者 沈筱雯", ["沈筱雯"], "近日，园区开展抽查"),
        ("滨江晚报讯 记者 沈筱雯 通讯员 何晓岚 5月9日，园区", "滨江晚报讯 记者 沈筱雯 通讯员 何晓岚", ["沈筱雯", "何晓岚"],
         "5月9日，园区"),
        # …but not the reporter as the sentence's subject, nor names a column broke before their colon
        ("本报讯 记者从市发改委获悉，今年", "本报讯", [], "记者从市发改委获悉，今年"),
        ("本报讯 记者沈筱雯 通", "本报讯", [], "记者沈筱雯 通"),
    ],
)
def test_datelines(line, head, authors, rest):
    dateline = match_dateline(line)
    assert (dateline.text, dateline.authors, dateline.rest) == (head, authors, rest)


@pytest.mark.parametrize(
    "line", ["组装一台笔记本电脑用时缩短", "本报记者走进园区", "电讯行业发展", "本报通讯员 沈筱雯", "本报综合报道，云溪县今年小麦丰收"]
)
def test_not_datelines(line):
    assert match_dateline(line) is None


@pytest.mark.parametrize(
    "line, before, raw, name",
    [
        ("矗立滨湖大道旁的东岭经济技术开发区 摄/邵建平", "矗立滨湖大道旁的东岭经济技术开发区", "摄/邵建平", "邵建平"),
        ("件，持续打响“园区帮办”服务品牌。 韩晓云/摄", "件，持续打响“园区帮办”服务品牌。", "韩晓云/摄", "韩晓云"),
        ("货船。 孙明哲摄（江城视觉）", "货船。", "孙明哲摄（江城视觉）", "孙明哲（江城视觉）"),
        ("图为湖心科学城一角。 （资料图片）", "图为湖心科学城一角。", "（资料图片）", "资料图片"),
        ("（资料图片）", "", "（资料图片）", "资料图片"),
        ("办理时间压缩了40%。 赵 磊/摄", "办理时间压缩了40%。", "赵磊/摄", "赵磊"),
        ("一期项目。 胡 涛摄（东湖视觉）", "一期项目。", "胡涛摄（东湖视觉）", "胡涛（东湖视觉）"),
        ("新华社记者 李四 摄", "", "新华社记者 李四摄", "新华社记者 李四"),
        # every form of credit (each has a word the quick pre-check looks for)
        ("园区一角。 图/张三", "园区一角。", "图/张三", "张三"),
        ("生产线。 摄影：李 明", "生产线。", "摄影：李明", "李明"),
        ("新区夜景。 （视觉中国）", "新区夜景。", "（视觉中国）", "视觉中国"),
        ("港区。 新华社发（贾云峰 摄）", "港区。", "新华社发（贾云峰摄）", "新华社发（贾云峰摄）"),
        ("厂房。 园区管委会供图", "厂房。", "园区管委会供图", "园区管委会"),
        ("园区。 资料照片", "园区。", "资料照片", "资料照片"),
        ("（新华社发）", "", "（新华社发）", "新华社发"),
        ("生产线。（摄影：李明）", "生产线。", "（摄影：李明）", "李明"),
        ("生产线。 李明 摄影", "生产线。", "李明 摄影", "李明"),
        ("厂房。 图片由园区管委会提供", "厂房。", "图片由园区管委会提供", "园区管委会"),
    ],
)
def test_credits(line, before, raw, name):
    text, credit = split_credit(line)
    assert (text, credit.raw, credit.name) == (before, raw, name)


@pytest.mark.parametrize(
    "line", ["我们进行拍摄", "美 编 许 岚", "摄影爱好者聚集", "图为园区全景", "工作人员 正在拍摄", "业业摄", "我们进行航空摄影"]
)
def test_not_credits(line):
    assert split_credit(line) is None


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("本版编辑 陈书宁 美 编 许 岚", True),
        ("责任编辑：张三", True),
        ("本版编辑 沈 悦  美 编 黎 明", True),
        ("2024年3月5日 星期二", True),
        ("第5版", True),
        # a running head: page marks around one section name
        ("第3版 经济新闻 2024年5月10日 星期五", True),
        ("经济新闻 第3版", True),
        ("2024年5月11日 星期六 责任编辑：王敏 美术编辑：周晴", True),
        ("2024年5月11日 星期六 高新区发布人才新政", False),
        ("开发区第3版规划出炉", False),
        ("高新区新版规划 星期五发布", False),
        ("编辑部召开会议", False),
        ("青禾 软件产业加速成势", False),
        # two pages' editors on one line, a letter-spaced name among them; an issue's coordinator
        ("三版责编：周明远 李 静 四版责编：王海涛 赵小川", True),
        ("本期统筹：孙立平", True),
        ("统筹推进乡村振兴", False),
        ("值班主任：孙立平  责任编辑：王敏", True),
        ("值班主任说", False),
        # a regional paper's running head: its page code and section, no 版
        ("A3 区县新闻", True),
        ("B12 园区经济", True),
        ("C919 大飞机首航", False),
    ],
)
def test_furniture(line, furniture):
    assert match_furniture(line) is furniture


@pytest.mark.parametrize(
    "text, names",
    [
        ("阿依古丽·买买提 张三", ["阿依古丽·买买提", "张三"]),
        ("张三、李四", ["张三", "李四"]),
        ("王五/赵六", ["王五", "赵六"]),
        ("许 岚", ["许岚"]),
        ("张三。", None),  # a character no name has
        ("A张三", None),
        ("", None),
    ],
)
def test_split_names(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    "line, authors",
    [
        ("（通讯员 沈筱雯）", ["沈筱雯"]),  # (通讯员 once read as a name: 通 is a surname)
        ("（通讯员 沈筱雯 报道）", ["沈筱雯"]),
        ("（沈筱雯）", ["沈筱雯"]),
        ("（闵晓文）", ["闵晓文"]),  # a name ending with 文 is no role
    ],
)
def test_closing_signatures(line, authors):
    from clippings.text.patterns import match_closing_report

    assert match_closing_report(line).authors == authors


@pytest.mark.parametrize("line", ["走进开发区·之一", "乡村振兴·进行时", "县域观察·园区行", "园区巡礼·之三"])
def test_words_joined_by_a_middle_dot_are_a_kicker_not_a_minority_name(line):
    # (a kicker over a short story was read as the name line closing the story above)
    assert match_byline(line) is None


@pytest.mark.parametrize("line", ["买买提·吐尔逊", "阿依努尔·托合提", "努尔兰·阿不都满金", "约瑟夫·马丁"])
def test_a_transliterated_name_with_a_middle_dot_is_still_a_name(line):
    assert match_byline(line).authors == [line]
