"""Figures a bulletin reports (检查单位56家, 罚款13万余元), as campaign statistics: {label, value, unit}.

A figure is an Arabic number with a unit of count or money, ending its clause (followed by punctuation or
the end of the line), not an ordinal (第3次) and not part of a range or a longer number. Its label is the
clause before it, from the last word that only says "in total" (共, 累计, 其中, 已…) on; items of a list
joined by 、 that carry no figure of their own belong to the next one that does (检查网站、网店152个次).
万 and 亿 multiply (2万余份 -> 20000 份), except in money, where 万元 and 亿元 are the units the campaign
files use. An approximate figure (约, 余, 多, 近, 逾, 超过, 左右, 以上) keeps the text's own words in its label:
发放宣传资料（2万余份）.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

UNITS = ("家次", "户次", "人次", "个次", "台次", "车次", "架次", "批次", "万元", "亿元", "公斤", "千克", "家", "户", "个",
         "件", "起", "宗", "次", "处", "台", "辆", "块", "名", "人", "份", "张", "册", "本", "期", "场", "条", "项",
         "组", "批", "只", "具", "套", "箱", "瓶", "盒", "袋", "吨", "轮", "元", "%")
_BEFORE_APPROX = ("超过", "约", "近", "逾", "超")
_FIGURE = re.compile(
    r"(?P<pre>超过|约|近|逾|超|达)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<mult>万|亿)?(?P<approx>余|多)?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")(?P<after>左右|以上|余)?")
_CLAUSE_END = "，,。；;：:！？!?、）)”"
_HARD = re.compile(r"[，,。；;：:！？!?（(）)“”]")
_SCOPE = re.compile(r"共计|累计|合计|总计|其中|目前已|目前|现已|已|(?<![公一])共(?![享治同建识赢产青和])")
_LEADING = re.compile(r"^(?:并|还|又|再|另|同时|先后|均|全年|今年以来|活动期间|行动期间|期间)+")
_TRAILING = re.compile(r"(?:超过|人民币|约|近|逾|超|达|计|共)+$")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float
    unit: str
    line: int  # index of the line it was read from

    def as_stat(self) -> dict:
        return {"label": self.label, "value": self.value, "unit": self.unit}


def _value(match: re.Match) -> tuple[int | float, str]:
    number = float(match["num"].replace(",", "") + ("." + match["dec"] if match["dec"] else ""))
    unit = match["unit"]
    if match["mult"]:
        if unit == "元":
            unit = match["mult"] + "元"
        else:
            number *= 10_000 if match["mult"] == "万" else 100_000_000
    number = round(number, 6)
    return (int(number) if number.is_integer() else number), unit


def _is_figure(text: str, match: re.Match) -> bool:
    start = match.start("num")
    before = text[start - 1] if start else ""
    if before.isdigit() or before in ".-－—~～第" or (before.isascii() and before.isalpha()):
        return False
    rest = text[match.end():].lstrip()
    return not rest or rest[0] in _CLAUSE_END


def _label(clause_before: str) -> str:
    items = clause_before.split("、")
    label = "、".join(items)
    scope = None
    for scope in _SCOPE.finditer(label):
        pass
    if scope:
        label = label[scope.end():]
    inner = None
    for inner in _FIGURE.finditer(label):  # 出动1350人次检查场所760家次: the last figure's own clause
        pass
    if inner:
        label = label[inner.end():]
    label = _TRAILING.sub("", _LEADING.sub("", label.strip()))
    return label.strip("、 ")


def figures_in(line: str, index: int = 0) -> list[Figure]:
    """Every figure of one line, in order."""
    text = unicodedata.normalize("NFKC", line)  # full-width digits and % read as ASCII
    found: list[Figure] = []
    clause_start = 0
    consumed = 0  # where the text of the previous figure of this clause ended
    for match in _FIGURE.finditer(text):
        if not _is_figure(text, match):
            continue
        hard = [m.end() for m in _HARD.finditer(text, 0, match.start())]
        start = hard[-1] if hard else 0
        if start != clause_start:
            clause_start, consumed = start, start
        before = text[max(consumed, start):match.start()]
        if before.startswith("、"):
            before = before[1:]
        label = _label(before)
        consumed = match.end()
        if not _HAN.search(label):
            continue
        value, unit = _value(match)
        approximate = (match["pre"] in _BEFORE_APPROX) or match["approx"] or match["after"]
        if approximate:
            figure_text = match.group()[len("达") if match["pre"] == "达" else 0:]
            label = f"{label}（{figure_text}）"
        found.append(Figure(label, value, unit, index))
    return found


def figures(lines: list[str]) -> list[Figure]:
    found = []
    for index, line in enumerate(lines):
        found += figures_in(line, index)
    return found
