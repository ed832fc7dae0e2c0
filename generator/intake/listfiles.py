"""YAML and JSON files: a list of records keyed by English field ids or Chinese headers.

Row numbers are the lines YAML items start on (as an editor shows them) or the item's number in a JSON list.
Keys written twice in one record are caught here: both formats would otherwise keep the last one silently.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..core.problems import Problem, Severity, Unreadable
from ..core.text import cell_text
from .headers import alias_table, fold_header
from .mapping import MAPPING_FILE
from .rows import Cell, RawRow, fill_fixed, keep_row


class KeyedDict(dict):
    """A mapping that remembers keys written twice with different values (JSON and YAML keep only the last)."""

    duplicates: list

    @classmethod
    def from_pairs(cls, pairs) -> "KeyedDict":
        mapping = cls()
        mapping.duplicates = []
        for key, value in pairs:
            if key in mapping and mapping[key] != value:
                mapping.duplicates.append(key)
            mapping[key] = value
        return mapping


class _KeyedLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        return KeyedDict.from_pairs((self.construct_object(k, deep=deep), self.construct_object(v, deep=deep))
                                    for k, v in node.value)


_KeyedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                             lambda loader, node: loader.construct_mapping(node, deep=True))


def _load(path: Path):
    try:
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".json":
            return text, json.loads(text, object_pairs_hook=KeyedDict.from_pairs)
        return text, yaml.load(text, Loader=_KeyedLoader)
    except UnicodeDecodeError:
        raise Unreadable("文件不是 UTF-8 编码，请另存为 UTF-8") from None
    except (yaml.YAMLError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        raise Unreadable(f"{'JSON' if path.suffix.lower() == '.json' else 'YAML'} 格式有误（{exc}）") from None
    except RecursionError:
        raise Unreadable("文件嵌套层数过多") from None


def read_records(path: Path, name: str, rtype, mapping, report) -> list[RawRow]:
    text, data = _load(path)
    if isinstance(data, dict) and isinstance(data.get(rtype.name), list):
        for key in data:
            if key != rtype.name:
                report.error("file-shape", f"文件中的「{key}」未读取：文件应只含记录列表，或 {rtype.name}: [记录…]",
                             file=name, column=str(key))
        data = data[rtype.name]
    if not isinstance(data, list):
        report.error("file-shape", "文件应为记录列表（每条记录一组 字段: 值）", file=name)
        return []
    table = alias_table(rtype, mapping.aliases)
    lines = _yaml_item_lines(text) if path.suffix.lower() != ".json" else []
    rows, unknown = [], {}
    for index, item in enumerate(data):
        # YAML: the line the item starts on, as an editor shows it; JSON: the item's number in the list
        number = lines[index] if index < len(lines) else index + 1
        raw = RawRow(name, "", number, optional=mapping.optional)
        if not isinstance(item, dict):
            raw.problems.append(Problem(Severity.ERROR, "file-shape", "这一条不是“字段: 值”的形式", name, "", number,
                                        value=cell_text(item)))
            rows.append(raw)  # counted, and rejected
            continue
        for key in getattr(item, "duplicates", ()):
            raw.problems.append(Problem(Severity.ERROR, "conflicting-columns",
                                        f"「{key}」在这一条中出现两次且内容不同，请只保留一个", name, "", number, str(key)))
        extra = []
        for key, value in item.items():
            folded, unit = fold_header(str(key))
            field_id = table.get(folded)
            if field_id is None:
                if folded not in mapping.ignore:
                    unknown.setdefault(str(key), number)
                    extra.append(cell_text(value) if not isinstance(value, (dict, list)) else "…")
                continue
            raw.add(field_id, Cell(str(key), value, unit))
        fill_fixed(raw, mapping)
        if raw.problems or keep_row(raw, report, rtype, extra):
            rows.append(raw)
    for key, number in unknown.items():
        report.warning("unknown-column", f"不认识的字段「{key}」，已忽略；如需使用请在 {MAPPING_FILE} 中添加别名",
                       file=name, row=number, column=key)
    return rows


def _yaml_item_lines(text: str) -> list[int]:
    """Line numbers (1-based) where each item of a top-level YAML list starts."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.MappingNode):  # {cases: [...]} form
        node = next((v for k, v in node.value if isinstance(v, yaml.SequenceNode)), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]
