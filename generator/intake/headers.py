"""Column headers as clerks write them, matched to field ids: one table per record type and mapping."""
from __future__ import annotations

import re
import unicodedata

from ..core.schema import RecordType
from ..core.text import cell_text


def fold_header(header: str) -> tuple[str, str]:
    """`罚款金额（万元）` -> ("罚款金额", "万元"): half-width, no spaces or markers, unit split off."""
    text = unicodedata.normalize("NFKC", cell_text(header))
    text = re.sub(r"\s+", "", text).strip("*＊:：")
    unit = ""
    for inner in re.findall(r"[(\[【]([^)\]】]*)[)\]】]", text):
        if inner.endswith("元"):
            unit = inner
    name = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", text)
    return name, unit


def alias_table(rtype: RecordType, site_aliases: dict[str, str]) -> dict[str, str]:
    """Folded header -> field id: the field ids themselves, the contract's headers, then the site's own."""
    table = {}
    for f in rtype.fields:
        table[f.id] = f.id
        for header in f.headers:
            table[fold_header(header)[0]] = f.id
    table.update(site_aliases)
    return table
