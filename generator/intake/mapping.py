"""A site's own `_mapping.yaml` beside its data: header aliases, fixed values, ignored columns and sheets."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core import codes
from ..core.problems import Report, Unreadable
from ..core.schema import RecordType
from ..core.text import cell_text
from .headers import fold_header
from .limits import Limits, Refused, check_file_size, invisible_problem, load_yaml, report_refusal, visible
from .paths import display_path

MAPPING_FILE = "_mapping.yaml"
MAPPING_KEYS = {"aliases", "values", "ignore", "ignore_sheets", "optional"}


@dataclass
class Mapping:
    """A site's own header aliases, fixed values and ignored columns for one record type."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded header -> field id
    values: dict[str, object] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    ignore_sheets: set[str] = field(default_factory=set)
    optional: frozenset[str] = frozenset()


def load_mapping(folder: Path, rtype: RecordType, report: Report, root: Path, limits: Limits | None = None
                 ) -> Mapping:
    """The site's own `_mapping.yaml` for this record type; every mistake in it is a problem, never a crash."""
    path = folder / MAPPING_FILE
    mapping = Mapping()
    if not path.exists():
        return mapping
    where = {"file": display_path(path, root)}

    def bad(message: str) -> None:
        report.error(codes.MAPPING_INVALID, message, **where)

    try:
        limits = limits or Limits.of(None)
        check_file_size(path, limits)
        data = load_yaml(path.read_text(encoding="utf-8-sig"), limits)[0] or {}
    except Refused as exc:
        report_refusal(report, exc, where["file"])
        return mapping
    except UnicodeDecodeError:
        bad("映射文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8 后重试")
        return mapping
    except (Unreadable, OSError) as exc:
        bad(f"映射文件无法读取：{exc}")
        return mapping
    if not isinstance(data, dict):
        bad("映射文件应为“键: 值”的形式，可用的键：" + "、".join(sorted(MAPPING_KEYS)))
        return mapping
    for key in sorted(set(map(str, data)) - MAPPING_KEYS):
        bad(f"映射文件中不认识的键「{key}」，可用：{'、'.join(sorted(MAPPING_KEYS))}")
    known = {f.id for f in rtype.fields}

    def section(key: str, shape: type):
        value = data.get(key)
        if value is None:
            return shape()
        if not isinstance(value, shape):
            bad(f"映射文件中「{key}」应为{'“字段: 值”' if shape is dict else '列表'}")
            return shape()
        return value

    for field_id, headers in section("aliases", dict).items():
        if field_id not in known:
            bad(f"映射文件中的字段「{field_id}」不存在，可用：{', '.join(sorted(known))}")
            continue
        for header in headers if isinstance(headers, list) else [headers]:
            mapping.aliases[fold_header(_header(header))[0]] = field_id
    for field_id, value in section("values", dict).items():
        if field_id not in known:
            bad(f"映射文件中的字段「{field_id}」不存在")
            continue
        if isinstance(value, (dict, list, set)):
            bad(f"映射文件 values 中「{field_id}」的值应为一个值（文字、数字或日期），不能是一组")
            continue
        value, removed = visible(value)
        if removed:
            report.add(invisible_problem(removed, where["file"], "", None, f"values.{field_id}"))
        mapping.values[field_id] = value
    mapping.ignore = {fold_header(_header(h))[0] for h in section("ignore", list)}
    mapping.ignore_sheets = {_header(h) for h in section("ignore_sheets", list)}
    optional = {str(f) for f in section("optional", list)}
    for field_id in sorted(optional):
        if field_id not in known or field_id in rtype.locked:
            bad(f"映射文件 optional 中的字段「{field_id}」不存在，或是公示规则要用的字段，不能设为选填")
            optional.discard(field_id)
    mapping.optional = frozenset(optional)
    return mapping


def _header(value) -> str:
    """A header or sheet name the mapping lists, as the readers see one: invisible characters removed."""
    return cell_text(visible(cell_text(value))[0])
