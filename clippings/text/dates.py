"""Inferring an article's year from its text (no Django).

Used only when the page came without an issue date. The year is the latest year the text
reports on as past or present ("2024年年底", "2024年1-11月", "2024年3月5日", "截至2024年"),
never a target year ("到2027年", "力争2025年", "（2023—2027年）" plans).
"""
from __future__ import annotations

import re

_YEAR = r"(?P<year>(?:19[89]\d|20[0-4]\d))\s*年"
_REPORTED = re.compile(
    _YEAR
    + r"(?:\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*[-—至]\s*\d{1,2}\s*月|年底|年末|底|末|"
    r"上半年|下半年|前三季度|一季度|二季度|三季度|四季度|全年|以来|年初|初|(?=[，,])))"
)
_TARGET_BEFORE = re.compile(r"(?:到|(?<!截)至|力争|预计|计划|目标|争取|～|—|-|－|~)\s*$")


def infer_year(text: str, *, latest: int | None = None) -> int | None:
    """The latest year the text reports as happened, or ``None``."""
    years = []
    for m in _REPORTED.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if _TARGET_BEFORE.search(before):
            continue
        year = int(m.group("year"))
        if latest is None or year <= latest:
            years.append(year)
    return max(years) if years else None
