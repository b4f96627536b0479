"""Short forms of administrative division names (no Django).

Shared by the gazetteer build script and zone linking: "宜昌市" is written "宜昌",
"楚雄彝族自治州" "楚雄", "湖北省" "湖北". The names of every division (``division_names``)
come from the public divisions list through ``scripts/build_gazetteer.py`` (fixtures/places.json).
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

PLACES_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "places.json"

_CITY_SUFFIX_RE = re.compile(r"(市|地区|盟|(?:\S{1,6}族)*自治州)$")
_PROVINCE_SUFFIX_RE = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")


def short_city(city: str) -> str:
    return _CITY_SUFFIX_RE.sub("", city) or city


def short_province(province: str) -> str:
    return _PROVINCE_SUFFIX_RE.sub("", province) or province


# Countries other than China, as Chinese texts name them: before a firm's name ("新加坡X集团") a
# country says where the firm comes from, it is not part of the name.
FOREIGN_COUNTRIES = frozenset(
    """美国 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 比利时 卢森堡 瑞士 奥地利 瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰 希腊 波兰 捷克
    斯洛伐克 匈牙利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 斯洛文尼亚 俄罗斯 乌克兰 白俄罗斯 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦
    塔吉克斯坦 土库曼斯坦 蒙古 日本 韩国 朝鲜 越南 老挝 柬埔寨 泰国 缅甸 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 印度
    巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 阿富汗 伊朗 伊拉克 土耳其 以色列 沙特 沙特阿拉伯 阿联酋 卡塔尔 科威特 阿曼 约旦 埃及
    南非 尼日利亚 肯尼亚 埃塞俄比亚 摩洛哥 阿尔及利亚 坦桑尼亚 加拿大 墨西哥 巴西 阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 古巴
    澳大利亚 新西兰 欧盟""".split()
)


@cache
def division_names() -> frozenset[str]:
    """Provinces, cities and counties in full and short (铜梁区, 铜梁); empty without the fixture."""
    try:
        return frozenset(json.loads(PLACES_FIXTURE.read_text(encoding="utf-8"))["names"])
    except FileNotFoundError:
        return frozenset()
