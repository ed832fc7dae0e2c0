"""Text as it comes out of spreadsheets: trimmed, width-folded, placeholders recognised, made into addresses."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

PLACEHOLDERS = {"无", "暂无", "—", "-", "--", "——", "/", "無", "暫無", "n/a", "N/A"}


def fold(text: str) -> str:
    """Full-width letters, digits and brackets to half-width; trim."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(value) -> str:
    """Any cell value (str, number, datetime from a spreadsheet) as trimmed text."""
    if type(value) is str:  # nearly every cell: the quick way first
        return value.strip().replace("\u3000", " ").strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN: an empty numeric cell some readers give as float("nan")
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value).strip().replace("\u3000", " ").strip()


def is_placeholder(text: str) -> bool:
    return text in PLACEHOLDERS


_SPACE_RUNS = re.compile(r"[ \t\u3000]+")


def fold_spaces(text: str) -> str:
    """Free text keeps its characters; only runs of spaces collapse."""
    return _SPACE_RUNS.sub(" ", text).strip()


_UNSAFE = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]+")


def slugify(key: str) -> str:
    """The public path segment of a record: CJK and ASCII letters and digits, other runs become '-'.

    示例市监处罚〔2025〕31号 -> 示例市监处罚-2025-31号. Addresses are part of the product: never change this
    without a redirect plan.
    """
    text = unicodedata.normalize("NFKC", key)
    return _UNSAFE.sub("-", text).strip("-")
