"""Addresses down to the door: road or lane and number (人民路88号3栋2单元501室), a community and its building,
a village and its group (某村3组). The region before them (市, 区, 镇) stays; the rest is masked. In free text
every such address is masked: a natural person's is private, and a company's is public only in its own field.
"""
from __future__ import annotations

import re

NUM = r"[0-9〇零○一二三四五六七八九十百千幺两]{1,6}+(?:-[0-9]{1,4}+)?"
UNIT = r"(?:号楼|号院|栋|幢|座|单元|楼|层|室|户|号|组|队|社)"
# then buildings, units and rooms; a room may follow 单元 or 楼 without 室 (3单元201)
MORE = (rf"(?:[ ]*(?:之|附)?[ ]*{NUM}[ ]*{UNIT})*+"
        r"(?:(?:(?<=单元)|(?<=楼)|(?<=层)|(?<=栋)|(?<=幢))[0-9]{2,4}+(?![0-9年月日元件台个具只箱批]))?")
STREET = re.compile(rf"(?:大街|大道|路|街|巷|弄|胡同|段|坊)[ ]*{NUM}[ ]*(?:号院|号|弄|巷){MORE}")
PLACE = re.compile(rf"(?:小区|花园|苑|公寓|新村|大厦|家园|花苑|华庭|广场|商城|城|府|园|庭|湾|村|屯|庄)"
                   rf"[ ]*{NUM}[ ]*(?:号楼|栋|幢|座|号院|号|组|队|社){MORE}")
BUILDING = re.compile(rf"{NUM}[ ]*(?:号楼|栋|幢|座)[ ]*{NUM}[ ]*单元{MORE}|{NUM}[ ]*单元[ ]*{NUM}[ ]*(?:室|号)")
# Where the name of a road or a community stops, going left: the region it is in, or the words before it.
# (和, 及, 与 are not among them: 和平路, 与隆街)
_STOP = set("省市区县旗镇乡州盟住在于址至从到的位居系即为是经营开设设于将对向往，,。;；:：、()（）\"“”《》 ")
_NAME_MAX = 12


def find_addresses(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for pattern in (STREET, PLACE, BUILDING):
        for match in pattern.finditer(view):
            start, end = match.span()
            if pattern is not BUILDING:
                start = _name_start(view, start)
            if not any(taken[start:end]):
                found.append((start, end, "address"))
    return found


def _name_start(view: str, start: int) -> int:
    i = start
    while i > 0 and start - i < _NAME_MAX and "\u4e00" <= view[i - 1] <= "\u9fff" and view[i - 1] not in _STOP:
        i -= 1
    return i
