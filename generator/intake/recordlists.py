"""YAML and JSON files: a list of records keyed by English field ids or Chinese headers.

Row numbers are the lines YAML items start on (as an editor shows them) or the item's number in a JSON list.
Keys written twice in one record are caught here: both formats would otherwise keep the last one silently.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from ..core import codes
from ..core.problems import Problem, Report, Severity, Unreadable
from ..core.schema import ValueType
from ..core.text import cell_text
from .headers import alias_table, fold_header
from .limits import (RAISE_IT, Budget, LimitedLoader, Limits, Refused, TooLarge, invisible_problem, load_yaml,
                     visible)
from .mapping import MAPPING_FILE
from .rows import Cell, RawRow, fill_fixed, keep


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


class _KeyedLoader(LimitedLoader):
    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):  # `? [a, b]`: a list or a mapping cannot name a field
                raise yaml.constructor.ConstructorError(None, None, "字段名应为文字，不能是列表或“字段: 值”组",
                                                        key.start_mark)
        return KeyedDict.from_pairs((self.construct_object(k, deep=deep), self.construct_object(v, deep=deep))
                                    for k, v in node.value)


_KeyedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                             lambda loader, node: loader.construct_mapping(node, deep=True))


def _load(path: Path, limits: Limits, name: str) -> tuple[object, list[int]]:
    """The data of a YAML or JSON file, and the line each item of its list starts on (YAML only)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8 后重试") from None
    if path.suffix.lower() == ".json":
        return _load_json(text, limits), []
    data, node = load_yaml(text, limits, _KeyedLoader)
    return data, _yaml_item_lines(node, name)


def _load_json(text: str, limits: Limits):
    # Every value of a JSON document is a comma, a bracket or a brace away from the next: counting those
    # bounds what json.loads would build before it builds it (50 MB of [[],[],…] would take gigabytes).
    upper = text.count(",") + text.count("[") + text.count("{")
    if upper > limits.cells:
        raise TooLarge(f"JSON 文件超过 {limits.cells:,} 项（max_cells），未读取。请把数据拆分为几个文件"
                       + RAISE_IT.format(setting="max_cells"))
    try:
        return json.loads(text, object_pairs_hook=KeyedDict.from_pairs)
    except json.JSONDecodeError as exc:
        raise Refused(f"JSON 格式有误（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。请检查该处的逗号、引号和括号",
                      row=exc.lineno) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise Refused(f"JSON 格式有误（{exc}）") from None
    except RecursionError:
        raise Refused("JSON 嵌套层数过多，不像记录数据，未读取") from None


def read_records(path: Path, name: str, rtype, mapping, report: Report, limits: Limits) -> list[RawRow]:
    data, lines = _load(path, limits, rtype.name)
    if isinstance(data, dict) and isinstance(data.get(rtype.name), list):
        for key in data:
            if key != rtype.name:
                report.error(codes.FILE_SHAPE, f"文件中的「{_key_text(key)}」未读取：文件应只含记录列表，或 {rtype.name}: [记录…]",
                             file=name, column=_key_text(key))
        data = data[rtype.name]
    if not isinstance(data, list):
        report.error(codes.FILE_SHAPE, "文件应为记录列表（每条记录一组 字段: 值）", file=name)
        return []
    _check_size(data, lines, limits)
    table = alias_table(rtype, mapping.aliases)
    rows, unknown = [], {}
    for index, item in enumerate(data):
        # YAML: the line the item starts on, as an editor shows it; JSON: the item's number in the list
        number = lines[index] if index < len(lines) else index + 1
        raw = RawRow(name, "", number, optional=mapping.optional)
        if not isinstance(item, dict):
            raw.problems.append(Problem(Severity.ERROR, codes.FILE_SHAPE, "这一条不是“字段: 值”的形式", name, "", number,
                                        value=_brief(item)))
            rows.append(raw)  # counted, and rejected
            continue
        for key in getattr(item, "duplicates", ()):
            raw.problems.append(Problem(Severity.ERROR, codes.CONFLICTING_COLUMNS,
                                        f"「{_key_text(key)}」在这一条中出现两次且内容不同，请只保留一个", name, "", number,
                                        _key_text(key)))
        extra = []
        for key, value in item.items():
            header, removed = visible(_key_text(key))
            if removed:
                raw.problems.append(invisible_problem(removed, name, "", number, header))
            folded, unit = fold_header(header)
            field_id = table.get(folded)
            if field_id is None:
                if folded not in mapping.ignore:
                    unknown.setdefault(header, number)
                    extra.append(_brief(value))
                continue
            choices = rtype.field(field_id).value_type is ValueType.CHOICES and isinstance(value, list)
            if not (choices and all(_scalar(v) for v in value) or _scalar(value)):
                what = "一组“字段: 值”" if isinstance(value, dict) else "一组值" if isinstance(value, (list, set)) else "二进制数据"
                raw.problems.append(Problem(Severity.ERROR, codes.FILE_SHAPE, f"「{header}」的值是{what}，"
                                            "应为一个值（文字、数字或日期）", name, "", number, header, _brief(value)))
                continue
            raw.add(field_id, Cell(header, value, unit))
        fill_fixed(raw, mapping)
        keep(raw, rows, report, rtype, extra)
    for key, number in unknown.items():
        report.warning(codes.UNKNOWN_COLUMN, f"不认识的字段「{key}」，已忽略；如需使用请在 {MAPPING_FILE} 中添加别名",
                       file=name, row=number, column=key)
    return rows


def _check_size(data: list, lines: list[int], limits: Limits) -> None:
    """Records, fields per record, and the length of each value, within the limits."""
    budget = Budget(limits)
    for index, item in enumerate(data):
        number = lines[index] if index < len(lines) else index + 1
        if index + 1 > limits.rows:
            raise TooLarge(f"文件有 {len(data):,} 条记录，超过上限 {limits.rows:,}（max_rows），未读取。"
                           "请把数据拆分为几个文件" + RAISE_IT.format(setting="max_rows"), row=number)
        if not isinstance(item, dict):
            continue
        budget.check_columns(len(item), number)
        budget.take(len(item), row=number)
        for key, value in item.items():
            for text in [key, *value] if isinstance(value, list) else [key, value]:
                budget.check_text(text, row=number, column=_key_text(key)[:50])


def _scalar(value) -> bool:
    """A value one cell can hold. YAML can also write sets, binary data and nested records."""
    return value is None or isinstance(value, (str, int, float, date))


def _key_text(key) -> str:
    """A key as text: YAML reads `2024: …` as a number, `~: …` as None."""
    return cell_text(key) if key is not None else "null"


def _brief(value) -> str:
    """A value for a problem message: nested data is not spelled out."""
    return visible(cell_text(value))[0] if _scalar(value) else "…"


def _yaml_item_lines(node, name: str) -> list[int]:
    """Line numbers (1-based) where each item of a top-level YAML list starts."""
    if isinstance(node, yaml.MappingNode):  # {cases: [...]} form
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]
